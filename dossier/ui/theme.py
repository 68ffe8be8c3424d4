"""Colours in one place: named tokens for entity kinds and highlights, light and dark.

Everything else comes from the palette, so the app follows the system scheme; these tokens are
chosen per scheme so marks stay readable on either background.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from dossier.core.colors import ACH_CELL_COLORS, DEFAULT_HIGHLIGHT, DEFAULT_NOTE, TAG_PALETTE, UNTAGGED_CLAIM, tag_color  # noqa: F401 - the panels take every colour from here

# (light scheme, dark scheme)
ENTITY_KIND_COLORS = {
    "person": ("#1f6fb2", "#7ab8f5"),
    "organisation": ("#8e44ad", "#c89ce6"),
    "place": ("#23863a", "#7ed491"),
    "unit": ("#c0392b", "#f1948a"),
    "other": ("#6d6d6d", "#b3b3b3"),
}

# Marks drawn over the palette's own colours, readable on light and dark backgrounds alike.
DISAGREES = "#b3261e"  # the claims board: the evidence suggests another credibility than the analyst's
LINKED = "#2e7d32"  # related passages: a sentence already linked as evidence
NOT_DIAGNOSTIC = "#8a8a8a"  # ACH: evidence rated alike for every hypothesis
NETWORK_CHOSEN = "#d9480f"  # the network: the chosen entity's ring and the chosen link
NETWORK_LINK = (120, 120, 120, 110)  # the network's links, translucent grey (r, g, b, alpha)
NETWORK_LABEL = (30, 30, 30)  # the network's names
FALLBACK = "gray"  # an entity kind without a colour of its own

HIGHLIGHT_STRENGTH = (0.45, 0.55)  # how much of the tag colour shows over the background


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def kind_color(kind: str, palette: QPalette) -> QColor:
    light, dark = ENTITY_KIND_COLORS.get(kind, ENTITY_KIND_COLORS["other"])
    return QColor(dark if is_dark(palette) else light)


def highlight_background(color: str, palette: QPalette) -> QColor:
    """A tag colour blended onto the text background: opaque, so overlapping passages don't
    stack into mud, and light enough (or dark enough) for the text to stay readable."""
    base = palette.color(QPalette.ColorRole.Base)
    tint = QColor(color)
    strength = HIGHLIGHT_STRENGTH[1] if is_dark(palette) else HIGHLIGHT_STRENGTH[0]
    if is_dark(palette):
        tint = tint.darker(160)
    return QColor.fromRgbF(
        base.redF() + (tint.redF() - base.redF()) * strength,
        base.greenF() + (tint.greenF() - base.greenF()) * strength,
        base.blueF() + (tint.blueF() - base.blueF()) * strength,
    )

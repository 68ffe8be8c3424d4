"""Colours in one place: named tokens for entity kinds and highlights, light and dark.

Everything else comes from the palette, so the app follows the system scheme; these tokens are
chosen per scheme so marks stay readable on either background.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from dossier.core.colors import DEFAULT_HIGHLIGHT, DEFAULT_NOTE, TAG_PALETTE, UNTAGGED_CLAIM  # noqa: F401 -- the panels' colours, from here

# (light scheme, dark scheme)
ENTITY_KIND_COLORS = {
    "person": ("#1f6fb2", "#7ab8f5"),
    "organisation": ("#8e44ad", "#c89ce6"),
    "place": ("#23863a", "#7ed491"),
    "unit": ("#c0392b", "#f1948a"),
    "other": ("#6d6d6d", "#b3b3b3"),
}

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

"""Colour tokens shared by the window and the PDF: tag palette and default highlight colours."""

from __future__ import annotations

DEFAULT_HIGHLIGHT = "#f5c542"  # a highlight without a tag
DEFAULT_NOTE = "#8ab4f8"  # a note without a tag
UNTAGGED_CLAIM = "#e67e22"  # a claim without a tag
# A palette for new tags: distinct, readable under text in both schemes.
TAG_PALETTE = ("#e6a23c", "#409eff", "#67c23a", "#f56c6c", "#9b59b6", "#1abc9c", "#e84393", "#95a5a6")
# The ACH matrix, on screen and in its export: consistent in green, inconsistent in red, as far as
# each goes; NA grey.
ACH_CELL_COLORS = {"CC": "#8fd19e", "C": "#d3efd9", "N": "#f1f1f1", "I": "#f6c9c4", "II": "#e8877c", "NA": "#dddddd"}


def tag_color(n: int) -> str:
    """The colour a new tag gets when `n` tags came before it: the palette, round and round. A tag
    brought in by an import without a colour of its own gets the first, tag_color(0)."""
    return TAG_PALETTE[n % len(TAG_PALETTE)]


def default_color(kind: str) -> str:
    return {"note": DEFAULT_NOTE, "claim": UNTAGGED_CLAIM}.get(kind, DEFAULT_HIGHLIGHT)


def blend(color: str, strength: float, base: str = "#ffffff") -> str:
    """`color` laid over `base` at `strength` (0..1), as #rrggbb: a highlight that text stays
    readable on."""
    c = [int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    b = [int(base.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(bb + (cc - bb) * strength):02x}" for cc, bb in zip(c, b))

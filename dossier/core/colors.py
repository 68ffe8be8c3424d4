"""Colour tokens shared by the window and the PDF: tag palette and default highlight colours."""

from __future__ import annotations

DEFAULT_HIGHLIGHT = "#f5c542"  # a highlight without a tag
DEFAULT_NOTE = "#8ab4f8"  # a note without a tag
UNTAGGED_CLAIM = "#e67e22"  # a claim without a tag
# A palette for new tags: distinct, readable under text in both schemes.
TAG_PALETTE = ("#e6a23c", "#409eff", "#67c23a", "#f56c6c", "#9b59b6", "#1abc9c", "#e84393", "#95a5a6")


def default_color(kind: str) -> str:
    return {"note": DEFAULT_NOTE, "claim": UNTAGGED_CLAIM}.get(kind, DEFAULT_HIGHLIGHT)


def blend(color: str, strength: float, base: str = "#ffffff") -> str:
    """`color` laid over `base` at `strength` (0..1), as #rrggbb: a highlight that text stays
    readable on."""
    c = [int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    b = [int(base.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(bb + (cc - bb) * strength):02x}" for cc, bb in zip(c, b))

"""Colours live in one place: core/colors.py (shared with the PDF) and ui/theme.py (the window's
named tokens). A panel names a token; it never writes a colour of its own."""

from __future__ import annotations

import re
from pathlib import Path

import dossier
from dossier.core.colors import TAG_PALETTE, tag_color

UI = Path(dossier.__file__).parent / "ui"
INLINE = re.compile(r"""["']#[0-9a-fA-F]{3,8}["']|QColor\(\s*\d|QColor\(\s*["'][a-z]+["']""")


def test_new_tags_take_the_palette_round_and_round() -> None:
    assert [tag_color(n) for n in range(len(TAG_PALETTE))] == list(TAG_PALETTE)
    assert tag_color(len(TAG_PALETTE)) == TAG_PALETTE[0]
    assert tag_color(len(TAG_PALETTE) + 3) == TAG_PALETTE[3]


def test_no_panel_writes_a_colour_inline() -> None:
    found = [f"{path.relative_to(UI)}:{number}: {line.strip()}"
             for path in sorted(UI.rglob("*.py")) if path.name != "theme.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if INLINE.search(line)]
    assert found == [], "name the colour in dossier/ui/theme.py:\n" + "\n".join(found)

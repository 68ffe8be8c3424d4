"""The hand-marked entity set of tests/data/entities: [[surface|kind]] in the text of ten articles
(see its ABOUT). Read by the entity benchmark and by tests of the marking."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

FOLDER = Path(__file__).resolve().parent / "data" / "entities"
# Six more, written after the rules of ingest/refine.py were fixed and never tuned on: what the
# rules do on news they were not made from.
HELD_OUT = FOLDER / "heldout"
KINDS = ("person", "organisation", "place", "unit")
_MARK = re.compile(r"\[\[([^\[\]|]+)\|([a-z]+)\]\]")


class GoldArticle(NamedTuple):
    name: str
    title: str
    text: str  # the body, as the text reader stores it
    entities: frozenset[tuple[int, int, str]]  # (start, end, kind) into `text`


def unmark(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The text without its marks, and the marked spans in it."""
    out, spans, at = [], [], 0
    for match in _MARK.finditer(marked):
        out.append(marked[at:match.start()])
        start = sum(len(piece) for piece in out)
        surface, kind = match.group(1), match.group(2)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} at “{surface}”")
        out.append(surface)
        spans.append((start, start + len(surface), kind))
        at = match.end()
    out.append(marked[at:])
    return "".join(out), spans


def load(folder: Path = FOLDER) -> list[GoldArticle]:
    """The articles of `folder`: the ten the rules were developed on, or HELD_OUT."""
    from dossier.ingest.text_reader import read_text

    articles = []
    for path in sorted(folder.glob("*.txt")):
        plain, spans = unmark(path.read_text(encoding="utf-8"))
        document = read_text(plain)
        offset = plain.index(document.text)  # the body's place in the file: marks are counted from there
        articles.append(GoldArticle(path.stem, document.title, document.text,
                                    frozenset((s - offset, e - offset, k) for s, e, k in spans)))
    return articles

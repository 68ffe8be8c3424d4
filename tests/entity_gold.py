"""The hand-marked sets of tests/data/entities: [[surface|kind]] in the text of ten articles of the
South Caucasus (see its ABOUT), and in world/ twenty-two of other regions with their dates marked
too, {{words|earliest|latest|precision}}, and their publication day on a first line
"#published YYYY-MM-DD" (see world/ABOUT). Read by the entity and date benchmarks and by tests
of the marking."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

FOLDER = Path(__file__).resolve().parent / "data" / "entities"
# Six more, written after the rules of ingest/refine.py were fixed and never tuned on: what the
# rules do on news they were not made from.
HELD_OUT = FOLDER / "heldout"
# Twelve articles of other regions and topics to tune on, and ten held out (world/ABOUT).
WORLD = FOLDER / "world"
WORLD_HELD_OUT = WORLD / "heldout"
KINDS = ("person", "organisation", "place", "unit")
# The world set marks ships, treaties and operations too; the scores count the four kinds above.
WORLD_KINDS = (*KINDS, "other")
_MARK = re.compile(r"\[\[([^\[\]|]+)\|([a-z]+)\]\]"
                   r"|\{\{([^{}|]+)\|([0-9-]{10}|\?)\|([0-9-]{10}|\?)\|([a-z]+)\}\}")
_PUBLISHED = re.compile(r"#published (\d{4}-\d{2}-\d{2})\n")
PRECISIONS = ("day", "week", "month", "year", "range", "approximate")


class GoldDate(NamedTuple):
    start: int
    end: int
    earliest: str | None  # None: the sentence does not date it
    latest: str | None
    precision: str


class GoldArticle(NamedTuple):
    name: str
    title: str
    text: str  # the body, as the text reader stores it
    entities: frozenset[tuple[int, int, str]]  # (start, end, kind) into `text`
    published: str | None = None
    dates: tuple[GoldDate, ...] = ()


def unmark(marked: str, kinds: tuple[str, ...] = KINDS) -> tuple[str, list[tuple[int, int, str]]]:
    """The text without its marks, and the marked entity spans in it."""
    text, spans, _dates = unmark_all(marked, kinds)
    return text, spans


def unmark_all(marked: str, kinds: tuple[str, ...] = KINDS
               ) -> tuple[str, list[tuple[int, int, str]], list[GoldDate]]:
    """The text without its marks, the marked entity spans and the marked dates in it."""
    out: list[str] = []
    spans, dates, at = [], [], 0
    for match in _MARK.finditer(marked):
        out.append(marked[at:match.start()])
        start = sum(len(piece) for piece in out)
        if match.group(1) is not None:
            surface, kind = match.group(1), match.group(2)
            if kind not in kinds:
                raise ValueError(f"unknown kind {kind!r} at “{surface}”")
            spans.append((start, start + len(surface), kind))
        else:
            surface, earliest, latest, precision = match.group(3, 4, 5, 6)
            if precision not in PRECISIONS or (earliest == "?") != (latest == "?") or \
                    (earliest != "?" and earliest > latest):
                raise ValueError(f"bad date mark at “{surface}”")
            dates.append(GoldDate(start, start + len(surface), None if earliest == "?" else earliest,
                                  None if latest == "?" else latest, precision))
        out.append(surface)
        at = match.end()
    out.append(marked[at:])
    return "".join(out), spans, dates


def load(folder: Path = FOLDER) -> list[GoldArticle]:
    """The articles of `folder`: the ten the rules were developed on, HELD_OUT, WORLD or
    WORLD_HELD_OUT."""
    from dossier.ingest.text_reader import read_text

    kinds = WORLD_KINDS if folder in (WORLD, WORLD_HELD_OUT) else KINDS
    articles = []
    for path in sorted(folder.glob("*.txt")):
        marked = path.read_text(encoding="utf-8")
        published = _PUBLISHED.match(marked)
        if published:
            marked = marked[published.end():]
        plain, spans, dates = unmark_all(marked, kinds)
        document = read_text(plain)
        offset = plain.index(document.text)  # the body's place in the file: marks are counted from there
        articles.append(GoldArticle(
            path.stem, document.title, document.text, frozenset((s - offset, e - offset, k) for s, e, k in spans),
            published.group(1) if published else None,
            tuple(d._replace(start=d.start - offset, end=d.end - offset) for d in dates)))
    return articles

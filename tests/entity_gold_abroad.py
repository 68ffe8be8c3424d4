"""The hand-marked sets in Armenian, Azerbaijani and Russian (tests/data/entities_abroad, see its
ABOUT): [[surface|kind]] or [[surface|kind|Name]], Name being the entity a mention must join
("ԵՐԵՎԱՆ" Yerevan, "Vaşinqtonda" Washington). Read by the entity benchmark (--language) and by
tests of the marking; scored word by word, since these languages write case endings onto names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from tests.entity_gold import KINDS

FOLDER = Path(__file__).resolve().parent / "data" / "entities_abroad"
LANGUAGES = ("hy", "az", "ru")
_MARK = re.compile(r"\[\[([^\[\]|]+)\|([a-z]+)(?:\|([^\[\]|]+))?\]\]")
_WORD_END = re.compile(r"\w*")


class MarkedArticle(NamedTuple):
    name: str
    text: str  # the body, as the text reader stores it
    entities: frozenset[tuple[int, int, str]]  # (start, end, kind) into `text`
    names: dict[tuple[int, int], str]  # (start, end) -> the entity it must join, where the mark says


def unmark(marked: str) -> tuple[str, list[tuple[int, int, str, str | None]]]:
    """The text without its marks, and the marked spans in it with their names (or None)."""
    out, spans, at = [], [], 0
    for match in _MARK.finditer(marked):
        out.append(marked[at:match.start()])
        start = sum(len(piece) for piece in out)
        surface, kind, name = match.group(1), match.group(2), match.group(3)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} at “{surface}”")
        out.append(surface)
        spans.append((start, start + len(surface), kind, name))
        at = match.end()
    out.append(marked[at:])
    return "".join(out), spans


def folders(language: str) -> tuple[Path, Path]:
    """The development set of a language (rules are tuned on it) and its held-out set (never)."""
    return FOLDER / language, FOLDER / language / "heldout"


def load(folder: Path) -> list[MarkedArticle]:
    from dossier.ingest.text_reader import read_text

    articles = []
    for path in sorted(folder.glob("*.txt")):
        plain, spans = unmark(path.read_text(encoding="utf-8"))
        body = read_text(plain).text
        offset = plain.index(body)
        articles.append(MarkedArticle(path.stem, body,
                                      frozenset((s - offset, e - offset, k) for s, e, k, _n in spans),
                                      {(s - offset, e - offset): n for s, e, _k, n in spans if n}))
    return articles


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A span to the end of its last word: "Փաշինյան" and "Փաշինյանը" are one mention."""
    return start, end + len(_WORD_END.match(text, end).group(0))  # type: ignore[union-attr]


def as_words(text: str, spans: Iterable[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    return {(*whole_words(text, start, end), kind) for start, end, kind in spans}

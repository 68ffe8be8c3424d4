"""Changes: what one committed edit changed, by kind, so each view re-reads only that.

A kind maps to the ids of the rows it touched, or to ALL when the edit can't cheaply say which
(a merge of tags touches every annotation carrying either). Views ask `touches(kind)` and
`touches_id(kind, id)`; an empty Changes means nothing a view shows has changed.
"""

from __future__ import annotations

from collections.abc import Iterable

# The kinds of things a view shows. "content" is the articles whose drawn marks changed
# (annotations, mentions): the article pane re-reads them only for the article it shows.
ARTICLES = "articles"
CONTENT = "content"
ANNOTATIONS = "annotations"
TAGS = "tags"
ENTITIES = "entities"
EVENTS = "events"
SOURCES = "sources"
HYPOTHESES = "hypotheses"  # the competing-hypotheses matrix: hypotheses, rows and ratings
SCREENING = "screening"  # watchlists, their hits and saved searches (ids: hits)
KINDS = (ARTICLES, CONTENT, ANNOTATIONS, TAGS, ENTITIES, EVENTS, SOURCES, HYPOTHESES, SCREENING)

ALL = None  # every row of a kind may have changed


class Changes:
    __slots__ = ("_kinds",)

    def __init__(self, **kinds: Iterable[int] | None) -> None:
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown kinds of change: {sorted(unknown)}")
        self._kinds: dict[str, frozenset[int] | None] = {
            kind: None if ids is None else frozenset(ids) for kind, ids in kinds.items()
        }

    def touches(self, *kinds: str) -> bool:
        return any(kind in self._kinds for kind in kinds)

    def touches_id(self, kind: str, row_id: int | None) -> bool:
        """Whether the row `row_id` of `kind` may have changed (always, when the kind changed whole)."""
        if kind not in self._kinds or row_id is None:
            return False
        ids = self._kinds[kind]
        return ids is None or row_id in ids

    def ids(self, kind: str) -> frozenset[int] | None:
        """The changed ids of a kind (empty if untouched); None means all of them."""
        return self._kinds.get(kind, frozenset())

    def __or__(self, other: Changes) -> Changes:
        merged = Changes()
        for kind in set(self._kinds) | set(other._kinds):
            mine, theirs = self._kinds.get(kind, frozenset()), other._kinds.get(kind, frozenset())
            merged._kinds[kind] = None if mine is None or theirs is None else mine | theirs
        return merged

    def __bool__(self) -> bool:
        return bool(self._kinds)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Changes) and self._kinds == other._kinds

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, v) for k, v in self._kinds.items() if v is not None)))

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={'ALL' if v is None else sorted(v)}" for k, v in sorted(self._kinds.items()))
        return f"Changes({parts})"


EVERYTHING = Changes(**{kind: ALL for kind in KINDS})

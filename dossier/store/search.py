"""Turn what a user types into a safe FTS5 query.

Users type names, places and phrases, often with characters that are FTS5 syntax (quotes,
`-`, `:`, `*`, parentheses, `NEAR(`, `AND`). Rather than pass that syntax through and catch
errors, every term becomes a quoted FTS5 string, so the query can't be malformed:
- "two words" in balanced double quotes is a phrase;
- a term ending in `*` is a prefix search ("Pashin*");
- everything else is a word; all terms must match (AND).
An unbalanced quote is read as if closed at the end.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from dossier.core.models import MATCH_END, MATCH_START, AnnotationHit, SearchHit
from dossier.store.inspect import connect_readonly
from dossier.store.transactions import named_rows, record

if TYPE_CHECKING:
    from dossier.core.models import AnnotationHit, SearchHit

# Tokens the unicode61 tokenizer treats as words: letters, digits, marks, and private-use chars.
_WORD = re.compile(r"[\w\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f]+\*?")


# What a query is reduced to (README states it): its distinct terms, at most MAX_TERMS of them,
# from its first MAX_QUERY_CHARS characters. A pasted paragraph repeats words; each repeat made
# FTS5 intersect the same list again, and 500 repeats of one word took 11 s on 2,000 articles.
MAX_TERMS = 16
MAX_QUERY_CHARS = 1_000


def fts_query(user_text: str) -> str | None:
    """The FTS5 MATCH expression for `user_text`, or None if it holds nothing searchable.
    Quoted phrases and prefix terms are kept as typed; a term or phrase given twice counts once."""
    terms: list[str] = []
    seen: set[str] = set()
    for i, chunk in enumerate(user_text[:MAX_QUERY_CHARS].split('"')):
        words = _WORD.findall(chunk)
        if not words:
            continue
        inside_quotes = i % 2 == 1
        if inside_quotes and len(words) > 1:
            candidates = [_quote(" ".join(w.rstrip("*") for w in words))]
        else:
            candidates = [_term(w) for w in words]
        for term in candidates:
            if term.casefold() not in seen and len(terms) < MAX_TERMS:
                seen.add(term.casefold())
                terms.append(term)
    return " ".join(terms) if terms else None


def _term(word: str) -> str:
    if word.endswith("*") and len(word) > 1:
        return _quote(word[:-1]) + "*"
    return _quote(word.rstrip("*"))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# Ranking scores every matching article. Past this many matches, results come newest-imported
# first instead: a query matching most of 100,000 articles then answers in milliseconds rather
# than a quarter of a second, and the user is told to add words to rank by relevance.
RANK_LIMIT = 5_000


class Found(NamedTuple):
    """What the search panel shows for a query."""

    articles: list[SearchHit]
    count: int  # type: ignore[assignment]  # articles matching, up to 10,000; shadows tuple.count, unused here
    ranked: bool
    annotations: list[AnnotationHit]  # notes, rationales, tags and quotes that match


def search_file(path: Path, user_text: str, limit: int = 50) -> Found:
    """The articles and annotations matching `user_text`, through a read-only connection of its
    own: the search panel runs it on a worker thread, so a slow query never holds up the window."""
    conn = connect_readonly(path)
    try:
        reader = Search(conn)
        return Found(*reader.page(user_text, limit), reader.annotations(user_text, limit))
    finally:
        conn.close()


class Search:
    """`db.search`: full-text search; never raises on what a user types."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def articles(self, user_text: str, limit: int = 50, offset: int = 0, ranked: bool = True) -> list[SearchHit]:
        """Matching articles with a snippet each: best first, or newest imported first when
        `ranked` is False (rank is then 0)."""
        query = fts_query(user_text)
        if query is None:
            return []
        order, rank = ("f.rank", "f.rank") if ranked else ("f.rowid DESC", "0.0")
        rows = named_rows(
            self._conn,
            "SELECT a.id AS article_id, a.title, a.source, a.published, "
            f"snippet(articles_fts, 1, '{MATCH_START}', '{MATCH_END}', '…', 16) AS snippet, {rank} AS rank "
            "FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE articles_fts MATCH ? ORDER BY {order} LIMIT ? OFFSET ?",
            (query, limit, offset),
        ).fetchall()
        return [record(SearchHit, r) for r in rows]

    def page(self, user_text: str, limit: int = 50) -> tuple[list[SearchHit], int, bool]:
        """What the search panel shows: (hits, match count capped at 10,000, ranked?)."""
        count = self.count(user_text)
        ranked = count < RANK_LIMIT
        return self.articles(user_text, limit, ranked=ranked), count, ranked

    def count(self, user_text: str, cap: int = 10_000) -> int:
        """How many articles match, counted up to `cap` (enough for "10,000+ results")."""
        query = fts_query(user_text)
        if query is None:
            return 0
        row = self._conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
            (query, cap),
        ).fetchone()
        return int(row[0])

    def annotations(self, user_text: str, limit: int = 50) -> list[AnnotationHit]:
        """Annotations whose quote, note, rationale or tag names match, best first, each with
        the place it matched and a snippet of it."""
        query = fts_query(user_text)
        if query is None:
            return []
        marks = f"'{MATCH_START}', '{MATCH_END}'"
        rows = self._conn.execute(
            "SELECT a.id, a.article_id, a.kind, a.exact, a.note, f.rank, art.title, "
            + ", ".join(f"snippet(annotations_fts, {i}, {marks}, '…', 12)" for i in range(len(ANNOTATION_FIELDS)))
            + " FROM annotations_fts f JOIN annotations a ON a.id = f.rowid JOIN articles art ON art.id = a.article_id "
            "WHERE annotations_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (query, limit),
        ).fetchall()
        hits = []
        for r in rows:
            snippets = r[7:]
            # The field with a match in it: a note or rationale says more than the quote does.
            found = [i for i, text in enumerate(snippets) if MATCH_START in (text or "")]
            best = min(found, key=lambda i: FIELD_ORDER.index(ANNOTATION_FIELDS[i]), default=0)
            hits.append(AnnotationHit(annotation_id=r[0], article_id=r[1], kind=r[2], exact=r[3], note=r[4], rank=r[5],
                                      where=ANNOTATION_FIELDS[best], snippet=snippets[best] or "", article_title=r[6]))
        return hits


ANNOTATION_FIELDS = ("quote", "note", "rationale", "tags")  # the columns of annotations_fts, in order
FIELD_ORDER = ("note", "rationale", "tags", "quote")  # which match a result names first

"""Search: what a user types, read by core.search_query, run as safe FTS5 queries and filters.

Users type names, places and phrases, often with characters that are FTS5 syntax (quotes, `-`,
`:`, `*`, parentheses, `NEAR(`). The query is read into a tree (words, "phrases", prefix*,
a NEAR/n b, AND / OR / NOT, parentheses, fields) and written out with every word quoted, so it
can't be malformed; what can't be read as an operator is a word. A capitalised word also finds
the dossier's other spellings of that name (an entity's name or alias in another script with the
same transliteration key: "Pashinyan" finds "Пашинян" and "Փաշինյանը").
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from dossier.core.models import MATCH_END, MATCH_START, AnnotationHit, SearchHit
from dossier.core.names import script_key
from dossier.core.search_query import MAX_QUERY_CHARS, MAX_TERMS, Query, parse
from dossier.store.inspect import connect_readonly
from dossier.store.transactions import named_rows, record

if TYPE_CHECKING:
    from dossier.core.models import AnnotationHit, SearchHit

__all__ = ["MAX_QUERY_CHARS", "MAX_TERMS", "Found", "Search", "fts_query", "search_file"]

_NAME_WORD = re.compile(r"[^\W\d_]{4,}")


def fts_query(user_text: str) -> str | None:
    """The FTS5 MATCH expression for `user_text`, or None if it holds nothing searchable."""
    return parse(user_text).fts()


def spellings_in(conn: sqlite3.Connection) -> Callable[[str], list[str]]:
    """word -> the words of the dossier's entity names and aliases with its transliteration key,
    read once, when a query first asks (only a capitalised word does)."""
    by_key: dict[str, set[str]] = {}
    loaded = False

    def spellings(word: str) -> list[str]:
        nonlocal loaded
        if not loaded:
            loaded = True
            for (name,) in conn.execute("SELECT name FROM entities UNION SELECT alias FROM aliases LIMIT 200000"):
                for part in _NAME_WORD.findall(name or ""):
                    key = script_key(part)
                    if len(key) >= 4:
                        by_key.setdefault(key, set()).add(part)
        return sorted(by_key.get(script_key(word), ()))

    return spellings


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
        self._spellings: tuple[tuple[int, int], Callable[[str], list[str]]] | None = None

    def read(self, user_text: str) -> Query:
        """The query read, with the dossier's names as they are now (read again after any write)."""
        now = (self._conn.total_changes, self._conn.execute("PRAGMA data_version").fetchone()[0])
        if self._spellings is None or self._spellings[0] != now:
            self._spellings = (now, spellings_in(self._conn))
        return parse(user_text, self._spellings[1])

    def articles(self, user_text: str, limit: int = 50, offset: int = 0, ranked: bool = True) -> list[SearchHit]:
        """Matching articles with a snippet each: best first, or newest imported first when
        `ranked` is False (rank is then 0)."""
        query = self.read(user_text)
        if query.empty or query.annotations_only:
            return []
        where, args = _article_filters(query)
        match = query.fts()
        if match is None:  # filters only: the newest articles that pass them
            rows = named_rows(
                self._conn,
                "SELECT a.id AS article_id, a.title, a.source, a.published, substr(a.text, 1, 160) AS snippet, "
                f"0.0 AS rank FROM articles a WHERE 1 {where} ORDER BY a.id DESC LIMIT ? OFFSET ?",
                (*args, limit, offset)).fetchall()
            return [record(SearchHit, r) for r in rows]
        order, rank = ("f.rank", "f.rank") if ranked else ("f.rowid DESC", "0.0")
        first: tuple[str, ...] = ()
        if ranked and query.has_spellings:  # a name as typed before its other spellings
            order = "f.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) DESC, f.rank"
            first = (query.fts(others=False) or "",)
        rows = named_rows(
            self._conn,
            "SELECT a.id AS article_id, a.title, a.source, a.published, "
            f"snippet(articles_fts, 1, '{MATCH_START}', '{MATCH_END}', '…', 16) AS snippet, {rank} AS rank "
            "FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE articles_fts MATCH ? {where} ORDER BY {order} LIMIT ? OFFSET ?",
            (match, *args, *first, limit, offset),
        ).fetchall()
        return [record(SearchHit, r) for r in rows]

    def page(self, user_text: str, limit: int = 50) -> tuple[list[SearchHit], int, bool]:
        """What the search panel shows: (hits, match count capped at 10,000, ranked?)."""
        count = self.count(user_text)
        ranked = count < RANK_LIMIT
        return self.articles(user_text, limit, ranked=ranked), count, ranked

    def count(self, user_text: str, cap: int = 10_000, after: int = 0) -> int:
        """How many articles match, counted up to `cap` (enough for "10,000+ results"); with
        `after`, only articles stored after that id (a saved search's new results)."""
        query = self.read(user_text)
        if query.empty or query.annotations_only:
            return 0
        where, args = _article_filters(query)
        match = query.fts()
        if match is None:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE a.id > ? {where} LIMIT ?)"
            return int(self._conn.execute(sql, (after, *args, cap)).fetchone()[0])
        row = self._conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE articles_fts MATCH ? AND f.rowid > ? {where} LIMIT ?)",
            (match, after, *args, cap),
        ).fetchone()
        return int(row[0])

    def annotations(self, user_text: str, limit: int = 50) -> list[AnnotationHit]:
        """Annotations whose quote, note, rationale or tag names match, best first, each with
        the place it matched and a snippet of it."""
        query = self.read(user_text)
        if query.empty:
            return []
        where, args = _annotation_filters(query)
        match = query.fts()
        marks = f"'{MATCH_START}', '{MATCH_END}'"
        if match is None:  # filters only: every annotation that passes them, newest first
            rows = self._conn.execute(
                "SELECT a.id, a.article_id, a.kind, a.exact, a.note, 0.0, art.title, "
                + ", ".join(["a.exact", "a.note", "''", "''"]) + " FROM annotations a "
                f"JOIN articles art ON art.id = a.article_id WHERE 1 {where} ORDER BY a.id DESC LIMIT ?",
                (*args, limit)).fetchall()
        else:
            rows = self._conn.execute(
                "SELECT a.id, a.article_id, a.kind, a.exact, a.note, f.rank, art.title, "
                + ", ".join(f"snippet(annotations_fts, {i}, {marks}, '…', 12)" for i in range(len(ANNOTATION_FIELDS)))
                + " FROM annotations_fts f JOIN annotations a ON a.id = f.rowid "
                f"JOIN articles art ON art.id = a.article_id WHERE annotations_fts MATCH ? {where} "
                "ORDER BY f.rank LIMIT ?",
                (match, *args, limit),
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


def _article_filters(query: Query, table: str = "a") -> tuple[str, list[object]]:
    """SQL (each part starting with AND) and its arguments for a query's article filters."""
    where: list[str] = []
    args: list[object] = []
    filters = query.filters
    if "outlet" in filters:
        where.append(f"{table}.source = ? COLLATE NOCASE")
        args.append(filters["outlet"])
    if "lang" in filters:
        where.append(f"{table}.language = ? COLLATE NOCASE")
        args.append(filters["lang"])
    if "published" in filters:
        where.append(f"substr({table}.published, 1, ?) = ?")
        args += [len(filters["published"]), filters["published"]]
    return "".join(f" AND {w}" for w in where), args


def _annotation_filters(query: Query) -> tuple[str, list[object]]:
    """The same for annotations: their kind, their claim's status, and their article's filters."""
    where, args = _article_filters(query, "art")
    filters = query.filters
    if "kind" in filters:
        where += " AND a.kind = ?"
        args.append(filters["kind"].casefold())
    if "status" in filters:
        where += " AND EXISTS (SELECT 1 FROM claims c WHERE c.annotation_id = a.id AND c.status = ?)"
        args.append(filters["status"].casefold().replace(" ", "_").replace("-", "_"))
    return where, args

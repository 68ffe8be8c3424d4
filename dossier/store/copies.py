"""Copies of one story in the dossier file: which article is a copy of which origin, the share of
its sentences found there, the wire the group carries, and the analyst's decisions (tables
`copy_of` and `copy_decisions`). What is a copy is decided in analysis.copies; this module only
reads and writes the rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from dossier.store.transactions import Transactions, utc_now

COPIES, DISTINCT = "copies", "distinct"
PER_KEY = 50  # articles looked at per shared sentence: a story carried everywhere is found through any


class CopyRow(NamedTuple):
    article_id: int
    origin_id: int
    shared: float  # share of the copy's sentences found in the origin
    wire: str | None


class GroupMember(NamedTuple):
    article_id: int
    title: str
    source: str | None
    published: str | None
    shared: float | None  # None for the origin


class CopyGroup(NamedTuple):
    """An origin and its copies, the origin first, the copies in date order."""

    origin_id: int
    wire: str | None
    members: tuple[GroupMember, ...]


class Origin(NamedTuple):
    """What an article is one story with, for counting independent origins."""

    keys: tuple[str, ...]  # "article:<origin id>", and the wire's name casefolded
    name: str  # the wire, or the origin's outlet


class CopyRecords:
    """`db.copies`: reads and writes of the copy tables, through the dossier's own connection."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx
        self._conn: sqlite3.Connection = tx.conn

    # -- what finding copies reads ------------------------------------------------------------------

    def candidates(self, article_id: int, at_least: int = 2) -> dict[int, int]:
        """Other articles sharing `at_least` sentence keys (core.stories) with this one, and how
        many: one indexed look-up per sentence, at most PER_KEY articles each, the oldest first."""
        shared: dict[int, int] = {}
        keys = [r[0] for r in self._conn.execute("SELECT key FROM story_keys WHERE article_id = ?", (article_id,))]
        for key in keys:
            for (other,) in self._conn.execute(
                    "SELECT article_id FROM story_keys WHERE key = ? AND article_id != ? ORDER BY article_id LIMIT ?",
                    (key, article_id, PER_KEY)):
                shared[other] = shared.get(other, 0) + 1
        return {other: n for other, n in shared.items() if n >= at_least}

    def texts(self, article_ids: Iterable[int]) -> Iterator[tuple[int, str, str | None, str | None]]:
        """(id, text, outlet, published) of each article, in chunks (never all texts at once)."""
        ids = sorted(set(article_ids))
        for first in range(0, len(ids), 200):
            part = ids[first:first + 200]
            yield from self._conn.execute(
                f"SELECT id, text, source, published FROM articles WHERE id IN ({','.join('?' * len(part))})", part)

    def article_ids(self) -> list[int]:
        return [r[0] for r in self._conn.execute("SELECT id FROM articles ORDER BY id")]

    def rows_of_groups(self, article_ids: Iterable[int]) -> list[CopyRow]:
        """Every row of the groups these articles belong to (as copy or as origin)."""
        ids = sorted(set(article_ids))
        origins: set[int] = set()
        for first in range(0, len(ids), 500):
            part = ids[first:first + 500]
            marks = ",".join("?" * len(part))
            origins |= {r[0] for r in self._conn.execute(
                f"SELECT origin_id FROM copy_of WHERE article_id IN ({marks}) OR origin_id IN ({marks})", part + part)}
        rows: list[CopyRow] = []
        for origin in sorted(origins):
            rows += [CopyRow(*r) for r in self._conn.execute(
                "SELECT article_id, origin_id, shared, wire FROM copy_of WHERE origin_id = ?", (origin,))]
        return rows

    def decisions(self, article_ids: Iterable[int] | None = None) -> dict[tuple[int, int], str]:
        """The analyst's decisions on pairs (smaller id first), all or those touching these ids."""
        if article_ids is None:
            return {(a, b): d for a, b, d in self._conn.execute("SELECT first_id, second_id, decision FROM copy_decisions")}
        ids = sorted(set(article_ids))
        found: dict[tuple[int, int], str] = {}
        for first in range(0, len(ids), 400):
            part = ids[first:first + 400]
            marks = ",".join("?" * len(part))
            for a, b, d in self._conn.execute(
                    f"SELECT first_id, second_id, decision FROM copy_decisions WHERE first_id IN ({marks}) "
                    f"OR second_id IN ({marks})", part + part):
                found[(a, b)] = d
        return found

    # -- writes (inside the caller's operation) ----------------------------------------------------------

    def replace_groups(self, members: Iterable[int], rows: Sequence[CopyRow]) -> set[int]:
        """The groups of `members` become `rows`: their old rows (as copies) go first. Rows that
        do not change are left alone, so undo records only what did. The articles whose rows
        changed, with the origins they named or name."""
        members = sorted(set(members))
        with self._tx.write() as conn:
            old: dict[int, CopyRow] = {}
            for first in range(0, len(members), 500):
                part = members[first:first + 500]
                for r in conn.execute("SELECT article_id, origin_id, shared, wire FROM copy_of WHERE article_id IN "
                                      f"({','.join('?' * len(part))})", part):
                    old[r[0]] = CopyRow(*r)
            new = {r.article_id: r for r in rows}
            gone = [i for i in old if i not in new]
            conn.executemany("DELETE FROM copy_of WHERE article_id = ?", [(i,) for i in gone])
            changed = {i for i in gone} | {old[i].origin_id for i in gone}
            for row in rows:
                if old.get(row.article_id) != tuple(row):
                    conn.execute("INSERT OR REPLACE INTO copy_of (article_id, origin_id, shared, wire) VALUES (?, ?, ?, ?)",
                                 (row.article_id, row.origin_id, round(row.shared, 4), row.wire))
                    changed |= {row.article_id, row.origin_id}
                    if row.article_id in old:
                        changed.add(old[row.article_id].origin_id)
        return changed

    def decide(self, first_id: int, second_id: int, decision: str, author: str = "") -> None:
        a, b = sorted((first_id, second_id))
        with self._tx.write() as conn:
            conn.execute("INSERT OR REPLACE INTO copy_decisions (first_id, second_id, decision, author, decided_at) "
                         "VALUES (?, ?, ?, ?, ?)", (a, b, decision, author, utc_now()))

    # -- what views and exports show ----------------------------------------------------------------

    def any(self) -> bool:
        """Whether the dossier holds any group of copies (the article list shows its column then)."""
        return self._conn.execute("SELECT 1 FROM copy_of LIMIT 1").fetchone() is not None

    def groups(self) -> list[CopyGroup]:
        """Every group of copies, by its origin's date."""
        origins = [r[0] for r in self._conn.execute("SELECT DISTINCT origin_id FROM copy_of")]
        found = [self.group_of(o) for o in origins]
        groups = [g for g in found if g is not None]
        return sorted(groups, key=lambda g: (g.members[0].published or "9999", g.origin_id))

    def group_of(self, article_id: int) -> CopyGroup | None:
        """The group an article belongs to (as copy or origin), or None."""
        row = self._conn.execute("SELECT origin_id FROM copy_of WHERE article_id = ?", (article_id,)).fetchone()
        origin = row[0] if row else article_id
        rows = self._conn.execute(
            "SELECT a.id, a.title, a.source, a.published, c.shared, c.wire FROM copy_of c JOIN articles a ON a.id = c.article_id "
            "WHERE c.origin_id = ? ORDER BY a.published IS NULL, a.published, a.id", (origin,)).fetchall()
        if not rows:
            return None
        a_id, title, source, published = self._conn.execute(
            "SELECT id, title, source, published FROM articles WHERE id = ?", (origin,)).fetchone()
        members = (GroupMember(a_id, title, source, published, None),
                   *(GroupMember(r[0], r[1], r[2], r[3], r[4]) for r in rows))
        return CopyGroup(origin, rows[0][5], members)

    def origins_of(self, article_ids: Iterable[int]) -> dict[int, Origin]:
        """For the articles that are copies or origins of a group: what they are one story with."""
        ids = sorted(set(article_ids))
        found: dict[int, Origin] = {}
        for first in range(0, len(ids), 400):
            part = ids[first:first + 400]
            marks = ",".join("?" * len(part))
            for article_id, origin_id, wire, outlet in self._conn.execute(
                    "SELECT c.article_id, c.origin_id, c.wire, o.source FROM copy_of c JOIN articles o ON o.id = c.origin_id "
                    f"WHERE c.article_id IN ({marks}) UNION ALL "
                    "SELECT c.origin_id, c.origin_id, c.wire, o.source FROM copy_of c JOIN articles o ON o.id = c.origin_id "
                    f"WHERE c.origin_id IN ({marks}) GROUP BY c.origin_id", part + part):
                name = wire or (outlet or "").strip()
                keys = (f"article:{origin_id}", *((wire.casefold(),) if wire else ()))
                found[article_id] = Origin(keys, name)
        return found

    def list_labels(self, article_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """For the article list, whose column is narrow: (words, tooltip) of each article that is
        a copy ("copy"; "Copy of “…” (Reuters): 86% of its sentences") or an origin ("+2": two
        others carry its story; "Also carried by …")."""
        ids = list(article_ids)
        marks = ",".join("?" * len(ids))
        labels: dict[int, tuple[str, str]] = {}
        if not ids:
            return labels
        for article_id, wire, title, outlet, shared in self._conn.execute(
                "SELECT c.article_id, c.wire, o.title, o.source, c.shared FROM copy_of c JOIN articles o ON o.id = c.origin_id "
                f"WHERE c.article_id IN ({marks})", ids):
            labels[article_id] = ("copy",
                                  f"Copy of “{title}” ({wire or outlet or 'outlet unknown'}): {shared:.0%} of its sentences")
        for origin_id, count, outlets in self._conn.execute(
                "SELECT c.origin_id, count(*), group_concat(ifnull(a.source, a.title), ', ') FROM copy_of c "
                f"JOIN articles a ON a.id = c.article_id WHERE c.origin_id IN ({marks}) GROUP BY c.origin_id", ids):
            labels[origin_id] = (f"+{count}", f"Also carried by {outlets}")
        return labels

    def merge_from(self, theirs: sqlite3.Connection, articles: dict[int, int]) -> int:
        """Another analyst's groups of copies, onto the articles they became here (`articles`: their
        id -> mine). What this dossier already says wins: an article already a copy here stays as it
        is, and a pair the analyst here split is not joined. Their decisions come along where this
        dossier has none. How many copies were added."""
        tables = {r[0] for r in theirs.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "copy_of" not in tables:  # from before Dossier kept copies
            return 0
        added = 0
        with self._tx.write() as conn:
            for a, b, decision, author, decided_at in theirs.execute(
                    "SELECT first_id, second_id, decision, author, decided_at FROM copy_decisions"):
                if a in articles and b in articles and articles[a] != articles[b]:
                    first, second = sorted((articles[a], articles[b]))
                    conn.execute("INSERT OR IGNORE INTO copy_decisions (first_id, second_id, decision, author, decided_at) "
                                 "VALUES (?, ?, ?, ?, ?)", (first, second, decision, author, decided_at))
            split = {pair for pair, d in self.decisions().items() if d == DISTINCT}
            for copy_id, origin_id, shared, wire in theirs.execute(
                    "SELECT article_id, origin_id, shared, wire FROM copy_of ORDER BY origin_id, article_id"):
                if copy_id not in articles or origin_id not in articles:
                    continue
                copy, origin = articles[copy_id], articles[origin_id]
                if conn.execute("SELECT 1 FROM copy_of WHERE article_id = ?", (copy,)).fetchone():
                    continue
                row = conn.execute("SELECT origin_id FROM copy_of WHERE article_id = ?", (origin,)).fetchone()
                origin = row[0] if row else origin  # a group is a star: its copies name its origin
                if origin == copy or (min(copy, origin), max(copy, origin)) in split:
                    continue
                conn.execute("UPDATE copy_of SET origin_id = ? WHERE origin_id = ?", (origin, copy))
                conn.execute("INSERT INTO copy_of (article_id, origin_id, shared, wire) VALUES (?, ?, ?, ?)",
                             (copy, origin, shared, wire))
                added += 1
        return added

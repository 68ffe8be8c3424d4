"""Watchlists, their hits and saved searches, as stored: `db.watchlists`, `db.hits`,
`db.saved_searches`. What matches is worked out in analysis.screening; this keeps the lists,
each hit with its passage, and what the analyst made of it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from dossier.store.search import Search  # one search syntax for the search panel and saved searches
from dossier.store.transactions import Transactions, named_rows, record, utc_now

NEW, SEEN, DISMISSED = "new", "seen", "dismissed"  # a hit's state; dismissed: "not this person"
ALIAS_SEPARATOR = "|"


@dataclass(frozen=True)
class Watchlist:
    id: int
    name: str
    created: str
    names: int  # how many names it holds


@dataclass(frozen=True)
class WatchName:
    id: int
    list_id: int
    list_name: str
    name: str
    kind: str
    aliases: str  # "a|b", as in the CSV
    note: str

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name, then each alias."""
        return (self.name, *(a.strip() for a in self.aliases.split(ALIAS_SEPARATOR) if a.strip()))


@dataclass(frozen=True)
class NameGroup:
    """A watched name and how many hits it has: what the Hits panel groups by."""

    name_id: int
    list_id: int
    list_name: str
    name: str
    kind: str
    new: int
    hits: int


@dataclass(frozen=True)
class NameRow:
    """A name as a list is given it (from the window, a CSV): no ids yet."""

    name: str
    kind: str = "person"
    aliases: str = ""
    note: str = ""


@dataclass(frozen=True)
class Hit:
    id: int
    name_id: int
    name: str
    list_name: str
    article_id: int
    title: str
    start: int
    end: int
    surface: str
    passage: str
    state: str
    found: str


@dataclass(frozen=True)
class FoundHit:
    """A hit screening found, about to be stored."""

    name_id: int
    article_id: int
    start: int
    end: int
    surface: str
    passage: str


class Watchlists:
    """`db.watchlists`: lists of names to screen every article for."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx
        self._conn: sqlite3.Connection = tx.conn
        self.screener: object | None = None  # what ingest built from the names, with the revision it was built at
        self.screener_revision = -1
        self.revision = 0  # goes up with every change of the names (and every undo or redo): a screener knows it is stale

    def changed(self) -> None:
        self.revision += 1

    def lists(self) -> list[Watchlist]:
        rows = named_rows(self._conn, "SELECT w.id, w.name, w.created, count(n.id) AS names FROM watchlists w "
                                      "LEFT JOIN watch_names n ON n.list_id = w.id GROUP BY w.id ORDER BY w.name")
        return [record(Watchlist, r) for r in rows]

    def by_name(self, name: str) -> int | None:
        row = self._conn.execute("SELECT id FROM watchlists WHERE name = ?", (name,)).fetchone()
        return None if row is None else int(row[0])

    def names(self, list_id: int | None = None) -> list[WatchName]:
        where, args = ("WHERE n.list_id = ?", (list_id,)) if list_id is not None else ("", ())
        rows = named_rows(self._conn, "SELECT n.id, n.list_id, w.name AS list_name, n.name, n.kind, n.aliases, n.note "
                                      f"FROM watch_names n JOIN watchlists w ON w.id = n.list_id {where} "
                                      "ORDER BY w.name, n.name", args)
        return [record(WatchName, r) for r in rows]

    def groups(self) -> list[NameGroup]:
        """Every watched name with its hits counted (new, and all but the dismissed), by list and name."""
        rows = named_rows(self._conn,
            "SELECT n.id AS name_id, w.id AS list_id, w.name AS list_name, n.name, n.kind, "
            "count(CASE WHEN h.state = 'new' THEN 1 END) AS new, "
            "count(CASE WHEN h.state != 'dismissed' THEN 1 END) AS hits "
            "FROM watch_names n JOIN watchlists w ON w.id = n.list_id "
            "LEFT JOIN watch_hits h ON h.name_id = n.id GROUP BY n.id ORDER BY w.name, n.name")
        return [record(NameGroup, r) for r in rows]

    def add_list(self, name: str) -> int:
        self.changed()
        with self._tx.write() as conn:
            return int(conn.execute("INSERT INTO watchlists (name, created) VALUES (?, ?)",
                                    (name, utc_now())).lastrowid or 0)

    def delete_list(self, list_id: int) -> None:
        self.changed()
        with self._tx.write() as conn:
            conn.execute("DELETE FROM watchlists WHERE id = ?", (list_id,))

    def set_names(self, list_id: int, rows: Sequence[NameRow], keep_others: bool = False) -> tuple[int, int, int]:
        """Make the list hold `rows` (matched by name): (added, changed, removed). Names the rows
        leave out are removed, with their hits, unless `keep_others`."""
        added = changed = removed = 0
        self.changed()
        with self._tx.write() as conn:
            have = {r[1]: (r[0], r[2:]) for r in conn.execute(
                "SELECT id, name, kind, aliases, note FROM watch_names WHERE list_id = ?", (list_id,))}
            given = set()
            for row in rows:
                given.add(row.name)
                known = have.get(row.name)
                if known is None:
                    conn.execute("INSERT INTO watch_names (list_id, name, kind, aliases, note) VALUES (?, ?, ?, ?, ?)",
                                 (list_id, row.name, row.kind, row.aliases, row.note))
                    added += 1
                elif known[1] != (row.kind, row.aliases, row.note):
                    conn.execute("UPDATE watch_names SET kind = ?, aliases = ?, note = ? WHERE id = ?",
                                 (row.kind, row.aliases, row.note, known[0]))
                    changed += 1
            if not keep_others:
                for name, (name_id, _rest) in have.items():
                    if name not in given:
                        conn.execute("DELETE FROM watch_names WHERE id = ?", (name_id,))
                        removed += 1
        return added, changed, removed

    def delete_name(self, name_id: int) -> None:
        self.changed()
        with self._tx.write() as conn:
            conn.execute("DELETE FROM watch_names WHERE id = ?", (name_id,))


_HIT_SELECT = ("SELECT h.id, h.name_id, n.name, w.name AS list_name, h.article_id, a.title, h.start, h.\"end\", "
               "h.surface, h.passage, h.state, h.found FROM watch_hits h JOIN watch_names n ON n.id = h.name_id "
               "JOIN watchlists w ON w.id = n.list_id JOIN articles a ON a.id = h.article_id ")


class Hits:
    """`db.hits`: where articles name watched names, and what the analyst made of each."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx
        self._conn: sqlite3.Connection = tx.conn

    def all(self, states: Iterable[str] = (NEW, SEEN), limit: int = 100_000, name_id: int | None = None) -> list[Hit]:
        """Hits in the given states (of one name, or all), by list, name, then article and place."""
        states = tuple(states)
        marks = ", ".join("?" * len(states))
        where, args = (" AND h.name_id = ?", (name_id,)) if name_id is not None else ("", ())
        rows = named_rows(self._conn, _HIT_SELECT + f"WHERE h.state IN ({marks}){where} "
                                      "ORDER BY w.name, n.name, h.article_id, h.start LIMIT ?", (*states, *args, limit))
        return [record(Hit, r) for r in rows]

    def get(self, hit_id: int) -> Hit:
        row = named_rows(self._conn, _HIT_SELECT + "WHERE h.id = ?", (hit_id,)).fetchone()
        if row is None:
            raise KeyError(hit_id)
        return record(Hit, row)

    def article_texts(self, batch: int = 200) -> Iterator[tuple[int, str]]:
        """Every article's (id, text), read a batch at a time: what a re-screen reads."""
        after = 0
        while True:
            rows = self._conn.execute("SELECT id, text FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                                      (after, batch)).fetchall()
            if not rows:
                return
            yield from rows
            after = rows[-1][0]

    def count_new(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM watch_hits WHERE state = 'new'").fetchone()[0])

    def set_state(self, hit_ids: Iterable[int], state: str) -> list[int]:
        """Mark hits; returns those whose state changed."""
        changed = []
        with self._tx.write() as conn:
            for hit_id in hit_ids:
                if conn.execute("UPDATE watch_hits SET state = ? WHERE id = ? AND state != ?",
                                (state, hit_id, state)).rowcount:
                    changed.append(hit_id)
        return changed

    def add(self, found: Iterable[FoundHit]) -> int:
        """Store hits screening found (a hit already stored, in any state, stays as it is):
        how many are new."""
        now = utc_now()
        with self._tx.write() as conn:
            cursor = conn.executemany(
                "INSERT OR IGNORE INTO watch_hits (name_id, article_id, start, \"end\", surface, passage, found) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((f.name_id, f.article_id, f.start, f.end, f.surface, f.passage, now) for f in found))
            return max(0, cursor.rowcount)

    def strongest_mark(self, name_id: int, article_id: int, start: int, end: int) -> str | None:
        """The strongest state of the name's hits over these words of the article (None: no hit)."""
        row = self._conn.execute(
            "SELECT state FROM watch_hits WHERE name_id = ? AND article_id = ? AND start < ? AND \"end\" > ? ORDER BY "
            "CASE state WHEN 'dismissed' THEN 2 WHEN 'seen' THEN 1 ELSE 0 END DESC LIMIT 1",
            (name_id, article_id, end, start)).fetchone()
        return None if row is None else str(row[0])

    def keep_mark(self, hit: FoundHit, state: str) -> None:
        """A hit marked elsewhere (a colleague's dossier merged): stored with that mark, or the
        mark put on the hit here."""
        with self._tx.write() as conn:
            conn.execute(
                "INSERT INTO watch_hits (name_id, article_id, start, \"end\", surface, passage, state, found) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name_id, article_id, start) DO UPDATE SET state = "
                "excluded.state", (hit.name_id, hit.article_id, hit.start, hit.end, hit.surface, hit.passage, state,
                                    utc_now()))

    def spread_marks(self, article_ids: Iterable[int]) -> None:
        """In these articles, a hit takes the strongest mark (seen, then "not this person") of any
        hit of its name over the same words: a colleague who screened with fewer spellings marked
        "Pashinyan" where this dossier finds "Nikol Pashinyan"."""
        with self._tx.write() as conn:
            conn.execute(
                "UPDATE watch_hits AS h SET state = (SELECT o.state FROM watch_hits o WHERE o.name_id = h.name_id "
                "AND o.article_id = h.article_id AND o.start < h.\"end\" AND o.\"end\" > h.start ORDER BY "
                "CASE o.state WHEN 'dismissed' THEN 2 WHEN 'seen' THEN 1 ELSE 0 END DESC LIMIT 1) "
                "WHERE h.state != 'dismissed' AND h.article_id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(set(article_ids))),))

    def replace_for_names(self, name_ids: Sequence[int], found: Iterable[FoundHit]) -> int:
        """After a list changed: the hits of `name_ids` become `found`. Hits still found keep their
        state; those no longer found go unless dismissed (the "not this person" mark is kept, so a
        re-screen never brings that passage back). Returns how many hits are new."""
        # One statement over keyed temporary tables, not one per name scanning every hit found.
        with self._tx.write() as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS screened_hits (name_id INTEGER, article_id INTEGER, "
                         "start INTEGER, PRIMARY KEY (name_id, article_id, start)) WITHOUT ROWID")
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS screened_names (name_id INTEGER PRIMARY KEY)")
            found = list(found)
            conn.executemany("INSERT OR IGNORE INTO temp.screened_hits VALUES (?, ?, ?)",
                             ((f.name_id, f.article_id, f.start) for f in found))
            conn.executemany("INSERT OR IGNORE INTO temp.screened_names VALUES (?)", ((n,) for n in name_ids))
            conn.execute("DELETE FROM watch_hits WHERE name_id IN (SELECT name_id FROM temp.screened_names) "
                         "AND state != 'dismissed' AND NOT EXISTS (SELECT 1 FROM temp.screened_hits s WHERE "
                         "s.name_id = watch_hits.name_id AND s.article_id = watch_hits.article_id "
                         "AND s.start = watch_hits.start)")
            conn.execute("DELETE FROM temp.screened_hits")
            conn.execute("DELETE FROM temp.screened_names")
            return self.add(found)


@dataclass(frozen=True)
class SavedSearch:
    id: int
    query: str
    created: str
    seen_through: int  # the last article id whose results the analyst has seen


@dataclass(frozen=True)
class SearchCount:
    """A saved search and its results: all of them, and those in articles newer than it was last seen."""

    search: SavedSearch
    results: int
    new: int


class SavedSearches:
    """`db.saved_searches`: queries kept to re-run on new material."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx
        self._conn: sqlite3.Connection = tx.conn

    def all(self) -> list[SavedSearch]:
        rows = named_rows(self._conn, "SELECT id, query, created, seen_through FROM saved_searches ORDER BY query")
        return [record(SavedSearch, r) for r in rows]

    def counts(self, cap: int = 10_000) -> list[SearchCount]:
        """Each saved search run again: its articles, and how many came since it was last seen
        (each count stops at `cap`, as the search panel's does)."""
        search = Search(self._conn)
        return [SearchCount(saved, search.count(saved.query, cap), search.count(saved.query, cap, saved.seen_through))
                for saved in self.all()]

    def add(self, query: str) -> int:
        with self._tx.write() as conn:
            last = conn.execute("SELECT ifnull(max(id), 0) FROM articles").fetchone()[0]
            return int(conn.execute("INSERT INTO saved_searches (query, created, seen_through) VALUES (?, ?, ?)",
                                    (query, utc_now(), last)).lastrowid or 0)

    def by_query(self, query: str) -> int | None:
        row = self._conn.execute("SELECT id FROM saved_searches WHERE query = ?", (query,)).fetchone()
        return None if row is None else int(row[0])

    def delete(self, search_id: int) -> None:
        with self._tx.write() as conn:
            conn.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))

    def mark_seen(self, search_id: int) -> None:
        with self._tx.write() as conn:
            conn.execute("UPDATE saved_searches SET seen_through = (SELECT ifnull(max(id), 0) FROM articles) "
                         "WHERE id = ?", (search_id,))

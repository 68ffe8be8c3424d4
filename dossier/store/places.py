"""Places on the map in the dossier file: the analyst's decisions (table `place_positions`) and
what the map and the exports read about place entities (names, mentions, dated events, the
articles naming them). Which gazetteer row a place is, is worked out above the store
(analysis.places); this module only reads and writes rows. A query object: `db.places`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from dossier.core.places import PlaceDecision
from dossier.store.transactions import Transactions, named_rows, record, utc_now

PLACE = "place"
_SELECT = ("SELECT entity_id, latitude, longitude, off_map = 1 AS off_map, author, set_at FROM place_positions")


class Places:
    """`db.places`."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx
        self._conn: sqlite3.Connection = tx.conn

    # -- the analyst's decisions --------------------------------------------------------------------

    def decisions(self) -> dict[int, PlaceDecision]:
        return {r["entity_id"]: record(PlaceDecision, r) for r in named_rows(self._conn, f"{_SELECT} ORDER BY entity_id")}

    def decision(self, entity_id: int) -> PlaceDecision | None:
        row = named_rows(self._conn, f"{_SELECT} WHERE entity_id = ?", (entity_id,)).fetchone()
        return None if row is None else record(PlaceDecision, row)

    def set_position(self, entity_id: int, latitude: float, longitude: float) -> None:
        """The place is here (on the map again, if it was off it)."""
        with self._tx.write() as conn:
            conn.execute("INSERT OR REPLACE INTO place_positions (entity_id, latitude, longitude, off_map, author, "
                         "set_at) VALUES (?, ?, ?, 0, ?, ?)", (entity_id, latitude, longitude, self._tx.author,
                                                               utc_now()))

    def set_off_map(self, entity_id: int) -> None:
        """Not on the map: the gazetteer's guess is not drawn either."""
        with self._tx.write() as conn:
            conn.execute("INSERT OR REPLACE INTO place_positions (entity_id, latitude, longitude, off_map, author, "
                         "set_at) VALUES (?, NULL, NULL, 1, ?, ?)", (entity_id, self._tx.author, utc_now()))

    def forget(self, entity_id: int) -> None:
        """Back to the gazetteer's position."""
        with self._tx.write() as conn:
            conn.execute("DELETE FROM place_positions WHERE entity_id = ?", (entity_id,))

    def add_decision(self, decision: PlaceDecision) -> None:
        """A decision as another dossier has it (a merge), when this one has none for the place."""
        with self._tx.write() as conn:
            conn.execute("INSERT OR IGNORE INTO place_positions (entity_id, latitude, longitude, off_map, author, "
                         "set_at) VALUES (?, ?, ?, ?, ?, ?)", (decision.entity_id, decision.latitude,
                                                               decision.longitude, int(decision.off_map),
                                                               decision.author, decision.set_at))

    # -- what the map reads ---------------------------------------------------------------------------

    def entities(self) -> list[tuple[int, str, tuple[str, ...], int]]:
        """(id, name, aliases, mentions) of every place entity."""
        aliases: dict[int, list[str]] = {}
        for entity_id, alias in self._conn.execute(
                "SELECT entity_id, alias FROM aliases WHERE entity_id IN (SELECT id FROM entities WHERE kind = ?)",
                (PLACE,)):
            aliases.setdefault(entity_id, []).append(alias)
        return [(i, name, tuple(sorted(aliases.get(i, ()))), mentions) for i, name, mentions in self._conn.execute(
            "SELECT id, name, mention_count FROM entities WHERE kind = ? ORDER BY id", (PLACE,))]

    def event_days(self) -> list[tuple[int, str, str]]:
        """(place entity id, earliest, latest) of every dated event at a place."""
        return list(self._conn.execute(
            "SELECT l.entity_id, e.earliest, ifnull(e.latest, e.earliest) FROM event_entities l "
            "JOIN events e ON e.id = l.event_id JOIN entities n ON n.id = l.entity_id "
            "WHERE n.kind = ? AND e.earliest IS NOT NULL", (PLACE,)))

    def article_titles(self, entity_ids: Iterable[int]) -> dict[int, list[str]]:
        """The titles of the articles naming each place, oldest article first."""
        ids = sorted(set(entity_ids))
        titles: dict[int, list[str]] = {}
        for first in range(0, len(ids), 500):
            part = ids[first:first + 500]
            for entity_id, title in self._conn.execute(
                    f"SELECT DISTINCT m.entity_id, a.title FROM mentions m JOIN articles a ON a.id = m.article_id "
                    f"WHERE m.entity_id IN ({','.join('?' * len(part))}) ORDER BY m.entity_id, a.id", part):
                titles.setdefault(entity_id, []).append(title)
        return titles

    def mention_days(self) -> dict[int, tuple[str, str]]:
        """The first and last publication day of the articles naming each place (for a place
        with no dated event of its own)."""
        return {entity_id: (first, last) for entity_id, first, last in self._conn.execute(
            "SELECT m.entity_id, min(substr(a.published, 1, 10)), max(substr(a.published, 1, 10)) FROM mentions m "
            "JOIN articles a ON a.id = m.article_id JOIN entities n ON n.id = m.entity_id "
            "WHERE n.kind = ? AND a.published IS NOT NULL GROUP BY m.entity_id", (PLACE,))}

    def named_in(self, article_ids: Iterable[int]) -> set[int]:
        """The place entities these articles mention."""
        ids = sorted(set(article_ids))
        found: set[int] = set()
        for first in range(0, len(ids), 500):
            part = ids[first:first + 500]
            found.update(r[0] for r in self._conn.execute(
                f"SELECT DISTINCT m.entity_id FROM mentions m JOIN entities n ON n.id = m.entity_id "
                f"WHERE n.kind = ? AND m.article_id IN ({','.join('?' * len(part))})", (PLACE, *part)))
        return found

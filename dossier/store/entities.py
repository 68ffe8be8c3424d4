"""Entities, their aliases and mentions, and dated events."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dossier.core.models import Entity, Event, Mention
from dossier.core.vocabulary import ENTITY_KINDS, EVENT_PRECISIONS


@dataclass(frozen=True)
class NewMention:
    article_id: int
    entity_id: int
    start: int
    end: int
    surface: str
    origin: str = "auto"


@dataclass(frozen=True)
class NewEvent:
    article_id: int
    start: int
    end: int
    title: str
    date_text: str
    earliest: str | None
    latest: str | None
    precision: str
    origin: str = "auto"
    entity_ids: tuple[int, ...] = ()


class EntityQueries:
    _conn: sqlite3.Connection

    # -- entities and aliases -------------------------------------------------------------------

    def add_entity(self, name: str, kind: str, aliases: Iterable[str] = ()) -> int:
        if kind not in ENTITY_KINDS:
            raise ValueError(f"unknown entity kind {kind!r}")
        with self._write() as conn:  # type: ignore[attr-defined]
            entity_id = int(conn.execute(
                "INSERT INTO entities (name, kind) VALUES (?, ?)", (name, kind)
            ).lastrowid)  # type: ignore[arg-type]
            conn.executemany(
                "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?, ?)",
                [(entity_id, a) for a in aliases if a != name],
            )
        return entity_id

    def add_alias(self, entity_id: int, alias: str) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?, ?)", (entity_id, alias))

    def entity(self, entity_id: int) -> Entity:
        row = self._conn.execute(
            "SELECT id, name, kind, notes FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no entity {entity_id}")
        aliases = tuple(r[0] for r in self._conn.execute(
            "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", (entity_id,)
        ))
        return Entity(*row, aliases=aliases)

    def entities(self) -> list[Entity]:
        aliases: dict[int, list[str]] = {}
        for entity_id, alias in self._conn.execute("SELECT entity_id, alias FROM aliases ORDER BY alias"):
            aliases.setdefault(entity_id, []).append(alias)
        return [
            Entity(*r, aliases=tuple(aliases.get(r[0], ())))
            for r in self._conn.execute(
                "SELECT id, name, kind, notes FROM entities ORDER BY name COLLATE NOCASE"
            )
        ]

    def entity_ids_by_name(self, name: str) -> list[int]:
        """Entities whose name or an alias equals `name`, ignoring case."""
        return [r[0] for r in self._conn.execute(
            "SELECT id FROM entities WHERE name = ? COLLATE NOCASE "
            "UNION SELECT entity_id FROM aliases WHERE alias = ? COLLATE NOCASE",
            (name, name),
        )]

    def mention_counts(self) -> dict[int, int]:
        return dict(self._conn.execute("SELECT entity_id, count(*) FROM mentions GROUP BY entity_id"))

    # -- mentions -------------------------------------------------------------------------------

    def add_mentions(self, mentions: Sequence[NewMention]) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.executemany(
                "INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface, origin) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(m.article_id, m.entity_id, m.start, m.end, m.surface, m.origin) for m in mentions],
            )

    def mentions_in_article(self, article_id: int) -> list[Mention]:
        return [Mention(*r) for r in self._conn.execute(
            "SELECT id, article_id, entity_id, start_offset, end_offset, surface, origin "
            "FROM mentions WHERE article_id = ? ORDER BY start_offset", (article_id,)
        )]

    def mentions_of_entity(self, entity_id: int) -> list[Mention]:
        return [Mention(*r) for r in self._conn.execute(
            "SELECT id, article_id, entity_id, start_offset, end_offset, surface, origin "
            "FROM mentions WHERE entity_id = ? ORDER BY article_id, start_offset", (entity_id,)
        )]

    # -- events ---------------------------------------------------------------------------------

    def add_events(self, events: Sequence[NewEvent]) -> list[int]:
        ids: list[int] = []
        with self._write() as conn:  # type: ignore[attr-defined]
            for e in events:
                if e.precision not in EVENT_PRECISIONS:
                    raise ValueError(f"unknown date precision {e.precision!r}")
                event_id = int(conn.execute(
                    "INSERT INTO events (article_id, start_offset, end_offset, title, date_text, "
                    "earliest, latest, precision, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (e.article_id, e.start, e.end, e.title, e.date_text, e.earliest, e.latest,
                     e.precision, e.origin),
                ).lastrowid)  # type: ignore[arg-type]
                conn.executemany(
                    "INSERT OR IGNORE INTO event_entities (event_id, entity_id) VALUES (?, ?)",
                    [(event_id, entity_id) for entity_id in e.entity_ids],
                )
                ids.append(event_id)
        return ids

    def events(self, article_id: int | None = None) -> list[Event]:
        where, args = ("WHERE article_id = ?", (article_id,)) if article_id is not None else ("", ())
        links: dict[int, list[int]] = {}
        link_sql = "SELECT event_id, entity_id FROM event_entities"
        if article_id is not None:
            link_sql += " WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)"
        for event_id, entity_id in self._conn.execute(link_sql, args):
            links.setdefault(event_id, []).append(entity_id)
        return [
            Event(*r, entity_ids=tuple(sorted(links.get(r[0], ()))))
            for r in self._conn.execute(
                "SELECT id, article_id, start_offset, end_offset, title, date_text, earliest, "
                f"latest, precision, origin FROM events {where} ORDER BY earliest, id", args
            )
        ]

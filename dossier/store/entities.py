"""Entities, their aliases and mentions, and dated events."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from dossier.core.models import (
    Entity,
    EntityRow,
    Event,
    Mention,
    MentionContext,
    MentionMark,
    NewEvent,
    NewMention,
)
from dossier.core.names import fold, same_name_across_scripts, same_organisation_pairs
from dossier.core.validity import span_problem
from dossier.core.vocabulary import ENTITY_KINDS, EVENT_PRECISIONS
from dossier.store.transactions import Transactions, named_rows, record, utc_now

_MENTION_COLUMNS = 'id, article_id, entity_id, start_offset AS start, end_offset AS "end", surface, origin'


class Entities:
    """`db.entities`: entities, their aliases and mentions, and what a user does to them in the
    sidebar (each method one transaction)."""

    def __init__(self, tx: Transactions) -> None:
        self._conn = tx.conn
        self._write = tx.write
        self._same_name_cache: tuple[int, list[tuple[EntityRow, EntityRow]]] | None = None

    # -- entities and aliases -------------------------------------------------------------------

    def add(self, name: str, kind: str, aliases: Iterable[str] = ()) -> int:
        if kind not in ENTITY_KINDS:
            raise ValueError(f"unknown entity kind {kind!r}")
        with self._write() as conn:
            entity_id = int(conn.execute(
                "INSERT INTO entities (name, kind) VALUES (?, ?)", (name, kind)
            ).lastrowid or 0)  # an INSERT always sets it
            conn.executemany(
                "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?, ?)",
                [(entity_id, a) for a in aliases if a != name],
            )
        return entity_id

    def add_alias(self, entity_id: int, alias: str) -> None:
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?, ?)", (entity_id, alias))

    def get(self, entity_id: int) -> Entity:
        row = named_rows(self._conn, "SELECT id, name, kind, notes FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise KeyError(f"no entity {entity_id}")
        aliases = tuple(r[0] for r in self._conn.execute(
            "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", (entity_id,)
        ))
        return record(Entity, row, aliases=aliases)

    def all(self) -> list[Entity]:
        aliases: dict[int, list[str]] = {}
        for entity_id, alias in self._conn.execute("SELECT entity_id, alias FROM aliases ORDER BY alias"):
            aliases.setdefault(entity_id, []).append(alias)
        return [
            record(Entity, r, aliases=tuple(aliases.get(r["id"], ())))
            for r in named_rows(
                self._conn, "SELECT id, name, kind, notes FROM entities ORDER BY name COLLATE NOCASE"
            )
        ]

    def ids_by_name(self, name: str) -> list[int]:
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
        """Store mentions; each must be a passage of its article's text (ValueError if one is
        not: a mark outside the text would stop the window that shows it)."""
        mentions = list(mentions)
        _check_spans(self._conn, [(m.article_id, m.start, m.end, False) for m in mentions], "A mention")
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface, origin) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(m.article_id, m.entity_id, m.start, m.end, m.surface, m.origin) for m in mentions],
            )

    def mentions_in(self, article_id: int) -> list[Mention]:
        return [record(Mention, r) for r in named_rows(
            self._conn, f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE article_id = ? ORDER BY start_offset", (article_id,)
        )]

    def mention(self, mention_id: int) -> Mention | None:
        row = named_rows(self._conn, f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE id = ?", (mention_id,)).fetchone()
        return record(Mention, row) if row else None

    def mentions_of(self, entity_id: int) -> list[Mention]:
        return [record(Mention, r) for r in named_rows(
            self._conn, f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE entity_id = ? ORDER BY article_id, start_offset",
            (entity_id,)
        )]

    # -- proposals and edits --------------------------------------------------------------------

    def same_organisation_proposals(self) -> list[tuple[EntityRow, EntityRow]]:
        """Organisations that look like one written both ways round ("Defence Ministry",
        "Ministry of Defence"): (the one to keep, the one to merge into it), the more mentioned
        kept. Only proposed: merging is the user's."""
        rows = {r.id: r for r in self.rows() if r.kind == "organisation"}
        ordered = sorted(rows.values(), key=lambda r: (-r.mentions, r.name.casefold()))
        return [(rows[keep], rows[merge]) for keep, merge in same_organisation_pairs([(r.id, r.name) for r in ordered])]

    def same_name_proposals(self) -> list[tuple[EntityRow, EntityRow]]:
        """Entities that look like one name in two scripts or spellings ("Nikol Pashinyan",
        "Никол Пашинян", "Նիկոլ Փաշինյան"): (the one to keep, the one to merge into it). A name
        in plain English letters is kept, else the more mentioned. Only proposed: merging is the
        user's. Worked out again only when the entities or their names changed."""
        rows = self.rows()
        signature = hash(tuple((r.id, r.name, r.kind, r.aliases, r.mentions) for r in rows))
        cached = self._same_name_cache
        if cached is not None and cached[0] == signature:
            return cached[1]
        ordered = sorted(rows, key=lambda r: (not r.name.isascii(), -r.mentions, r.name.casefold()))
        by_id = {r.id: r for r in rows}
        pairs = same_name_across_scripts([(r.id, r.kind, r.name, r.aliases) for r in ordered])
        result = [(by_id[keep], by_id[merge]) for keep, merge in pairs]
        self._same_name_cache = (signature, result)
        return result

    def article_pairs(self, article_ids: Iterable[int]) -> list[tuple[int, int]]:
        """(entity id, article id) for every entity mentioned in these articles: the report's
        index and counts, in one query per 500 articles."""
        wanted = list(article_ids)
        pairs: list[tuple[int, int]] = []
        for first in range(0, len(wanted), 500):
            chunk = wanted[first:first + 500]
            pairs += self._conn.execute(
                f"SELECT DISTINCT entity_id, article_id FROM mentions WHERE article_id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall()
        return pairs

    def rows(self) -> list[EntityRow]:
        aliases: dict[int, list[str]] = {}
        for entity_id, alias in self._conn.execute("SELECT entity_id, alias FROM aliases"):
            aliases.setdefault(entity_id, []).append(alias)
        return [record(EntityRow, r, aliases=tuple(aliases.get(r["id"], ()))) for r in named_rows(
            self._conn, "SELECT id, name, kind, mention_count AS mentions FROM entities ORDER BY name COLLATE NOCASE"
        )]

    def mention_contexts(self, entity_id: int, width: int = 40) -> list[MentionContext]:
        return [record(MentionContext, r) for r in named_rows(
            self._conn,
            'SELECT m.id AS mention_id, m.article_id, a.title AS article_title, m.start_offset AS start, '
            'm.end_offset AS "end", substr(a.text, max(1, m.start_offset + 1 - ?), min(?, m.start_offset)) AS before, '
            "substr(a.text, m.start_offset + 1, m.end_offset - m.start_offset) AS surface, "
            "substr(a.text, m.end_offset + 1, ?) AS after "
            "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
            "ORDER BY a.published DESC, m.article_id, m.start_offset",
            (width, width, width, entity_id),
        )]

    def mention_marks(self, article_id: int) -> list[MentionMark]:
        """What the article pane needs to underline each mention in its kind's colour."""
        return [record(MentionMark, r) for r in named_rows(
            self._conn,
            'SELECT m.id AS mention_id, m.entity_id, m.start_offset AS start, m.end_offset AS "end", e.kind '
            "FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start_offset",
            (article_id,),
        )]

    def articles_mentioning(self, entity_id: int) -> list[tuple[int, str, int]]:
        """(article id, title, mention count), most mentions first."""
        return list(self._conn.execute(
            "SELECT a.id, a.title, count(*) AS n FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ? GROUP BY a.id ORDER BY n DESC, a.published DESC", (entity_id,)
        ))

    def set_notes(self, entity_id: int, notes: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE entities SET notes = ? WHERE id = ?", (notes, entity_id))

    def rename(self, entity_id: int, name: str) -> None:
        """The old name stays as an alias, so later mentions of it still link here."""
        name = name.strip()
        if not name:
            raise ValueError("an entity needs a name")
        with self._write() as conn:
            (old,) = conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
            conn.execute("UPDATE entities SET name = ? WHERE id = ?", (name, entity_id))
            if old != name:
                conn.execute("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?, ?)", (entity_id, old))
            conn.execute("DELETE FROM aliases WHERE entity_id = ? AND alias = ?", (entity_id, name))

    def set_kind(self, entity_id: int, kind: str) -> None:
        if kind not in ENTITY_KINDS:
            raise ValueError(f"unknown entity kind {kind!r}")
        with self._write() as conn:
            conn.execute("UPDATE entities SET kind = ? WHERE id = ?", (kind, entity_id))

    def merge(self, source_id: int, target_id: int) -> None:
        """Fold `source` into `target`: its mentions, events and aliases move, its name becomes
        an alias of the target, and it is gone."""
        if source_id == target_id:
            raise ValueError("an entity can't be merged into itself")
        with self._write() as conn:
            (name,) = conn.execute("SELECT name FROM entities WHERE id = ?", (source_id,)).fetchone()
            conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (target_id, source_id))
            conn.execute(
                "INSERT OR IGNORE INTO event_entities (event_id, entity_id) "
                "SELECT event_id, ? FROM event_entities WHERE entity_id = ?", (target_id, source_id)
            )
            conn.execute(
                "INSERT OR IGNORE INTO aliases (entity_id, alias) "
                "SELECT ?, alias FROM aliases WHERE entity_id = ? UNION SELECT ?, ?",
                (target_id, source_id, target_id, name),
            )
            conn.execute(
                "DELETE FROM aliases WHERE entity_id = ? AND alias = "
                "(SELECT name FROM entities WHERE id = ?)", (target_id, target_id)
            )
            # where the analyst put the place: the target's decision stands, else the source's comes along
            conn.execute("INSERT OR IGNORE INTO place_positions (entity_id, latitude, longitude, off_map, author, set_at) "
                         "SELECT ?, latitude, longitude, off_map, author, set_at FROM place_positions "
                         "WHERE entity_id = ?", (target_id, source_id))
            conn.execute("DELETE FROM entities WHERE id = ?", (source_id,))

    def delete(self, entity_id: int) -> None:
        """Not an entity: it and its mentions go, and its name (and aliases) are remembered so
        re-extraction never proposes them again."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO rejected_names (name, rejected_at) "
                "SELECT name, ? FROM entities WHERE id = ? UNION SELECT alias, ? FROM aliases WHERE entity_id = ?",
                (utc_now(), entity_id, utc_now(), entity_id),
            )
            conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))

    def reject_name(self, name: str) -> None:
        """Put a name on the "not an entity" list."""
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO rejected_names (name, rejected_at) VALUES (?, ?)", (name, utc_now()))

    def rejected_name_keys(self) -> set[str]:
        """Every rejected name, folded like extraction folds names (case and accents ignored)."""
        return {fold(r[0]) for r in self._conn.execute("SELECT name FROM rejected_names")}

    def is_rejected_name(self, name: str) -> bool:
        return self._conn.execute("SELECT 1 FROM rejected_names WHERE name = ?", (name,)).fetchone() is not None

    def remove_mention(self, mention_id: int) -> None:
        """A single wrong mention goes, and is remembered so re-extraction leaves it out."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO rejected_mentions (article_id, start_offset, end_offset, surface) "
                "SELECT article_id, start_offset, end_offset, surface FROM mentions WHERE id = ?", (mention_id,)
            )
            conn.execute("DELETE FROM mentions WHERE id = ?", (mention_id,))

    def is_rejected_mention(self, article_id: int, start: int, end: int) -> bool:
        return self._conn.execute(
            "SELECT 1 FROM rejected_mentions WHERE article_id = ? AND start_offset = ? AND end_offset = ?",
            (article_id, start, end),
        ).fetchone() is not None

    def add_from_selection(self, article_id: int, start: int, end: int, name: str, kind: str) -> int:
        """The user marks a passage as an entity: linked to an existing entity of that name (or
        alias), else a new one; the mention is the user's. Returns the entity id."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT substr(text, ?, ?), length(text) FROM articles WHERE id = ?",
                (start + 1, end - start, article_id),
            ).fetchone()
            if row is None or not 0 <= start < end <= row[1]:
                raise ValueError("the selection is outside the article")
            existing = self.ids_by_name(name)
            entity_id = existing[0] if existing else self.add(name, kind)
            conn.execute("DELETE FROM rejected_names WHERE name = ?", (name,))
            conn.execute(
                "DELETE FROM rejected_mentions WHERE article_id = ? AND start_offset = ? AND end_offset = ?",
                (article_id, start, end),
            )
            conn.execute(
                "INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface, origin) "
                "VALUES (?, ?, ?, ?, ?, 'user')", (article_id, entity_id, start, end, row[0]),
            )
        return entity_id


_EVENT_COLUMNS = ('id, article_id, start_offset AS start, end_offset AS "end", title, date_text, earliest, latest, '
                  "precision, origin")


class Events:
    """`db.events`: dated events, each with its evidence in an article and the entities it names."""

    def __init__(self, tx: Transactions) -> None:
        self._conn = tx.conn
        self._write = tx.write

    def add_many(self, events: Sequence[NewEvent]) -> list[int]:
        """Store events; each one's evidence must lie in its article's text (it may be empty)."""
        events = list(events)
        _check_spans(self._conn, [(e.article_id, e.start, e.end, True) for e in events], "An event")
        ids: list[int] = []
        with self._write() as conn:
            for e in events:
                if e.precision not in EVENT_PRECISIONS:
                    raise ValueError(f"unknown date precision {e.precision!r}")
                event_id = int(conn.execute(
                    "INSERT INTO events (article_id, start_offset, end_offset, title, date_text, "
                    "earliest, latest, precision, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (e.article_id, e.start, e.end, e.title, e.date_text, e.earliest, e.latest,
                     e.precision, e.origin),
                ).lastrowid or 0)  # an INSERT always sets it
                conn.executemany(
                    "INSERT OR IGNORE INTO event_entities (event_id, entity_id) VALUES (?, ?)",
                    [(event_id, entity_id) for entity_id in e.entity_ids],
                )
                ids.append(event_id)
        return ids

    def get(self, event_id: int) -> Event:
        row = named_rows(self._conn, f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise KeyError(f"no event {event_id}")
        links = tuple(sorted(r[0] for r in self._conn.execute(
            "SELECT entity_id FROM event_entities WHERE event_id = ?", (event_id,))))
        return record(Event, row, entity_ids=links)

    def update(self, event_id: int, title: str, date_text: str, earliest: str | None, latest: str | None,
                     precision: str) -> None:
        """The user's correction: the event becomes theirs (re-extraction leaves it alone)."""
        if precision not in EVENT_PRECISIONS:
            raise ValueError(f"unknown date precision {precision!r}")
        with self._write() as conn:
            conn.execute(
                "UPDATE events SET title = ?, date_text = ?, earliest = ?, latest = ?, precision = ?, origin = 'user' "
                "WHERE id = ?", (title, date_text, earliest, latest, precision, event_id))

    def delete(self, event_id: int) -> None:
        """An automatic event deleted is remembered, so re-extraction never brings it back."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO rejected_events (article_id, start_offset, end_offset, date_text) "
                "SELECT article_id, start_offset, end_offset, date_text FROM events WHERE id = ? AND origin = 'auto'",
                (event_id,))
            conn.execute("DELETE FROM events WHERE id = ?", (event_id,))

    def all(self, article_id: int | None = None) -> list[Event]:
        where, args = ("WHERE article_id = ?", (article_id,)) if article_id is not None else ("", ())
        links: dict[int, list[int]] = {}
        link_sql = "SELECT event_id, entity_id FROM event_entities"
        if article_id is not None:
            link_sql += " WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)"
        for event_id, entity_id in self._conn.execute(link_sql, args):
            links.setdefault(event_id, []).append(entity_id)
        return [
            record(Event, r, entity_ids=tuple(sorted(links.get(r["id"], ()))))
            for r in named_rows(self._conn, f"SELECT {_EVENT_COLUMNS} FROM events {where} ORDER BY earliest, id", args)
        ]


def _check_spans(conn: sqlite3.Connection, spans: list[tuple[int, int, int, bool]], what: str) -> None:
    """ValueError naming the first (article, start, end, may be empty) that is no passage of
    its article's text. One query per article, for its length."""
    lengths: dict[int, int | None] = {}
    for article_id, start, end, empty_allowed in spans:
        if article_id not in lengths:
            row = conn.execute("SELECT length(text) FROM articles WHERE id = ?", (article_id,)).fetchone()
            lengths[article_id] = row[0] if row else None
        length = lengths[article_id]
        if length is None:
            raise ValueError(f"{what} names article {article_id}, which is not in the dossier.")
        problem = span_problem(start, end, length, empty_allowed=empty_allowed)
        if problem:
            raise ValueError(f"{what} of article {article_id}: {problem}.")

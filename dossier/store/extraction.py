"""What extraction writes: an article's automatic mentions and events, replaced whole, and the
limits the user has set on them (rejected spans, their own mentions and events).

Mentions are the bulk of an import (~60 per article), so they go in through sqlite-utils'
multi-row inserts; sqlite-utils is loaded here, on the first extraction, never at start-up
(it imports numpy when numpy is installed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from dossier.core.models import NewEvent, NewMention
from dossier.core.vocabulary import EVENT_PRECISIONS
from dossier.store.entities import Events
from dossier.store.transactions import Transactions, named_rows, record

MENTION_COLUMNS = ["article_id", "entity_id", "start_offset", "end_offset", "surface", "origin"]


class ExtractionGuards(NamedTuple):
    """What re-extraction of an article must leave alone."""

    user_spans: list[tuple[int, int]]  # mentions the user made: nothing automatic overlaps them
    rejected_spans: set[tuple[int, int]]  # mentions the user removed
    kept_events: set[tuple[int, int, str]]  # (start, end, date words) deleted, made or edited by the user


class AutomaticEvent(NamedTuple):
    id: int
    date_text: str
    earliest: str | None
    latest: str | None
    precision: str
    start: int  # its sentence, where the words' tense is read
    end: int


class Extraction:
    """`db.extraction`: what extraction writes, and the limits the user set on it."""

    def __init__(self, tx: Transactions, events: Events) -> None:
        self._conn = tx.conn
        self._write = tx.write
        self._events = events
        self._bulk_db: Any = None  # sqlite_utils.Database, made on first use (it is not typed)

    def guards(self, article_id: int) -> ExtractionGuards:
        q = self._conn.execute
        return ExtractionGuards(
            [(r[0], r[1]) for r in q("SELECT start_offset, end_offset FROM mentions WHERE article_id = ? "
                                     "AND origin = 'user'", (article_id,))],
            {(r[0], r[1]) for r in q("SELECT start_offset, end_offset FROM rejected_mentions WHERE article_id = ?",
                                     (article_id,))},
            {(r[0], r[1], r[2]) for r in q(
                "SELECT start_offset, end_offset, date_text FROM rejected_events WHERE article_id = ? "
                "UNION SELECT start_offset, end_offset, date_text FROM events WHERE article_id = ? AND origin = 'user'",
                (article_id, article_id))},
        )

    def replace_automatic(self, article_id: int, mentions: Sequence[NewMention], events: Sequence[NewEvent]) -> None:
        """The article's automatic mentions and events become these (the user's stay), in one
        transaction."""
        with self._write() as conn:
            conn.execute("DELETE FROM mentions WHERE article_id = ? AND origin = 'auto'", (article_id,))
            conn.execute("DELETE FROM events WHERE article_id = ? AND origin = 'auto'", (article_id,))
            if mentions:
                rows = [(m.article_id, m.entity_id, m.start, m.end, m.surface, m.origin) for m in mentions]
                self._bulk().table("mentions").insert_all([MENTION_COLUMNS, *rows], batch_size=100)
            self._events.add_many(events)

    def replace_automatic_events(self, article_id: int, events: Sequence[NewEvent]) -> None:
        """The article's automatic events become these; its mentions and the user's events stay."""
        with self._write() as conn:
            conn.execute("DELETE FROM events WHERE article_id = ? AND origin = 'auto'", (article_id,))
            self._events.add_many(events)

    def entities_in_span(self, article_id: int, start: int, end: int) -> list[int]:
        """The entities mentioned inside [start, end) of an article, in order of first mention."""
        return [r[0] for r in self._conn.execute(
            "SELECT entity_id FROM mentions WHERE article_id = ? AND start_offset >= ? AND end_offset <= ? "
            "GROUP BY entity_id ORDER BY min(start_offset)", (article_id, start, end))]

    def automatic_events(self, article_id: int) -> list[AutomaticEvent]:
        return [record(AutomaticEvent, r) for r in named_rows(
            self._conn, 'SELECT id, date_text, earliest, latest, precision, start_offset AS start, end_offset AS "end" '
            "FROM events WHERE article_id = ? AND origin = 'auto' ORDER BY id", (article_id,))]

    def set_event_dates(self, dates: Sequence[tuple[int, str | None, str | None, str]]) -> None:
        """(event id, earliest, latest, precision) for automatic events whose words were read again."""
        for _id, _earliest, _latest, precision in dates:
            if precision not in EVENT_PRECISIONS:
                raise ValueError(f"unknown date precision {precision!r}")
        with self._write() as conn:
            conn.executemany("UPDATE events SET earliest = ?, latest = ?, precision = ? WHERE id = ?",
                             [(earliest, latest, p, i) for i, earliest, latest, p in dates])

    def _bulk(self) -> Any:
        """sqlite-utils over this connection, made on first use. Its inserts run inside our
        transaction (it uses a savepoint when one is open) and load no plugins."""
        if self._bulk_db is None:
            import sqlite_utils

            self._bulk_db = sqlite_utils.Database(self._conn, recursive_triggers=False, execute_plugins=False)
        return self._bulk_db

"""EventListModel: the events the timeline shows, as a table under it, in time order.

It follows the chart: only the events whose dates meet the days in view are listed, so zooming
into May 2021 lists May 2021; events whose date words could not be placed in time follow, always,
saying why (a "June 20" whose sentence does not say before or after publication). A row gives the date as precisely as it is known, the event's
sentence and its article; the keyboard reaches every event here (the chart needs a mouse or
arrow keys). Rows are updated in place, so the chosen one stays chosen.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QObject, Qt

from dossier.core.models import Event
from dossier.ui.tables import Index, RecordTableModel

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Date", "Event", "Article")


class EventRow(NamedTuple):
    event_id: int
    first: int | None  # day numbers of the dates, for the visible range; None: not placed in time
    last: int | None
    when: str  # "14 May 2021", "2020 (year)"
    title: str
    article: str


class EventListModel(RecordTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[EventRow] = []
        self._rows: list[EventRow] = []
        self._days: tuple[int, int] | None = None

    def set_events(self, rows: list[EventRow]) -> None:
        # Events not placed in time come last and are always listed: the chart can't show them.
        self._all = sorted(rows, key=lambda r: (r.first is None, r.first or 0, r.last or 0, r.event_id))
        self._refilter()

    def show_days(self, first: int, last: int) -> None:
        if (first, last) != self._days:
            self._days = (first, last)
            self._refilter()

    def _refilter(self) -> None:
        if self._days is None:
            rows = self._all
        else:
            first, last = self._days
            rows = [r for r in self._all
                    if r.first is None or (r.last is not None and r.last >= first and r.first <= last)]
        self.sync_rows(rows, key=lambda r: r.event_id)

    def row_of(self, event_id: int) -> int:
        return self.row_where(lambda r: r.event_id == event_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == EVENT_ID_ROLE:
            return row.event_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.when, row.title, row.article)[index.column()]
        return None


def event_row(event: Event, when: str, article: str) -> EventRow:
    from datetime import date

    if not event.earliest:
        return EventRow(event.id, None, None, when, event.title, article)
    first = date.fromisoformat(event.earliest).toordinal()
    last = date.fromisoformat(event.latest or event.earliest).toordinal()
    return EventRow(event.id, first, last, when, event.title, article)

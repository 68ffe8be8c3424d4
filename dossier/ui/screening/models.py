"""The Hits panel's tables: watched names with their hit counts, saved searches with their new
results, and the hits of the chosen name. Each re-reads in place (selection and scroll kept)."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QObject, Qt

from dossier.core.display import shown
from dossier.store import Database
from dossier.store.screening import DISMISSED, NEW, SEEN, Hit, NameGroup, SearchCount
from dossier.ui.tables import Index, RecordTableModel

STATE_LABELS = {NEW: "New", SEEN: "Seen", DISMISSED: "Not this person"}


def _bold_if(condition: bool) -> object:
    from PySide6.QtGui import QFont  # lazy: only when a row is drawn

    font = QFont()
    font.setBold(condition)
    return font


class NameGroupsModel(RecordTableModel):
    """Every watched name, by list: its new hits and all of them."""

    COLUMNS = ("New", "Hits", "List", "Name")
    HEADER_TIPS: ClassVar[dict[str, str]] = {"New": "Hits nobody has marked seen", "Hits": "Hits not marked “not this person”"}

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store

    def reload(self) -> None:
        self.sync_rows(self._store.watchlists.groups(), key=lambda g: g.name_id)

    def group_at(self, row: int) -> NameGroup:
        group: NameGroup = self._rows[row]
        return group

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        group: NameGroup = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.FontRole:
            return _bold_if(group.new > 0)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("New", "Hits"):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == "List":
            return shown(group.list_name)
        if column == "Name":
            return shown(group.name)
        if column == "New":
            return f"{group.new:,}" if group.new else ""
        return f"{group.hits:,}"


class SavedSearchModel(RecordTableModel):
    """Saved searches run again: their results, and those in articles that came since last seen."""

    COLUMNS = ("New", "Results", "Search")
    HEADER_TIPS: ClassVar[dict[str, str]] = {"New": "Results in articles that came since you last opened this search"}

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store

    def reload(self) -> None:
        self.sync_rows(self._store.saved_searches.counts(), key=lambda c: c.search.id)

    def count_at(self, row: int) -> SearchCount:
        counted: SearchCount = self._rows[row]
        return counted

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        counted: SearchCount = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.FontRole:
            return _bold_if(counted.new > 0)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == "Search":
            return shown(counted.search.query)
        if column == "New":
            return f"{counted.new:,}" if counted.new else ""
        return f"{counted.results:,}" + ("+" if counted.results >= 10_000 else "")


class HitsModel(RecordTableModel):
    """The hits of one watched name (or of all), article by article."""

    COLUMNS = ("Article", "Found as", "State", "Passage")

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.name_id: int | None = None
        self.new_only = False

    def reload(self) -> None:
        states = (NEW,) if self.new_only else (NEW, SEEN)
        self.sync_rows(self._store.hits.all(states, name_id=self.name_id), key=lambda h: h.id)

    def hit_at(self, row: int) -> Hit:
        hit: Hit = self._rows[row]
        return hit

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        hit: Hit = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.FontRole:
            return _bold_if(hit.state == NEW)
        if role == Qt.ItemDataRole.ToolTipRole and column == "Passage":
            return shown(hit.passage)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "Article":
            return shown(hit.title)
        if column == "Found as":
            return shown(hit.surface)
        if column == "Passage":
            return shown(" ".join(hit.passage.split()))
        return STATE_LABELS[hit.state]

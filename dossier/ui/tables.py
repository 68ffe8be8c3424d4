"""The one look of the app's lists of records (annotations, claims, events, sources, conflicts):
a row per record, chosen whole, one at a time, on one line with long cells elided, columns the user
can widen; and the model scaffolding those tables share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from dossier.ui.row_sync import RowSync

Index = QModelIndex | QPersistentModelIndex


def record_table(model: QAbstractItemModel, table: QTableView | None = None) -> QTableView:
    """`table` (a new QTableView, or a subclass given) showing `model` with that look."""
    table = table if table is not None else QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fill_tag_box(box: Any, tags: Any, all_label: str) -> None:
    """A filter's tag box: "All tags" and each tag, keeping the choice if the tag is still there,
    without announcing the refill as a change of choice."""
    chosen = box.currentData()
    box.blockSignals(True)
    box.clear()
    box.addItem(all_label, None)
    for tag in tags:
        box.addItem(tag.name, tag.id)
    box.setCurrentIndex(max(0, box.findData(chosen)))
    box.blockSignals(False)


class RecordTableModel(RowSync, QAbstractTableModel):
    """The scaffolding of a table of records, one a row, under named columns: the counts, the
    headers (`COLUMNS`, and `HEADER_TIPS` as their tooltips) and the record of a row. A subclass
    fills `_rows` (in place with `sync_rows`, or between a reset's begin and end) and says in
    `data` what a cell shows."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    HEADER_TIPS: ClassVar[dict[str, str]] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def record_at(self, row: int) -> Any:
        return self._rows[row]

    def row_where(self, matches: Callable[[Any], bool]) -> int:
        """The first row whose record matches, or -1."""
        return next((i for i, record in enumerate(self._rows) if matches(record)), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and self.HEADER_TIPS:
            return self.tr(self.HEADER_TIPS.get(self.COLUMNS[section], ""))
        return None

"""The one look of the app's lists of records (annotations, claims): a row per record, chosen
whole, one at a time, on one line with long cells elided, columns the user can widen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def record_table(model: QAbstractItemModel) -> QTableView:
    table = QTableView()
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

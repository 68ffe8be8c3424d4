"""Updating a list model in place: rows removed, inserted or changed, never a reset.

A reset makes a view drop its selection, current row and scroll position; a list that is
re-read after every save must not. The old and new rows are compared by key (an id), and the
model says exactly which rows went, which came and which changed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from difflib import SequenceMatcher
from typing import Any

from PySide6.QtCore import QModelIndex


class RowSync:
    """Mixed into a QAbstractItemModel whose rows are the list `self._rows`."""

    _rows: list[Any]

    def sync_rows(self, new_rows: list[Any], key: Callable[[Any], Hashable]) -> None:
        old_keys = [key(r) for r in self._rows]
        new_keys = [key(r) for r in new_rows]
        model: Any = self
        last_column = max(0, model.columnCount() - 1)
        blocks = SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(blocks):  # from the end, so earlier rows keep their numbers
            if tag == "equal":
                for offset in range(i2 - i1):
                    if self._rows[i1 + offset] != new_rows[j1 + offset]:
                        self._rows[i1 + offset] = new_rows[j1 + offset]
                        model.dataChanged.emit(model.index(i1 + offset, 0), model.index(i1 + offset, last_column))
                continue
            if i2 > i1:
                model.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._rows[i1:i2]
                model.endRemoveRows()
            if j2 > j1:
                model.beginInsertRows(QModelIndex(), i1, i1 + j2 - j1 - 1)
                self._rows[i1:i1] = new_rows[j1:j2]
                model.endInsertRows()

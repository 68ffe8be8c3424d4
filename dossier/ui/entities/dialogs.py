"""Small dialogs of the entity sidebar: pick a merge target, name a new entity."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.name_filter import NameFilter
from dossier.core.vocabulary import ENTITY_KINDS
from dossier.store import EntityRow
from dossier.ui.entities.models import KIND_LABELS


class EntityPickerDialog(QDialog):
    """Choose one entity from many: type to narrow, arrows to move, Enter to choose."""

    def __init__(self, title: str, prompt: str, candidates: list[EntityRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._candidates = {c.id: c for c in candidates}
        self._filter = NameFilter((c.id, (c.name, *c.aliases)) for c in candidates)
        self._shown: list[int] = []
        self.filter_edit = QLineEdit(placeholderText=self.tr("Type to filter"), clearButtonEnabled=True)
        self.list_view = QListView()
        self.list_model = QStringListModel(self)
        self.list_view.setModel(self.list_model)
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, textFormat=Qt.TextFormat.PlainText, wordWrap=True))
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list_view)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.filter_edit.textChanged.connect(self._refilter)
        self.list_view.doubleClicked.connect(lambda _i: self.accept())
        self.filter_edit.installEventFilter(self)
        self._refilter("")
        self.resize(420, 480)

    def chosen_id(self) -> int | None:
        index = self.list_view.currentIndex()
        return self._shown[index.row()] if index.isValid() else None

    def _refilter(self, text: str) -> None:
        self._shown = self._filter.matching(text)[:500]  # enough to choose from; keep typing for more
        self.list_model.setStringList([
            f"{self._candidates[i].name} — {self.tr(KIND_LABELS[self._candidates[i].kind])} "
            f"({self._candidates[i].mentions})" for i in self._shown
        ])
        if self._shown:
            self.list_view.setCurrentIndex(self.list_model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtGui import QKeyEvent

        # Up/Down in the filter box move through the list, so the hands stay on the keyboard.
        if (watched is self.filter_edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            row = self.list_view.currentIndex().row() + (1 if event.key() == Qt.Key.Key_Down else -1)
            if 0 <= row < self.list_model.rowCount(QModelIndex()):
                self.list_view.setCurrentIndex(self.list_model.index(row, 0))
            return True
        return super().eventFilter(watched, event)


class NewEntityDialog(QDialog):
    """Name and kind of an entity made from a selection in the article."""

    def __init__(self, surface: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add Entity from Selection"))
        self.name_edit = QLineEdit(" ".join(surface.split()))
        self.kind_box = QComboBox()
        for kind in ENTITY_KINDS:
            self.kind_box.addItem(self.tr(KIND_LABELS[kind]), kind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Kind"), self.kind_box)
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name_edit.selectAll()

    def values(self) -> tuple[str, str]:
        return self.name_edit.text().strip(), str(self.kind_box.currentData())

"""Article > Sources…: each outlet's default source reliability (A–F) and why.

Sources appear as articles arrive. A claim on an article inherits its source's grade unless the
claim sets its own; the annotation editor shows which. Changes are undoable.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import SOURCES, Changes
from dossier.core.grading import RELIABILITY_NOT_GRADED
from dossier.core.models import Source
from dossier.core.vocabulary import RELIABILITY
from dossier.operations.articles import GradeSource
from dossier.store import Database
from dossier.ui.session import DossierSession
from dossier.ui.tables import Index, RecordTableModel


class SourcesModel(RecordTableModel):
    COLUMNS = ("Source", "Reliability", "Rationale")

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[Source] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._store.sources.all()
        self.endResetModel()

    def source(self, row: int) -> Source:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        s = self._rows[index.row()]
        if index.column() == 0:
            return s.name
        if index.column() == 1:
            return f"{s.reliability} — {RELIABILITY[s.reliability]}" if s.reliability else self.tr(RELIABILITY_NOT_GRADED)
        return s.rationale


class SourcesDialog(QDialog):
    def __init__(self, session: DossierSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sources"))
        self._session = session
        self.model = SourcesModel(session.store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.reliability_box = QComboBox()
        self.reliability_box.addItem(self.tr("Not graded"), None)
        for letter, meaning in RELIABILITY.items():
            self.reliability_box.addItem(f"{letter} — {self.tr(meaning)}", letter)
        self.rationale_edit = QLineEdit(placeholderText=self.tr("Why this grade (track record, ownership, sourcing)"))
        self.apply_button = QPushButton(self.tr("Apply"))
        form = QFormLayout()
        form.addRow(self.tr("Default reliability"), self.reliability_box)
        form.addRow(self.tr("Rationale"), self.rationale_edit)
        form.addRow("", self.apply_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(close)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._load(current.row()))
        self.apply_button.clicked.connect(self.apply)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.resize(640, 400)
        session.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        """After a grade (or its undo): list again, keeping the outlet chosen."""
        if not changes.touches(SOURCES):
            return
        row = self.table.currentIndex().row()
        name = self.model.source(row).name if row >= 0 else None
        self.model.reload()
        self.table.selectRow(next((i for i in range(self.model.rowCount()) if self.model.source(i).name == name), 0))

    def _load(self, row: int) -> None:
        if row < 0:
            return
        source = self.model.source(row)
        self.reliability_box.setCurrentIndex(max(0, self.reliability_box.findData(source.reliability)))
        self.rationale_edit.setText(source.rationale)

    def apply(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        source = self.model.source(row)
        old = (source.reliability, source.rationale)
        new = (self.reliability_box.currentData(), self.rationale_edit.text().strip())
        if new != old:
            self._session.push(GradeSource(source.name, *new))

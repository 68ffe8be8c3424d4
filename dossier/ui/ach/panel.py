"""View > Competing Hypotheses (Ctrl+Shift+Y): the ACH matrix (analysis.ach), keyboard first.

Columns are the hypotheses, least inconsistent first, each headed by its score; rows are the
evidence (claims and passages), the most diagnostic first, the non-diagnostic greyed. Arrows move;
1 CC, 2 C, 3 N, 4 I, 5 II, 0 NA rate the cell; Delete clears it. Every rating is one undoable
edit, and the scores follow at once; while you rate along a row the columns stay where they are,
and the order follows the scores when you move to another row (the cell you go to stays chosen).
"Weight by grades" counts each row by its source's reliability and the information's credibility.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.analysis import ach
from dossier.core.changes import ANNOTATIONS, HYPOTHESES, SOURCES, Changes
from dossier.core.citation import format_date
from dossier.core.display import made_by
from dossier.core.grading import Grade
from dossier.core.vocabulary import ACH_RATING_WORDS
from dossier.export.ach_export import write_ach_csv
from dossier.operations.ach import (
    AddHypothesis,
    AddRows,
    AddSelectionRow,
    DeleteHypothesis,
    EditHypothesis,
    MoveHypothesis,
    Rate,
    RemoveRow,
)
from dossier.store.ach import AchData
from dossier.ui import theme
from dossier.ui.ach.header import ElidingHeader
from dossier.ui.session import DossierSession

KEYS = {Qt.Key.Key_1: "CC", Qt.Key.Key_2: "C", Qt.Key.Key_3: "N", Qt.Key.Key_4: "I", Qt.Key.Key_5: "II",
        Qt.Key.Key_0: "NA"}
CELL_COLORS = theme.ACH_CELL_COLORS
Index = QModelIndex | QPersistentModelIndex


class AchModel(QAbstractTableModel):
    """Column 0 the evidence, then one per hypothesis in ranking order; rows by diagnosticity."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_: AchData | None = None
        self.matrix = ach.Matrix([], [], {}, {})  # the data's, weighed and scored by analysis.ach
        self.weighted = False
        self.row_order: list[int] = []
        self.column_order: list[int] = []
        self.scores: dict[int, float] = {}

    def set_data(self, data: AchData, weighted: bool, keep_order: bool = False) -> None:
        """The matrix, sorted; with `keep_order` (rating along a row) rows and columns stay where
        they are, as long as they are the same rows and columns."""
        self.beginResetModel()
        matrix = ach.matrix(data.rows, [h.id for h in data.hypotheses], data.ratings)
        same = (set(self.row_order) == set(matrix.rows) and set(self.column_order) == set(matrix.hypotheses))
        self.data_, self.matrix, self.weighted = data, matrix, weighted
        if not (keep_order and same):
            self.row_order = ach.rows_by_diagnosticity(matrix)
            self.column_order = ach.ranking(matrix, weighted)
        self.scores = ach.inconsistency(matrix, weighted)
        self.endResetModel()

    def in_order(self) -> bool:
        """Whether rows and columns are in the order the ratings give them."""
        return self.data_ is None or (self.row_order == ach.rows_by_diagnosticity(self.matrix)
                                      and self.column_order == ach.ranking(self.matrix, self.weighted))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.data_ is None else len(self.row_order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.data_ is None else 1 + len(self.column_order)

    def cell(self, index: Index) -> tuple[int, int | None]:
        """(row id, hypothesis id or None for the evidence column)."""
        row = self.row_order[index.row()]
        return row, None if index.column() == 0 else self.column_order[index.column() - 1]

    def index_of(self, row_id: int, hypothesis_id: int | None) -> QModelIndex:
        if row_id not in self.row_order:
            return QModelIndex()
        column = 0 if hypothesis_id is None or hypothesis_id not in self.column_order else \
            1 + self.column_order.index(hypothesis_id)
        return self.index(self.row_order.index(row_id), column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self.data_ is None or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return self.tr("Evidence") if role == Qt.ItemDataRole.DisplayRole else None
        hypothesis = next(h for h in self.data_.hypotheses if h.id == self.column_order[section - 1])
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hypothesis.title}\n{self.tr('inconsistency')} {self.scores[hypothesis.id]:g}"
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole title: the header may elide it
            return hypothesis.title + (f"\n{hypothesis.description}" if hypothesis.description else "")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self.data_ is None or not index.isValid():
            return None
        row_id, hypothesis_id = self.cell(index)
        info = next(r for r in self.data_.rows if r.id == row_id)
        diagnostic = ach.diagnosticity(self.matrix, row_id) > 0
        if hypothesis_id is None:
            if role == Qt.ItemDataRole.DisplayRole:
                grade = Grade(info.reliability, info.credibility, False).label  # "B2", "C, credibility not graded"
                weight = f" · ×{self.matrix.weights[row_id]:.2f}" if self.weighted else ""
                return f"“{info.quote}”\n{info.outlet or self.tr('outlet unknown')} · {grade}{weight}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{info.article_title} — {info.outlet or ''}, "
                        f"{format_date(info.published, info.published_precision)}")
            if role == Qt.ItemDataRole.ForegroundRole and not diagnostic:
                return QColor(theme.NOT_DIAGNOSTIC)  # rated alike for every hypothesis: it tells them apart not at all
            return None
        rating = self.data_.ratings.get((row_id, hypothesis_id))
        if role == Qt.ItemDataRole.DisplayRole:
            return rating or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            words = ACH_RATING_WORDS.get(rating or "", self.tr("not rated (1 CC, 2 C, 3 N, 4 I, 5 II, 0 NA)"))
            if rating:
                who = self.data_.raters.get((row_id, hypothesis_id), ("", None))
                words += "\n" + self.tr("Rated by %1").replace("%1", made_by(*who))
            return words
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and rating:
            color = QColor(CELL_COLORS[rating])
            if not diagnostic:
                color.setAlpha(110)
            return color
        return None


class MatrixTable(QTableView):
    rated = Signal(int, int, object)  # row id, hypothesis id, rating or None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = cast(AchModel, self.model())  # the table is made with one
        index = self.currentIndex()
        key = event.key()
        if index.isValid() and (key in KEYS or key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)):
            row_id, hypothesis_id = model.cell(index)
            if hypothesis_id is not None:
                self.rated.emit(row_id, hypothesis_id, KEYS.get(key))  # type: ignore[call-overload]  # key() is an int
                return
        super().keyPressEvent(event)


class AchPanel(QWidget):
    annotation_chosen = Signal(int)

    def __init__(self, session: DossierSession, selection: Any = lambda: None, open_annotation: Any = lambda: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._store = session, session.store
        self._selection = selection  # () -> (article id, start, end) of the selected passage, or None
        self._open_annotation = open_annotation  # () -> the annotation open in the editor, or None
        self.model = AchModel(self)
        self.table = MatrixTable()
        self.table.setHorizontalHeader(ElidingHeader(self.table))
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.setAccessibleName(self.tr("Competing hypotheses"))
        self.weighted = QCheckBox(self.tr("Weight by grades"))
        self.weighted.setToolTip(self.tr("Each row counts by its source's reliability (A 1.0 … E 0.2, F or not "
                                         "graded 0.5) times the information's credibility (1 1.0 … 5 0.2, 6 or "
                                         "not graded 0.5)"))
        buttons = {
            "add": (self.tr("Add Hypothesis…"), self.add_hypothesis),
            "rename": (self.tr("Rename…"), self.rename_hypothesis),
            "left": (self.tr("◀"), lambda: self._move(-1)),
            "right": (self.tr("▶"), lambda: self._move(1)),
            "delete": (self.tr("Delete Hypothesis"), self.delete_hypothesis),
            "claims": (self.tr("Add Claims and Evidence"), self.add_claims),
            "annotation": (self.tr("Add Open Annotation"), self.add_open_annotation),
            "selection": (self.tr("Add Selection"), self.add_selection),
            "remove": (self.tr("Remove Row"), self.remove_row),
            "export": (self.tr("Export CSV…"), self.export_csv),
        }
        self.buttons: dict[str, QPushButton] = {}
        # Hypotheses in one row, evidence in the next: in one row they made the window wider
        # than a laptop's screen.
        top, second = QHBoxLayout(), QHBoxLayout()
        for name, (label, slot) in buttons.items():
            button = QPushButton(label)
            button.clicked.connect(slot)
            self.buttons[name] = button
            (top if name in ("add", "rename", "left", "right", "delete", "export") else second).addWidget(button)
        top.addStretch(1)
        second.addStretch(1)
        second.addWidget(self.weighted)
        self.ranking_label = QLabel(wordWrap=True)
        self.sensitivity_label = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.ranking_label)
        layout.addWidget(self.sensitivity_label)
        self.table.rated.connect(self.rate)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_left)
        self.table.doubleClicked.connect(self._open_row)
        self.weighted.toggled.connect(lambda _on: self.reload())
        session.changed.connect(self._on_changed)
        self.reload()

    # -- reading ------------------------------------------------------------------------------------

    def reload(self, keep_order: bool = False) -> None:
        if not self._store.is_open:
            return
        current = self.model.cell(self.table.currentIndex()) if self.table.currentIndex().isValid() else None
        self.model.set_data(self._store.ach.data(), self.weighted.isChecked(), keep_order)
        data = self.model.data_
        assert data is not None
        if current is not None:  # the cell being rated stays chosen wherever the order puts it
            self.table.setCurrentIndex(self.model.index_of(*current))
        elif self.model.rowCount() and self.model.columnCount() > 1:
            self.table.setCurrentIndex(self.model.index(0, 1))
        self.table.setColumnWidth(0, 320)
        metrics = self.table.horizontalHeader().fontMetrics()
        titles_by_id = {h.id: h.title for h in data.hypotheses}
        for column, hypothesis_id in enumerate(self.model.column_order, start=1):  # each title readable whole
            self.table.setColumnWidth(column, min(280, max(110, metrics.horizontalAdvance(titles_by_id[hypothesis_id]) + 40)))
        titles = {h.id: h.title for h in data.hypotheses}
        if data.hypotheses and data.rows:
            # The scores' order, even while the columns stay put for rating along a row.
            order = ach.ranking(self.model.matrix, self.weighted.isChecked())
            ranked = ", then ".join(f"{titles[h]} ({self.model.scores[h]:g})" for h in order)
            tied = ach.leaders(self.model.matrix, self.weighted.isChecked())
            lead = self.tr("Tied, least inconsistent: ") if len(tied) > 1 else self.tr("Least inconsistent: ")
            self.ranking_label.setText(lead + ranked)
            sensitive = ach.sensitive_rows(self.model.matrix, self.weighted.isChecked())
            quotes = {r.id: r.quote for r in data.rows}
            self.sensitivity_label.setText(
                self.tr("The ranking rests on: ") + "; ".join(f"“{_short(quotes[r])}”" for r in sensitive)
                + (self.tr(" (without it, another hypothesis would lead)") if len(sensitive) == 1 else
                   self.tr(" (without any one of these, another hypothesis would lead)")) if sensitive
                else self.tr("No single row changes which hypothesis leads."))
        else:
            self.ranking_label.setText(self.tr("Add hypotheses (columns) and evidence (rows), then rate each cell "
                                               "with 1 CC, 2 C, 3 N, 4 I, 5 II, 0 NA."))
            self.sensitivity_label.setText("")
        for name in ("rename", "left", "right", "delete"):
            self.buttons[name].setEnabled(bool(data.hypotheses))
        self.buttons["remove"].setEnabled(bool(data.rows))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(HYPOTHESES, ANNOTATIONS, SOURCES):
            # Rating along a row, the columns stay put (arrows keep meaning the same hypotheses);
            # the order follows the scores once the row is left.
            self.reload(keep_order=self.table.hasFocus())

    def _on_row_left(self, current: QModelIndex, previous: QModelIndex) -> None:
        if previous.isValid() and current.row() != previous.row() and not self.model.in_order():
            target = self.model.cell(current)
            self.reload()
            self.table.setCurrentIndex(self.model.index_of(*target))

    # -- editing ------------------------------------------------------------------------------------

    def rate(self, row_id: int, hypothesis_id: int, rating: str | None) -> None:
        self._session.push(Rate(row_id, hypothesis_id, rating))

    def current_hypothesis(self) -> int | None:
        index = self.table.currentIndex()
        if index.isValid() and index.column() > 0:
            return self.model.cell(index)[1]
        return self.model.column_order[0] if self.model.column_order else None

    def add_hypothesis(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("Add Hypothesis"), self.tr("Hypothesis:"))
        if ok and title.strip():
            self._session.push(AddHypothesis(title))

    def rename_hypothesis(self) -> None:
        hypothesis_id = self.current_hypothesis()
        data = self.model.data_
        if hypothesis_id is None or data is None:
            return
        hypothesis = next(h for h in data.hypotheses if h.id == hypothesis_id)
        title, ok = QInputDialog.getText(self, self.tr("Rename Hypothesis"), self.tr("Hypothesis:"), text=hypothesis.title)
        if ok and title.strip() and title.strip() != hypothesis.title:
            self._session.push(EditHypothesis(hypothesis_id, title, hypothesis.description))

    def delete_hypothesis(self) -> None:
        hypothesis_id = self.current_hypothesis()
        if hypothesis_id is not None:
            self._session.push(DeleteHypothesis(hypothesis_id))

    def _move(self, step: int) -> None:
        hypothesis_id = self.current_hypothesis()
        if hypothesis_id is not None:
            self._session.push(MoveHypothesis(hypothesis_id, step))

    def add_claims(self) -> None:
        """Every claim of the dossier and the passages linked to it as evidence."""
        ids: list[int] = []
        for row in self._store.claims.claim_rows():
            ids.append(row.annotation.id)
            ids += [item.annotation_id for item in row.evidence]
        if ids:
            self._session.push(AddRows(ids))

    def add_open_annotation(self) -> None:
        annotation_id = self._open_annotation()
        if annotation_id is not None:
            self._session.push(AddRows([annotation_id]))

    def add_selection(self) -> None:
        passage = self._selection()
        if passage is None:
            QMessageBox.information(self, self.tr("Add Selection"), self.tr("Select a passage in the article first."))
            return
        self._session.push(AddSelectionRow(*passage))

    def remove_row(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._session.push(RemoveRow(self.model.cell(index)[0]))

    def _open_row(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == 0 and self.model.data_ is not None:
            row_id = self.model.cell(index)[0]
            self.annotation_chosen.emit(next(r.annotation_id for r in self.model.data_.rows if r.id == row_id))

    def export_csv(self) -> None:
        suggestion = str(self._store.path.with_name(self._store.path.stem + " hypotheses.csv"))
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the matrix"), suggestion, self.tr("CSV (*.csv)"))
        if not chosen:
            return
        out = Path(chosen) if chosen.lower().endswith(".csv") else Path(chosen + ".csv")
        try:
            rows = write_ach_csv(self._store, out, self.weighted.isChecked())
        except (OSError, ValueError) as error:
            QMessageBox.warning(self, self.tr("Export the matrix"), str(error))
            return
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Wrote %1 rows to %2").replace("%1", str(rows))
                                          .replace("%2", str(out)), 8000)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

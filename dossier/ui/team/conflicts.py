"""ConflictsPanel: the assessments a merge found that differ from the dossier's own, side by side,
for the user to settle one by one: keep mine, keep theirs or keep both (each one undo step).

Choosing a conflict opens its passage; the list follows the session's changes (a settlement, its
undo, another merge) and keeps the next conflict selected, so several can be settled by keyboard."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import ANNOTATIONS, SOURCES, Changes
from dossier.core.display import made_by, shown
from dossier.core.models import Annotation, Claim
from dossier.core.vocabulary import CLAIM_STATUS_LABELS
from dossier.operations.team import ResolveConflict
from dossier.store import Database
from dossier.store.team import KEEP_BOTH, KEEP_MINE, KEEP_THEIRS, Conflict
from dossier.ui.session import DossierSession
from dossier.ui.tables import Index, RecordTableModel, record_table

COLUMNS = ("Passage", "Yours", "Theirs", "From")


class ConflictsModel(RecordTableModel):
    COLUMNS = COLUMNS

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[tuple[Conflict, Annotation, str | None]] = []  # conflict, my claim, its outlet

    @property
    def rows(self) -> list[tuple[Conflict, Annotation, str | None]]:
        return self._rows

    def reload(self) -> None:
        self.beginResetModel()
        conflicts = self._store.team.conflicts()
        mine = {c.annotation_id: self._store.annotations.get(c.annotation_id) for c in conflicts}
        outlets = {s.id: s.source for s in self._store.articles.summaries({a.article_id for a in mine.values()}).values()}
        self._rows = [(c, mine[c.annotation_id], outlets.get(mine[c.annotation_id].article_id)) for c in conflicts]
        self.endResetModel()

    def assessment(self, claim: Claim | None, outlet: str | None) -> str:
        """ "Disputed, C4" — a status and its grade, as the claims board says them."""
        claim = claim or Claim()
        grade = self._store.sources.grades().grade(claim, outlet)
        return f"{CLAIM_STATUS_LABELS[claim.status]}, {grade.label}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        conflict, mine, outlet = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if column == "Passage":
            return mine.exact.replace("\n", " ")
        if column == "Yours":
            return f"{self.assessment(mine.claim, outlet)} — {shown(mine.assessed_by) or '—'}"
        if column == "Theirs":
            return f"{self.assessment(conflict.theirs, outlet)} — {shown(conflict.assessed_by) or '—'}"
        return shown(conflict.merged_from)


class ConflictsPanel(QWidget):
    annotation_chosen = Signal(int)

    def __init__(self, session: DossierSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._store = session, session.store
        self.model = ConflictsModel(self._store, self)
        self.table = record_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in ((1, "Partially true, D2 — Ann Vardanyan"), (2, "Partially true, D2 — Ann Vardanyan"),
                               (3, "boris.dossier")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        self.empty = QLabel(self.tr("No conflicts. When File > Merge Dossier… brings in another analyst's "
                                    "assessment of a passage you assessed differently, both are kept and listed "
                                    "here for you to settle."), wordWrap=True)
        self.empty.setEnabled(False)
        self.mine_box, self.mine_text = self._side(self.tr("Yours"))
        self.theirs_box, self.theirs_text = self._side(self.tr("Theirs"))
        self.keep_mine_button = QPushButton(self.tr("Keep &Mine"))
        self.keep_mine_button.setToolTip(self.tr("Your assessment stays; theirs is dropped"))
        self.keep_theirs_button = QPushButton(self.tr("Keep &Theirs"))
        self.keep_theirs_button.setToolTip(self.tr("Their assessment (and note) replaces yours, with their name"))
        self.keep_both_button = QPushButton(self.tr("Keep &Both"))
        self.keep_both_button.setToolTip(self.tr("Theirs becomes a second claim on the same passage, by them"))
        buttons = QHBoxLayout()
        for button in (self.keep_mine_button, self.keep_theirs_button, self.keep_both_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        sides = QHBoxLayout()
        sides.addWidget(self.mine_box, 1)
        sides.addWidget(self.theirs_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 2)
        layout.addLayout(sides, 1)
        layout.addLayout(buttons)
        self.keep_mine_button.clicked.connect(lambda: self.settle(KEEP_MINE))
        self.keep_theirs_button.clicked.connect(lambda: self.settle(KEEP_THEIRS))
        self.keep_both_button.clicked.connect(lambda: self.settle(KEEP_BOTH))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.activated.connect(lambda index: self.annotation_chosen.emit(self.model.rows[index.row()][1].id))
        session.changed.connect(self._on_changed)
        self.reload()

    @staticmethod
    def _side(title: str) -> tuple[QGroupBox, QLabel]:
        box = QGroupBox(title)
        text = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        QGridLayout(box).addWidget(text)
        return box, text

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ANNOTATIONS, SOURCES):
            self.reload()

    def reload(self) -> None:
        row = max(0, self.table.currentIndex().row())
        self.model.reload()
        count = self.model.rowCount()
        self.empty.setVisible(count == 0)
        if count:
            self.table.selectRow(min(row, count - 1))  # the next one, after one is settled
        self._show_current()

    def current(self) -> Conflict | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row][0] if 0 <= row < len(self.model.rows) else None

    def select_conflict(self, conflict_id: int) -> None:
        row = next((i for i, r in enumerate(self.model.rows) if r[0].id == conflict_id), -1)
        if row >= 0:
            self.table.selectRow(row)

    def _show_current(self) -> None:
        row = self.table.currentIndex().row()
        chosen = 0 <= row < len(self.model.rows)
        for button in (self.keep_mine_button, self.keep_theirs_button, self.keep_both_button):
            button.setEnabled(chosen)
        if not chosen:
            self.mine_text.clear()
            self.theirs_text.clear()
            return
        conflict, mine, outlet = self.model.rows[row]
        self.mine_text.setText(self._describe(mine.claim, mine.note, mine.assessed_by, mine.assessed_at, outlet))
        self.theirs_text.setText(self._describe(conflict.theirs, conflict.note, conflict.assessed_by,
                                                conflict.assessed_at, outlet))

    def _describe(self, claim: Claim | None, note: str, by: str, at: str | None, outlet: str | None) -> str:
        claim = claim or Claim()
        lines = [self.model.assessment(claim, outlet), self.tr("Assessed by %1").replace("%1", made_by(by, at))]
        if claim.rationale:
            lines.append(self.tr("Rationale: %1").replace("%1", claim.rationale))
        if note:
            lines.append(self.tr("Note: %1").replace("%1", note))
        return "\n".join(lines)

    def settle(self, choice: str) -> None:
        conflict = self.current()
        if conflict is not None:
            self._session.push(ResolveConflict(conflict.id, choice))

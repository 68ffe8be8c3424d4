"""File > Merge Dossier…: choose another analyst's dossier, see what it would bring (the merge run
and rolled back, so the counts are the merge's own), then merge it as one undo step. Both run on
a worker through a connection of their own, so a large merge never freezes the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from dossier.core.display import shown
from dossier.operations import Done, Refused, perform
from dossier.operations.team import MergeDossier
from dossier.store import Database, DossierError
from dossier.store.merging import MergeReport, check_mergeable, preview_merge
from dossier.ui.session import DossierSession

DOSSIER_FILTER = "Dossiers (*.dossier);;All files (*)"


class MergePreviewDialog(QDialog):
    def __init__(self, report: MergeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge Dossier"))
        self.report = report
        heading = (self.tr("Nothing new: everything in “%1” is here already.") if report.adds_nothing else
                   self.tr("Merging “%1” brings in what this dossier lacks. Nothing here is overwritten: where "
                           "you and the other analyst assessed a passage differently, both are kept and listed "
                           "under View > Conflicts. One Undo takes the whole merge back."))
        self.heading = QLabel(heading.replace("%1", shown(report.merged_from)), wordWrap=True,
                              textFormat=Qt.TextFormat.PlainText)
        self.details = QPlainTextEdit("\n".join(report.lines()), readOnly=True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setMinimumSize(self.fontMetrics().horizontalAdvance("x") * 72, self.fontMetrics().height() * 12)
        if report.adds_nothing:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.merge_button = None
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
            self.merge_button = self.buttons.addButton(self.tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.merge_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        # The keyboard starts on the answer (Enter merges, Esc cancels), not in the read-only list.
        (self.merge_button or self.buttons.button(QDialogButtonBox.StandardButton.Close)).setFocus()


def _preview_in_file(path: Path, other: Path) -> MergeReport:
    store = Database.second_writer(path)  # its own connection: the window's stays free to read
    try:
        return preview_merge(store, other)
    finally:
        store.close()


def _merge_in_file(path: Path, other: Path) -> tuple[MergeReport, Done]:
    store = Database.second_writer(path)
    try:
        operation = MergeDossier(other)
        done = perform(store, operation)  # journaled: the window's undo replays it
        return operation.result, done
    finally:
        store.close()


class MergeFlow(QObject):
    """Choose, preview, merge: each long step on a worker (the window repaints and says what it
    is doing), the merge itself one undo step on the session's stack. `finished` carries the
    report, or None if nothing was merged."""

    finished = Signal(object)

    def __init__(self, parent: QWidget, session: DossierSession, tasks: Any) -> None:
        super().__init__(parent)
        self._parent, self._session, self._tasks = parent, session, tasks
        self._path: Path | None = None
        self.progress: QProgressDialog | None = None

    def start(self, path: Path | None = None) -> None:
        parent = self._parent
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(parent, parent.tr("Merge Another Analyst's Dossier"), "",
                                                    parent.tr(DOSSIER_FILTER))
            if not chosen:
                return self._end(None)
            path = Path(chosen)
        if not self._session.writable:
            QMessageBox.information(parent, parent.tr("Merge Dossier"), parent.tr(
                "The dossier is still being checked; merge in a moment."))
            return self._end(None)
        try:
            check_mergeable(self._session.store, path)
        except DossierError as error:
            QMessageBox.warning(parent, parent.tr("Merge Dossier"), str(error))
            return self._end(None)
        self._path = path
        self._session.flush_pending()  # typing in the editor is saved first, not folded into the merge
        self._busy(parent.tr("Reading %1…").replace("%1", shown(path.name)))
        own = self._session.store.path
        self._tasks.run(lambda: _preview_in_file(own, path), on_done=self._previewed, on_error=self._failed)

    def _busy(self, words: str) -> None:
        if self.progress is None:
            self.progress = QProgressDialog(words, "", 0, 0, self._parent)
            self.progress.setWindowTitle(self._parent.tr("Merge Dossier"))
            self.progress.setCancelButton(None)  # no Cancel: a merge is one transaction, it ends whole
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(300)
        self.progress.setLabelText(words)
        self.progress.setValue(0)

    def _idle(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _previewed(self, report: MergeReport) -> None:
        self._idle()
        if not self._session.is_open:
            return self._end(None)
        dialog = MergePreviewDialog(report, self._parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted or report.adds_nothing or self._path is None:
            return self._end(None)
        self._session.flush_pending()
        self._busy(self._parent.tr("Merging %1…").replace("%1", shown(self._path.name)))
        own, other = self._session.store.path, self._path
        self._tasks.run(lambda: _merge_in_file(own, other), on_done=self._merged, on_error=self._failed)

    def _merged(self, result: tuple[MergeReport, Done]) -> None:
        self._idle()
        report, done = result
        self._session.adopt(done)
        self._end(report)

    def _failed(self, error: BaseException) -> None:
        self._idle()
        words = str(error) if isinstance(error, (DossierError, Refused)) else \
            self._parent.tr("The merge could not be done (nothing was changed): %1").replace("%1", str(error))
        QMessageBox.warning(self._parent, self._parent.tr("Merge Dossier"), words)
        self._end(None)

    def _end(self, report: MergeReport | None) -> None:
        self.finished.emit(report)
        self.deleteLater()

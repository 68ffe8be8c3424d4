"""File > Merge Dossier…: choose another analyst's dossier, see what it would bring (the merge run
and rolled back, so the counts are the merge's own), then merge it as one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget,
)

from dossier.core.display import shown
from dossier.operations.team import MergeDossier
from dossier.store import DossierError
from dossier.store.merging import MergeReport, preview_merge
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


def merge_interactively(parent: QWidget, session: DossierSession, path: Path | None = None) -> MergeReport | None:
    """Ask for the file (unless given), preview, merge. Returns what the merge did, or None."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(parent, parent.tr("Merge Another Analyst's Dossier"), "",
                                                parent.tr(DOSSIER_FILTER))
        if not chosen:
            return None
        path = Path(chosen)
    if not session.writable:
        QMessageBox.information(parent, parent.tr("Merge Dossier"), parent.tr(
            "The dossier is still being checked; merge in a moment."))
        return None
    session.flush_pending()  # typing in the editor is saved before the merge, not folded into it
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = preview_merge(session.store, path)
    except DossierError as error:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, parent.tr("Merge Dossier"), str(error))
        return None
    QGuiApplication.restoreOverrideCursor()
    dialog = MergePreviewDialog(report, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or report.adds_nothing:
        return None
    operation = MergeDossier(path)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        merged = session.push(operation)
    finally:
        QGuiApplication.restoreOverrideCursor()
    if not merged:
        QMessageBox.warning(parent, parent.tr("Merge Dossier"), session.last_error)
        return None
    return operation.result  # type: ignore[no-any-return]

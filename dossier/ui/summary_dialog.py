"""File > Summary…: the analyst's summary, or key judgments, printed first in the report after its
contents. Plain text; a blank line starts a new paragraph. Saved as one undoable edit
(operations.report.SetSummary)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class SummaryDialog(QDialog):
    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Summary"))
        hint = QLabel(self.tr("What the dossier shows, in your words: printed first in the PDF and the editable "
                              "copy, after the contents. A blank line starts a new paragraph."), wordWrap=True)
        self.text_edit = QPlainTextEdit(summary)
        self.text_edit.setAccessibleName(self.tr("Summary"))
        self.text_edit.setPlaceholderText(self.tr("Key judgments: e.g. The withdrawal agreement of 13 May was "
                                                  "implemented only in part (B2)."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def summary(self) -> str:
        return self.text_edit.toPlainText()

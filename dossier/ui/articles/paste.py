"""Edit > Paste as New Article (Ctrl+Shift+V): the clipboard's page or text becomes an article,
after a small dialog where the guessed title, source, url and date can be corrected."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QWidget

from dossier.ingest.document import Document
from dossier.ui.articles.properties import PRECISIONS


class PasteArticleDialog(QDialog):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Article from the Clipboard"))
        self._document = document
        self.title_edit = QLineEdit(document.title)
        self.source_edit = QLineEdit(document.source or "")
        self.url_edit = QLineEdit(document.url or "")
        self.published_edit = QLineEdit(document.published or "", placeholderText="2021-05-14, 2021-05 or 2021")
        self.precision_box = QComboBox()
        for value, label in PRECISIONS:
            self.precision_box.addItem(self.tr(label), value)
        self.precision_box.setCurrentIndex(self.precision_box.findData(document.published_precision))
        words = len(document.text.split())
        preview = " ".join(document.text.split()[:40]) + ("…" if words > 40 else "")
        self.preview = QLabel(preview, wordWrap=True)
        self.preview.setTextFormat(self.preview.textFormat().PlainText)
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Source"), self.source_edit)
        form.addRow(self.tr("URL"), self.url_edit)
        form.addRow(self.tr("Published"), self.published_edit)
        form.addRow(self.tr("Known to the"), self.precision_box)
        form.addRow(self.tr("Text (%1 words)").replace("%1", str(words)), self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add Article"))
        buttons.accepted.connect(self._check_then_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, 0)

    def document(self) -> Document:
        from dossier.ingest.dates import parse_published

        text = self.published_edit.text().strip()
        parsed = parse_published(text) if text else None
        precision = str(self.precision_box.currentData())
        published, precision = (parsed[0], precision if precision != "unknown" and len(parsed[0]) == 10 else parsed[1]) \
            if parsed else (None, "unknown")
        return replace(self._document, title=self.title_edit.text().strip(), source=self.source_edit.text().strip() or None,
                       url=self.url_edit.text().strip() or None, published=published, published_precision=precision)

    def _check_then_accept(self) -> None:
        from dossier.ingest.dates import parse_published

        text = self.published_edit.text().strip()
        if not self.title_edit.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("An article needs a title."))
        elif text and parse_published(text) is None:
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("“%1” is not a date: write 2021-05-14, 2021-05 or 2021.").replace("%1", text))
        else:
            self.accept()

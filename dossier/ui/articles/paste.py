"""Edit > Paste as New Article (Ctrl+Shift+V): the clipboard's page or text becomes an article,
after a small dialog where the guessed title, source, url and date can be corrected."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from dossier.ingest.document import Document
from dossier.ui.articles.properties import ArticleMetadataDialog


class PasteArticleDialog(ArticleMetadataDialog):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("New Article from the Clipboard", document.title, document.source, document.url,
                         document.published, document.published_precision, parent)
        self._document = document
        words = document.text.split()
        preview = " ".join(words[:40]) + ("…" if len(words) > 40 else "")
        self.preview = QLabel(preview, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.form.addRow(self.tr("Text (%1 words)").replace("%1", str(len(words))), self.preview)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add Article"))
        self.finish_layout()

    def document(self) -> Document:
        return replace(self._document, **self.values())  # type: ignore[arg-type]  # fields by name, types not in a dict

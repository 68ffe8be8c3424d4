"""File > Export PDF…: the options, then the export on a worker with cancellable progress.

The worker reads the dossier through its own read-only connection, so the window stays usable.
Progress appears after half a second; cancelling leaves no half-written file.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLineEdit, QMessageBox, QProgressDialog,
    QRadioButton, QVBoxLayout, QWidget,
)

from dossier.ui import settings as keys
from dossier.ui.settings import Settings


def safe_file_name(title: str) -> str:
    """A file name from a dossier title: no path separators or characters systems refuse."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")
    return (re.sub(r"\s+", " ", name) or "Dossier")[:120]


class ExportPdfDialog(QDialog):
    def __init__(self, settings: Settings, has_current_article: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export PDF"))
        self.all_articles = QRadioButton(self.tr("All articles"), checked=True)
        self.current_article = QRadioButton(self.tr("Only the open article"), enabled=has_current_article)
        self.full_text = QRadioButton(self.tr("Full text"), checked=True)
        self.passages = QRadioButton(self.tr("Only annotated passages"))
        self.claims_only = QCheckBox(self.tr("Claims only"))
        self.tags = QLineEdit(placeholderText=self.tr("All tags (or: tags separated by commas)"))
        self.analyst = QLineEdit(settings.get(keys.ANALYST_NAME), placeholderText=self.tr("Your name, on the cover"))
        self.open_when_done = QCheckBox(self.tr("Open when done"), checked=True)
        form = QFormLayout()
        scope = QVBoxLayout()
        scope.addWidget(self.all_articles)
        scope.addWidget(self.current_article)
        text = QVBoxLayout()
        text.addWidget(self.full_text)
        text.addWidget(self.passages)
        form.addRow(self.tr("Articles"), scope)
        form.addRow(self.tr("Text"), text)
        form.addRow(self.tr("Annotations"), self.claims_only)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Analyst"), self.analyst)
        form.addRow("", self.open_when_done)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


def export_pdf_interactively(parent: QWidget, settings: Settings, tasks: Any, dossier_path: Path, title: str,
                             current_article: int | None) -> None:
    from dossier.export.pdf import PdfOptions

    dialog = ExportPdfDialog(settings, current_article is not None, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    folder = settings.get(keys.EXPORT_FOLDER) or str(dossier_path.parent)
    suggestion = str(Path(folder) / f"{safe_file_name(title)}.pdf")
    # The file dialog asks before replacing an existing file.
    chosen, _ = QFileDialog.getSaveFileName(parent, parent.tr("Export PDF"), suggestion, parent.tr("PDF (*.pdf)"))
    if not chosen:
        return
    out = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
    settings.set(keys.ANALYST_NAME, dialog.analyst.text().strip())
    settings.set(keys.EXPORT_FOLDER, str(out.parent))
    cancel = threading.Event()
    options = PdfOptions(
        article_ids=[current_article] if dialog.current_article.isChecked() and current_article else None,
        tag_names=[t.strip() for t in dialog.tags.text().split(",") if t.strip()] or None,
        claims_only=dialog.claims_only.isChecked(), passages_only=dialog.passages.isChecked(),
        analyst=dialog.analyst.text().strip(), cancel=cancel,
    )
    run_export(parent, tasks, dossier_path, out, options, dialog.open_when_done.isChecked())


def run_export(parent: QWidget, tasks: Any, dossier_path: Path, out: Path, options: Any, open_when_done: bool) -> None:
    from dossier.export.fonts import register_fonts
    from dossier.export.pdf import Cancelled, export_pdf
    from dossier.store import Store

    register_fonts()  # on the GUI thread, before the worker lays out text with them
    state = {"done": 0, "total": 0}
    progress = QProgressDialog(parent.tr("Writing the PDF…"), parent.tr("Cancel"), 0, 0, parent)
    progress.setWindowTitle(parent.tr("Export PDF"))
    progress.setMinimumDuration(500)
    progress.canceled.connect(options.cancel.set)
    poll = QTimer(progress, interval=100)
    poll.timeout.connect(lambda: (progress.setMaximum(state["total"]), progress.setValue(state["done"]))
                         if state["total"] else None)
    poll.start()

    def work() -> int:
        store = Store.open_readonly(dossier_path)  # its own connection: the window goes on reading
        try:
            return export_pdf(store, out, options, progress=lambda d, t: state.update(done=d, total=t))
        finally:
            store.close()

    def finish() -> None:
        poll.stop()
        progress.close()
        progress.deleteLater()

    def done(pages: int) -> None:
        finish()
        parent.statusBar().showMessage(parent.tr("Wrote %1 pages to %2").replace("%1", str(pages))  # type: ignore[attr-defined]
                                       .replace("%2", str(out)), 10000)
        if open_when_done:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))

    def failed(error: Exception) -> None:
        finish()
        if isinstance(error, Cancelled):
            parent.statusBar().showMessage(parent.tr("Export cancelled; no file was written."), 8000)  # type: ignore[attr-defined]
            return
        QMessageBox.warning(parent, parent.tr("Export PDF"), parent.tr("The PDF could not be written: %1")
                            .replace("%1", str(error)))

    tasks.run(work, done, failed)

"""IncomingController: what brings articles in — File > Import Articles… and Import a Folder…,
files or a page dropped on the window, Edit > Paste as New Article…, File > Merge Dossier… — and
the extraction of names and dates that follows, on a worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from dossier.ui.controllers.base import Controller, Window

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from dossier.ingest.pipeline import ImportReport
    from dossier.ui.entities.sidebar import EntitySidebar
    from dossier.ui.importing import ImportController
    from dossier.ui.session import DossierSession

ARTICLE_FILTER = ("Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.json *.warc *.warc.gz *.wacz);;"
                  "Telegram exports (result.json *.json);;Web archives (*.warc *.warc.gz *.wacz);;All files (*)")


def dropped_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


class IncomingController(Controller):
    def __init__(self, window: Window) -> None:
        super().__init__(window)
        self.importer: ImportController | None = None  # made on first use: import code stays out of start-up
        self.import_action = self.action(self.tr("&Import Articles…"), self.choose_and_import, "Ctrl+I")
        self.import_action.setIconText(self.tr("Import"))
        self.import_folder_action = self.action(self.tr("Import a &Folder…"), self.choose_folder_and_import)
        self.merge_action = self.action(self.tr("&Merge Dossier…"), lambda: self.merge_dossier(), tip=self.tr(
            "Bring in another analyst's dossier: what is the same is matched, nothing is overwritten"))
        self.paste_article_action = self.action(self.tr("&Paste as New Article…"), lambda: self.paste_article(),
                                                "Ctrl+Shift+V")

    def close(self) -> None:
        """The dossier closes: an import running into it stops."""
        if self.importer is not None:
            self.importer.cancel()
            self.importer = None

    # -- import -------------------------------------------------------------------------------

    def import_paths(self, paths: list[Path]) -> bool:
        if self.workspace is None:
            return False
        if self.importer is None:
            from dossier.ui.importing import ImportController  # lazy: on first use, off the start-up path

            self.importer = ImportController(self.workspace.session, self.window.tasks, self.window)
            self.importer.finished.connect(self._on_import_finished)
        return self.importer.start(paths)

    def choose_and_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Import Articles"), "", self.tr(ARTICLE_FILTER))
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder_and_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Import a Folder of Articles"))
        if folder:
            self.import_paths([Path(folder)])

    def _on_import_finished(self, report: ImportReport) -> None:
        from dossier.ui.importing import summary  # lazy: on first use, off the start-up path

        self.say(summary(report), 10000)
        if self.workspace is not None and report.imported:
            self.workspace.open_article(report.imported[-1][1])
        if report.failed or report.notes:
            from PySide6.QtWidgets import QMessageBox

            from dossier.core.display import shown  # lazy: on first use, off the start-up path

            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import"), summary(report), parent=self.window)
            box.setDetailedText("\n".join(f"{shown(path.name)}: {shown(reason)}"
                                          for path, reason in report.failed + report.notes))
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            save = box.addButton(self.tr("Save Report…"), QMessageBox.ButtonRole.ActionRole)
            save.clicked.connect(lambda: self._save_import_report(report))
            box.addButton(QMessageBox.StandardButton.Ok)
            box.open()  # not exec(): the window goes on while the user reads

    def _save_import_report(self, report: ImportReport) -> None:
        """Every file of the import with what became of it, as CSV."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from dossier.ingest.pipeline import write_report_csv  # lazy: on first use, off the start-up path
        from dossier.store.targets import TargetRefused, check_target  # lazy: on first use, off the start-up path

        chosen, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save the Import Report"), "import report.csv",
                                                self.tr("CSV (*.csv)"))
        if not chosen:
            return
        out = Path(chosen) if chosen.lower().endswith(".csv") else Path(chosen + ".csv")
        try:
            if self.workspace is not None:
                check_target(out, self.workspace.store.path)
            rows = write_report_csv(report, out)
        except (OSError, TargetRefused) as error:
            QMessageBox.warning(self.window, self.tr("Import"), str(error))
            return
        self.say(self.tr("Wrote the report of %1 files to %2").replace("%1", str(rows)).replace("%2", str(out)), 8000)

    # -- merge --------------------------------------------------------------------------------

    def merge_dossier(self, path: Path | None = None) -> None:
        """File > Merge Dossier…: preview, merge as one undo step, then show what it found."""
        from dossier.ui.team.merge_dialog import MergeFlow  # lazy: on first use, off the start-up path

        if self.workspace is None:
            return
        flow = MergeFlow(self.window, self.workspace.session, self.window.tasks)
        flow.finished.connect(self._merged)
        flow.start(path)

    def _merged(self, report: object) -> None:
        from dossier.store.merging import MergeReport  # lazy: on first use, off the start-up path

        if not isinstance(report, MergeReport) or self.workspace is None:
            return
        from dossier.core.citation import plural  # lazy: on first use, off the start-up path

        self.say(self.tr("Merged %1: %2, %3, %4").replace("%1", report.merged_from)
                 .replace("%2", plural(report.articles_new, "new article"))
                 .replace("%3", plural(report.annotations_new, "new annotation"))
                 .replace("%4", plural(len(report.conflicts), "conflict")), 15000)
        if report.conflicts:
            self.window.show_dock("conflicts")
            self.workspace.conflicts.select_conflict(report.conflicts[0])

    # -- a dropped or pasted page ---------------------------------------------------------------

    def drag_enter(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if self.workspace is not None and (dropped_files(mime) or mime.hasHtml()):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        """Files dropped are imported; a page (HTML or text) becomes an article."""
        mime = event.mimeData()
        paths = dropped_files(mime)
        if paths:
            if self.import_paths(paths):
                event.acceptProposedAction()
        elif mime.hasHtml() or mime.hasText():
            event.acceptProposedAction()
            self.paste_article(mime.html() if mime.hasHtml() else None, mime.text() if mime.hasText() else None)

    def paste_article(self, html: str | None = None, text: str | None = None) -> None:
        """Edit > Paste as New Article, or a page dropped from a browser."""
        ws = self.workspace
        if ws is None:
            return
        if html is None and text is None:
            from PySide6.QtGui import QGuiApplication

            mime = QGuiApplication.clipboard().mimeData()
            html = mime.html() if mime.hasHtml() else None
            text = mime.text() if mime.hasText() else None
        from PySide6.QtWidgets import QMessageBox

        from dossier.ingest.clipboard import read_pasted  # lazy: on first use, off the start-up path
        from dossier.ingest.decode import UnreadableFile  # lazy: on first use, off the start-up path
        from dossier.operations.articles import AddDocument  # lazy: on first use, off the start-up path
        from dossier.store.articles import text_sha256  # lazy: on first use, off the start-up path
        from dossier.ui.articles.paste import PasteArticleDialog  # lazy: on first use, off the start-up path

        try:
            document = read_pasted(html, text)
        except UnreadableFile as error:
            QMessageBox.information(self.window, self.tr("Paste as New Article"), str(error))
            return
        dialog = PasteArticleDialog(document, self.window)
        accepted = dialog.exec() == PasteArticleDialog.DialogCode.Accepted
        document = dialog.document()
        dialog.deleteLater()
        if not accepted or self.workspace is not ws:
            return
        existing = ws.store.articles.id_by_sha256(text_sha256(document.text))
        if existing is not None:
            self.say(self.tr("That text is already in the dossier (article %1).").replace("%1", str(existing)), 8000)
            ws.open_article(existing)
            return
        operation = AddDocument(document)  # it marks the article as waiting for extraction
        if not ws.session.push(operation):
            return
        ws.open_article(operation.result)
        if operation.needs_extraction:
            self.extract_pending(ws.session)

    # -- extraction ------------------------------------------------------------------------------

    def extract_pending(self, session: DossierSession) -> None:
        """Find people, places and dates in the articles waiting for it, off the GUI thread."""
        from dossier.ui.background import extract_pending  # lazy: on first use, off the start-up path

        def sidebar() -> EntitySidebar | None:
            ws = self.workspace
            return ws.entities if ws is not None and ws.session is session else None

        def progress(stage: str, done: int, total: int) -> None:
            if (panel := sidebar()) is not None:
                panel.show_busy(stage, done, total)

        def failed(error: BaseException) -> None:
            if (panel := sidebar()) is not None:
                panel.show_busy(None)
            self.say(self.tr("Extraction failed: %1").replace("%1", str(error)), 10000)

        def done() -> None:
            if (panel := sidebar()) is not None:
                panel.show_busy(None)
                self.say(self.tr("People, places and dates found."), 5000)

        def start() -> None:  # once the file has passed its check: the results are written in
            if session.is_open and extract_pending(session, self.window.tasks, on_applied=done, on_error=failed,
                                                   on_progress=progress):
                self.say(self.tr("Finding people, places and dates…"), 30000)

        session.when_writable(start)

"""ExportController: File > Export (the report as PDF or ODT in a child process, the data as Web
Annotation JSON, CSV, GraphML, GEXF or FollowTheMoney), File > Summary… (the words that open the
report) and File > Share a Copy… (a new dossier for a partner, made on a worker)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from dossier.ui.controllers.base import Controller, Window

if TYPE_CHECKING:
    from dossier.ui.export_dialog import PdfExport
    from dossier.ui.share_dialog import ShareFlow


class ExportController(Controller):
    def __init__(self, window: Window) -> None:
        super().__init__(window)
        self.exports: list[PdfExport] = []  # PDF exports running (in child processes)
        self.share_flow: ShareFlow | None = None
        self.summary_action = self.action(self.tr("&Summary…"), self.edit_summary)
        self.export_pdf_action = self.action(self.tr("&PDF Dossier…"), self.export_pdf, "Ctrl+P")
        self.export_pdf_action.setIconText(self.tr("Export PDF"))
        self.export_document_action = self.action(
            self.tr("&Document (ODT)…"), self.export_document,
            tip=self.tr("The same report as an editable OpenDocument text file for LibreOffice or Word"))
        self.export_data_actions = {
            kind: self.action(label, self._exporter(kind)) for kind, label in (
                ("annotations", self.tr("&Web Annotation JSON…")), ("csv", self.tr("&CSV (one row per annotation)…")),
                ("graphml", self.tr("Network as &GraphML…")), ("gexf", self.tr("Network as G&EXF…")),
                ("ftm", self.tr("&FollowTheMoney…")))}
        self.export_data_actions["annotations"].setStatusTip(self.tr("Every annotation as W3C Web Annotations "
                                                                     "(JSON-LD), which Dossier and other tools import"))
        self.export_data_actions["ftm"].setStatusTip(self.tr("Articles, entities, events and notes as "
                                                             "FollowTheMoney entities (Aleph)"))
        self.export_menu = QMenu(self.tr("&Export"), window)
        for action in (self.export_pdf_action, self.export_document_action, None, *self.export_data_actions.values()):
            self.export_menu.addSeparator() if action is None else self.export_menu.addAction(action)
        self.share_action = self.action(self.tr("S&hare a Copy…"), self.share_copy, tip=self.tr(
            "A new dossier to hand to a partner, without the notes, names or parts you choose"))

    def _exporter(self, kind: str) -> Callable[[], None]:
        return lambda: self.export(kind)

    def export_pdf(self) -> None:
        self.export("pdf")

    def export_document(self) -> None:
        """File > Export Document…: the report as OpenDocument text, to finish in a word processor."""
        self.export("odt")

    def export(self, kind: str) -> None:
        """The report ("pdf", "odt") or the data ("annotations", "csv", …), in a child process."""
        ws = self.workspace
        if ws is None:
            return
        from dossier.ui.export_dialog import export_pdf_interactively  # lazy: on first use, off the start-up path

        article = ws.pane.article
        export = export_pdf_interactively(self.window, self.window.settings, ws.store.path, ws.store.title,
                                          article.id if article else None, kind, tags=ws.store.tags.all())
        if export is not None:
            self.exports.append(export)
            export.finished.connect(lambda *_: self.exports.remove(export) if export in self.exports else None)

    def cancel_all(self) -> None:
        """The window closes: a half-written PDF is removed, never left behind."""
        for export in list(self.exports):
            export.cancel(wait=True)

    def edit_summary(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        from dossier.operations.report import SetSummary  # lazy: on first use, off the start-up path
        from dossier.store.database import SUMMARY  # lazy: on first use, off the start-up path
        from dossier.ui.summary_dialog import SummaryDialog  # lazy: on first use, off the start-up path

        dialog = SummaryDialog(ws.store.meta(SUMMARY) or "", self.window)
        accepted = dialog.exec() == SummaryDialog.DialogCode.Accepted
        text = dialog.summary()
        dialog.deleteLater()
        if accepted and text.strip() != (ws.store.meta(SUMMARY) or "").strip() and ws.session.push(SetSummary(text)):
            self.say(self.tr("Summary saved; it opens the report"), 5000)

    def share_copy(self) -> None:
        """File > Share a Copy…: what to leave out and where, then the copy made on a worker."""
        ws = self.workspace
        if ws is None:
            return
        from dossier.ui.share_dialog import ShareDialog, ShareFlow  # lazy: on first use, off the start-up path

        ws.session.flush_pending()  # typing not yet saved belongs in the copy
        store = ws.store
        dialog = ShareDialog(store.tags.all(), store.path.with_name(store.path.stem + " shared.dossier"), self.window)
        if dialog.exec() != ShareDialog.DialogCode.Accepted:
            return
        self.share_flow = ShareFlow(self.window, self.window.tasks, lambda text: self.say(text, 15000))
        self.share_flow.start(store.path, dialog.out_path(), dialog.choices())

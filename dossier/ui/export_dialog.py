"""File > Export: the PDF and the document (their options, then the export in a child process with
cancellable progress; the document is the same report as OpenDocument text, export.odt), and the
data exports (Web Annotation JSON, CSV, GraphML, GEXF, FollowTheMoney), which run in the same
child process as `dossier export` does. Every export starts in the folder of the last one, else in
the user's Documents folder.

The PDF is laid out with Qt (QTextDocument on a QPdfWriter). Done on a thread of the app, that
would make and destroy Python-owned Qt objects off the GUI thread, which froze the window in
the first round. So the app runs `dossier export … --pdf` as a child process through QProcess:
the child reads the dossier through its own read-only connection and reports progress as lines
on stdout; closing its stdin cancels it. The window never waits on it, and the child's memory
(hundreds of MB for a thousand articles) goes back when it ends. Progress appears after half a
second; cancelling or a failure leaves no half-written file.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dossier.analyst import analyst_name
from dossier.core.models import Tag
from dossier.store.atomic import partial_path
from dossier.store.targets import TargetRefused, check_target
from dossier.ui import settings as keys
from dossier.ui.settings import Settings


def safe_file_name(title: str) -> str:
    """A file name from a dossier title: no path separators or characters systems refuse."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")
    return (re.sub(r"\s+", " ", name) or "Dossier")[:120]


# kind: (caption, file filter, suffix). The report (pdf, odt) has options; the data exports
# (File > Export) write the whole dossier as the `dossier export` command does.
KINDS = {
    "pdf": ("Export PDF", "PDF (*.pdf)", ".pdf"),
    "odt": ("Export Document", "OpenDocument text (*.odt)", ".odt"),
    "annotations": ("Export Web Annotations", "W3C Web Annotation JSON-LD (*.json *.jsonld)", ".json"),
    "csv": ("Export CSV", "CSV (*.csv)", ".csv"),
    "graphml": ("Export Network as GraphML", "GraphML (*.graphml)", ".graphml"),
    "gexf": ("Export Network as GEXF", "GEXF (*.gexf)", ".gexf"),
    "ftm": ("Export FollowTheMoney", "FollowTheMoney entities (*.ftm.json *.json)", ".ftm.json"),
}
REPORTS = ("pdf", "odt")


def export_folder(settings: Settings) -> Path:
    """Where an export is offered first: the folder of the last one (or the one set in
    Preferences), else the user's Documents folder, else home."""
    from PySide6.QtCore import QStandardPaths

    chosen = settings.get(keys.EXPORT_FOLDER)
    if chosen and Path(chosen).is_dir():
        return Path(chosen)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def choose_export_file(window: QMainWindow, settings: Settings, dossier_path: Path, title: str,
                       kind: str) -> Path | None:
    """Ask where to write the export; None if the user cancelled or the file was refused. The
    folder chosen is remembered for the next export."""
    caption, file_filter, suffix = KINDS[kind]
    suggestion = str(export_folder(settings) / f"{safe_file_name(title)}{suffix}")
    # The file dialog asks before replacing an existing file.
    chosen, _ = QFileDialog.getSaveFileName(window, window.tr(caption), suggestion, window.tr(file_filter))
    if not chosen:
        return None
    out = Path(chosen) if chosen.lower().endswith(suffix) else Path(chosen + suffix)

    try:
        check_target(out, dossier_path)
    except TargetRefused as refusal:
        QMessageBox.warning(window, window.tr(caption), str(refusal))
        return None
    settings.set(keys.EXPORT_FOLDER, str(out.parent))
    return out


class ExportPdfDialog(QDialog):
    def __init__(self, settings: Settings, has_current_article: bool, parent: QWidget | None = None,
                 kind: str = "pdf", encrypted: bool = False, tags: list[Tag] | None = None) -> None:
        from dossier.ui.share_dialog import TagChooser  # lazy: on first use, off the start-up path

        super().__init__(parent)
        self.setWindowTitle(self.tr(KINDS[kind][0]))
        self.all_articles = QRadioButton(self.tr("All articles"), checked=True)
        self.current_article = QRadioButton(self.tr("Only the open article"), enabled=has_current_article)
        self.full_text = QRadioButton(self.tr("Full text"), checked=True)
        self.passages = QRadioButton(self.tr("Only annotated passages"))
        self.claims_only = QCheckBox(self.tr("Claims only"))
        self.tags = QLineEdit(placeholderText=self.tr("All tags (or: tags separated by commas)"))
        # The name the dossier records as the author of the analyst's edits, unless Preferences says another:
        # on the cover and as the PDF's Author.
        self.analyst = QLineEdit(analyst_name(settings.get(keys.ANALYST_NAME)),
                                 placeholderText=self.tr("Your name, on the cover"))
        self.handling = QLineEdit(settings.get(keys.HANDLING), placeholderText=self.tr("e.g. Internal — not for publication"))
        self.handling.setToolTip(self.tr("A handling line printed on the cover"))
        self.open_when_done = QCheckBox(self.tr("Open when done"), checked=True)
        # What `dossier share` can leave out, by the words `--without` takes.
        self.leave_out = {part: QCheckBox(label) for part, label in (
            ("notes", self.tr("Notes")), ("rationales", self.tr("Rationales")),
            ("authors", self.tr("Analysts' names and times")), ("hypotheses", self.tr("Hypotheses")),
            ("summary", self.tr("Summary")))}
        leave_out = QGridLayout()
        for i, box in enumerate(self.leave_out.values()):
            leave_out.addWidget(box, i // 3, i % 3)
        # …and what carries a tag: its annotations (tag:NAME), or whole articles (articles-tagged:NAME).
        self.leave_out_tagged = TagChooser(tags or [], self.tr("Leave out annotations with these tags"))
        self.leave_out_articles = TagChooser(tags or [], self.tr("Leave out articles with annotations with these tags"))
        for chooser in (self.leave_out_tagged, self.leave_out_articles):
            chooser.setMaximumHeight(72)
            chooser.setEnabled(bool(tags))
        for edit in (self.tags, self.analyst, self.handling):  # the hints must be readable whole
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 32)
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
        form.addRow(self.tr("Handling"), self.handling)
        form.addRow(self.tr("Leave out"), leave_out)
        form.addRow(self.tr("Annotations tagged"), self.leave_out_tagged)
        form.addRow(self.tr("Articles tagged"), self.leave_out_articles)
        form.addRow("", self.open_when_done)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if encrypted:  # the export is what was asked for (a PDF is a PDF): say it is readable by all
            self.not_encrypted = QLabel(self.tr(
                "⚠ This dossier is encrypted, but the %1 you export is not: anyone who gets the file can read "
                "it. Leave out what it must not carry, and keep it as safe as the dossier.")
                .replace("%1", "PDF" if kind == "pdf" else self.tr("document")), wordWrap=True)
            self.not_encrypted.setAccessibleName(self.tr("The export is not encrypted"))
            layout.addWidget(self.not_encrypted)
        layout.addLayout(form)
        layout.addWidget(buttons)


    def without(self) -> list[str]:
        """What to leave out, in the words `dossier export --without` takes."""
        return ([part for part, box in self.leave_out.items() if box.isChecked()]
                + [f"tag:{name}" for name in self.leave_out_tagged.chosen()]
                + [f"articles-tagged:{name}" for name in self.leave_out_articles.chosen()])


@dataclass
class PdfRequest:
    """What the user asked for, as the `dossier export` command takes it."""

    dossier: Path
    out: Path
    article_ids: list[int] | None = None
    tag_names: list[str] | None = None
    claims_only: bool = False
    passages_only: bool = False
    analyst: str = ""
    handling: str = ""
    kind: str = "pdf"  # or "odt", the editable document, or one of the data exports (KINDS)
    without: list[str] | None = None  # parts left out, as `dossier share --without` names them

    def arguments(self) -> list[str]:
        args = ["export", str(self.dossier), f"--{self.kind}", str(self.out), "--progress"]
        if self.article_ids:
            args += ["--articles", ",".join(map(str, self.article_ids))]
        if self.tag_names:
            args += ["--tags", ",".join(self.tag_names)]
        if self.claims_only:
            args.append("--claims-only")
        if self.passages_only:
            args.append("--passages-only")
        if self.analyst:
            args += ["--analyst", self.analyst]
        if self.handling:
            args += ["--handling", self.handling]
        if self.without:
            args += ["--without", ",".join(self.without)]
        return args


def dossier_command() -> tuple[str, list[str]]:
    """The `dossier` command as a program and leading arguments: the bundle's own executable,
    or this Python running the installed package. `-P` (safe path) keeps the current folder off
    the child's import path: a clone named `dossier` there would otherwise be imported as an
    empty namespace package instead of the package (the export failed from the clone's parent).
    The bundle imports only from itself, whatever the current folder holds."""
    if getattr(sys, "frozen", False):
        return sys.executable, []
    return sys.executable, ["-P", "-m", "dossier"]


def export_pdf_interactively(window: QMainWindow, settings: Settings, dossier_path: Path, title: str,
                             current_article: int | None, kind: str = "pdf", tags: list[Tag] | None = None,
                             ) -> PdfExport | None:
    """Ask for the options and the file, then start the export. None if the user cancelled."""
    if kind not in REPORTS:  # the data exports: the whole dossier, no options
        data_out = choose_export_file(window, settings, dossier_path, title, kind)
        if data_out is None:
            return None
        export = PdfExport(window, PdfRequest(dossier_path, data_out, analyst=analyst_name(settings.get(keys.ANALYST_NAME)),
                                              kind=kind), open_when_done=False)
        export.start()
        return export
    from dossier.store.encryption import is_encrypted  # lazy: on first use, off the start-up path

    dialog = ExportPdfDialog(settings, current_article is not None, window, kind, encrypted=is_encrypted(dossier_path),
                             tags=tags)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return None
    out = choose_export_file(window, settings, dossier_path, title, kind)
    if out is None:
        return None
    if dialog.analyst.text().strip() != analyst_name(settings.get(keys.ANALYST_NAME)):
        settings.set(keys.ANALYST_NAME, dialog.analyst.text().strip())  # a name typed here is kept
    settings.set(keys.HANDLING, dialog.handling.text().strip())
    request = PdfRequest(
        dossier_path, out,
        article_ids=[current_article] if dialog.current_article.isChecked() and current_article else None,
        tag_names=[t.strip() for t in dialog.tags.text().split(",") if t.strip()] or None,
        claims_only=dialog.claims_only.isChecked(), passages_only=dialog.passages.isChecked(),
        analyst=dialog.analyst.text().strip(), handling=dialog.handling.text().strip(), kind=kind,
        without=dialog.without() or None,
    )
    export = PdfExport(window, request, dialog.open_when_done.isChecked())
    export.start()
    return export


class PdfExport(QObject):
    """One PDF export, running as a child process, with a progress dialog after half a second."""

    finished = Signal(bool, str)  # written?, what to tell the user

    GRACE_MS = 5000  # a cancelled child gets this long to remove its half-written file

    def __init__(self, window: QMainWindow, request: PdfRequest, open_when_done: bool) -> None:
        super().__init__(window)
        self._window, self.request, self._open_when_done = window, request, open_when_done
        self._cancelled = False
        self._ended = False
        self._pages = 0
        self._errors = b""
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("QT_QPA_PLATFORM", "offscreen")  # the child needs fonts, not a screen
        from dossier.store.encryption import keys_for_child  # lazy: on first use, off the start-up path

        for name, value in keys_for_child().items():  # an encrypted dossier opens in the child with its key
            environment.insert(name, value)
        self.process.setProcessEnvironment(environment)
        self.process.readyReadStandardOutput.connect(self._read_progress)
        self.process.readyReadStandardError.connect(self._read_errors)
        self.process.finished.connect(self._on_finished)
        self.process.errorOccurred.connect(self._on_error)
        self._caption = window.tr(KINDS[request.kind][0])
        writing = {"pdf": window.tr("Writing the PDF…"), "odt": window.tr("Writing the document…")}.get(
            request.kind, window.tr("Writing %1…").replace("%1", request.out.name))
        self.progress = QProgressDialog(writing, window.tr("Cancel"), 0, 0, window)
        self.progress.setWindowTitle(self._caption)
        self.progress.setMinimumDuration(500)
        self.progress.canceled.connect(self.cancel)

    def start(self) -> None:
        program, leading = dossier_command()
        self.process.start(program, leading + self.request.arguments())

    @property
    def running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def cancel(self, wait: bool = False) -> None:
        """Ask the child to stop (it removes its half-written file). With `wait` (the window is
        closing), wait for it, and end it if it does not stop in time."""
        if not self.running:
            return
        self._cancelled = True
        self.process.closeWriteChannel()
        if wait and not self.process.waitForFinished(self.GRACE_MS):
            self.process.kill()
            self.process.waitForFinished(1000)

    def _read_progress(self) -> None:
        while self.process.canReadLine():
            line = bytes(self.process.readLine().data()).decode("utf-8", "replace").split()
            if len(line) == 3 and line[0] == "progress" and line[1].isdigit() and line[2].isdigit():
                self.progress.setMaximum(int(line[2]))
                self.progress.setValue(int(line[1]))
            elif len(line) >= 2 and line[0] == "wrote" and line[1].isdigit():
                self._pages = int(line[1])

    def _read_errors(self) -> None:
        self._errors += bytes(self.process.readAllStandardError().data())

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._end(False, self._window.tr("The PDF could not be written: the export could not start (%1).")
                      .replace("%1", self.process.errorString()))

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_progress()
        self._read_errors()

        if code != 0 or status != QProcess.ExitStatus.NormalExit:
            partial_path(self.request.out).unlink(missing_ok=True)  # if the child could not
        if code == 0 and status == QProcess.ExitStatus.NormalExit:  # whole, even if cancelled too late
            if self.request.kind == "pdf":
                self._end(True, self._window.tr("Wrote %1 pages to %2").replace("%1", str(self._pages))
                          .replace("%2", str(self.request.out)))
            else:
                self._end(True, self._window.tr("Wrote %1").replace("%1", str(self.request.out)))
        elif self._cancelled:
            self._end(False, self._window.tr("Export cancelled; no file was written."))
        else:
            reason = self._errors.decode("utf-8", "replace").strip().splitlines()
            message = reason[-1].removeprefix("dossier: ") if reason else f"exit code {code}"
            self._end(False, self._window.tr("The file could not be written: %1").replace("%1", message))

    def _end(self, ok: bool, message: str) -> None:
        if self._ended:
            return
        self._ended = True
        from dossier.store.encryption import is_encrypted  # lazy: on first use, off the start-up path

        if ok and is_encrypted(self.request.dossier):  # the data exports have no dialog to warn in
            message += self._window.tr(" (not encrypted: anyone with the file can read it)")
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()
        self._window.statusBar().showMessage(message, 10000)
        if ok and self._open_when_done and not self._cancelled:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.request.out))):
                self._window.statusBar().showMessage(
                    self._window.tr("%1 — nothing on this computer opens %2 files; it is in %3")
                    .replace("%1", message).replace("%2", self.request.out.suffix.lstrip(".").upper())
                    .replace("%3", str(self.request.out.parent)), 20000)
        elif not ok and not self._cancelled:
            box = QMessageBox(QMessageBox.Icon.Warning, self._caption, message, parent=self._window)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.finished.emit(ok, message)
        self.deleteLater()

"""ImportController: File > Import… and files dropped on the window, without freezing it.

Reading files and running spaCy happen on a worker thread (`read_and_analyse`, which never
touches the dossier); each batch comes back to the GUI thread, which stores it through the
session (one transaction per batch, a savepoint per file: milliseconds). When the import ends,
its batches become one undo step. Progress shows in the status bar (ui/import_progress.py), so the
window stays usable, and can be cancelled: what was stored stays, the rest is not read. Every file
is accounted for in the report.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from dossier.core.citation import plural
from dossier.ingest.extract import EntityLinker, KnownName
from dossier.ingest.many import ItemCount, left_out_words, plan_count
from dossier.ingest.model_pool import default_jobs
from dossier.ingest.pipeline import ImportOptions, ImportReport, ReadItem, collect_files, read_and_analyse
from dossier.operations import Done, combined
from dossier.operations.articles import StoreImported
from dossier.ui.import_progress import ImportProgress
from dossier.ui.session import DossierSession
from dossier.ui.tasks import TaskRunner


class ImportController(QObject):
    finished = Signal(object)  # the ImportReport (not sent if the dossier was closed meanwhile)

    def __init__(self, session: DossierSession, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._parent = parent
        self._options: ImportOptions | None = None
        self.running = False
        self.progress: ImportProgress | None = None
        self._done = 0

    def start(self, paths: Sequence[Path], options: ImportOptions | None = None, ocr_languages: str | None = None) -> bool:
        """Import files and folders; False if there is nothing to import or an import runs.
        Pictures and scans are read by OCR with `ocr_languages` (None: as the engine's default)."""
        if self.running:
            return False
        skipped: list[Path] = []
        files = collect_files(paths, skipped)
        if not files:
            return False

        session = self._session

        options = options or ImportOptions(jobs=default_jobs(), ocr_languages=ocr_languages)  # every core
        # In the status bar, not a dialog: the window stays usable while the files come in.
        progress = ImportProgress(self._parent)  # the count comes from the worker: reading it takes a moment
        if options.on_page is None:  # a scan's pages as they are read: noted by the reading thread, shown here
            from dossier.ingest.picture_reader import PagesRead  # lazy: on first use, off the start-up path

            pages = PagesRead()
            options = replace(options, on_page=pages.note)
            progress.watch_pages(pages)
        self._options = options
        linker = EntityLinker(session.store)
        known = linker.known_names()
        have = session.store.articles.hashes()
        identities = session.store.provenance.identities()
        report = ImportReport(skipped=skipped)
        batches: list[Done] = []
        self._done = 0
        status_bar = self._parent.statusBar() if hasattr(self._parent, "statusBar") else None
        if status_bar is not None:
            status_bar.addWidget(progress, 1)
        progress.cancel_button.clicked.connect(lambda: (options.cancel.set(), progress.cancelling()))
        self.progress = progress
        self.running = True

        def on_batch(items: list[ReadItem] | ItemCount) -> None:
            progress.say_pages_read()
            if isinstance(items, ItemCount):  # the first step: what the files hold, counted on the worker
                progress.set_count(items)
                return
            if not session.is_open:
                options.cancel.set()
                return
            if options.cancel.is_set():
                return  # read before the cancel arrived: not stored
            operation = StoreImported(items, linker)
            done = session.commit(operation)
            if done is None:  # the batch's transaction failed: none of its files is in
                linker.forget_unsaved()
                report.failed.extend((item.path, session.last_error) for item in items)
            else:
                batches.append(done)
                for name in ("imported", "duplicates", "failed", "notes", "left_out", "captured", "edited"):
                    getattr(report, name).extend(getattr(operation.report, name))
                report.names |= operation.report.names
                report.events += operation.report.events
            self._done += len(items)
            progress.show_progress(self._done, report)

        def on_done(_result: object) -> None:
            imported = [article_id for _path, article_id in report.imported]
            if not imported or not session.is_open:
                finish()
                return
            from dossier.operations.copies import (  # lazy: on first use, off the start-up path
                FindCopies,
                copies_in_file,
            )

            def found(plan: object) -> None:  # the copies among them, found on a worker, kept in the import's step
                done = session.commit(FindCopies(plan)) if session.is_open else None  # type: ignore[arg-type]  # the worker's CopyPlan
                if done is not None:
                    batches.append(done)
                finish()

            path = session.store.path
            self._tasks.run(lambda: copies_in_file(path, imported), found, lambda _error: finish())

        def finish() -> None:
            self.running = False
            report.cancelled = options.cancel.is_set()
            if status_bar is not None:
                status_bar.removeWidget(progress)
            progress.deleteLater()
            self.progress = None
            if not session.is_open:
                return
            if batches:
                count = len(report.imported)
                session.record(combined(f"Import {count} article{'' if count == 1 else 's'}", batches))
            self.finished.emit(report)

        def on_error(error: BaseException) -> None:
            accounted = {p for p, _ in report.imported + report.duplicates} | {p for p, _ in report.failed} | \
                {Path(str(p).split("#", 1)[0]) for p, _ in report.imported + report.duplicates + report.left_out +
                 report.captured}
            report.failed.extend((path, f"not imported: the import stopped ({error})")
                                 for path in files if path not in accounted)
            on_done(None)

        self._tasks.run_steps(lambda: _counted_then_read(files, options, known, have, identities), on_batch, on_done,
                              on_error)
        return True

    def cancel(self) -> None:
        """Stop between files (the dossier is closing, or the user asked)."""
        if self._options is not None:
            self._options.cancel.set()


def _counted_then_read(files: list[Path], options: ImportOptions, known: Sequence[KnownName], have: set[str],
                       identities: set[str]) -> Iterator[list[ReadItem] | ItemCount]:
    """On the worker: what the files hold, counted (a large export's messages take a moment), then
    the batches read."""
    yield plan_count(files)
    yield from read_and_analyse(files, options, known, have=have, identities=identities)


def summary(report: ImportReport) -> str:
    parts = [f"Imported {len(report.imported)}"]
    unread = sum("without people, places and dates" in note for _path, note in report.notes)
    said = [f"{unread} without people, places and dates"] if unread else []
    if len(report.notes) > unread:  # a dateline's outlet or date, to be checked
        said.append(f"{len(report.notes) - unread} with an outlet or date proposed from a dateline")
    if said:
        parts[0] += f" ({'; '.join(said)})"
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} already in the dossier")
    if report.edited:
        parts.append(f"{plural(len(report.edited), 'message')} edited since (both texts kept: Article > "
                     "Properties, Also captured as)")
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    if report.captured:
        parts.append(f"{plural(len(report.captured), 'page')} captured again "
                     "(kept as captures of their articles)")
    if report.left_out:
        parts.append(f"left out {left_out_words(report.left_out)}")
    if report.skipped:
        parts.append(f"{len(report.skipped)} other {'file' if len(report.skipped) == 1 else 'files'} in the folders "
                     "skipped")
    if report.cancelled:
        parts.append("cancelled")
    return ", ".join(parts) + "."

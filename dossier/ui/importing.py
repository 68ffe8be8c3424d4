"""ImportController: File > Import… and files dropped on the window, without freezing it.

Reading files and running spaCy happen on a worker thread (`read_and_analyse`, which never
touches the dossier); each batch comes back to the GUI thread, which stores it file by file
(milliseconds each). Progress shows after half a second and can be cancelled: what was stored
stays, the rest is not read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from dossier.ingest.pipeline import ImportOptions, ImportReport, ReadItem, collect_files, read_and_analyse, store_item
from dossier.store import Store


class ImportController(QObject):
    finished = Signal(object)  # the ImportReport
    stored = Signal()  # some articles were stored: views may refresh

    def __init__(self, store: Store, tasks: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._parent = parent
        self.running = False

    def start(self, paths: Sequence[Path], options: ImportOptions | None = None) -> bool:
        """Import files and folders; False if there is nothing to import or an import runs."""
        if self.running:
            return False
        files = collect_files(paths)
        if not files:
            return False
        from dossier.ingest.extract import EntityLinker

        options = options or ImportOptions()
        linker = EntityLinker(self._store)
        known = linker.known_names()
        report = ImportReport()
        progress = QProgressDialog(self.tr("Importing articles…"), self.tr("Cancel"), 0, len(files), self._parent)
        progress.setWindowTitle(self.tr("Import"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)  # quick imports show no dialog at all
        progress.setValue(0)
        progress.canceled.connect(options.cancel.set)
        self.running = True

        def on_batch(items: list[ReadItem]) -> None:
            if not self._store.is_open:
                options.cancel.set()
                return
            for item in items:
                if options.cancel.is_set():
                    break
                store_item(self._store, item, report, linker)
                progress.setValue(min(len(files), progress.value() + 1))
                progress.setLabelText(self.tr("Importing %1…").replace("%1", item.path.name))
            self.stored.emit()

        def on_done(_result: object) -> None:
            self.running = False
            report.cancelled = options.cancel.is_set()
            progress.close()
            progress.deleteLater()
            self.finished.emit(report)

        def on_error(error: Exception) -> None:
            report.failed.append((Path("?"), f"import stopped: {error}"))
            on_done(None)

        self._tasks.run_steps(lambda: read_and_analyse(files, options, known), on_batch, on_done, on_error)
        return True


def summary(report: ImportReport) -> str:
    parts = [f"Imported {len(report.imported)}"]
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} already in the dossier")
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    if report.cancelled:
        parts.append("cancelled")
    return ", ".join(parts) + "."

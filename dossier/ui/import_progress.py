"""The progress of an import, in the status bar rather than a dialog: the window stays usable
(read, search, annotate) while thousands of files come in, and the article list fills as they
arrive. It says what is true: files, messages or archive records read of how many (counted on the
worker; "about" when an archive's were estimated from its size), what is stored and found so far,
the pace and the time left; Cancel stops between batches and keeps what is stored."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from dossier.ingest.many import ItemCount, rate_and_left
from dossier.ingest.pipeline import ImportReport


class ImportProgress(QWidget):
    # (file name, pages read, of pages): a scan read by OCR, page by page, from the reading thread
    page_read = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_read.connect(self._on_page_read)
        self._files_said = ""
        self._poll_pages: Callable[[], None] | None = None
        self.count = ItemCount(0)
        self.total = 0
        self._started = time.monotonic()
        # Counting a large export's messages or an archive's records takes a moment, on the worker.
        self.label = QLabel(self.tr("Counting what to import…"))
        self.bar = QProgressBar(maximum=0, value=0, textVisible=False)  # busy until the count comes
        self.bar.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the import"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)  # the words take the room; the bar and the button their own
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)

    def set_count(self, count: ItemCount) -> None:
        """What the import will go through, counted on the worker: "Importing 1,204 messages…"."""
        self.count, self.total = count, count.total
        self.bar.setMaximum(max(1, count.total))
        if self.cancel_button.isEnabled() and not self._files_said:
            self._files_said = self.tr("Importing %1…").replace("%1", count.words())  # a photo read by OCR says beside it
            self.label.setText(self._files_said)

    def show_progress(self, done: int, report: ImportReport) -> None:
        if done > self.total:  # more records than an archive's size suggested
            self.total = done
            self.bar.setMaximum(done)
        self.bar.setValue(min(done, self.total))
        pace = rate_and_left(done, self.total, time.monotonic() - self._started, self.count.rate_unit)
        counted = ItemCount(self.total, self.count.unit, self.count.exact or done >= self.total).words(done)
        self._files_said = (self.tr("Importing: %1 · %2").replace("%1", counted).replace("%2", report.found())
                            + (f" · {pace}" if pace else ""))
        self.label.setText(self._files_said)

    def watch_pages(self, pages: object) -> None:
        """Say the pages the reading thread notes in `pages` (ingest.picture_reader.PagesRead)."""
        timer = QTimer(self, interval=250)

        def poll() -> None:
            latest = pages.take()  # type: ignore[attr-defined]  # a PagesRead, typed loosely to keep ingest off start-up
            if latest is not None:
                self.page_read.emit(*latest)

        self._poll_pages = poll
        timer.timeout.connect(poll)
        timer.start()

    def say_pages_read(self) -> None:
        """Say the last page noted now, before a batch's count or the end: on a busy GUI thread all
        of a short scan's pages may be read between two polls."""
        if self._poll_pages is not None:
            self._poll_pages()

    def _on_page_read(self, name: str, done: int, of: int) -> None:
        if not self.cancel_button.isEnabled():
            return  # cancelling: that is what it says
        said = self.tr("reading %1 by OCR: page %2 of %3").replace("%1", name).replace("%2", str(done)) \
            .replace("%3", str(of))
        self.label.setText(f"{self._files_said} · {said}" if self._files_said else said)

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling: the files being read are finished, nothing more is read…"))

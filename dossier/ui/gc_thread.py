"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a generation's count passes its
threshold. A worker allocating (a search, related passages, an import) would then collect
cycles that hold Qt wrappers — a closed window's widgets, a lambda connected to a signal — and
destroy those Qt objects on the worker: a crash (segmentation fault in the worker, seen in 4 of
6 runs of the UI tests once related passages ran on workers) or, as in the first round's freeze,
a deadlock. So once a task runner exists, automatic collection is off and a timer on the GUI
thread collects instead. Objects freed by reference counting (nearly all) are unaffected.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_EVERY_MS = 500
FULL_AT_MOST_EVERY_S = 300.0  # a full collection costs ~70 ms with the language model loaded


class GuiThreadCollector(QObject):
    _installed: GuiThreadCollector | None = None

    @classmethod
    def install(cls) -> None:
        """Once per application (the timer belongs to it and lives as long as it)."""
        app = QCoreApplication.instance()
        if cls._installed is None and app is not None:
            cls._installed = cls(app)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._last_full = time.monotonic()
        gc.disable()
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()
        self.destroyed.connect(_enable)

    def collect_due(self) -> int:
        """The young generation at every tick (cheap: only what is new), an older one once as
        many younger collections have run as its threshold says, as the automatic collector
        counts, and a full one at most every few minutes. Returns the generation collected."""
        if gc.isenabled():  # a library turned it back on (ingest.nlp keeps srsly from doing so)
            gc.disable()
        counts = gc.get_count()
        generation = 0
        if counts[1] > self._thresholds[1]:
            generation = 1
        if counts[2] > self._thresholds[2] and time.monotonic() - self._last_full > FULL_AT_MOST_EVERY_S:
            generation = 2
            self._last_full = time.monotonic()
        gc.collect(generation)
        return generation


def _enable() -> None:
    GuiThreadCollector._installed = None
    gc.enable()

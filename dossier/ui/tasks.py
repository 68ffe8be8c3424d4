"""TaskRunner: work off the GUI thread, results back on it.

A function runs on a worker thread and returns plain data; its result (or error) is delivered
to a callback on the GUI thread. Two lanes: `writer`, one thread, so writes to the dossier are
serialised; `general`, for reading, extraction and export. Tests use SyncTaskRunner, which runs
everything at once on the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object, object)  # result, error


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn, self._relay = fn, relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # delivered to the caller's error callback, never lost
            self._relay.finished.emit(None, error)
        else:
            self._relay.finished.emit(result, None)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools = {"writer": QThreadPool(self), "general": QThreadPool(self)}
        self._pools["writer"].setMaxThreadCount(1)
        self._pending: set[_Relay] = set()

    def run(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None, lane: str = "general",
    ) -> None:
        relay = _Relay()  # lives on the GUI thread: its signal is delivered there
        self._pending.add(relay)

        def deliver(result: Any, error: Exception | None) -> None:
            self._pending.discard(relay)
            relay.deleteLater()
            if error is not None:
                if on_error:
                    on_error(error)
            elif on_done:
                on_done(result)

        relay.finished.connect(deliver)
        self._pools[lane].start(_Job(fn, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        return all(pool.waitForDone(msecs) for pool in self._pools.values())


class SyncTaskRunner:
    """Runs each task at once, on the calling thread: deterministic tests."""

    def run(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None, lane: str = "general",
    ) -> None:
        try:
            result = fn()
        except Exception as error:
            if on_error:
                on_error(error)
            return
        if on_done:
            on_done(result)

    def wait(self, msecs: int = 0) -> bool:
        return True

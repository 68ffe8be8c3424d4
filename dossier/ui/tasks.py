"""TaskRunner: work off the GUI thread, results back on it.

A function runs on a worker thread and returns plain data; its result (or error) is delivered
to a callback on the GUI thread. Two lanes: `writer`, one thread, so writes to the dossier are
serialised; `general`, for reading, extraction and export. Tests use SyncTaskRunner, which runs
everything at once on the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    step = Signal(object)  # one item of a job that yields
    finished = Signal(object, object)  # result, error


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, steps: bool = False) -> None:
        super().__init__()
        self._fn, self._relay, self._steps = fn, relay, steps

    def run(self) -> None:
        try:
            if self._steps:
                for item in self._fn():
                    self._relay.step.emit(item)
                result = None
            else:
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
        self._start(fn, on_done, on_error, lane, None)

    def run_steps(
        self, steps: Callable[[], Iterable[Any]], on_step: Callable[[Any], None],
        on_done: Callable[[Any], None] | None = None, on_error: Callable[[Exception], None] | None = None,
        lane: str = "general",
    ) -> None:
        """Iterate `steps()` on a worker; each item is handed to `on_step` on the GUI thread."""
        self._start(steps, on_done, on_error, lane, on_step)

    def _start(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None,
               on_error: Callable[[Exception], None] | None, lane: str,
               on_step: Callable[[Any], None] | None) -> None:
        relay = _Relay()  # lives on the GUI thread: its signals are delivered there
        self._pending.add(relay)
        if on_step is not None:
            relay.step.connect(on_step)

        def deliver(result: Any, error: Exception | None) -> None:
            self._pending.discard(relay)
            relay.deleteLater()
            if error is not None:
                if on_error:
                    on_error(error)
            elif on_done:
                on_done(result)

        relay.finished.connect(deliver)
        self._pools[lane].start(_Job(fn, relay, steps=on_step is not None))

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

    def run_steps(
        self, steps: Callable[[], Iterable[Any]], on_step: Callable[[Any], None],
        on_done: Callable[[Any], None] | None = None, on_error: Callable[[Exception], None] | None = None,
        lane: str = "general",
    ) -> None:
        def all_steps() -> None:
            for item in steps():
                on_step(item)

        self.run(all_steps, on_done, on_error, lane)

    def wait(self, msecs: int = 0) -> bool:
        return True

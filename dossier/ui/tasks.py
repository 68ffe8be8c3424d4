"""TaskRunner: plain-Python work on worker threads, results back on the GUI thread.

Workers never call Qt. The first round ran jobs as Python-owned QRunnables with a relay QObject
each; Qt destroyed them on the pool's thread, Shiboken then waited there for the GIL while
holding one of Qt's connection mutexes, and the GUI thread, holding the GIL, waited for that
mutex: the window froze for good. Here a job is a Python thread and a function; when it yields
or ends, its outcome goes on a queue and one byte goes down a socket pair. A QSocketNotifier,
made and kept on the GUI thread, wakes on that byte and hands each outcome to its callback, in
order, on the GUI thread. No Qt object is made, touched or destroyed by a worker.

Work that needs Qt itself (laying out the PDF) runs in a child process instead (export_dialog).
"""

from __future__ import annotations

import queue
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

Callback = Callable[[Any], None]


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._outcomes: queue.SimpleQueue[tuple[Callback, Any]] = queue.SimpleQueue()
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._wake_reader.setblocking(False)
        self._wake_writer.setblocking(False)
        self._notifier = QSocketNotifier(self._wake_reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.deliver)
        self._threads: set[threading.Thread] = set()
        self._lock = threading.Lock()
        self._closed = False

    def run(self, fn: Callable[[], Any], on_done: Callback | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        """Call `fn()` on a worker; `on_done(result)` or `on_error(exception)` on the GUI thread."""
        self._start(lambda: self._post(on_done, fn()), on_error)

    def run_steps(self, steps: Callable[[], Iterable[Any]], on_step: Callback, on_done: Callback | None = None,
                  on_error: Callable[[BaseException], None] | None = None) -> None:
        """Iterate `steps()` on a worker; each item goes to `on_step` on the GUI thread, in order,
        then `on_done(None)` (or `on_error`)."""
        def work() -> None:
            for item in steps():
                self._post(on_step, item)
            self._post(on_done, None)

        self._start(work, on_error)

    def _start(self, work: Callable[[], None], on_error: Callable[[BaseException], None] | None) -> None:
        if self._closed:
            raise RuntimeError("the task runner has been shut down")

        def main() -> None:
            try:
                work()
            except BaseException as error:  # delivered to the caller, never lost on the worker
                self._post(on_error if on_error else _report, error)
            finally:
                with self._lock:
                    self._threads.discard(threading.current_thread())

        thread = threading.Thread(target=main, name="dossier-worker", daemon=True)
        with self._lock:
            self._threads.add(thread)
        thread.start()

    def _post(self, callback: Callback | None, value: Any) -> None:
        """On a worker: queue an outcome and wake the GUI thread. Plain Python and a socket."""
        if callback is None:
            return
        self._outcomes.put((callback, value))
        try:
            self._wake_writer.send(b"\0")
        except OSError:  # the buffer is full (a wake-up is pending anyway) or we are shut down
            pass

    def deliver(self) -> None:
        """On the GUI thread: hand every queued outcome to its callback."""
        try:
            while self._wake_reader.recv(4096):
                pass
        except OSError:
            pass
        while True:
            try:
                callback, value = self._outcomes.get_nowait()
            except queue.Empty:
                return
            try:
                callback(value)
            except Exception:  # one failing callback must not stop the others' delivery
                sys.excepthook(*sys.exc_info())

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._threads)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for running jobs to end (they should have been asked to stop); deliver what they
        sent. False if some are still running after `msecs`."""
        import time

        deadline = time.monotonic() + msecs / 1000
        while True:
            with self._lock:
                threads = list(self._threads)
            if not threads:
                break
            threads[0].join(max(0.0, deadline - time.monotonic()))
            if time.monotonic() >= deadline:
                break
        self.deliver()
        return not self.busy

    def shutdown(self) -> None:
        """Stop listening (at quit, after `wait`). A job still running can no longer deliver."""
        self._closed = True
        self._notifier.setEnabled(False)
        self._wake_writer.close()
        self._wake_reader.close()


def _report(error: BaseException) -> None:
    """An error nobody asked to hear about still reaches stderr."""
    sys.excepthook(type(error), error, error.__traceback__)

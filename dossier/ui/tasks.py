"""TaskRunner: plain-Python work on worker threads, results back on the GUI thread.

Workers never call Qt. The first round ran jobs as Python-owned QRunnables with a relay QObject
each; Qt destroyed them on the pool's thread, Shiboken then waited there for the GIL while
holding one of Qt's connection mutexes, and the GUI thread, holding the GIL, waited for that
mutex: the window froze for good. Here a job is a Python thread and a function of plain data;
when it yields or ends, its outcome goes on a queue and one byte goes down a socket pair. A
QSocketNotifier, made and kept on the GUI thread, wakes on that byte and hands each outcome to
its callback, which never left the GUI thread. No Qt object is made, touched, held or destroyed
by a worker — nor collected by one: see gc_thread.

Work that needs Qt itself (laying out the PDF) runs in a child process instead (export_dialog).
"""

from __future__ import annotations

import contextlib
import itertools
import queue
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

from dossier.ui.gc_thread import GuiThreadCollector

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
STEP, DONE, ERROR = "step", "done", "error"


def _work(outcomes: queue.SimpleQueue[tuple[int, str, Any]], wake: socket.socket, job: int,
          fn: Callable[[], Any], steps: bool) -> None:
    """A worker thread's whole life. It holds the job's function and plain data, never a
    callback or a Qt object, so nothing Qt is released here when it ends."""
    def post(kind: str, value: Any) -> None:
        outcomes.put((job, kind, value))
        with contextlib.suppress(OSError):  # the buffer is full (a wake-up is pending anyway), or closed
            wake.send(b"\0")

    try:
        if steps:
            for item in fn():
                post(STEP, item)
            post(DONE, None)
        else:
            post(DONE, fn())
    except BaseException as error:  # delivered to the caller, never lost on the worker
        post(ERROR, error)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Garbage cycles holding Qt objects must never be collected on a worker (gc_thread).
        GuiThreadCollector.install()
        self._outcomes: queue.SimpleQueue[tuple[int, str, Any]] = queue.SimpleQueue()
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._wake_reader.setblocking(False)
        self._wake_writer.setblocking(False)
        self._notifier = QSocketNotifier(self._wake_reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.deliver)
        # The callbacks stay here, on the GUI thread, by job number.
        self._callbacks: dict[int, tuple[Callback | None, Callback | None, ErrorCallback | None]] = {}
        self._threads: dict[int, threading.Thread] = {}
        self._jobs = itertools.count(1)
        self._closed = False
        self._held: list[threading.Thread] | None = None  # jobs waiting for release(), in order

    def hold(self) -> None:
        """Start no worker until release(): the app holds them until the window first paints,
        so no job (the file's check, proposals, language detection) competes with it for the GIL
        and the two cores."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the jobs asked for while held, in the order they were asked for."""
        held, self._held = self._held or [], None
        for thread in held:
            thread.start()

    def run(self, fn: Callable[[], Any], on_done: Callback | None = None,
            on_error: ErrorCallback | None = None) -> None:
        """Call `fn()` on a worker; `on_done(result)` or `on_error(exception)` on the GUI thread.
        `fn` must hold plain data only (no widgets, no Qt objects): it ends its life on the worker."""
        self._start(fn, False, None, on_done, on_error)

    def run_steps(self, steps: Callable[[], Iterable[Any]], on_step: Callback, on_done: Callback | None = None,
                  on_error: ErrorCallback | None = None) -> None:
        """Iterate `steps()` on a worker; each item goes to `on_step` on the GUI thread, in order,
        then `on_done(None)` (or `on_error`)."""
        self._start(steps, True, on_step, on_done, on_error)

    def _start(self, fn: Callable[[], Any], steps: bool, on_step: Callback | None, on_done: Callback | None,
               on_error: ErrorCallback | None) -> None:
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        job = next(self._jobs)
        self._callbacks[job] = (on_step, on_done, on_error)
        thread = threading.Thread(target=_work, args=(self._outcomes, self._wake_writer, job, fn, steps),
                                  name=f"dossier-worker-{job}", daemon=True)
        self._threads[job] = thread
        if self._held is not None:
            self._held.append(thread)
        else:
            thread.start()

    def deliver(self) -> None:
        """On the GUI thread: hand every queued outcome to its callback, in order."""
        try:
            while self._wake_reader.recv(4096):
                pass
        except OSError:
            pass
        while True:
            try:
                job, kind, value = self._outcomes.get_nowait()
            except queue.Empty:
                return
            on_step, on_done, on_error = self._callbacks.get(job, (None, None, None))
            if kind != STEP:  # the job is over
                self._callbacks.pop(job, None)
                self._threads.pop(job, None)
            callback = {STEP: on_step, DONE: on_done, ERROR: on_error or _report}[kind]
            if callback is None:
                continue
            try:
                callback(value)
            except Exception:  # one failing callback must not stop the others' delivery
                sys.excepthook(*sys.exc_info())

    @property
    def busy(self) -> bool:
        return any(thread.is_alive() for thread in self._threads.values())

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for running jobs to end (they should have been asked to stop), and deliver what
        they sent. False if some still run after `msecs`."""
        deadline = time.monotonic() + msecs / 1000
        for thread in list(self._threads.values()):
            if thread.ident is not None:  # a held job never started: nothing to wait for
                thread.join(max(0.0, deadline - time.monotonic()))
        self.deliver()
        return not self.busy

    def shutdown(self) -> None:
        """Stop listening (at quit, after `wait`). A job still running can no longer deliver."""
        self._closed = True
        self._held = None  # held jobs never start
        self._notifier.setEnabled(False)
        self._wake_writer.close()
        self._wake_reader.close()
        self._callbacks.clear()


def _report(error: BaseException) -> None:
    """An error nobody asked to hear about still reaches stderr."""
    sys.excepthook(type(error), error, error.__traceback__)

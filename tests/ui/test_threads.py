"""The production task runner, its timers and the export's child process, for real.

The first round froze the window after PDF exports: a Python-owned QRunnable was destroyed on a
pool thread while the GUI thread held the GIL. These tests run the real TaskRunner (threads, a
socket pair, a QSocketNotifier) and the real `dossier export` child, check that no worker ever
calls Qt or holds a Qt object, and drive many exports and imports from the window, then quit.
A hang fails through pytest-timeout, or the faulthandler watchdog in tests/conftest.py.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QFileDialog

from dossier.store import Database
from dossier.ui.main_window import MainWindow
from dossier.ui.tasks import TaskRunner

ARTICLE = "Troops {n}\n\nRussian troops from the 102nd Base arrived in Syunik yesterday, Interfax reported ({n}).\n"


def window_answers(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The event loop runs: a call queued now is made (no clock involved)."""
    answered: list[bool] = []
    QTimer.singleShot(0, lambda: answered.append(True))
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)


@pytest.fixture
def runner(qapp) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    tasks = TaskRunner()
    yield tasks
    assert tasks.wait(30_000)
    tasks.shutdown()


@pytest.mark.timeout(60)
def test_results_come_back_on_the_gui_thread_in_order(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    gui = threading.get_ident()
    seen: list[tuple[int, int]] = []
    done: list[object] = []
    errors: list[BaseException] = []

    def count() -> Iterator[int]:
        yield from range(200)

    runner.run_steps(count, lambda n: seen.append((n, threading.get_ident())), done.append)
    runner.run(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(done) and bool(errors), timeout=10_000)
    assert [n for n, _ in seen] == list(range(200)) and {t for _, t in seen} == {gui}
    assert isinstance(errors[0], ZeroDivisionError)


def qt_things_reachable(obj: object, limit: int = 20_000) -> list[object]:
    """Qt objects a worker could end up holding through a job's function: its closure cells,
    defaults, bound objects and the containers and plain objects they hold (not modules,
    classes or globals, which live for the whole run)."""
    found, seen, todo = [], set(), [obj]
    while todo and len(seen) < limit:
        item = todo.pop()
        if id(item) in seen or isinstance(item, (type, type(sys), str, bytes, int, float)):
            continue
        seen.add(id(item))
        if isinstance(item, shiboken6.Shiboken.Object):
            found.append(item)
            continue
        if callable(item) and hasattr(item, "__closure__"):
            todo += [c.cell_contents for c in item.__closure__ or () if c.cell_contents is not None]
            todo += list(item.__defaults__ or ())
        elif hasattr(item, "__self__") and hasattr(item, "__func__"):
            todo += [item.__self__, item.__func__]
        elif isinstance(item, dict):
            todo += list(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            todo += list(item)
        elif hasattr(item, "__dict__"):
            todo += list(vars(item).values())
    return found


@pytest.mark.timeout(180)
def test_workers_never_touch_qt(qtbot, settings, sample_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Deterministic: through the integrity check of the opened dossier, an import (spaCy on a
    worker), the sample's extraction and a backup, (1) no worker thread calls any Qt function, (2) no job's function can reach a Qt
    object, so none is ever released on a worker, and (3) the runner makes no Qt object per job."""
    qt_calls: list[str] = []

    def watch(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call" and threading.current_thread() is not threading.main_thread():
            owner = getattr(arg, "__self__", None)
            if type(owner).__module__.startswith(("PySide6", "shiboken6")) or isinstance(owner, shiboken6.Shiboken.Object):
                qt_calls.append(f"{type(owner).__name__}.{arg.__name__}")

    jobs: list[object] = []
    real_start = TaskRunner._start

    def recording_start(self: TaskRunner, fn: Any, *rest: Any) -> None:
        jobs.append(fn)
        real_start(self, fn, *rest)

    monkeypatch.setattr(TaskRunner, "_start", recording_start)
    (tmp_path / "a.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    with Database.open(sample_path) as store:
        store.mark_pending_extraction([1])
    tasks = TaskRunner()
    window = MainWindow(settings, tasks)
    qtbot.addWidget(window)
    children_before = len(tasks.children())
    threading.setprofile(watch)
    try:
        assert window.open_dossier(sample_path)
        qtbot.waitUntil(lambda: window.workspace.session.writable, timeout=30_000)
        window.extract_pending(window.workspace.session)
        tasks.run(window.workspace.store.backup_if_due)
        assert window.import_paths([tmp_path / "a.txt"])
        qtbot.waitUntil(lambda: not window.importer.running and not window.workspace.store.pending_extraction(),
                        timeout=120_000)
        assert tasks.wait(30_000)
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
    # The check, the languages of older articles, extraction, the backup and the import; captures
    # of one story looked for at opening and after the import; entities that look like one looked
    # for at opening, after the extraction and after the import; copies of one story looked for
    # when the import ends.
    assert len(jobs) == 11 and qt_calls == []
    assert [qt_things_reachable(fn) for fn in jobs] == [[]] * 11
    assert len(tasks.children()) == children_before  # nothing made per job
    window.close()
    gc.collect()


@pytest.mark.timeout(600)
def test_fifty_exports_and_twenty_imports_then_quit(qtbot, open_real_window, sample_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch) -> None:
    """From the window, as a user would: File > Export PDF fifty times back to back (each in its
    own child process, a progress dialog on the GUI thread), then twenty imports (spaCy on a
    worker thread), then quit. The window answers between every step and closes cleanly."""
    from dossier.ui.export_dialog import ExportPdfDialog

    out = tmp_path / "export.pdf"
    monkeypatch.setattr(ExportPdfDialog, "exec", lambda self: (self.open_when_done.setChecked(False),
                                                              QDialog.DialogCode.Accepted)[1])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window = open_real_window(sample_path)
    tasks = window._tasks
    written = []
    for _ in range(50):
        window.export_pdf_action.trigger()
        assert window.exports
        window_answers(qtbot)
        qtbot.waitUntil(lambda: not window.exports, timeout=60_000)
        written.append(window.statusBar().currentMessage())
        out.unlink()
    assert all(message.startswith("Wrote ") for message in written), set(written)
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(20):
        path = folder / f"article-{n}.txt"
        path.write_text(ARTICLE.format(n=n), encoding="utf-8")
        assert window.import_paths([path])
        window_answers(qtbot)
        qtbot.waitUntil(lambda: not window.importer.running, timeout=120_000)
    assert window.workspace.store.articles.count() == 21
    assert window.undo_stack.count() == 20  # each import is one undo step
    window.close()
    assert tasks.wait(30_000) and window.workspace is None
    assert not (sample_path.parent / "sample.dossier.lock").exists()  # closed cleanly
    assert list(tmp_path.glob(".*.partial")) == []


@pytest.mark.timeout(120)
def test_closing_the_window_during_an_export_and_an_import_is_clean(qtbot, open_real_window, sample_path: Path,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path, monkeypatch) -> None:
    """The import is held at a gate after its first batch, so the close comes while it runs
    whatever the machine's speed: the first batch stays whole, nothing read after is stored."""
    from pypdf import PdfReader

    from dossier.ui import importing
    from dossier.ui.export_dialog import ExportPdfDialog

    out = tmp_path / "export.pdf"
    monkeypatch.setattr(ExportPdfDialog, "exec", lambda self: (self.open_when_done.setChecked(False),
                                                              QDialog.DialogCode.Accepted)[1])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    gate = threading.Event()
    real_read = importing.read_and_analyse

    def first_batch_then_gate(*args: Any, **kwargs: Any) -> Iterator[Any]:
        batches = real_read(*args, **kwargs)
        yield next(batches)
        assert gate.wait(60)
        yield from batches

    monkeypatch.setattr(importing, "read_and_analyse", first_batch_then_gate)
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(40):
        (folder / f"article-{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    window = open_real_window(sample_path)
    tasks = window._tasks
    window.export_pdf_action.trigger()
    assert window.import_paths([folder])
    store = window.workspace.store
    qtbot.waitUntil(lambda: store.articles.count() > 1, timeout=60_000)  # the first batch is in
    first = store.articles.count() - 1
    assert window.importer.running and first < 40
    export_running = bool(window.exports)  # a child process: it may have finished already
    window.close()  # while the import runs, and the export if it still does
    gate.set()
    assert tasks.wait(60_000) and window.exports == []
    if export_running:
        assert not out.exists()  # cancelled: its half-written file removed
    else:
        assert len(PdfReader(out).pages) > 0  # it had finished: whole
    assert list(tmp_path.glob(".*.partial")) == []
    assert not (sample_path.parent / "sample.dossier.lock").exists()
    with Database.open(sample_path) as store:  # what was stored before the close is whole, and only that
        assert store.quick_check() == "ok"
        imported = [store.articles.get(i) for i in store.articles.ids()][1:]
        assert len(imported) == first
        for article in imported:
            n = int(article.title.split()[-1])
            assert f"{article.title}\n\n{article.text}\n" == ARTICLE.format(n=n)  # verbatim, to the last byte


@pytest.mark.timeout(60)
def test_a_cancelled_export_leaves_no_file(qtbot, settings, sample_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.export_dialog import ExportPdfDialog

    out = tmp_path / "cancelled.pdf"
    monkeypatch.setattr(ExportPdfDialog, "exec", lambda self: (self.open_when_done.setChecked(False),
                                                              QDialog.DialogCode.Accepted)[1])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window = MainWindow(settings, TaskRunner())
    qtbot.addWidget(window)
    assert window.open_dossier(sample_path)
    window.export_pdf_action.trigger()
    (export,) = window.exports
    export.progress.canceled.emit()  # the Cancel button, before the child has begun to write
    qtbot.waitUntil(lambda: not window.exports, timeout=30_000)
    assert window.statusBar().currentMessage() == "Export cancelled; no file was written."
    assert not out.exists() and list(tmp_path.glob(".*.partial")) == []


def test_the_watchdog_ends_a_hang_that_holds_the_gil(tmp_path: Path) -> None:
    """A test stuck in C code holding the GIL (as the first round's freeze was) can't be stopped
    by pytest-timeout; the conftest's watchdog prints the stacks and ends the run."""
    (tmp_path / "conftest.py").write_text("import tests.conftest as shared\nshared.WATCHDOG_MARGIN_S = 1\n"
                                          "from tests.conftest import watchdog  # noqa: F401\n")
    (tmp_path / "test_hang.py").write_text(
        "import ctypes, pytest\n\n"
        "@pytest.mark.timeout(1)\n"
        "def test_hang():\n"
        "    libc = ctypes.PyDLL(None)  # calls keep the GIL, as Shiboken did in the freeze\n"
        "    mutex = ctypes.create_string_buffer(64)\n"
        "    libc.pthread_mutex_init(mutex, None)\n"
        "    libc.pthread_mutex_lock(mutex)\n"
        "    libc.pthread_mutex_lock(mutex)  # a deadlock no signal handler can run through\n")
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                            capture_output=True, text=True, cwd=repo, timeout=50,
                            env={**__import__("os").environ, "PYTHONPATH": str(repo)})
    assert result.returncode != 0
    assert "Timeout" in result.stderr and "test_hang" in result.stderr


@pytest.mark.timeout(60)
def test_garbage_holding_qt_objects_is_collected_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A cycle holding a Qt object, left for the collector while a worker allocates: it must go on
    the GUI thread (collected on the worker it crashed the UI tests in 4 runs of 6)."""
    import gc

    from PySide6.QtCore import QObject

    tasks = TaskRunner()
    assert not gc.isenabled()  # automatic collection would run on whichever thread allocates
    destroyed_on: list[int] = []

    class Holder:
        pass

    holder = Holder()
    holder.me, holder.obj = holder, QObject()  # type: ignore[attr-defined]
    holder.obj.destroyed.connect(lambda *_: destroyed_on.append(threading.get_ident()))  # type: ignore[attr-defined]
    del holder
    allocated: list[int] = []
    for _ in range(5):
        # Each worker allocates far past the first generation's threshold.
        tasks.run(lambda: len([[i] for i in range(300_000)]), allocated.append)
    qtbot.waitUntil(lambda: len(allocated) == 5 and bool(destroyed_on), timeout=30_000)
    assert destroyed_on == [threading.get_ident()]
    assert tasks.wait(10_000)


@pytest.mark.timeout(60)
def test_a_held_runner_starts_its_jobs_on_release_in_order(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    """The app holds its workers until the window first paints: nothing runs before, all runs after."""
    ran: list[int] = []
    done: list[int] = []
    runner.hold()
    for n in range(3):
        runner.run(lambda n=n: ran.append(n) or n, done.append)  # type: ignore[func-returns-value]  # append, then the number
    window_answers(qtbot)
    assert ran == [] and not runner.busy
    assert runner.wait(1000)  # nothing started, nothing to wait for
    runner.release()
    qtbot.waitUntil(lambda: len(done) == 3, timeout=10_000)
    assert ran == [0, 1, 2] and done == [0, 1, 2]
    runner.run(lambda: 7, done.append)  # released: the next job starts at once
    qtbot.waitUntil(lambda: done[-1] == 7, timeout=10_000)


@pytest.mark.timeout(60)
def test_a_dossier_opened_before_the_first_paint_is_checked_after_it(qtbot, settings, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The file's check (and what waits for it) is held with the workers, then runs: the
    dossier becomes writable as soon as the window has painted."""
    tasks = TaskRunner()
    tasks.hold()
    window = MainWindow(settings, tasks)
    qtbot.addWidget(window)
    window.show()
    assert window.open_dossier(sample_path)
    session = window.workspace.session
    window_answers(qtbot)
    assert not session.writable and not tasks.busy  # its check waits
    tasks.release()
    qtbot.waitUntil(lambda: session.writable, timeout=20_000)
    window.close()
    assert tasks.wait(30_000)
    tasks.shutdown()

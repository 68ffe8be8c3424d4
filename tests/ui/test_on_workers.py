"""Work that README says runs off the window's thread does, on the production TaskRunner: each job
is caught on its way in, its thread looked at, and held at a gate while the test sees the window
answer and say what it is doing. A job that fails tells the user (status line or status bar), and
the synchronous double reports a failure nobody listens for the way the real runner does."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from dossier.store import Database
from dossier.ui.main_window import MainWindow
from dossier.ui.settings import Settings
from dossier.ui.tasks import TaskRunner
from tests.ui.conftest import SyncTaskRunner, answer_next_dialog, as_schema_12
from tests.ui.test_threads import window_answers
from tests.unit.test_merge import two_dossiers  # noqa: F401 - a fixture

pytestmark = pytest.mark.timeout(120)


class Caught:
    """A function a job calls, replaced by one that notes the thread it runs on and, when the
    gate is shut, waits there until the test opens it (so the test sees the window meanwhile)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, gated: bool = False) -> None:
        self.threads: list[threading.Thread] = []
        self.arrived = threading.Event()
        self.gate = threading.Event()
        if not gated:
            self.gate.set()
        real = getattr(owner, name)

        def caught(*args: Any, **kwargs: Any) -> Any:
            self.threads.append(threading.current_thread())
            self.arrived.set()
            if threading.current_thread() is not threading.main_thread():  # the window's thread can't wait
                assert self.gate.wait(60), "the test never opened the gate"
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, caught)

    def on_workers_only(self) -> bool:
        return bool(self.threads) and all(t is not threading.main_thread() and t.name.startswith("dossier-worker-")
                                          for t in self.threads)

    def wait_arrived(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(self.arrived.is_set, timeout=30_000)


@pytest.fixture
def real_window(qtbot, settings: Settings) -> Iterator[Callable[[], MainWindow]]:  # type: ignore[no-untyped-def]
    """A window on the production TaskRunner, shown, with nothing open yet; the status bar's
    messages are kept in `window.said`."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(settings, TaskRunner())
        qtbot.addWidget(window)
        window.said = []  # type: ignore[attr-defined]
        window.statusBar().messageChanged.connect(window.said.append)  # type: ignore[attr-defined]
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def _writable(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.workspace is not None and window.workspace.session.writable, timeout=30_000)


# -- the double and the runner agree on failures ------------------------------------------------------


@pytest.fixture(params=["production", "double"])
def any_runner(request, qapp) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    if request.param == "double":
        yield SyncTaskRunner()
        return
    runner = TaskRunner()
    yield runner
    assert runner.wait(30_000)
    runner.shutdown()


def test_a_failure_nobody_listens_for_reaches_the_excepthook_on_both_runners(qtbot, any_runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A job without on_error, a failing on_done and a failing step all reach sys.excepthook
    (which pytest-qt turns into a failed test); the steps after a failing one still arrive."""
    import sys

    hooked: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: hooked.append(str(error)))
    steps: list[int] = []
    finished: list[object] = []

    def step(n: int) -> None:
        steps.append(n)
        if n == 1:
            raise ValueError("step 1 failed")

    def crash_on_done(_result: object) -> None:
        raise KeyError("on_done failed")

    any_runner.run(lambda: 1 / 0)
    any_runner.run(lambda: 42, on_done=crash_on_done)
    any_runner.run_steps(lambda: iter(range(3)), step, on_done=finished.append)
    qtbot.waitUntil(lambda: len(hooked) == 3 and bool(finished), timeout=10_000)
    assert sorted(hooked) == sorted(["division by zero", "'on_done failed'", "step 1 failed"])
    assert steps == [0, 1, 2]
    errors: list[BaseException] = []
    any_runner.run(lambda: 1 / 0, on_error=errors.append)  # heard: not reported again
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert len(hooked) == 3 and isinstance(errors[0], ZeroDivisionError)


# -- each job on a worker, the window answering meanwhile ---------------------------------------------


def test_opening_checks_the_file_on_a_worker(qtbot, real_window, sample_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    check = Caught(monkeypatch, Database, "integrity_problem", gated=True)
    window = real_window()
    assert window.open_dossier(sample_path)
    check.wait_arrived(qtbot)
    window_answers(qtbot)
    assert window.workspace.pane.article is not None and not window.workspace.session.writable  # shown, not editable yet
    check.gate.set()
    _writable(qtbot, window)
    assert check.on_workers_only()


def test_an_older_dossier_is_upgraded_on_a_worker_while_the_window_says_so(qtbot, real_window, sample_path: Path,  # type: ignore[no-untyped-def]
                                                                          monkeypatch) -> None:
    from dossier.store.schema import SCHEMA_VERSION

    as_schema_12(sample_path)
    upgrade = Caught(monkeypatch, Database, "open", gated=True)
    window = real_window()
    window.open_dossier(sample_path)
    upgrade.wait_arrived(qtbot)
    window_answers(qtbot)
    assert window.workspace is None and window.statusBar().currentMessage().startswith("Upgrading sample.dossier")
    upgrade.gate.set()
    _writable(qtbot, window)
    assert window.workspace.store.schema_version() == SCHEMA_VERSION and upgrade.on_workers_only()


def test_a_merge_previews_and_merges_on_workers(qtbot, real_window, two_dossiers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.team import merge_dialog

    ann_path, boris_path = two_dossiers
    preview = Caught(monkeypatch, merge_dialog, "_preview_in_file", gated=True)
    merge = Caught(monkeypatch, merge_dialog, "_merge_in_file", gated=True)
    window = real_window()
    assert window.open_dossier(ann_path)
    _writable(qtbot, window)
    ws = window.workspace
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(boris_path), ""))
    answer_next_dialog(qtbot, lambda dialog: qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return))
    window.merge_action.trigger()
    preview.wait_arrived(qtbot)
    window_answers(qtbot)
    preview.gate.set()
    merge.wait_arrived(qtbot)
    window_answers(qtbot)
    assert ws.store.counts()["articles"] == 2  # not merged yet: the worker is held at the gate
    merge.gate.set()
    qtbot.waitUntil(lambda: ws.store.counts()["articles"] == 3, timeout=60_000)
    assert preview.on_workers_only() and merge.on_workers_only()


def test_search_runs_on_a_worker(qtbot, real_window, three_articles: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.search import panel

    search = Caught(monkeypatch, panel, "search_file", gated=True)
    window = real_window()
    assert window.open_dossier(three_articles)
    _writable(qtbot, window)
    ws = window.workspace
    window.search_action.trigger()
    qtbot.keyClicks(ws.search.query_edit, "ceasefire")
    qtbot.keyClick(ws.search.query_edit, Qt.Key.Key_Return)
    search.wait_arrived(qtbot)
    window_answers(qtbot)
    assert ws.search.model.rowCount() == 0  # no answer yet
    search.gate.set()
    qtbot.waitUntil(lambda: ws.search.count_label.text() == "1 article matches", timeout=30_000)
    assert search.on_workers_only()


def test_the_network_is_laid_out_on_a_worker(qtbot, real_window, sample_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.network import panel

    layout = Caught(monkeypatch, panel, "compute", gated=True)
    window = real_window()
    assert window.open_dossier(sample_path)
    _writable(qtbot, window)
    window.network_dock.toggleViewAction().trigger()
    layout.wait_arrived(qtbot)
    window_answers(qtbot)
    network = window.workspace.network
    assert network.status.text() == "Laying out…" and not network.item.nodes
    layout.gate.set()
    qtbot.waitUntil(lambda: bool(network.item.nodes), timeout=30_000)
    assert layout.on_workers_only()


def test_related_passages_are_found_on_a_worker(qtbot, real_window, corpus_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.claims import related as related_module

    finding = Caught(monkeypatch, related_module, "related_in_file", gated=True)
    window = real_window()
    assert window.open_dossier(corpus_path)
    _writable(qtbot, window)
    ws = window.workspace
    ws.open_annotation(next(a.id for a in ws.store.annotations.all() if a.kind == "claim"))
    window.related_action.trigger()
    finding.wait_arrived(qtbot)
    window_answers(qtbot)
    related = ws.editor.related
    assert related.status.text() == "Looking through the other articles…" and related._found == []
    finding.gate.set()
    qtbot.waitUntil(lambda: bool(related._found), timeout=30_000)
    assert finding.on_workers_only()


def test_captures_and_languages_are_looked_for_on_workers(qtbot, real_window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.core.models import NewArticle
    from dossier.ingest import language
    from dossier.operations.articles import LANGUAGES_DETECTED
    from dossier.ui.team import captures

    pairs = Caught(monkeypatch, captures, "_pairs_in_file")
    detecting = Caught(monkeypatch, language, "detect_language")
    path = tmp_path / "older.dossier"
    with Database.create(path, "Older") as store:
        store.articles.add(NewArticle("Troops", "Russian troops from the 102nd Base arrived in Syunik yesterday."))
    window = real_window()
    assert window.open_dossier(path)
    qtbot.waitUntil(lambda: window.workspace.store.meta(LANGUAGES_DETECTED) == "1", timeout=30_000)
    assert pairs.on_workers_only() and detecting.on_workers_only()


# -- a failing job tells the user -------------------------------------------------------------------------


def _fail(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError("disk I/O error")

    monkeypatch.setattr(owner, name, broken)


def test_a_network_that_cannot_be_laid_out_says_so(qtbot, real_window, sample_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.network import panel

    _fail(monkeypatch, panel, "compute")
    window = real_window()
    assert window.open_dossier(sample_path)
    _writable(qtbot, window)
    window.network_dock.toggleViewAction().trigger()
    network = window.workspace.network
    qtbot.waitUntil(lambda: network.status.text() == "The network could not be laid out: disk I/O error",
                    timeout=30_000)
    assert not network.item.nodes


def test_capture_proposals_that_cannot_be_looked_for_say_so(qtbot, real_window, sample_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.team import captures

    _fail(monkeypatch, captures, "_pairs_in_file")
    window = real_window()
    assert window.open_dossier(sample_path)
    said = "Articles captured twice could not be looked for: disk I/O error"
    qtbot.waitUntil(lambda: said in window.said, timeout=30_000)
    assert not window.workspace.articles.captures.isVisible()


def test_languages_that_cannot_be_detected_say_so_and_are_tried_again_next_time(qtbot, real_window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                              monkeypatch) -> None:
    from dossier.core.models import NewArticle
    from dossier.ingest import language
    from dossier.operations.articles import LANGUAGES_DETECTED

    _fail(monkeypatch, language, "detect_language")
    path = tmp_path / "older.dossier"
    with Database.create(path, "Older") as store:
        store.articles.add(NewArticle("Troops", "Russian troops from the 102nd Base arrived in Syunik yesterday."))
    window = real_window()
    assert window.open_dossier(path)
    said = "The languages of older articles could not be detected: disk I/O error"
    qtbot.waitUntil(lambda: said in window.said, timeout=30_000)
    assert window.workspace.store.meta(LANGUAGES_DETECTED) != "1"  # asked again when it is opened again

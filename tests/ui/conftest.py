"""Fixtures for driving the window as a user: a temporary settings file and dossiers to open.

Most window tests hand the window SyncTaskRunner, which runs background work at once on the
calling thread, so a test can assert right after the gesture. The app never uses it: tests of
threads and timers (test_threads.py) run the real TaskRunner.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from dossier.core.models import NewArticle
from dossier.store import Database, NewMention
from dossier.ui.main_window import MainWindow
from dossier.ui.settings import Settings


class SyncTaskRunner:
    """Runs each task at once, on the calling thread: deterministic tests.

    On errors it behaves as the real TaskRunner: an exception in a job goes to its `on_error`,
    or, when the job has none, to `sys.excepthook`, as does an exception in a callback (the
    other steps still arrive). pytest-qt fails the test that let it reach the hook, so a job
    that fails where nobody listens fails the suite here as it would with threads."""

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        try:
            result = fn()
        except Exception as error:
            _call(on_error or _report, error)
            return
        _call(on_done, result)

    def run_steps(self, steps: Callable[[], Iterable[Any]], on_step: Callable[[Any], None],
                  on_done: Callable[[Any], None] | None = None,
                  on_error: Callable[[BaseException], None] | None = None) -> None:
        try:
            for item in steps():
                _call(on_step, item)  # a failing step is reported; the job goes on, as on a worker
        except Exception as error:
            _call(on_error or _report, error)
            return
        _call(on_done, None)

    def wait(self, msecs: int = 0) -> bool:
        return True


def _call(callback: Callable[[Any], None] | None, value: Any) -> None:
    """A callback run as TaskRunner.deliver runs it: what it raises goes to sys.excepthook."""
    if callback is None:
        return
    try:
        callback(value)
    except Exception:
        sys.excepthook(*sys.exc_info())


def _report(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def open_window(qtbot, settings: Settings) -> Iterator[Callable[[Path], MainWindow]]:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(path: Path) -> MainWindow:
        window = MainWindow(settings, SyncTaskRunner())
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # shortcuts and focus reach only the active window
            window.show()
            window.activateWindow()
        assert window.open_dossier(path)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def open_real_window(qtbot, settings: Settings) -> Callable[[Path], MainWindow]:  # type: ignore[no-untyped-def]
    """A window on the app's own TaskRunner (threads, not the synchronous double), shown and
    active, with `path` open and past its integrity check. The test closes it."""
    from dossier.ui.tasks import TaskRunner

    def make(path: Path) -> MainWindow:
        window = MainWindow(settings, TaskRunner())
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        assert window.open_dossier(path)
        qtbot.waitUntil(lambda: window.workspace is not None and window.workspace.session.writable, timeout=30_000)
        return window

    return make


ARTICLES = [
    ("Russian troops sent to Syunik", "SouthFront", "2021-05-14",
     "Following Pashinyan's request, Russian troops from the 102nd Base were dispatched to Syunik."),
    ("Ceasefire ends the war", "Reuters", "2020-11-10",
     "The battle ended on November 10 with a Russian-brokered ceasefire in Nagorno-Karabakh."),
    ("Border guards killed", "Interfax", "2021-03-15",
     "On March 15, two Azerbaijani border guards were killed near the border line."),
]


@pytest.fixture
def three_articles(tmp_path: Path) -> Path:
    """A dossier of three articles with a few entities and mentions."""
    path = tmp_path / "three.dossier"
    store = Database.create(path, "Three articles")
    ids = store.articles.add_many(NewArticle(t, text, source=s, published=d, published_precision="day")
                             for t, s, d, text in ARTICLES)
    syunik = store.entities.add("Syunik", "place")
    russia = store.entities.add("Russia", "place", aliases=["Russian"])
    karabakh = store.entities.add("Nagorno-Karabakh", "place")
    karabakh2 = store.entities.add("Karabakh", "place")
    base = store.entities.add("102nd Base", "unit")
    pashinyan = store.entities.add("Pashinyan", "person")
    t0, t1 = ARTICLES[0][3], ARTICLES[1][3]
    mentions = [
        NewMention(ids[0], syunik, t0.index("Syunik"), t0.index("Syunik") + 6, "Syunik"),
        NewMention(ids[0], russia, t0.index("Russian"), t0.index("Russian") + 7, "Russian"),
        NewMention(ids[0], base, t0.index("102nd Base"), t0.index("102nd Base") + 10, "102nd Base"),
        NewMention(ids[0], pashinyan, t0.index("Pashinyan"), t0.index("Pashinyan") + 9, "Pashinyan"),
        NewMention(ids[1], russia, t1.index("Russian"), t1.index("Russian") + 7, "Russian"),
        NewMention(ids[1], karabakh, t1.index("Nagorno-Karabakh"), t1.index("Nagorno-Karabakh") + 16, "Nagorno-Karabakh"),
        NewMention(ids[1], karabakh2, t1.index("Karabakh"), t1.index("Karabakh") + 8, "Karabakh"),
    ]
    store.entities.add_mentions(mentions)
    store.close()
    return path


def as_schema_12(path: Path) -> None:
    """Make the sample `path` as schema 12 wrote it (before merging and captures): an older
    dossier that opening upgrades."""
    import re
    import sqlite3

    from dossier.store.schema.steps_09_15 import _V9_CLAIMS_ACROSS_SOURCES

    conn = sqlite3.connect(path, isolation_level=None)
    for table in ("place_positions",  # schema 18
                  "watch_hits", "watch_names", "watchlists", "saved_searches",  # schema 19
                  "ocr_pages",  # schema 17
                  "copy_of", "copy_decisions",  # schema 16
                  "provenance", "article_files", "attachments",  # schema 15
                  "captures", "conflicts", "story_keys", "distinct_stories"):  # schema 13
        conn.execute(f"DROP TABLE {table}")
    conn.execute("ALTER TABLE annotations DROP COLUMN quoted_as")
    # schema 14 dropped the triggers that kept the sentence index before it: put them back
    for trigger in re.findall(r"CREATE TRIGGER sentences_fts.*?\nEND;", _V9_CLAIMS_ACROSS_SOURCES, re.S):
        conn.execute(trigger)
    conn.execute("PRAGMA user_version = 12")
    conn.close()


def answer_next_dialog(qtbot, respond: Callable[[QWidget], None]) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Run `respond` on the next modal dialog as soon as it opens (exec() blocks the test)."""
    seen: list[QWidget] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog)
        respond(dialog)

    QTimer.singleShot(0, poll)
    return seen

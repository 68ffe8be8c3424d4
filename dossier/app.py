"""The composition root: builds settings, task runner and main window, then opens a dossier.

Start-up imports only what the first paint needs: PySide6, the stdlib sqlite3 store. Backups
run after the window is shown, on a worker thread.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from dossier import __version__
from dossier.paths import data_dir, resources_dir, sample_dossier_path
from dossier.ui import settings as keys
from dossier.ui.main_window import MainWindow
from dossier.ui.session import DossierSession
from dossier.ui.settings import Settings
from dossier.ui.tasks import TaskRunner
from dossier.ui.wheel_guard import install_wheel_guard

# Set by the start-up benchmark and tests: print when the window first painted, then quit.
EXIT_AFTER_PAINT = "DOSSIER_EXIT_AFTER_PAINT"


class _FirstPaint(QObject):
    def __init__(self, on_paint: object) -> None:
        super().__init__()
        self._on_paint = on_paint
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self._on_paint)  # type: ignore[arg-type]  # the stubs want a slot object; a method is one
        return False


def choose_dossier(path: Path | None, settings: Settings) -> Path:
    """The file to open: the one asked for, else the last one, else the sample (made on first run)."""
    if path is not None:
        return path
    last = settings.get(keys.LAST_DOSSIER)
    if last and Path(last).exists():
        return Path(last)
    sample = sample_dossier_path()
    if not sample.exists():
        from dossier.sample import write_sample  # lazy: not on the start-up path

        write_sample(sample, extract=False).close()  # entities follow in the background
    return sample


def _app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resources_dir() / "icons" / f"dossier-{size}.png"))
    return icon


def _close_on_terminate(window: MainWindow) -> None:
    """SIGTERM (logout, `kill`) and Ctrl+C close the window cleanly: the dossier is closed, its
    lock removed, the window state saved. Python handles signals only when it runs, so a timer
    lets it look in twice a second."""
    def close(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    signal.signal(signal.SIGTERM, close)
    signal.signal(signal.SIGINT, close)
    heartbeat = QTimer(window, interval=500)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()


def _settings_backend() -> QSettings | None:
    """The platform's settings store, unless DOSSIER_DATA_DIR asks to keep everything there."""
    if os.environ.get("DOSSIER_DATA_DIR"):
        return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return None


def configure(app: QApplication) -> None:
    """Names, icon, and the rules every window and dialog of the app follows."""
    name(app)
    install_wheel_guard(app)  # the wheel changes no value in a widget without the keyboard


def name(app: QApplication) -> None:
    """The app's names and icon."""
    app.setApplicationName("Dossier")
    app.setOrganizationName("Dossier")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("dossier")
    app.setWindowIcon(_app_icon())


def run(path: Path | None = None) -> int:
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    name(app)  # the rest of configure() follows the first paint: see install_wheel_guard
    settings = Settings(_settings_backend())
    if settings.get(keys.THEME) != "system":
        from dossier.ui.preferences import apply_theme  # lazy: not on the start-up path

        apply_theme(settings.get(keys.THEME))
    tasks = TaskRunner(app)
    tasks.hold()  # workers start once the window has painted: see on_first_paint

    painted = False
    waiting: list[DossierSession] = []

    def start_background(session: DossierSession) -> None:
        # Once the file has passed its check: a rotating backup when the newest is over a day old
        # (its own connection, on a worker); entities for a new sample.
        def backup() -> None:
            if session.is_open:
                tasks.run(session.store.backup_if_due,
                          on_error=lambda e: window.statusBar().showMessage(f"Backup failed: {e}", 10000))

        session.when_writable(backup)
        window.extract_pending(session)

    def on_opened(session: DossierSession) -> None:
        if painted:
            start_background(session)
        else:
            waiting.append(session)  # nothing may compete with the first paint

    def on_first_paint() -> None:
        nonlocal painted
        painted = True
        if os.environ.get(EXIT_AFTER_PAINT):  # measuring start-up: report and leave, the held jobs unstarted
            print(f"painted {1000 * (time.perf_counter() - started):.1f}", flush=True)
            window.close()
            app.quit()
            return
        tasks.release()
        install_wheel_guard(app)
        for session in waiting:
            if session.is_open:
                start_background(session)
        waiting.clear()
        from dossier.ui.emoji import ensure_emoji_font  # lazy: not on the start-up path

        ensure_emoji_font()  # after the first paint: it reads the font list

    window = MainWindow(settings, tasks, on_opened=on_opened)
    watcher = _FirstPaint(on_first_paint)
    window.installEventFilter(watcher)
    _close_on_terminate(window)
    window.show()
    window.open_dossier(choose_dossier(path, settings))
    code = app.exec()
    tasks.wait(10_000)  # jobs were asked to stop when their dossier closed
    tasks.shutdown()
    return code

"""The window during a large import (run by hand; not a test). Offscreen; prints JSON lines.

    python tests/benchmarks/bench_import_gui.py --articles 2000 [--jobs 2]

Imports N generated articles from the File menu's code path (the app's ImportController on its
real task runner) while a 10 ms timer on the GUI thread records how long it waits between ticks
and repaints the article list each time, as a user scrolling it would:

import_gui_frame_p95_ms   the 95th percentile of the GUI thread's gaps between ticks
import_gui_frame_max_ms   the longest
import_articles_per_s     the import's pace meanwhile
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def emit(metric: str, value: float, unit: str, n: int) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 2), "unit": unit, "articles": n}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=0, help="0: every core")
    args = parser.parse_args()
    n = args.articles
    folder = Path(tempfile.mkdtemp(prefix="bench-import-gui-"))
    os.environ["DOSSIER_DATA_DIR"] = str(folder / "data")

    from bench_ingest import make_texts
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from dossier.ingest.model_pool import default_jobs
    from dossier.ingest.pipeline import ImportOptions
    from dossier.store import Database
    from dossier.ui.main_window import MainWindow
    from dossier.ui.settings import Settings
    from dossier.ui.tasks import TaskRunner

    files = folder / "in"
    files.mkdir()
    for i, text in enumerate(make_texts(n)):
        (files / f"{i:06d}.txt").write_text(text)
    path = folder / "gui.dossier"
    Database.create(path, "Import in the window").close()

    app = QApplication([])
    window = MainWindow(Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)), TaskRunner())
    window.resize(1280, 800)
    window.show()
    assert window.open_dossier(path)
    while not window.workspace.session.writable:
        app.processEvents()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()

    def tick() -> None:
        gaps.append(clock.restart())
        window.workspace.articles.table.viewport().repaint()

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    from dossier.ui.importing import ImportController

    controller = ImportController(window.workspace.session, window._tasks, window)
    started = time.perf_counter()
    controller.start([files], ImportOptions(jobs=args.jobs or default_jobs()))
    clock.restart()
    timer.start()
    while controller.running:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    seconds = time.perf_counter() - started
    gaps = sorted(gaps[5:])  # the first ticks overlap the import's start
    emit("import_gui_frame_p95_ms", gaps[int(0.95 * (len(gaps) - 1))], "ms", n)
    emit("import_gui_frame_max_ms", gaps[-1], "ms", n)
    emit("import_articles_per_s", window.workspace.store.articles.count() / seconds, "articles/s", n)
    window.close()


if __name__ == "__main__":
    main()

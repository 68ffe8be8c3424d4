"""UI benchmark (run by hand; not a test). Offscreen; prints one JSON object per line.

    python tests/benchmarks/bench_ui.py [--large PATH_TO_100K_DOSSIER] [--app CMD]

startup_ms        process start to the first painted main window on the sample dossier, and the
                  same for a bare PySide6 QMainWindow (startup_bare_ms); startup_ratio
open_large_ms     open a 100,000-article dossier to a painted list and article
article_switch_ms show a 50,000-character article with 1,000 highlights
entity_filter_ms  one keystroke in the entity filter over 50,000 entities (median and p95)
`--app` runs another command instead of `python -m dossier` (e.g. a bundled build).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("painted", flush=True); QTimer.singleShot(0, app.quit)
        return False
f = F(); w.installEventFilter(f); w.resize(1280, 800); w.show(); app.exec()
"""


def emit(metric: str, value: float, unit: str, **extra: object) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 2), "unit": unit, **extra}), flush=True)


def time_to_paint(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("painted"):
            elapsed = (time.perf_counter() - started) * 1000
            break
    else:
        raise RuntimeError(f"{cmd} never painted")
    proc.wait(timeout=30)
    return elapsed


def bench_startup(app_cmd: list[str], folder: Path) -> None:
    from dossier.sample import write_sample

    env = {**os.environ, "DOSSIER_DATA_DIR": str(folder / "data"), "DOSSIER_EXIT_AFTER_PAINT": "1"}
    # Measure as a user runs it: with compiled bytecode cached (an installed app has it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    sample = folder / "sample.dossier"
    if not sample.exists():
        os.environ["DOSSIER_DATA_DIR"] = env["DOSSIER_DATA_DIR"]
        write_sample(sample).close()
    time_to_paint([*app_cmd, str(sample)], env)  # warm the disk cache once
    time_to_paint([sys.executable, "-c", BARE], env)
    apps, bares = [], []
    for _ in range(9):  # interleaved, so a busy moment of the machine hits both alike
        apps.append(time_to_paint([*app_cmd, str(sample)], env))
        bares.append(time_to_paint([sys.executable, "-c", BARE], env))
    app, bare = statistics.median(apps), statistics.median(bares)
    emit("startup_ms", app, "ms")
    emit("startup_bare_ms", bare, "ms")
    emit("startup_ratio", app / bare, "x")


def paint_now(widget) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    widget.repaint()
    QApplication.processEvents()


def bench_in_process(large: Path | None, folder: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from dossier.core.models import NewArticle
    from dossier.store import Database
    from dossier.ui.article.pane import ArticlePane
    from dossier.ui.entities.sidebar import EntitySidebar
    from dossier.ui.main_window import MainWindow
    from dossier.ui.session import DossierSession
    from dossier.ui.settings import Settings
    from dossier.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    tasks = TaskRunner(app)
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))

    if large is not None:
        times = []
        for _ in range(3):
            window = MainWindow(settings, tasks)  # the check of the file runs on a worker meanwhile
            window.show()
            paint_now(window)
            started = time.perf_counter()
            assert window.open_dossier(large)
            paint_now(window)
            times.append((time.perf_counter() - started) * 1000)
            articles = window.workspace.store.articles.count()
            window.close()
            tasks.wait()
        emit("open_large_ms", statistics.median(times), "ms", articles=articles)

    path = folder / "long.dossier"
    if not path.exists():
        rng = random.Random(3)
        words = ["the", "agreement", "was", "not", "implemented", "in", "full", "Russian", "troops", "Syunik", "border"]
        # Paragraphs of about 80 words, as in a long article.
        paragraphs = [" ".join(rng.choice(words) for _ in range(80)) + "." for _ in range(120)]
        text = "\n\n".join(paragraphs)[:50_000]
        with Database.create(path, "Long article") as store:
            ids = [store.articles.add(NewArticle(f"Long {i}", text + f" {i}")) for i in range(2)]
            with store.transaction():
                for aid in ids:
                    for k in range(1000):
                        store.annotations.add(aid, "highlight", k * 49, k * 49 + 30)
    with Database.open(path) as store:
        pane = ArticlePane(DossierSession(store, QUndoStack()))
        pane.resize(900, 800)
        pane.show()
        times = []
        for i in range(10):
            started = time.perf_counter()
            pane.show_article(1 + i % 2)
            paint_now(pane)
            times.append((time.perf_counter() - started) * 1000)
        assert len(pane.text_view.extraSelections()) == 1000
        emit("article_switch_ms", statistics.median(times), "ms", chars=len(store.articles.get(1).text), highlights=1000)
        pane.close()

    path = folder / "entities.dossier"
    if not path.exists():
        rng = random.Random(5)
        letters = "abcdefghijklmnopqrstuvwxyz"
        kinds = ("person", "organisation", "place", "unit", "other")
        with Database.create(path, "Many entities") as store, store.transaction():
            for i in range(50_000):
                name = "".join(rng.choice(letters) for _ in range(rng.randint(5, 9))).title()
                store.entities.add(f"{name} {i}", kinds[i % 5])
    with Database.open(path) as store:
        sidebar = EntitySidebar(DossierSession(store, QUndoStack()))
        sidebar.resize(320, 800)
        sidebar.show()
        paint_now(sidebar)
        times = []
        for typed in ["a", "ab", "a", "", "k", "ki", "kin", "ki", "k", "", "z", "zo", "z", "", "e", "er", "e", ""] * 2:
            started = time.perf_counter()
            sidebar.filter_edit.setText(typed)
            sidebar._apply_filter()  # the debounce timer's slot, run now
            paint_now(sidebar)
            times.append((time.perf_counter() - started) * 1000)
        emit("entity_filter_ms", statistics.median(times), "ms", entities=50_000,
             p95=round(sorted(times)[int(0.95 * (len(times) - 1))], 2))
        sidebar.close()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", type=Path, help="a 100,000-article dossier (tests/benchmarks/bench_store.py --keep)")
    parser.add_argument("--app", default=f"{shlex.quote(sys.executable)} -m dossier", help="command that starts the app")
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    os.environ["DOSSIER_DATA_DIR"] = str(folder / "data")
    if not args.skip_startup:
        bench_startup(shlex.split(args.app), folder)
    bench_in_process(args.large, folder)


if __name__ == "__main__":
    main()

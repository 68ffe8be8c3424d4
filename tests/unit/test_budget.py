"""The performance budget's bookkeeping (never its timings: a test can't know the machine)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _budget():  # type: ignore[no-untyped-def]  # a script beside the benches, loaded by path
    spec = importlib.util.spec_from_file_location("budget", REPO / "tests" / "benchmarks" / "budget.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_shows_the_committed_baseline() -> None:
    budget = _budget()
    saved = json.loads((REPO / "tests" / "benchmarks" / "baseline.json").read_text(encoding="utf-8"))
    assert budget.table(saved["figures"], saved["machine"]) in (REPO / "README.md").read_text(encoding="utf-8")


def test_a_figure_worse_by_more_than_a_fifth_is_flagged() -> None:
    budget = _budget()
    lines = budget.compare({"startup_ratio": 3.0, "article_switch_ms": 50.0}, {"startup_ratio": 2.4,
                                                                              "article_switch_ms": 49.0})
    flagged = {line.split()[1] for line in lines if line.startswith("WORSE")}
    assert flagged == {"startup_ratio"}  # 3.0 / 2.4 = 1.25; 50 / 49 is within the fifth
    assert any(line.startswith("MISSING timeline_load_ms") for line in lines)

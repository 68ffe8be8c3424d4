"""The performance budget (run by hand before a stop that touches a hot path; not a test).

    python tests/benchmarks/budget.py            quick sizes: about two minutes
    python tests/benchmarks/budget.py --full     the sizes the goals are stated at
    python tests/benchmarks/budget.py --runs 3   each figure the best of three runs (steadier)
    python tests/benchmarks/budget.py --write-baseline --runs 3   keep the figures as the baseline
    python tests/benchmarks/budget.py --readme   put the baseline's table into README.md

Runs the benchmarks one after another, each in a process of its own, and prints every watched
figure beside the committed baseline (tests/benchmarks/baseline.json) with their ratio; a figure
more than 20% worse than its baseline is flagged, and the script exits 1. Where the machine
matters the watched figure is itself a ratio (start-up against a bare PySide6 window). A timing
is never a test: the suite can't know what machine it runs on; this script, run on one machine
twice, can.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BASELINE = HERE / "baseline.json"
README = REPO / "README.md"
WORSE_BY = 1.2  # flagged beyond 20% worse
TABLE_START, TABLE_END = "<!-- budget:start -->", "<!-- budget:end -->"


class Watched(NamedTuple):
    metric: str
    lower_is_better: bool
    what: str
    goal: str  # as the issues state it, "" where none is set


class Bench(NamedTuple):
    script: str
    quick: tuple[str, ...]
    full: tuple[str, ...]
    watched: tuple[Watched, ...]


BENCHES = (
    Bench("bench_ui.py", (), (), (
        Watched("startup_ratio", True, "start to a painted window, against a bare PySide6 window", "≤ 1.5×"),
        Watched("article_switch_ms", True, "show a 50,000-character article with 1,000 highlights", "≤ 40 ms"),
        Watched("entity_filter_ms", True, "one keystroke in the entity filter over 50,000 entities", ""),
    )),
    Bench("bench_timeline.py", ("--events", "100000"), ("--events", "100000"), (
        Watched("timeline_load_ms", True, "the timeline of 100,000 events, built", "≤ 250 ms"),
        Watched("timeline_frame_p95_ms", True, "a frame while panning and zooming it (p95)", "≤ 16 ms"),
    )),
    Bench("bench_store.py", ("--articles", "2000"), ("--articles", "10000"), (
        Watched("open_ms", True, "open a dossier of 2,000 articles (10,000 with --full) to its first page", ""),
        Watched("search_p95_ms", True, "a search as the panel runs it (p95)", ""),
        Watched("annotation_save_p95_ms", True, "save an annotation, journaled (p95)", ""),
    )),
    Bench("bench_export.py", ("--articles", "100"), ("--articles", "1000"), (
        Watched("pdf_s", True, "the dossier PDF of 100 articles (1,000 with --full)", "≤ 10 s at 1,000 articles"),
        Watched("peak_rss_mb", True, "peak memory of the export", "≤ 400 MB at 1,000 articles"),
    )),
)


def run(bench: Bench, full: bool) -> dict[str, float]:
    """The bench's figures by metric (its JSON lines; anything else it prints is passed on)."""
    args = bench.full if full else bench.quick
    done = subprocess.run([sys.executable, str(HERE / bench.script), *args], capture_output=True, text=True,
                          cwd=REPO, check=False)
    figures: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            found = json.loads(line)
            figures[found["metric"]] = float(found["value"])
    if done.returncode != 0:
        print(f"{bench.script} failed ({done.returncode}):\n{done.stderr[-2000:]}", file=sys.stderr)
    return figures


def compare(measured: dict[str, float], baseline: dict[str, float]) -> list[str]:
    """One line per watched figure; the flagged ones start with "WORSE"."""
    lines = []
    for bench in BENCHES:
        for w in bench.watched:
            now, then = measured.get(w.metric), baseline.get(w.metric)
            if now is None:
                lines.append(f"MISSING {w.metric}: {bench.script} did not report it")
                continue
            if then is None or then == 0:
                lines.append(f"        {w.metric:<24} {now:>10.2f}   (no baseline)")
                continue
            ratio = now / then if w.lower_is_better else then / now
            flag = "WORSE  " if ratio > WORSE_BY else "       "
            lines.append(f"{flag} {w.metric:<24} {now:>10.2f}   baseline {then:>10.2f}   ×{ratio:.2f}"
                         + (f"   goal {w.goal}" if w.goal else ""))
    return lines


def with_unit(metric: str, value: float) -> str:
    """A figure with its unit, read from the metric's name as the benches name them."""
    for suffix, unit in (("_ms", " ms"), ("_mb", " MB"), ("_s", " s"), ("_ratio", "×")):
        if metric.endswith(suffix):
            return f"{value:g}{unit}"
    return f"{value:g}"


def table(baseline: dict[str, float], machine: str) -> str:
    rows = ["| measure | figure | goal |", "|---|---|---|"]
    for bench in BENCHES:
        for w in bench.watched:
            if w.metric in baseline:
                rows.append(f"| {w.what} (`{w.metric}`, `{bench.script}`) | {with_unit(w.metric, baseline[w.metric])} | {w.goal or '–'} |")
    return "\n".join([TABLE_START, f"Measured by `tests/benchmarks/budget.py` on {machine} (quick sizes):", "",
                      *rows, TABLE_END])


def write_readme(baseline: dict[str, float], machine: str) -> None:
    text = README.read_text(encoding="utf-8")
    block = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.S)
    if not block.search(text):
        raise SystemExit(f"README.md has no {TABLE_START} … {TABLE_END} block to fill")
    README.write_text(block.sub(lambda _m: table(baseline, machine), text), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="the sizes the goals are stated at")
    parser.add_argument("--write-baseline", action="store_true", help="keep this run's figures as the baseline")
    parser.add_argument("--machine", default="the project's 2-core build machine", help="named in README's table")
    parser.add_argument("--readme", action="store_true", help="only put the baseline's table into README.md")
    parser.add_argument("--runs", type=int, default=1, help="run each bench this many times; keep each figure's best")
    args = parser.parse_args()
    saved = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {"figures": {}}
    if args.readme:
        write_readme(saved["figures"], saved.get("machine", args.machine))
        return 0
    measured: dict[str, float] = {}
    lower = {w.metric: w.lower_is_better for b in BENCHES for w in b.watched}
    for _ in range(max(1, args.runs)):
        for bench in BENCHES:
            print(f"running {bench.script} …", file=sys.stderr, flush=True)
            for metric, value in run(bench, args.full).items():
                best = min if lower.get(metric, True) else max  # a shared machine only ever slows a run
                measured[metric] = best(value, measured.get(metric, value))
    lines = compare(measured, saved["figures"])
    print("\n".join(lines))
    if args.write_baseline:
        watched = {w.metric for b in BENCHES for w in b.watched}
        figures = {k: v for k, v in measured.items() if k in watched}
        BASELINE.write_text(json.dumps({"machine": args.machine, "sizes": "full" if args.full else "quick",
                                        "figures": figures}, indent=2) + "\n", encoding="utf-8")
        write_readme(figures, args.machine)
        return 0
    return 1 if any(line.startswith(("WORSE", "MISSING")) for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Timeline benchmark (run by hand; not a test). Offscreen; prints one JSON object per line.

    python tests/benchmarks/bench_timeline.py --events 100000

timeline_load_ms       build the timeline (data and scene) for N events in 2,000 article lanes
timeline_frame_p95_ms  repaint while panning and zooming across them (30 frames)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def emit(metric: str, value: float, unit: str, n: int) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 2), "unit": unit, "events": n}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--lanes", type=int, default=2_000)
    args = parser.parse_args()
    n = args.events

    from PySide6.QtWidgets import QApplication

    from dossier.core.models import Event
    from dossier.core.timeline import TimelineData
    from dossier.ui.timeline.view import TimelineView

    app = QApplication([])
    rng = random.Random(1)
    base = date(2000, 1, 1)
    precisions = ["day"] * 6 + ["month", "year", "range", "approximate"]
    events = []
    for i in range(n):
        start = base + timedelta(days=rng.randrange(25 * 365))
        precision = rng.choice(precisions)
        length = {"day": 0, "month": 29, "year": 364, "range": rng.randrange(2, 20), "approximate": 60}[precision]
        events.append(Event(i, i % args.lanes, 0, 1, f"event {i}", "words", start.isoformat(),
                            (start + timedelta(days=length)).isoformat(), precision, "auto"))
    view = TimelineView()
    view.resize(1200, 600)
    view.show()
    app.processEvents()

    started = time.perf_counter()
    data = TimelineData(events, {e.id: [e.article_id] for e in events}, [f"Article {i}" for i in range(args.lanes)])
    view.set_data(data, {})
    view.viewport().repaint()
    emit("timeline_load_ms", (time.perf_counter() - started) * 1000, "ms", n)

    frames = []
    for i in range(30):
        started = time.perf_counter()
        if i % 3 == 0:
            view.zoom(1.6 if i < 15 else 1 / 1.6)
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 30)
        view.viewport().repaint()
        frames.append((time.perf_counter() - started) * 1000)
    emit("timeline_frame_p95_ms", sorted(frames)[int(0.95 * (len(frames) - 1))], "ms", n)
    emit("timeline_frame_median_ms", statistics.median(frames), "ms", n)


if __name__ == "__main__":
    main()

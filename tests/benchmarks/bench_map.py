"""Map benchmark (run by hand; not a test). Offscreen; prints one JSON object per line.

    python tests/benchmarks/bench_map.py --places 5000 --events 100000

map_outlines_ms       read Natural Earth's outlines and build the land (once per process)
map_load_ms           from the places and events read to the first whole picture
map_frame_p95_ms      a frame while panning and zooming about (60 frames; goal <= 16 ms): the
                      background moved as an image under the places, as the view does it
map_detail_frame_p95_ms  the same, every frame drawn whole (what the view draws once still)
map_range_ms          the timeline's range changed: marks counted again and the picture redrawn
                      (p95 of 20 ranges; goal <= 50 ms)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def emit(metric: str, value: float, unit: str, places: int, events: int) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 2), "unit": unit, "places": places,
                      "events": events}), flush=True)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--places", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from dossier.analysis.outlines import outlines
    from dossier.analysis.places import MapPlace, PlaceEvents
    from dossier.core.places import GAZETTEER, Position
    from dossier.export.map_figure import RangedMarks, _land, _polygons, marks_of
    from dossier.ui.map.view import MapView

    app = QApplication([])
    rng = random.Random(1)
    places = [MapPlace(i, f"Place {i}", rng.randrange(1, 400),
                       Position(rng.uniform(-40, 65), rng.uniform(-120, 150), GAZETTEER)) for i in range(args.places)]
    first_day = 730_000  # about 2000
    spans: dict[int, list[tuple[int, int]]] = {}
    for _ in range(args.events):
        start = first_day + rng.randrange(25 * 365)
        spans.setdefault(rng.randrange(args.places), []).append((start, start + rng.choice((0, 0, 0, 30, 365))))
    n, e = args.places, args.events

    started = time.perf_counter()
    outlines()
    _land()
    for layer in ("borders", "regions", "coasts"):
        _polygons(layer)
    emit("map_outlines_ms", (time.perf_counter() - started) * 1000, "ms", n, e)

    view = MapView()
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    started = time.perf_counter()
    ranged = RangedMarks(marks_of(places), PlaceEvents(spans))
    marks = ranged.marks(None)
    view.set_marks(marks, [(p.position.latitude, p.position.longitude) for p in places if p.position])
    view.repaint()
    emit("map_load_ms", (time.perf_counter() - started) * 1000, "ms", n, e)

    def gestures(settle: bool) -> list[float]:
        view.fit([(30.0, 10.0), (50.0, 60.0)])
        view.frame_ms.clear()
        for i in range(60):
            if i % 3 == 0:
                view.zoom(1.25 if i < 30 else 0.8)
            else:
                view.pan(25, -10)
            if not settle:
                view._settle.stop()  # every frame whole: what a frame costs at its worst
            view.repaint()
        return list(view.frame_ms)

    emit("map_frame_p95_ms", p95(gestures(True)), "ms", n, e)
    emit("map_detail_frame_p95_ms", p95(gestures(False)), "ms", n, e)

    # The set-up above made some 100,000 objects, leaving a full garbage collection due; the app
    # pays it while loading, so a range change is charged only for what it makes itself.
    gc.collect()
    took = []
    for i in range(20):
        low = first_day + rng.randrange(20 * 365)
        started = time.perf_counter()
        view.set_marks(ranged.marks((low, low + 30 + i * 10)))
        view.repaint()
        took.append((time.perf_counter() - started) * 1000)
    emit("map_range_ms", p95(took), "ms", n, e)


if __name__ == "__main__":
    main()

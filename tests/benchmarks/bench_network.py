"""Network benchmark (run by hand; not a test). Offscreen; prints one JSON object per line.

    python tests/benchmarks/bench_network.py --entities 5000

network_build_ms       from the dossier to drawable data (store.network, analysis.network) on a synthetic dossier of
                       5,000 articles with 20 mentions each (100,000 mentions), the busiest 150
network_build_all_ms   the same with no limit: every entity and link
network_layout_ms      ForceAtlas2 of 500 nodes (as on the worker)
network_frame_p95_ms   repaint while panning and zooming N nodes and 4N links, placed as a force layout
                       places them (50 groups, most links inside one); _uniform: scattered at
                       random, every link across the picture (the worst case). While the wheel
                       zooms, a crowded picture leaves links out; network_settled_frame_ms is the
                       one full repaint when it stops
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def emit(metric: str, value: float, unit: str, n: int) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 2), "unit": unit, "entities": n}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=5_000)
    parser.add_argument("--articles", type=int, default=5_000)
    args = parser.parse_args()
    n = args.entities

    from bench_store import build

    from dossier.analysis.network import Link, Node, build_network
    from dossier.analysis.network_layout import layout
    from dossier.core.network import NetworkFilter
    from dossier.core.network_layout import layout
    from dossier.store import Database
    from dossier.store.network import Link, NetworkFilter, Node

    folder = Path(tempfile.mkdtemp(prefix="bench-network-"))
    path = folder / "network.dossier"
    build(path, args.articles, seed=5)
    with Database.open_readonly(path) as store:
        mentions = store.counts()["mentions"]
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            network = build_network(store.network.network(NetworkFilter()))
            timings.append((time.perf_counter() - started) * 1000)
        emit("network_build_ms", statistics.median(timings), "ms", mentions)
        started = time.perf_counter()
        whole = build_network(store.network.network(NetworkFilter(limit=None)), NetworkFilter(limit=None))
        emit("network_build_all_ms", (time.perf_counter() - started) * 1000, "ms", mentions)
        emit("network_entities", len(whole.nodes), "entities", mentions)
        emit("network_links", len(whole.links), "links", mentions)
        assert network.nodes

    rng = random.Random(3)
    nodes = list(range(500))
    links = [(a, b, rng.randint(1, 5)) for a, b in {tuple(sorted(rng.sample(nodes, 2))) for _ in range(2_000)}]
    started = time.perf_counter()
    layout(nodes, links)
    emit("network_layout_ms", (time.perf_counter() - started) * 1000, "ms", 500)

    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from dossier.ui.network.canvas import NetworkCanvas, NetworkItem
    from dossier.ui.theme import ENTITY_KIND_COLORS

    app = QApplication([])
    kinds = list(ENTITY_KIND_COLORS)
    big_nodes = [Node(i, f"Entity {i}", kinds[i % len(kinds)], rng.randint(1, 400), 1) for i in range(n)]
    # As a force layout places them: 50 groups, four links in five inside a group.
    group_of = {i: i % 50 for i in range(n)}
    centres = [(rng.random() * 100, rng.random() * 100) for _ in range(50)]
    clustered = {i: (rng.gauss(centres[group_of[i]][0], 3), rng.gauss(centres[group_of[i]][1], 3)) for i in range(n)}
    members = [[i for i in range(n) if group_of[i] == g] for g in range(50)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 4 * n:
        if rng.random() < 0.8:
            a, b = rng.sample(members[rng.randrange(50)], 2)
        else:
            a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    big_links = [Link(a, b, rng.randint(1, 9)) for a, b in pairs]
    uniform = {i: (rng.random() * 100, rng.random() * 100) for i in range(n)}
    for name, positions in (("", clustered), ("_uniform", uniform)):
        item = NetworkItem({k: QColor(v[0]) for k, v in ENTITY_KIND_COLORS.items()})
        started = time.perf_counter()
        item.set_network(big_nodes, big_links, positions)
        emit(f"network_set{name}_ms", (time.perf_counter() - started) * 1000, "ms", n)
        view = NetworkCanvas(item)
        view.resize(1200, 700)
        view.show()
        view.fit()
        app.processEvents()
        view.viewport().grab()
        frames = []
        for step in range(40):
            if step % 10 < 5:
                view.zoom(1.2 if step < 20 else 0.85)
            else:
                view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
            started = time.perf_counter()
            view.viewport().grab()  # paints the whole view, as a frame on screen does
            frames.append((time.perf_counter() - started) * 1000)
        emit(f"network_frame{name}_p95_ms", sorted(frames)[int(0.95 * (len(frames) - 1))], "ms", n)
        emit(f"network_frame{name}_median_ms", statistics.median(frames), "ms", n)
        item.moving = False  # the wheel stopped: links and names come back, once
        item.update()
        started = time.perf_counter()
        view.viewport().grab()
        emit(f"network_settled_frame{name}_ms", (time.perf_counter() - started) * 1000, "ms", n)
    emit("network_links_drawn", len(big_links), "links", n)


if __name__ == "__main__":
    main()

"""Where the network's entities sit: networkx's ForceAtlas2, seeded, so one dossier always gives
one picture. Runs off the GUI thread (a second or so for 500 entities).

When the dossier changes, the entities already placed start where they were (and only new ones
are placed from scratch, near their neighbours), with fewer rounds: the picture settles instead
of jumping. `spring_layout` would need scipy from 500 nodes, which Dossier does not ship.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Position = tuple[float, float]
SEED = 7


def layout(nodes: Sequence[int], links: Sequence[tuple[int, int, int]],
           previous: Mapping[int, Position] | None = None, rounds: int = 100) -> dict[int, Position]:
    """Positions for `nodes` linked by (a, b, count) `links`; `previous` positions are kept as
    the start (a warm start needs a quarter of the rounds)."""
    import networkx as nx  # heavy: loaded on first layout, never at start-up
    import numpy as np

    if not nodes:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, float(count)) for a, b, count in links if a in graph and b in graph)
    start = None
    if previous:
        start = {n: np.array(previous[n], dtype=float) for n in nodes if n in previous}
        for n in nodes:  # a newcomer starts among the neighbours it has already placed
            if n not in start:
                placed = [start[m] for m in graph.neighbors(n) if m in start]
                if placed:
                    start[n] = np.mean(placed, axis=0) + np.array([0.01 * (hash(n) % 7), 0.01 * (hash(n) % 5)])
        if len(start) < 2:
            start = None
        else:
            rounds = max(10, rounds // 4)
    placed = nx.forceatlas2_layout(graph, pos=start, max_iter=rounds, weight="weight", seed=SEED,
                                   strong_gravity=True, gravity=1.0, scaling_ratio=2.0)
    return {int(n): (float(xy[0]), float(xy[1])) for n, xy in placed.items()}

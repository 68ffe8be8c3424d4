"""The entity network as files other tools open: GraphML (yEd, Gephi, Cytoscape) and GEXF (Gephi),
written by networkx, and the co-occurrence matrix as CSV.

Nodes carry the entity's name as label, its kind, mentions and number of articles; links carry
their count as weight. Written under a temporary name, read back and renamed when complete.

XML 1.0, which both formats are, can't hold most control characters, not even as character
references: one rule for both, each is written as its visible symbol from Unicode's Control
Pictures ("\x01" as "␁"), and a non-character as U+FFFD.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dossier.analysis.network import Network, build_network, cooccurrence
from dossier.core.cells import neutralise
from dossier.core.network import NetworkFilter
from dossier.store import Database
from dossier.store.atomic import text_reads, written_whole, xml_parses
from dossier.store.targets import check_target

# What XML 1.0 does not allow: C0 controls but tab, line feed and carriage return; surrogates;
# U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` as XML 1.0 can hold it: a control character as its Control Picture ("␁"), anything
    else it can't hold as U+FFFD. Text without such characters is returned unchanged."""
    return _NOT_XML.sub(lambda m: chr(0x2400 + ord(m[0])) if m[0] < "\x20" else "\ufffd", text)


def network_graph(network: Network, positions: Mapping[int, tuple[float, float]] | None = None) -> Any:
    """The network as a networkx graph; a place with a position (latitude, longitude) carries
    them as its `latitude` and `longitude` (degrees WGS84), as Gephi's geo layouts read them."""
    import networkx as nx  # heavy: only when a graph is written

    graph = nx.Graph()
    positions = positions or {}
    for node in network.nodes:
        where = positions.get(node.id)
        extra = {"latitude": where[0], "longitude": where[1]} if where else {}
        graph.add_node(str(node.id), label=xml_text(node.name), kind=node.kind, mentions=node.mentions,
                       articles=node.articles, **extra)
    for link in network.links:
        graph.add_edge(str(link.source), str(link.target), weight=link.passages)
    return graph


def write_graph(store: Database, out: Path, kind: str, f: NetworkFilter | None = None,
                positions: Mapping[int, tuple[float, float]] | None = None) -> tuple[int, int]:
    """Write the network as "graphml" or "gexf"; returns (nodes, links). The whole network unless
    a filter says otherwise; places at their `positions` (entity id -> latitude, longitude)."""
    import networkx as nx

    check_target(out, store.path)
    f = f or NetworkFilter(limit=None)
    network = build_network(store.network.network(f), f)
    graph = network_graph(network, positions)
    with written_whole(out, xml_parses) as partial:
        if kind == "graphml":
            nx.write_graphml(graph, partial, encoding="utf-8")
        elif kind == "gexf":
            nx.write_gexf(graph, partial, encoding="utf-8")
        else:
            raise ValueError(f"unknown graph format {kind!r}")
    return len(network.nodes), len(network.links)


def write_matrix_csv(store: Database, out: Path, f: NetworkFilter | None = None) -> int:
    """Entities × entities with the number of passages naming both; returns the number of rows."""
    check_target(out, store.path)
    f = f or NetworkFilter()
    network = build_network(store.network.network(f), f)
    nodes, counts = network.nodes, cooccurrence(network)
    with written_whole(out, text_reads) as partial, open(partial, "w", newline="", encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        writer.writerow(["entity", "kind", *(neutralise(n.name) for n in nodes)])
        for row in nodes:
            writer.writerow([neutralise(row.name), row.kind, *(counts.get((row.id, col.id), 0) for col in nodes)])
    return len(nodes)

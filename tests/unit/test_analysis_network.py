"""The network's counting (analysis.network) over hand-made passages, and its layout
(analysis.network_layout): no store."""

from __future__ import annotations

from collections import Counter

from dossier.analysis.network import Link, build_network, cooccurrence, count_links
from dossier.analysis.network_layout import layout
from dossier.core.network import NetworkFacts, NetworkFilter

# Entities 1-5: Pashinyan, Putin, Moscow (a place), Lavrov, Aliyev; 6 is named nowhere.
NAMES = {1: ("Pashinyan", "person"), 2: ("Putin", "person"), 3: ("Moscow", "place"), 4: ("Lavrov", "person"),
         5: ("Aliyev", "person"), 6: ("Nobody", "person")}
CONTEXTS = {(1, 0, 30): {1, 2, 3, 4}, (1, 31, 50): {1, 5}, (2, 0, 30): {2, 5}, (2, 40, 60): {1, 2}}
FACTS = NetworkFacts(CONTEXTS, Counter({1: 5, 2: 4, 3: 1, 4: 1, 5: 3}), Counter({1: 2, 2: 2, 3: 1, 4: 1, 5: 2}), NAMES)


def test_each_pair_counts_the_passages_naming_both() -> None:
    network = build_network(FACTS)
    assert [n.name for n in network.nodes] == ["Pashinyan", "Putin", "Aliyev", "Lavrov", "Moscow"]  # busiest first
    assert network.links[0] == Link(1, 2, 2)  # two passages: the most first
    assert {(k.source, k.target): k.passages for k in network.links}[(2, 5)] == 1
    assert (network.hidden_nodes, network.total_nodes) == (0, 5)  # 6 has no mention: not in the network
    assert network.degree()[1] == 4 and network.degree()[5] == 2
    counts = cooccurrence(network)
    assert counts[(1, 2)] == counts[(2, 1)] == 2 and (3, 5) not in counts


def test_kinds_minimum_neighbours_and_the_busiest() -> None:
    assert {n.id for n in build_network(FACTS, NetworkFilter(kinds=frozenset({"place"}))).nodes} == {3}
    assert build_network(FACTS, NetworkFilter(min_count=2)).links == [Link(1, 2, 2)]
    near = build_network(FACTS, NetworkFilter(around=4, steps=1))
    assert {n.id for n in near.nodes} == {1, 2, 3, 4}
    assert {n.id for n in build_network(FACTS, NetworkFilter(around=4, steps=2)).nodes} == {1, 2, 3, 4, 5}
    busiest = build_network(FACTS, NetworkFilter(limit=2))
    assert [n.id for n in busiest.nodes] == [1, 2] and busiest.hidden_nodes == 3
    # The entity asked about always shows, even where the limit would leave it out.
    assert 4 in {n.id for n in build_network(FACTS, NetworkFilter(around=4, limit=2)).nodes}
    assert count_links(CONTEXTS, {1, 5}, 1) == [Link(1, 5, 1)]


def test_the_layout_is_the_same_for_the_same_network_and_settles_when_it_grows() -> None:
    nodes, links = [1, 2, 3, 4, 5], [(1, 2, 3), (2, 3, 1), (3, 4, 2), (4, 5, 1)]
    first = layout(nodes, links)
    assert layout(nodes, links) == first
    grown = layout([*nodes, 6], [*links, (5, 6, 1)], previous=first)
    span = max(abs(x) for xy in first.values() for x in xy)
    moved = max(abs(grown[n][0] - first[n][0]) + abs(grown[n][1] - first[n][1]) for n in nodes)
    assert set(grown) == set(nodes) | {6} and moved < span  # it settles; it does not start over

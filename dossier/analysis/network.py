"""Who is named with whom, from the passages the store read (core.network.NetworkFacts).

Two entities are linked by a *context* they share: a sentence that names both or an event that
involves both, the store having made a sentence and the event it dates one passage. A link's count
is the number of such passages. The filter's article scope is the store's; here it narrows the
entities (kinds, neighbours of one, the busiest N) and then the links (a minimum count).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from dossier.core.network import NetworkFacts, NetworkFilter, Passage


class Node(NamedTuple):
    id: int
    name: str
    kind: str
    mentions: int  # in the articles the filter keeps
    articles: int


class Link(NamedTuple):
    source: int
    target: int
    passages: int  # how many distinct passages name both


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    hidden_nodes: int = 0  # entities the limit left out
    total_nodes: int = 0

    def degree(self) -> Counter[int]:
        counted: Counter[int] = Counter()
        for link in self.links:
            counted[link.source] += 1
            counted[link.target] += 1
        return counted


def build_network(facts: NetworkFacts, f: NetworkFilter = NetworkFilter()) -> Network:
    """The network the filter asks for, with how many entities its limit hid."""
    mentions, names = facts.mentions, facts.names
    wanted = {e for e in mentions if e in names and (f.kinds is None or names[e][1] in f.kinds)}
    if f.around is not None:  # who is near whom needs the links of everyone wanted
        links = count_links(facts.contexts, wanted, f.min_count)
        keep = {f.around}
        for _step in range(max(1, f.steps)):
            keep |= {x for link in links for x in (link.source, link.target)
                     if link.source in keep or link.target in keep}
        wanted &= keep
    total = len(wanted)
    if f.limit is not None and len(wanted) > f.limit:
        busiest = sorted(wanted, key=lambda e: (-mentions[e], names[e][0].casefold()))[: f.limit]
        if f.around is not None and f.around in wanted and f.around not in busiest:
            busiest[-1] = f.around  # the entity asked about always shows
        wanted = set(busiest)
    # Pairs are counted among the entities shown only: a dossier's busiest 150 of thousands.
    links = count_links(facts.contexts, wanted, f.min_count)
    nodes = [Node(e, names[e][0], names[e][1], mentions[e], facts.articles[e]) for e in wanted]
    nodes.sort(key=lambda n: (-n.mentions, n.name.casefold()))
    links.sort(key=lambda link: (-link.passages, link.source, link.target))
    return Network(nodes, links, total - len(nodes), total)


def count_links(contexts: dict[Passage, set[int]], wanted: set[int], min_count: int) -> list[Link]:
    """A link for each pair of `wanted` entities named together in at least `min_count` passages."""
    pairs: Counter[tuple[int, int]] = Counter()
    for entities in contexts.values():
        named = entities & wanted
        if len(named) > 1:
            pairs.update(combinations(sorted(named), 2))
    return [Link(a, b, n) for (a, b), n in pairs.items() if n >= min_count]


def cooccurrence(network: Network) -> dict[tuple[int, int], int]:
    """The count for each pair of the network's entities, in both orders (the matrix's cells)."""
    counts: dict[tuple[int, int], int] = {}
    for link in network.links:
        counts[(link.source, link.target)] = counts[(link.target, link.source)] = link.passages
    return counts

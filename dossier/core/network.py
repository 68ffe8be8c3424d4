"""The entity network's question and the store's answer, as records: which articles, kinds and
entities a network view asks for (NetworkFilter), and the passages naming two or more entities
with each entity's counts (NetworkFacts), which analysis.network turns into nodes and links."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

Passage = tuple[int, int, int]  # (article id, start, end)


@dataclass(frozen=True)
class NetworkFilter:
    kinds: frozenset[str] | None = None  # None: every kind
    min_count: int = 1  # links seen fewer times are left out
    tag_id: int | None = None  # only articles where this tag is used
    published_from: str | None = None  # ISO prefixes, inclusive ("2021", "2021-05")
    published_to: str | None = None
    article_id: int | None = None  # only this article
    around: int | None = None  # only this entity and its neighbours …
    steps: int = 1  # … this many links away (1 or 2)
    limit: int | None = 150  # the busiest entities (by mentions); None: all


@dataclass
class NetworkFacts:
    """What the store reads for a network, over the articles a filter keeps."""

    contexts: dict[Passage, set[int]] = field(default_factory=dict)  # passage: the entities it names (2+)
    mentions: Counter[int] = field(default_factory=Counter)  # entity: its mentions
    articles: Counter[int] = field(default_factory=Counter)  # entity: the articles naming it
    names: dict[int, tuple[str, str]] = field(default_factory=dict)  # entity: (name, kind), every entity

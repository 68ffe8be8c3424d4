"""Who is named with whom, as stored: the passages naming two or more entities, and each
entity's mentions (analysis.network makes nodes and links of them).

A *context* is a sentence that names entities (the sentence spans stored at import, never split
again here) or an event that involves them; a sentence and the event dated by that same sentence
are one passage, not two. Everything is read in a few queries for the whole dossier, over the
articles the filter keeps (one article, a tag, published dates).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence

from dossier.core.network import NetworkFacts, NetworkFilter, Passage
from dossier.store.articles import _after
from dossier.store.transactions import Transactions

_END = 1 << 62  # sorts after any end offset


class NetworkQueries:
    """`db.network`: who is named with whom."""

    def __init__(self, tx: Transactions) -> None:
        self._conn = tx.conn

    def network(self, f: NetworkFilter = NetworkFilter()) -> NetworkFacts:
        """The passages and counts of the articles the filter keeps (analysis.network.build_network
        narrows them to the filter's entities and links)."""
        contexts = self._contexts(self._network_articles(f))
        mentions, articles = self._mention_counts(f)
        names = {r[0]: (r[1], r[2]) for r in self._conn.execute("SELECT id, name, kind FROM entities")}
        return NetworkFacts(contexts, mentions, articles, names)

    def link_passages(self, a: int, b: int, f: NetworkFilter = NetworkFilter()) -> list[tuple[int, int, int, str]]:
        """The passages (article id, start, end, text) that name both entities, in article order.
        Only the articles naming both are read: asked on the GUI thread, it stays quick."""
        def articles_of(entity_id: int) -> set[int]:  # by the entity indexes of both tables
            return {r[0] for r in self._conn.execute(
                "SELECT article_id FROM mentions WHERE entity_id = ? UNION SELECT e.article_id FROM event_entities ee "
                "JOIN events e ON e.id = ee.event_id WHERE ee.entity_id = ?", (entity_id, entity_id))}

        both = articles_of(a) & articles_of(b)
        allowed = self._network_articles(f)
        if allowed is not None:
            both &= set(allowed)
        contexts = self._contexts(sorted(both))
        found = sorted(p for p, entities in contexts.items() if a in entities and b in entities)
        texts: dict[int, str] = {}
        out = []
        for article_id, start, end in found:
            if article_id not in texts:
                texts[article_id] = self._conn.execute("SELECT text FROM articles WHERE id = ?",
                                                       (article_id,)).fetchone()[0]
            out.append((article_id, start, end, texts[article_id][start:end]))
        return out

    # -- reading ----------------------------------------------------------------------------------

    def _network_articles(self, f: NetworkFilter) -> list[int] | None:
        """The articles the filter keeps, or None for all of them."""
        where: list[str] = []
        args: list[object] = []
        if f.article_id is not None:
            where.append("id = ?")
            args.append(f.article_id)
        if f.tag_id is not None:
            where.append("id IN (SELECT a.article_id FROM annotations a JOIN annotation_tags t "
                         "ON t.annotation_id = a.id WHERE t.tag_id = ?)")
            args.append(f.tag_id)
        if f.published_from:
            where.append("published >= ?")
            args.append(f.published_from)
        if f.published_to:
            where.append("published < ?")
            args.append(_after(f.published_to))
        if not where:
            return None
        return [r[0] for r in self._conn.execute(f"SELECT id FROM articles WHERE {' AND '.join(where)}", args)]

    def _contexts(self, article_ids: Sequence[int] | None) -> dict[Passage, set[int]]:
        """Each passage that names two or more entities: the sentence of each mention, and the
        sentence (evidence) of each event with its entities."""
        contexts: dict[Passage, set[int]] = {}
        sentences = self._sentences(article_ids)
        for article_id, start, end, entity_id in self._sentence_mentions(article_ids, sentences):
            contexts.setdefault((article_id, start, end), set()).add(entity_id)
        scope = "" if article_ids is None else f"AND e.article_id IN ({_marks(article_ids)})"
        for article_id, start, end, entity_id in self._conn.execute(
                "SELECT e.article_id, e.start_offset, e.end_offset, ee.entity_id FROM events e "
                f"JOIN event_entities ee ON ee.event_id = e.id WHERE 1 {scope}"):
            # The stored sentence the event's evidence starts in: the same passage as its mentions'.
            spans = sentences.get(article_id, [])
            i = bisect_right(spans, (start, _END)) - 1
            if i >= 0 and spans[i][0] <= start < spans[i][1]:
                start, end = spans[i]
            contexts.setdefault((article_id, start, end), set()).add(entity_id)
        return {p: entities for p, entities in contexts.items() if len(entities) > 1}

    def _sentences(self, article_ids: Sequence[int] | None) -> dict[int, list[tuple[int, int]]]:
        scope = "" if article_ids is None else f"WHERE article_id IN ({_marks(article_ids)})"
        sentences: dict[int, list[tuple[int, int]]] = {}
        for article_id, start, end in self._conn.execute(
                f"SELECT article_id, start_offset, end_offset FROM sentences {scope} "
                "ORDER BY article_id, start_offset"):
            sentences.setdefault(article_id, []).append((start, end))
        return sentences

    def _sentence_mentions(self, article_ids: Sequence[int] | None, sentences: dict[int, list[tuple[int, int]]]
                           ) -> Iterable[tuple[int, int, int, int]]:
        """(article id, sentence start, sentence end, entity id) for each mention, by walking each
        article's sentences and mentions in order together: one pass, no range join."""
        scope = "" if article_ids is None else f"WHERE article_id IN ({_marks(article_ids)})"
        current, spans, i = None, [], 0
        for article_id, start, end, entity_id in self._conn.execute(
                f"SELECT article_id, start_offset, end_offset, entity_id FROM mentions {scope} "
                "ORDER BY article_id, start_offset"):
            if article_id != current:
                current, spans, i = article_id, sentences.get(article_id, []), 0
            while i < len(spans) and spans[i][1] <= start:
                i += 1
            if i < len(spans) and spans[i][0] <= start and end <= spans[i][1]:
                yield article_id, spans[i][0], spans[i][1], entity_id

    def _mention_counts(self, f: NetworkFilter) -> tuple[Counter[int], Counter[int]]:
        """Mentions and articles of each entity, in the articles the filter keeps."""
        article_ids = self._network_articles(f)
        scope = "" if article_ids is None else f"WHERE article_id IN ({_marks(article_ids)})"
        mentions: Counter[int] = Counter()
        articles: Counter[int] = Counter()
        for entity_id, count, in_articles in self._conn.execute(
                f"SELECT entity_id, count(*), count(DISTINCT article_id) FROM mentions {scope} GROUP BY entity_id"):
            mentions[entity_id] = count
            articles[entity_id] = in_articles
        return mentions, articles


def _marks(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"  # integers only: safe to inline, no 999-variable cap

"""Claims across the dossier: each claim with its grade, its evidence (analysis.corroboration
counts it by independent source), the entities it names; and passages of other articles that may
bear on it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dossier.core.claims import RELATED_CANDIDATES, WORD, ClaimFacts, EvidenceLink, RelatedFacts, RelatedSentence
from dossier.core.models import Annotation
from dossier.store.annotations import Annotations
from dossier.store.articles import Articles, Sources
from dossier.store.copies import CopyRecords, Origin
from dossier.store.tags import Tags
from dossier.store.transactions import Transactions

# Words too common to say two sentences are about the same thing.
STOPWORDS = frozenset(["the", "and", "that", "with", "from", "this", "have", "has", "had", "was", "were", "are", "been", "for", "not", "but", "its", "their", "they", "them", "then", "than", "which", "who", "whom", "whose", "what", "when", "where", "will", "would", "could", "should", "about", "after", "before", "also", "into", "over", "under", "more", "most", "other", "some", "such", "only", "very", "said", "says", "say", "his", "her", "him", "she", "our", "your", "you", "there", "here", "these", "those", "while", "because", "between", "during", "against", "without", "within", "just"])
COMMON_SHARE = 0.02  # a word in more of the dossier's sentences than this says little of a claim
COMMON_FLOOR = 200  # ... once there are enough sentences for a share to mean something
MIN_WORDS, MAX_WORDS = 3, 24
SENTENCE_TOKENIZER = "porter unicode61 remove_diacritics 2"  # as sentences_fts has it (schema step 9)


class ClaimQueries:
    """`db.claims`: the claims board's rows and the passages related to a claim."""

    def __init__(self, tx: Transactions, annotations: Annotations, articles: Articles, sources: Sources,
                 tags: Tags, copies: CopyRecords) -> None:
        self._conn = tx.conn
        self._copies = copies
        self._annotations = annotations
        self._articles = articles
        self._sources = sources
        self._tags = tags

    def claim_rows(self, claim_ids: Iterable[int] | None = None) -> list[ClaimFacts]:
        """Every claim (or these), with all the board shows of it (analysis.corroboration.corroborated
        counts its evidence). A handful of queries for the whole dossier, not one per claim."""
        claims = [a for a in self._claims(claim_ids) if a.claim is not None]
        if not claims:
            return []
        q = self._conn.execute
        reports: dict[int, list[str]] = {}
        for article_id, outlet in q("SELECT article_id, outlet FROM article_reports"):
            reports.setdefault(article_id, []).append(outlet)
        grades = self._sources.grades()
        tag_names = {t.id: t.name for t in self._tags.all()}
        claim_ids_all = [c.id for c in claims]
        links: dict[int, list[tuple[str, int, int, str, str]]] = {}
        entities: dict[int, list[str]] = {}
        for chunk in _chunks(claim_ids_all, 500):
            marks = ",".join("?" * len(chunk))
            for claim_id, relation, target, article_id, exact, author in q(
                    "SELECT e.claim_id, e.relation, a.id, a.article_id, a.exact, e.author FROM evidence e "
                    f"JOIN annotations a ON a.id = e.annotation_id WHERE e.claim_id IN ({marks}) "
                    "ORDER BY e.claim_id, a.article_id, a.start_offset", chunk):
                links.setdefault(claim_id, []).append((relation, target, article_id, exact, author))
            # The entities named in the claim's sentence(s), where the passage's "it" is named.
            for claim_id, name in q(
                    "SELECT DISTINCT an.id, en.name FROM annotations an JOIN sentences s ON s.article_id = an.article_id "
                    "AND s.start_offset < max(an.end_offset, an.start_offset + 1) AND s.end_offset > an.start_offset "
                    "JOIN mentions m ON m.article_id = an.article_id "
                    "AND m.start_offset < max(s.end_offset, an.end_offset) AND m.end_offset > min(s.start_offset, an.start_offset) "
                    f"JOIN entities en ON en.id = m.entity_id WHERE an.id IN ({marks}) ORDER BY en.name", chunk):
                entities.setdefault(claim_id, []).append(name)
        # "However, the agreement was not implemented in full.": what agreement, and between
        # whom, the sentence before says.
        alone = [c.id for c in claims if c.id not in entities]
        for chunk in _chunks(alone, 500):
            for claim_id, name in q(
                    "SELECT DISTINCT an.id, en.name FROM annotations an JOIN sentences s ON s.id = ("
                    "SELECT id FROM sentences WHERE article_id = an.article_id AND end_offset <= an.start_offset "
                    "ORDER BY start_offset DESC LIMIT 1) JOIN mentions m ON m.article_id = an.article_id "
                    "AND m.start_offset >= s.start_offset AND m.end_offset <= s.end_offset "
                    f"JOIN entities en ON en.id = m.entity_id WHERE an.id IN ({','.join('?' * len(chunk))}) "
                    "ORDER BY en.name", chunk):
                entities.setdefault(claim_id, []).append(name)
        article_ids = {c.article_id for c in claims} | {link[2] for found in links.values() for link in found}
        articles = self._articles.summaries(article_ids)
        origins = self._copies.origins_of(article_ids)  # copies of one story count as one origin
        no_origin = Origin((), "")
        rows = []
        for c in claims:
            article = articles[c.article_id]
            grade = grades.grade(c.claim, article.source)  # type: ignore[arg-type]  # `claims` holds claims only
            items = tuple(EvidenceLink(target, relation, article_id, articles[article_id].title,
                                       articles[article_id].source, exact, tuple(reports.get(article_id, ())),
                                       grades.reliability(articles[article_id].source), author,
                                       *origins.get(article_id, no_origin))
                          for relation, target, article_id, exact, author in links.get(c.id, []))
            rows.append(ClaimFacts(
                c, article.title, article.source, tuple(reports.get(c.article_id, ())), article.published,
                article.published_precision, grade, items, tuple(entities.get(c.id, ())),
                tuple(tag_names[t] for t in c.tag_ids if t in tag_names), origins.get(c.article_id, no_origin).keys))
        return rows

    def related_passages(self, claim_id: int) -> RelatedFacts:
        """Sentences of other articles that may support or contradict a claim (analysis.related
        ranks them): those that share its rarer words (bm25 over the sentence index), name its
        rarer entities, or date the same days. No model: the dossier's own index and mentions."""
        claim = self._annotations.get(claim_id)
        q = self._conn.execute
        span = self._articles.sentence_at(claim.article_id, claim.start, claim.end) or (claim.start, claim.end)
        # A claim is often a clause ("the agreement was not implemented in full"): what it is
        # about is named around it, so the sentences before and after it count too.
        around = self._conn.execute(
            "SELECT min(start_offset), max(end_offset) FROM (SELECT start_offset, end_offset FROM sentences "
            "WHERE article_id = ? AND end_offset <= ? ORDER BY start_offset DESC LIMIT 1) "
            "UNION ALL SELECT min(start_offset), max(end_offset) FROM (SELECT start_offset, end_offset FROM sentences "
            "WHERE article_id = ? AND start_offset >= ? ORDER BY start_offset LIMIT 1)",
            (claim.article_id, span[0], claim.article_id, span[1])).fetchall()
        context = (min([span[0], *(r[0] for r in around if r[0] is not None)]),
                   max([span[1], *(r[1] for r in around if r[1] is not None)]))
        article = self._articles.get(claim.article_id)
        text = article.text
        entity_ids = [r[0] for r in q(
            "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ? AND start_offset < ? AND end_offset > ?",
            (claim.article_id, context[1], context[0]))]
        searched: dict[str, str] = {}  # stem: the word as the claim has it
        own = text[span[0]:span[1]]
        hits: list[tuple[tuple[int, float], ...]] = []
        # The claim's own words, then the words around it.
        for words in (claim.exact + " " + own, text[context[0]:context[1]]):
            found = self._word_query(words)
            if not found:
                hits.append(())
                continue
            query, stems = found
            for word, stem in stems.items():
                searched.setdefault(stem, word)
            hits.append(tuple((int(i), float(rank)) for i, rank in q(
                "SELECT s.id, bm25(sentences_fts) FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
                "WHERE sentences_fts MATCH ? AND s.article_id != ? ORDER BY rank LIMIT ?",
                (query, claim.article_id, RELATED_CANDIDATES))))
        names: dict[int, list[str]] = {}
        if entity_ids:
            # The claim's rarer entities: "Armenia" is named in every article of such a dossier.
            marks = ",".join("?" * len(entity_ids))
            rare = [r[0] for r in q(f"SELECT id FROM entities WHERE id IN ({marks}) ORDER BY mention_count LIMIT 6",
                                    entity_ids)]
            marks = ",".join("?" * len(rare))
            for sentence_id, name in q(
                    "SELECT s.id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id "
                    "JOIN sentences s ON s.article_id = m.article_id AND s.start_offset <= m.start_offset "
                    f"AND s.end_offset >= m.end_offset WHERE m.entity_id IN ({marks}) AND m.article_id != ?",
                    (*rare, claim.article_id)):
                if name not in names.setdefault(sentence_id, []):
                    names[sentence_id].append(name)
        found_ids = list(dict.fromkeys([*(i for h in hits for i, _rank in h), *names]))
        sentences = {r[0]: RelatedSentence(*r) for r in self._sentence_rows(found_ids)}
        dates = self._claim_days(claim.article_id, span, article.publication_day)
        same_days = self._sentences_dated_within(found_ids, dates) if dates and found_ids else set()
        linked = {target: relation for _c, target, relation in q(
            "SELECT e.claim_id, a.id, e.relation FROM evidence e JOIN annotations a ON a.id = e.annotation_id "
            "WHERE e.claim_id = ?", (claim_id,))}
        linked_spans = tuple((a.article_id, a.start, a.end, linked[a.id]) for a in
                             (self._annotations.get(i) for i in linked))
        return RelatedFacts(hits[0], hits[1], searched, names, sentences, frozenset(same_days), linked_spans)

    def _claims(self, claim_ids: Iterable[int] | None) -> list[Annotation]:
        """The claims asked for (all of them when None), in the dossier's order, without reading
        every other annotation."""
        order = "ORDER BY a.article_id, a.start_offset, a.id"
        if claim_ids is None:
            return self._annotations.select(f"WHERE a.kind = 'claim' {order}", ())
        found: list[Annotation] = []
        for chunk in _chunks(list(claim_ids), 500):
            found += self._annotations.select(
                f"WHERE a.kind = 'claim' AND a.id IN ({','.join('?' * len(chunk))}) {order}", tuple(chunk))
        return found

    def _word_query(self, text: str) -> tuple[str, dict[str, str]] | None:
        """An OR of the text's informative words, with the stem of each: the rarest in the
        dossier's sentences, without those in so many that they say nothing (and would cost bm25
        its time)."""
        words = list(dict.fromkeys(w.casefold() for w in WORD.findall(text) if w.casefold() not in STOPWORDS))
        if not words:
            return None
        stems = self._word_stems(words)
        counts = self._sentences_with(set(stems.values()))
        # A word in one sentence only is in the claim's own and finds nothing else.
        known = sorted((w for w in words if counts.get(stems.get(w, ""), 0) > 1), key=lambda w: counts[stems[w]])
        if not known:
            return None
        total = self._conn.execute("SELECT max(id) FROM sentences").fetchone()[0] or 1
        # In a small dossier every word is in a large share of it, and none costs much.
        most = max(total * COMMON_SHARE, COMMON_FLOOR)
        chosen = ([w for w in known if counts[stems[w]] <= most] or known[:MIN_WORDS])[:MAX_WORDS]
        return " OR ".join(f'"{w}"' for w in chosen), {w: stems[w] for w in chosen}

    def _word_stems(self, words: list[str]) -> dict[str, str]:
        """Each word as the sentence index stems it ("withdrawal" is "withdraw")."""
        rows = self._through_stem_probe(list(enumerate(words)))
        stems: dict[str, str] = {}
        for term, row in rows:
            stems.setdefault(words[row], term)
        return stems

    def text_stems(self, texts: list[str]) -> list[set[str]]:
        """The stems of each text's words, as the sentence index stems them ("withdrawal" is
        "withdraw")."""
        found: list[set[str]] = [set() for _ in texts]
        for term, row in self._through_stem_probe(list(enumerate(texts))):
            found[row].add(term)
        return found

    def _through_stem_probe(self, rows: list[tuple[int, str]]) -> list[tuple[str, int]]:
        """(stem, row) for every token of the rows, from a scratch index with the sentence
        index's tokenizer. Temp tables: nothing is written to the dossier, and a read-only one
        works too."""
        conn = self._conn
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_probe USING fts5 "
                     f"(text, content='', tokenize='{SENTENCE_TOKENIZER}')")
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_probe_terms USING fts5vocab(temp, stem_probe, instance)")
        conn.execute("INSERT INTO temp.stem_probe (stem_probe) VALUES ('delete-all')")
        conn.executemany("INSERT INTO temp.stem_probe (rowid, text) VALUES (?, ?)", rows)
        found = [(str(term), int(row)) for term, row in conn.execute("SELECT term, doc FROM temp.stem_probe_terms")]
        conn.execute("INSERT INTO temp.stem_probe (stem_probe) VALUES ('delete-all')")
        return found

    def _sentences_with(self, stems: set[str]) -> dict[str, int]:
        """How many sentences hold each stem, from the sentence index's vocabulary."""
        self._conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentence_terms USING fts5vocab(main, sentences_fts, row)")
        wanted = sorted(stems)
        marks = ",".join("?" * len(wanted))
        return dict(self._conn.execute(f"SELECT term, doc FROM temp.sentence_terms WHERE term IN ({marks})", wanted))

    def _sentence_rows(self, sentence_ids: list[int]) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(sentence_ids, 500):
            marks = ",".join("?" * len(chunk))
            rows += self._conn.execute(
                "SELECT s.id, s.article_id, s.start_offset, s.end_offset, "
                "substr(a.text, s.start_offset + 1, s.end_offset - s.start_offset), a.title, a.source "
                f"FROM sentences s JOIN articles a ON a.id = s.article_id WHERE s.id IN ({marks})", chunk).fetchall()
        return rows

    def _claim_days(self, article_id: int, span: tuple[int, int], publication_day: str | None) -> tuple[str, str] | None:
        """The days the claim's sentence dates (its events), else its article's publication day."""
        row = self._conn.execute(
            "SELECT min(earliest), max(latest) FROM events WHERE article_id = ? AND earliest IS NOT NULL "
            "AND start_offset < ? AND end_offset > ?", (article_id, span[1], span[0])).fetchone()
        if row and row[0]:
            return row[0], row[1] or row[0]
        return (publication_day, publication_day) if publication_day else None

    def _sentences_dated_within(self, sentence_ids: list[int], days: tuple[str, str]) -> set[int]:
        found: set[int] = set()
        for chunk in _chunks(sentence_ids, 500):
            marks = ",".join("?" * len(chunk))
            found |= {r[0] for r in self._conn.execute(
                "SELECT DISTINCT s.id FROM sentences s JOIN events ev ON ev.article_id = s.article_id "
                "AND ev.start_offset < s.end_offset AND ev.end_offset > s.start_offset "
                f"WHERE s.id IN ({marks}) AND ev.earliest <= ? AND ifnull(ev.latest, ev.earliest) >= ?",
                (*chunk, days[1], days[0]))}
        return found


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]

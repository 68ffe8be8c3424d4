"""Which sentences of other articles may support or contradict a claim, best first, and why.

The store finds them (core.claims.RelatedFacts): sentences sharing the claim's rarer words, ranked
by bm25 over the sentence index; sentences naming its rarer entities; those dated the same days.
Here they are weighed (best_related), and the best say why (describe_related, with the stems of
their words from the store: stemming the text of every sentence found would cost too much): the claim's own words count three times the words around it (a claim is
often a clause, and what it is about is named around it), each query's scores scaled to its best;
shared names add half a point each, up to one and a half, and on their own only from two names on
(they decide little alone); of the best CANDIDATES, a sentence dated the same days gains half a
point.
"""

from __future__ import annotations

from typing import NamedTuple

from dossier.core.claims import RELATED_CANDIDATES, WORD, RelatedFacts

CLAIM_WORDS_WEIGHT = 3.0
CONTEXT_WORDS_WEIGHT = 1.0
NAME_POINTS, NAME_POINTS_MOST = 0.5, 1.5
SAME_DAYS_POINTS = 0.5
RESULTS = 20
WORDS_SAID = 6  # shared words a reason lists at most


class RelatedPassage(NamedTuple):
    sentence_id: int
    article_id: int
    start: int
    end: int
    text: str
    article_title: str
    outlet: str | None
    score: float
    reasons: str  # "names Syunik, Pashinyan · shares “withdraw” · dated the same days"
    linked: str | None  # the relation it is already linked by, if it is


def scores(facts: RelatedFacts) -> dict[int, float]:
    """Each sentence's score by its words and names, before the dates count, in the order the
    sentences were found (ties keep it)."""
    scored: dict[int, float] = {}
    for hits, weight in ((facts.claim_hits, CLAIM_WORDS_WEIGHT), (facts.context_hits, CONTEXT_WORDS_WEIGHT)):
        best = max((-rank for _id, rank in hits), default=1.0) or 1.0  # bm25 is negative: lower is better
        for sentence_id, rank in hits:
            scored[sentence_id] = scored.get(sentence_id, 0.0) + weight * (-rank / best)
    for sentence_id, names in facts.names.items():
        if sentence_id in scored or len(names) >= 2:  # shared names help; they decide little alone
            scored[sentence_id] = scored.get(sentence_id, 0.0) + min(NAME_POINTS_MOST, NAME_POINTS * len(names))
    return scored


def best_related(facts: RelatedFacts, limit: int = RESULTS) -> list[tuple[int, float]]:
    """The `limit` best sentences with their scores: the best candidates by words and names,
    reordered once the days they date count."""
    scored = scores(facts)
    candidates = sorted(scored, key=lambda i: -scored[i])[:RELATED_CANDIDATES]
    final = {i: scored[i] + (SAME_DAYS_POINTS if i in facts.same_days else 0.0) for i in candidates}
    return [(i, final[i]) for i in sorted(candidates, key=lambda i: -final[i])[:limit]]


def describe_related(facts: RelatedFacts, best: list[tuple[int, float]], stems: list[set[str]]
                     ) -> list[RelatedPassage]:
    """The best sentences as passages, each saying why it was found; `stems` holds the stems of
    each one's words (the store's text_stems), for the claim's words it shares."""
    word_hits = {i for hits in (facts.claim_hits, facts.context_hits) for i, _rank in hits}
    out = []
    for (sentence_id, score), sentence_stems in zip(best, stems, strict=True):
        sentence = facts.sentences[sentence_id]
        names = facts.names.get(sentence_id, [])
        reasons = []
        if names:
            reasons.append("names " + ", ".join(names))
        named = {w.casefold() for name in names for w in WORD.findall(name)}
        shared = [word for stem, word in facts.searched.items() if stem in sentence_stems and word not in named]
        if sentence_id in word_hits and shared:
            reasons.append("shares " + ", ".join(f"“{w}”" for w in shared[:WORDS_SAID]))
        if sentence_id in facts.same_days:  # among the best, so among the candidates the dates counted for
            reasons.append("dated the same days")
        relation = next((r for a, s, e, r in facts.linked
                         if a == sentence.article_id and s < sentence.end and e > sentence.start), None)
        out.append(RelatedPassage(sentence.id, sentence.article_id, sentence.start, sentence.end, sentence.text,
                                  sentence.article_title, sentence.outlet, round(score, 3), " · ".join(reasons),
                                  relation))
    return out

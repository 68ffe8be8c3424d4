"""Related-passage scoring (analysis.related) over hand-made findings: the claim's words weigh
three times the words around it, names add up to 1.5 and alone only from two on, the same days
reorder the best candidates, and each passage says why. No store."""

from __future__ import annotations

import pytest

from dossier.analysis.related import best_related, describe_related, scores
from dossier.core.claims import RelatedFacts, RelatedSentence


def sentence(i: int, article: int = 2, text: str = "Troops withdrew from Syunik.") -> RelatedSentence:
    return RelatedSentence(i, article, 100 * i, 100 * i + len(text), text, f"Article {article}", "News.am")


FACTS = RelatedFacts(
    claim_hits=((1, -4.0), (2, -2.0)),  # bm25: lower is better; scaled to the best of each query
    context_hits=((2, -1.0), (3, -0.8)),
    searched={"withdrew": "withdrew", "syunik": "Syunik"},
    names={2: ["Syunik"], 4: ["Pashinyan", "Syunik"], 5: ["Lavrov"]},
    sentences={i: sentence(i) for i in (1, 2, 3, 4, 5)},
    same_days=frozenset({3}),
    linked=((2, 200, 210, "supports"),),  # inside sentence 2
)


def test_words_weigh_by_where_they_come_from_and_names_add_up() -> None:
    scored = scores(FACTS)
    assert scored[1] == pytest.approx(3.0)  # the claim's best word match
    assert scored[2] == pytest.approx(3.0 * 0.5 + 1.0 + 0.5)  # half the best, the context's best, one name
    assert scored[3] == pytest.approx(0.8)
    assert scored[4] == pytest.approx(1.0)  # two names and no word: counted
    assert 5 not in scored  # one name alone decides nothing


def test_the_same_days_reorder_the_best_and_each_passage_says_why() -> None:
    best = best_related(FACTS, limit=4)
    assert [i for i, _score in best] == [1, 2, 3, 4]  # 3 (0.8) passes 4 (1.0) by its half point for the days
    assert best_related(FACTS, limit=2) == [(1, pytest.approx(3.0)), (2, pytest.approx(3.0))]
    stems = [{"troop", "withdrew", "syunik"}, {"withdrew"}, set(), {"syunik"}]
    found = describe_related(FACTS, best, stems)
    assert [p.reasons for p in found] == [
        "shares “withdrew”, “Syunik”", "names Syunik · shares “withdrew”", "dated the same days",
        "names Pashinyan, Syunik"]  # a name it shares is not said twice as a word; 4 was no word hit
    assert [p.linked for p in found] == [None, "supports", None, None]
    assert (found[0].score, found[0].article_title, found[0].text) == (3.0, "Article 2", "Troops withdrew from Syunik.")
    assert best_related(FACTS._replace(claim_hits=(), context_hits=(), names={})) == []

"""Full-text search: ranked snippets, and no user input can make it raise."""

from __future__ import annotations

import pytest

from dossier.core.models import MATCH_END, MATCH_START, NewArticle
from dossier.store import Database
from dossier.store.search import fts_query

HOSTILE = [
    '"', '""', '"unbalanced', 'a"b"c"', "-", "--", "-Russia", "NEAR(", "NEAR(a b", "AND", "OR", "NOT",
    "a AND", "AND OR NOT", "*", "Rus**", "^Russia", "title:Russia", "col:", "(", ")", "((Russia)",
    "{a b}", "'", "\\", "%", "_", ";", "'; DROP TABLE articles; --", "\x00", "🇦🇲", "ə", "   ",
    "", "a" * 5000, "Россия", "القوات", "+", "Russia NEAR/2 Armenia", "NEAR(Russia Armenia, 2)",
]


@pytest.fixture
def filled(store: Database) -> Database:
    store.articles.add_many([
        NewArticle("Russian troops sent to Syunik", "Troops of the 102nd Base went to Syunik province."),
        NewArticle("Ceasefire", "The battle ended on November 10 with a Russian-brokered ceasefire."),
        NewArticle("Kəlbəcər", "Azerbaijani forces returned to Şuşa and Kəlbəcər. Россия observed."),
        NewArticle("Quotes", 'He said "request assassinate" where he meant assistance. NEAR( AND -'),
    ])
    return store


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_raises(filled: Database, text: str) -> None:
    hits = filled.search.articles(text)
    assert isinstance(hits, list)
    assert filled.search.count(text) >= len(hits)
    assert isinstance(filled.search.annotations(text), list)


def test_words_phrases_and_prefixes(filled: Database) -> None:
    assert [h.title for h in filled.search.articles("Syunik")] == ["Russian troops sent to Syunik"]
    assert [h.title for h in filled.search.articles('"request assassinate"')] == ["Quotes"]
    assert filled.search.articles('"assassinate request"') == []  # a phrase keeps its order
    assert {h.title for h in filled.search.articles("Russ*")} == {"Russian troops sent to Syunik", "Ceasefire"}
    assert [h.title for h in filled.search.articles("102nd Base")] == ["Russian troops sent to Syunik"]


def test_operators_typed_by_a_user_are_searched_as_words(filled: Database) -> None:
    assert [h.title for h in filled.search.articles("NEAR( AND")] == ["Quotes"]


def test_diacritics_and_scripts(filled: Database) -> None:
    assert [h.title for h in filled.search.articles("Susa")] == ["Kəlbəcər"]  # Ş is S with a cedilla
    assert [h.title for h in filled.search.articles("kəlbəcər")] == ["Kəlbəcər"]
    assert [h.title for h in filled.search.articles("Россия")] == ["Kəlbəcər"]


def test_snippets_mark_matches_with_private_use_characters(filled: Database) -> None:
    (hit,) = filled.search.articles("ceasefire")
    assert f"{MATCH_START}ceasefire{MATCH_END}" in hit.snippet
    assert ("ceasefire", True) in hit.snippet_parts()
    assert "".join(t for t, _ in hit.snippet_parts()) == hit.snippet.replace(MATCH_START, "").replace(MATCH_END, "")


def test_results_are_ranked_and_limited(store: Database) -> None:
    store.articles.add_many([NewArticle(f"A{i}", f"filler {i} " + "Syunik " * (i % 5 + 1)) for i in range(120)])
    hits = store.search.articles("Syunik", limit=50)
    assert len(hits) == 50
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert len(store.search.articles("Syunik", limit=50, offset=100)) == 20
    assert store.search.count("Syunik") == 120


def test_annotation_search_finds_quotes_and_notes(store: Database) -> None:
    aid = store.articles.add(NewArticle("T", "Pashinyan opted to request assassinate from Russia."))
    nid = store.annotations.add(aid, "note", 20, 39, note="transcription error for assistance")
    assert [h.annotation_id for h in store.search.annotations("assassinate")] == [nid]
    assert [h.annotation_id for h in store.search.annotations("transcription")] == [nid]
    store.annotations.set_note(nid, "changed")
    assert store.search.annotations("transcription") == []


def test_query_building() -> None:
    assert fts_query('Nikol "102nd Base" Pash*') == '"Nikol" "102nd Base" "Pash"*'
    assert fts_query('say "hi') == '"say" "hi"'
    assert fts_query("-- ; ()") is None


def test_a_query_matching_thousands_comes_newest_first_unranked(store: Database) -> None:
    """At the production limit itself: one match under it is ranked best first, at it the
    newest come first (ranking every match of a common word would take seconds)."""
    from dossier.store.search import RANK_LIMIT

    store.articles.add_many(NewArticle(f"A{i}", f"border text {i}" + " border" * (i % 3)) for i in range(RANK_LIMIT - 2))
    store.articles.add(NewArticle("Rare", "Syunik border"))
    hits, count, ranked = store.search.page("border", limit=5)
    assert (count, ranked) == (RANK_LIMIT - 1, True)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits) and hits[0].title != "Rare"  # best first
    store.articles.add(NewArticle("Newest", "border"))
    hits, count, ranked = store.search.page("border", limit=5)
    assert (count, ranked) == (RANK_LIMIT, False)
    assert [h.title for h in hits] == ["Newest", "Rare", f"A{RANK_LIMIT - 3}", f"A{RANK_LIMIT - 4}", f"A{RANK_LIMIT - 5}"]
    hits, count, ranked = store.search.page("Syunik")
    assert (count, ranked, [h.title for h in hits]) == (1, True, ["Rare"])

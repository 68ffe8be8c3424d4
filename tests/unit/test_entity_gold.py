"""Entities analysts can trust: the hand-marked set (tests/data/entities) and each correction
rule of ingest/refine.py on a sentence of its own."""

from __future__ import annotations

import pytest

from dossier.core.names import organisation_key, same_organisation_pairs
from dossier.ingest.extract import analyse
from dossier.ingest.nlp import load_pipeline
from tests.entity_gold import (
    FOLDER,
    HELD_OUT,
    KINDS,
    WORLD,
    WORLD_HELD_OUT,
    WORLD_KINDS,
    GoldDate,
    load,
    unmark,
    unmark_all,
)


def test_the_marks_are_read_exactly() -> None:
    text, spans = unmark("[[Armenia|place]]'s [[Defence Ministry|organisation]] said.")
    assert text == "Armenia's Defence Ministry said."
    assert [(text[s:e], k) for s, e, k in spans] == [("Armenia", "place"), ("Defence Ministry", "organisation")]
    with pytest.raises(ValueError, match="unknown kind"):
        unmark("[[Reuters|agency]]")


def test_the_set_is_ten_articles_and_six_held_out_each_marked_in_its_body() -> None:
    dev, held = load(FOLDER), load(HELD_OUT)
    assert len(dev) == 10 and len(held) == 6
    for article in dev + held:
        assert article.entities, article.name
        for start, end, kind in article.entities:
            surface = article.text[start:end]
            assert surface == surface.strip() and kind in KINDS and "[" not in surface


def mentions(text: str) -> set[tuple[str, str]]:
    (proposal,) = analyse(load_pipeline(), [text], [None])
    return {(m.surface, m.kind) for m in proposal.mentions}


def test_a_sentence_opening_word_is_no_name_unless_something_else_says_so() -> None:
    found = mentions("Screen grab from Sputnik Armenia video.\n\nTurnout was 49 percent, officials said.")
    assert not {s for s, _k in found} & {"Screen", "Turnout"}
    assert ("Sputnik", "organisation") in found


def test_lakes_rivers_and_mountains_are_places_with_their_whole_name() -> None:
    found = mentions("Troops camped by Lake Sev, which locals call Sev Lich, near Mount Aragats and the Aras River.")
    assert {("Lake Sev", "place"), ("Sev Lich", "place"), ("Mount Aragats", "place"), ("Aras River", "place")} <= found


def test_ministries_both_ways_round_and_defence_alone() -> None:
    found = mentions("The Azerbaijani Ministry of Defence denied it. Armenia's Defence Ministry said Defence "
                     "officials met.")
    assert ("Ministry of Defence", "organisation") in found and ("Defence Ministry", "organisation") in found
    assert ("Azerbaijani", "place") in found
    assert not any(s == "Defence" for s, _k in found)


def test_possessives_surnames_and_places_by_their_context() -> None:
    found = mentions("The European Union's envoy met Kassym-Jomart Tokayev in the capital. Ruben Vardanyan, a "
                     "former minister, crossed the Hakari bridge to the villages of Taghavard and Khramort.")
    assert ("European Union", "organisation") in found
    assert ("Kassym-Jomart Tokayev", "person") in found and ("Ruben Vardanyan", "person") in found
    assert ("Hakari", "place") in found and ("Taghavard", "place") in found


def test_towns_the_model_mistakes_are_places() -> None:
    found = mentions("Stepanakert was quiet. Officials in Gavar and Kars said the road to Gyumri was open.")
    assert {("Stepanakert", "place"), ("Gavar", "place"), ("Kars", "place"), ("Gyumri", "place")} <= found


def test_a_surname_after_an_opening_word_is_not_a_new_person() -> None:
    found = mentions("Nikol Pashinyan spoke. Following Pashinyan's request, troops moved.")
    assert not any(s.startswith("Following") for s, _k in found)


def test_the_set_scores_no_worse_than_when_measured() -> None:
    """Guards the figures of the benchmark (bench_entities.py): not a target, a floor."""
    nlp = load_pipeline()
    for folder, floor in ((FOLDER, 0.95), (HELD_OUT, 0.80)):
        articles = load(folder)
        proposals = analyse(nlp, [a.text for a in articles], [None] * len(articles))
        gold = {(a.name, s, e, k) for a in articles for s, e, k in a.entities}
        found = {(a.name, m.start, m.end, m.kind) for a, p in zip(articles, proposals) for m in p.mentions
                 if m.kind in KINDS}
        right = len(gold & found)
        assert right / len(found) >= floor and right / len(gold) >= floor, (folder.name, right, len(found), len(gold))


def test_one_organisation_written_both_ways_round() -> None:
    assert organisation_key("Defence Ministry") == organisation_key("Ministry of Defense") == "ministry:defence"
    assert organisation_key("Foreign Ministry") == organisation_key("Ministry of Foreign Affairs")
    assert organisation_key("Interior Ministry") == organisation_key("Ministry of Internal Affairs")
    assert organisation_key("Defence") is None and organisation_key("Reuters") is None
    assert organisation_key("Defence Ministry") != organisation_key("Foreign Ministry")
    assert same_organisation_pairs([(1, "Defence Ministry"), (2, "Reuters"), (3, "Ministry of Defence")]) == [(1, 3)]


def test_the_world_set_marks_entities_dates_and_publication_days() -> None:
    dev, held = load(WORLD), load(WORLD_HELD_OUT)
    assert len(dev) == 12 and len(held) == 10
    for article in dev + held:
        assert article.published and article.entities and article.dates, article.name
        for start, end, kind in article.entities:
            assert start >= 0 and kind in WORLD_KINDS and "[" not in article.text[start:end]
        for mark in article.dates:
            words = article.text[mark.start:mark.end]
            assert words == words.strip() and "{" not in words and mark.start >= 0


def test_date_marks_are_read_with_their_range_and_precision() -> None:
    text, spans, dates = unmark_all("[[Sudan|place]]'s army left {{since May|2024-05-01|2024-06-02|range}}.")
    assert text == "Sudan's army left since May." and spans == [(0, 5, "place")]
    assert dates == [GoldDate(18, 27, "2024-05-01", "2024-06-02", "range")]
    assert unmark_all("{{on Friday|?|?|day}}")[2] == [GoldDate(0, 9, None, None, "day")]
    with pytest.raises(ValueError, match="bad date mark"):
        unmark_all("{{May|2024-05-31|2024-05-01|month}}")
    with pytest.raises(ValueError, match="unknown kind"):
        unmark("[[Rubymar|other]]")  # only the world set marks "other"

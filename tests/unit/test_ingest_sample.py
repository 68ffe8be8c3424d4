"""The sample article through extraction: the entities and dated events the issue names."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.store import Database


@pytest.fixture(scope="module")
def extracted(sample_template: Path) -> dict[str, object]:
    with Database.open(sample_template) as store:
        entities = {r.name: r for r in store.entities.rows()}
        events = store.events.all()
        text = store.articles.get(1).text
        mentions = store.entities.mentions_in(1)
        names = {e.id: e.name for e in store.entities.all()}
    return {"entities": entities, "events": events, "text": text, "mentions": mentions, "names": names}


@pytest.mark.parametrize("name, kind", [
    ("Armenia", "place"), ("Azerbaijan", "place"), ("Russia", "place"), ("Iran", "place"),
    ("Gegharkunik", "place"), ("Syunik", "place"), ("Nagorno-Karabakh", "place"),
    ("Nikol Pashinyan", "person"), ("Reuters", "organisation"), ("Interfax", "organisation"),
    ("102nd Base", "unit"),
])
def test_the_sample_names_its_entities(extracted: dict, name: str, kind: str) -> None:  # type: ignore[type-arg]
    assert extracted["entities"][name].kind == kind


def test_bare_pashinyan_is_nikol_pashinyan(extracted: dict) -> None:  # type: ignore[type-arg]
    text, names = extracted["text"], extracted["names"]
    pashinyan = [m for m in extracted["mentions"] if names[m.entity_id] == "Nikol Pashinyan"]
    assert [m.surface for m in pashinyan] == ["Nikol Pashinyan", "Pashinyan", "Pashinyan"]
    assert all(text[m.start:m.end] == m.surface for m in extracted["mentions"])


def test_demonyms_point_to_their_country(extracted: dict) -> None:  # type: ignore[type-arg]
    names = extracted["names"]
    by_surface = {m.surface: names[m.entity_id] for m in extracted["mentions"]}
    assert by_surface["Azerbaijani"] == "Azerbaijan" and by_surface["Russian"] == "Russia"
    assert by_surface["Iranian"] == "Iran" and by_surface["Armenian"] == "Armenia"


@pytest.mark.parametrize("words, earliest, latest, precision", [
    ("May 14", "2021-05-14", "2021-05-14", "day"),
    ("Yesterday", "2021-05-13", "2021-05-13", "day"),
    ("Earlier this week", "2021-05-10", "2021-05-14", "range"),
    ("last year", "2020-01-01", "2020-12-31", "year"),
    ("November 10", "2020-11-10", "2020-11-10", "day"),
    ("March 15", "2021-03-15", "2021-03-15", "day"),
    ("today", "2021-05-14", "2021-05-14", "day"),
])
def test_the_sample_dates_its_events(extracted: dict, words: str, earliest: str, latest: str, precision: str) -> None:  # type: ignore[type-arg]
    matching = [e for e in extracted["events"] if e.date_text == words]
    assert matching, f"no event for {words!r}"
    assert {(e.earliest, e.latest, e.precision) for e in matching} == {(earliest, latest, precision)}
    for event in matching:
        sentence = extracted["text"][event.start:event.end]
        assert words in sentence and event.origin == "auto"


def test_events_carry_the_entities_of_their_sentence(extracted: dict) -> None:  # type: ignore[type-arg]
    names = extracted["names"]
    (march,) = [e for e in extracted["events"] if e.date_text == "March 15"]
    assert {names[i] for i in march.entity_ids} == {"Azerbaijan", "Iran"}
    assert march.title.startswith("On March 15, two Azerbaijani border guards were killed")

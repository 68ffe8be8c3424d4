"""Names across scripts: each language's article gives its people, places and organisations and no
fragments; Russian through Natasha in base form; one person written in three scripts is proposed
as one, merged only when accepted, undoably, every spelling kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core.names import KeyIndex, edit_distance, same_name_across_scripts, script_key
from dossier.ingest.names_abroad import KnownKeys, known_forms, transliterated_names
from dossier.ingest.natasha_ner import russian_names
from dossier.operations import perform, undo
from dossier.operations.entities import MergeEntities
from dossier.store import Database

# What each article of tests/data/languages names, imported into the sample (which knows Nikol
# Pashinyan): (the text as written, the entity it is proposed as, its kind).
EXPECTED = {
    "ru": {("ЕРЕВАН", "Yerevan", "place"), ("Армении", "Armenia", "place"),
           ("Никол Пашинян", "Никол Пашинян", "person"),
           ("Организации Договора о коллективной безопасности", "Collective Security Treaty Organization",
            "organisation"),
           ("министерства обороны Армении", "Ministry of Defence of Armenia", "organisation"),
           ("азербайджанские", "Azerbaijan", "place"), ("Сюникской области", "Syunik", "place"),
           ("Москве", "Moscow", "place"), ("России", "Russia", "place"),
           ("Владимир Путин", "Владимир Путин", "person"), ("Пашиняном", "Никол Пашинян", "person")},
    "hy": {("Երևան", "Yerevan", "place"), ("Հայաստանի", "Armenia", "place"),
           ("Նիկոլ Փաշինյան", "Նիկոլ Փաշինյան", "person"),
           ("Հավաքական անվտանգության պայմանագրի կազմակերպությանը", "Collective Security Treaty Organization",
            "organisation"),
           ("Պաշտպանության նախարարության", "Ministry of Defence of Armenia", "organisation"),
           ("ադրբեջանական", "Azerbaijan", "place"), ("Սյունիքի", "Syunik", "place"),
           ("Մոսկվայում", "Moscow", "place")},
    "az": {("Bakı", "Baku", "place"), ("Azərbaycan Xarici İşlər Nazirliyi", "Ministry of Foreign Affairs of Azerbaijan",
                                        "organisation"),
           ("Ermənistan", "Armenia", "place"), ("Moskvada", "Moscow", "place")},
    "ar": {("يريفان", "Yerevan", "place"), ("الأرميني", "Armenia", "place"),
           ("منظمة معاهدة الأمن الجماعي", "Collective Security Treaty Organization", "organisation"),
           ("وزارة الدفاع الأرمينية", "Ministry of Defence of Armenia", "organisation"),
           ("الأذربيجانية", "Azerbaijan", "place"), ("مقاطعة سيونيك", "Syunik", "place"), ("موسكو", "Moscow", "place")},
    "fa": {("ایروان", "Yerevan", "place"), ("ارمنستان", "Armenia", "place"),
           ("سازمان پیمان امنیت جمعی", "Collective Security Treaty Organization", "organisation"),
           ("وزارت دفاع ارمنستان", "Ministry of Defence of Armenia", "organisation"),
           ("آذربایجانی", "Azerbaijan", "place"), ("استان سیونیک", "Syunik", "place"), ("مسکو", "Moscow", "place")},
}


def _named(store: Database, article_id: int) -> set[tuple[str, str, str]]:
    text = store.articles.get(article_id).text
    names = {e.id: (e.name, e.kind) for e in store.entities.all()}
    return {(text[m.start:m.end], *names[m.entity_id]) for m in store.entities.mentions_in(article_id)}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_each_language_names_its_people_places_and_organisations_and_no_fragments(languages_path: Path,
                                                                                 language: str) -> None:
    with Database.open_readonly(languages_path) as store:
        (article_id,) = [i for i in store.articles.ids() if store.articles.get(i).language == language]
        assert _named(store, article_id) == EXPECTED[language]


def test_natasha_gives_russian_names_in_their_base_form() -> None:
    text = "Глава МИД России Сергей Лавров встретился в Ереване с Николом Пашиняном. Лаврова встретили в аэропорту."
    found = {(text[n.start:n.end], n.name, n.kind) for n in russian_names(text)}
    assert ("Сергей Лавров", "Сергей Лавров", "person") in found
    assert ("Николом Пашиняном", "Никол Пашинян", "person") in found
    assert ("Ереване", "Ереван", "place") in found
    assert all(n.surface == text[n.start:n.end] for n in russian_names(text))


def test_known_forms_take_case_endings_and_suffixes() -> None:
    def names(language: str, text: str) -> list[tuple[str, str]]:
        return [(f.surface, f.name) for f in known_forms(language).find(text)]

    assert names("ru", "в России, из Москвы, к Азербайджану") == [
        ("России", "Russia"), ("Москвы", "Moscow"), ("Азербайджану", "Azerbaijan")]
    assert names("hy", "Ռուսաստանին և Ադրբեջանից") == [("Ռուսաստանին", "Russia"), ("Ադրբեջանից", "Azerbaijan")]
    assert names("az", "Azərbaycanın və Rusiyaya") == [("Azərbaycanın", "Azerbaijan"), ("Rusiyaya", "Russia")]
    assert names("tr", "Türkiye'nin ve Almanya'da") == [("Türkiye'nin", "Turkey"), ("Almanya'da", "Germany")]
    assert names("ar", "والأمم المتحدة وروسيا") == [("الأمم المتحدة", "United Nations"), ("روسيا", "Russia")]
    assert names("ru", "Армен Григорян") == []  # a man's name, not Armenia


def test_one_name_in_three_scripts_has_one_key() -> None:
    keys = {script_key(n) for n in ("Nikol Pashinyan", "Никол Пашинян", "Նիկոլ Փաշինյան", "Nikol Paşinyan")}
    assert keys == {"nikol pasinan"}
    assert script_key("نیکول پاشینیان") == ""  # no short vowels: Arabic script matches through aliases only
    assert edit_distance(script_key("İlham Əliyev"), script_key("Ilham Aliyev"), 2) == 1
    assert KeyIndex(["nikol pasinan", "ilham aliev"]).close("ilham eliev") == ["ilham aliev"]


def test_names_close_in_transliteration_are_proposed_across_scripts_only() -> None:
    entities = [(1, "person", "Nikol Pashinyan", ()), (2, "person", "Никол Пашинян", ()),
                (3, "person", "Նիկոլ Փաշինյան", ()), (4, "person", "Nikol Paşinyan", ()),
                (5, "place", "Пашинян", ()), (6, "person", "Ilham Aliyev", ()), (7, "person", "Mehriban Aliyeva", ()),
                (8, "person", "Pashinian", ()), (9, "person", "Pashinyan", ())]
    assert same_name_across_scripts(entities) == [(1, 2), (1, 3), (1, 4)]


def test_a_known_name_is_found_in_another_script_as_its_own_spelling() -> None:
    keys = KnownKeys([("Nikol Pashinyan", "person"), ("Syunik", "place")])
    text = "Երևան։ Վարչապետ Նիկոլ Փաշինյանը այցելեց։ Փաշինյանը հայտարարեց։"
    found = [(f.surface, f.name, f.kind) for f in transliterated_names(text, "hy", keys)]
    assert found == [("Նիկոլ Փաշինյան", "Նիկոլ Փաշինյան", "person"), ("Փաշինյան", "Փաշինյան", "person")]
    assert transliterated_names("Nikol Pashinyan dedi.", "tr", keys) == []  # the name itself: a known form


def test_accepting_the_proposals_makes_one_person_with_every_spelling_and_undo_parts_them(languages_path: Path) -> None:
    with Database.open(languages_path) as store:
        before = {e.name for e in store.entities.all() if e.kind == "person"}
        proposals = store.entities.same_name_proposals()
        assert [(k.name, m.name) for k, m in proposals] == [
            ("Nikol Pashinyan", "Никол Пашинян"), ("Nikol Pashinyan", "Նիկոլ Փաշինյան")]
        done = [perform(store, MergeEntities(merge.id, keep.id)) for keep, merge in proposals]
        (pashinyan,) = [e for e in store.entities.all() if e.name == "Nikol Pashinyan"]
        assert {"Никол Пашинян", "Նիկոլ Փաշինյան"} <= set(pashinyan.aliases)
        assert store.entities.same_name_proposals() == []
        written = {store.articles.get(m.article_id).text[m.start:m.end] for m in store.entities.mentions_of(pashinyan.id)}
        assert {"Pashinyan", "Никол Пашинян", "Пашиняном", "Նիկոլ Փաշինյան"} <= written
        for step in reversed(done):
            undo(store, step)
        assert {e.name for e in store.entities.all() if e.kind == "person"} == before


# -- many names under one key (issue 32) ------------------------------------------------------------


def test_names_that_differ_by_a_number_are_not_one_name() -> None:
    entities = [(1, "person", "Ivan Petrov 1", ()), (2, "person", "Иван Петров 2", ()),
                (3, "person", "Иван Петров 1", ()), (4, "unit", "102nd Base", ()), (5, "unit", "102-я база", ())]
    assert same_name_across_scripts(entities) == [(1, 3)]


def test_many_names_under_one_key_cost_steps_in_proportion_to_their_number() -> None:
    """Ten thousand people whose names differ only by a number, in two scripts, and thousands of
    spellings of one name: each entity is taken from a file at most once per spelling it is
    filed under, not once per other entity with its key (a hundred million steps before)."""
    from dossier.core.names import _File

    for entities, proposed in (
        ([(i, "person", f"Ivan Petrov {i}", ()) for i in range(10_000)]
         + [(100_000 + i, "person", f"Иван Петров {i}", ()) for i in range(10_000)], 10_000),
        ([(i, "person", "Ivan Petrov" + "." * (i % 60) + "-" * (i // 60), ()) for i in range(3_000)]
         + [(100_000 + i, "person", "Иван Петров" + "!" * (i % 60) + "?" * (i // 60), ()) for i in range(3_000)],
         3_000),
    ):
        _File.looked_at = 0
        pairs = same_name_across_scripts(entities)
        assert len(pairs) == proposed and len({merge for _keep, merge in pairs}) == proposed
        assert _File.looked_at <= 2 * len(entities), _File.looked_at

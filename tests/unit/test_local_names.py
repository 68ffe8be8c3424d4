"""Names in Armenian, Azerbaijani and Russian beyond the written-down lists: each rule of
ingest/local_names.py, ingest/units_abroad.py and natasha_ner's corrections on a case it must
find and a near miss it must leave."""

from __future__ import annotations

import pytest

from dossier.ingest.extract import read_foreign
from dossier.ingest.local_names import datelines
from dossier.ingest.names_abroad import KnownKeys, known_forms
from dossier.ingest.units_abroad import units


def names(text: str, language: str) -> set[tuple[str, str, str]]:
    """(surface, entity name, kind) of what an article in `language` is proposed, nothing known."""
    return {(m.surface, m.name, m.kind) for m in read_foreign(text, None, language, (), KnownKeys([])).mentions}


def kinds(text: str, language: str) -> set[tuple[str, str]]:
    return {(surface, kind) for surface, _name, kind in names(text, language)}


def test_a_capitalised_run_after_a_title_is_a_person_without_its_ending() -> None:
    assert ("Սուրեն Պապիկյանը", "Սուրեն Պապիկյան", "person") in names(
        "Պաշտպանության նախարար Սուրեն Պապիկյանը ասել է, որ մարտերը շարունակվում են։", "hy")
    assert ("Zakir Həsənov", "Zakir Həsənov", "person") in names("Müdafiə naziri Zakir Həsənov təlimi izləyib.", "az")
    # The title opening the sentence is no part of the name.
    assert kinds("Վարչապետ Նիկոլ Փաշինյանը զանգահարել է։", "hy") == {("Նիկոլ Փաշինյանը", "person")}
    # Near misses: a capitalised word that only opens a sentence; a title before a title.
    assert names("Նախարարը ասել է, որ մարտերը շարունակվում են։", "hy") == set()
    assert names("Təlim başa çatıb. Nazir danışıb.", "az") == set()
    assert ("Milli Müdafiə", "person") not in kinds("Türkiyə Milli Müdafiə Naziri Hulusi Akar danışıb.", "az")
    assert ("Hulusi Akar", "person") in kinds("Türkiyə Milli Müdafiə Naziri Hulusi Akar danışıb.", "az")


def test_a_cue_word_after_a_name_says_it_is_a_place_and_a_list_before_a_plural_cue_is_all_places() -> None:
    found = kinds("Ադրբեջանական կրակից վնասվել է Սոթք գյուղը։ Կիրանց, Բաղանիս և Ոսկեպար գյուղերը մտահոգված են։", "hy")
    assert {("Սոթք", "place"), ("Կիրանց", "place"), ("Բաղանիս", "place"), ("Ոսկեպար", "place")} <= found
    # A surname's shape ("-lı") gives way to the cue: a village, not a person.
    # (Mid-sentence: a sentence's first word is a name only if something says so, and a word
    # opening a sentence before a known town, "Bağanis Ayrum", reads as an opener.)
    found = kinds("Razılaşmaya görə Bağanis Ayrum, Xeyrimli və Qızılhacılı kəndləri qaytarılacaq.", "az")
    assert {("Bağanis Ayrum", "place"), ("Xeyrimli", "place"), ("Qızılhacılı", "place")} <= found
    # Near miss: a governor ("մարզպետ") is no province ("մարզ").
    found = kinds("Այսօր Սյունիքի մարզպետ Ռոբերտ Ղուկասյանը այցելել է Գորիս։", "hy")
    assert ("Սյունիքի", "place") in found and ("Ռոբերտ Ղուկասյանը", "person") in found
    assert not any(surface.startswith("Սյունիքի ") for surface, _k in found)


def test_a_name_named_once_is_that_name_again_and_a_place_by_its_case() -> None:
    found = kinds("Սոթք գյուղում ավերվել է քսան տուն։ Նրա խոսքով՝ Սոթքի հանքը փակ է։ "
                  "Հանդիպումը կայացավ Բրյուսելում։", "hy")
    assert {("Սոթքի", "place"), ("Բրյուսելում", "place")} <= found
    # Near miss: a word in capitals nobody knows is not guessed at.
    assert kinds("Տվյալները հրապարակել է ԱԲՎԳԴ կենտրոնը։", "hy") == set()


def test_case_endings_come_off_to_find_a_town_of_the_gazetteer() -> None:
    assert ("Վարդենիսից", "Vardenis", "place") in names("Թղթակիցը Վարդենիսից հաղորդում է։", "hy")
    assert ("Füzuli", "Fuzuli", "place") in names("Köçkünlər Füzuli rayonuna qayıdıb.", "az")
    # Near miss: a name that ends like a suffix keeps its letter.
    (xocali,) = [n for s, n, _k in names("Yollar Əsgəran və Xocalı istiqamətində açıqdır.", "az") if s == "Xocalı"]
    assert xocali != "Xocal"


def test_institutions_are_organisations_by_their_noun_and_never_run_over_a_verb() -> None:
    assert ("Dövlət Sərhəd Xidməti", "organisation") in kinds("Bu gün Dövlət Sərhəd Xidməti bildirir ki, yol açıqdır.",
                                                             "az")
    assert ("Ներքին գործերի նախարարությունը", "Ներքին գործերի նախարարություն", "organisation") in names(
        "Իսկ Ներքին գործերի նախարարությունը հաղորդում է, որ վնասներ կան։", "hy")
    # Named without the case its sentence gave it, so every case is one organisation.
    assert ("Dövlət Sərhəd Xidmətinin", "Dövlət Sərhəd Xidməti", "organisation") in names(
        "Bunu da Dövlət Sərhəd Xidmətinin rəisi deyib.", "az")
    # The longer name wins over the known ones inside it: not Russia and Azerbaijan's ministry.
    assert ("Rusiya Xarici İşlər Nazirliyinin", "organisation") in kinds(
        "Bunu Rusiya Xarici İşlər Nazirliyinin sözçüsü deyib.", "az")
    # Near misses: the sentence's own first word; a common noun opening a sentence; a verb.
    assert ("ABŞ Dövlət Departamentinin", "organisation") in kinds("Görüşə ABŞ Dövlət Departamentinin rəhbəri gəlib.",
                                                                  "az")
    assert kinds("Կառավարությունը հայտնում է, որ օգնություն կտրամադրի։", "hy") == set()
    assert not any(kind == "organisation" for _s, kind in kinds(
        "Խոսնակ Մարիա Զախարովան քննադատել է առաքելությունը։", "hy"))


@pytest.mark.parametrize(("text", "language", "surface", "name"), [
    ("ԵՐԵՎԱՆ, սեպտեմբերի 13։ Մարտերը շարունակվում են։", "hy", "ԵՐԵՎԱՆ", "Yerevan"),
    ("BAKI, 13 sentyabr. Vəziyyət sabitdir.", "az", "BAKI", "Baku"),
    ("ИДЖЕВАН, 20 апреля. Прошла акция.", "ru", "ИДЖЕВАН", "Ijevan"),
])
def test_a_datelines_capitals_are_folded_to_its_place(text: str, language: str, surface: str, name: str) -> None:
    assert (surface, name, "place") in names(text, language)


def test_capitals_that_are_no_dateline_stay_as_they_are() -> None:
    assert datelines("ABŞ, Fransa və Rusiya bəyanat yayıb.", "az") == []
    assert datelines("Bakı, 13 sentyabr. Vəziyyət sabitdir.", "az") == []  # written small: a known form's business


def test_foreign_names_in_local_spelling_join_their_english_name() -> None:
    assert ("Vaşinqtonda", "Washington", "place") in names("Nazirlər Vaşinqtonda görüşüb.", "az")
    # By transliteration: Macron is written down in no Armenian form.
    assert ("Էմանուել Մակրոնին", "Emmanuel Macron", "person") in names(
        "Նա զանգահարել է նախագահ Էմանուել Մակրոնին։", "hy")
    assert ("Antoni Blinken", "Antony Blinken", "person") in names("ABŞ dövlət katibi Antoni Blinken danışıb.", "az")
    # Near miss: a name close to none keeps its own spelling.
    assert ("Մարկուս Ռիտերը", "Մարկուս Ռիտեր", "person") in names("Առաքելության ղեկավար Մարկուս Ռիտերը ասել է։", "hy")


@pytest.mark.parametrize(("text", "language", "surface", "name"), [
    ("Գիշերը Ադրբեջանի զինված ուժերը հարձակվել են։", "hy", "Ադրբեջանի զինված ուժերը", "Armed Forces of Azerbaijan"),
    ("Ռուս խաղաղապահները սկսել են դուրս գալ։", "hy", "Ռուս խաղաղապահները", "Russian peacekeeping contingent"),
    ("Yolu Rusiya sülhməramlı kontingenti saxlayır.", "az", "Rusiya sülhməramlı kontingenti",
     "Russian peacekeeping contingent"),
    ("Azərbaycan Ordusunun Xüsusi Təyinatlı Qüvvələri təlim keçirib.", "az",
     "Azərbaycan Ordusunun Xüsusi Təyinatlı Qüvvələri", "Azerbaijani Special Forces"),
    ("Командующий российским миротворческим контингентом прибыл.", "ru",
     "российским миротворческим контингентом", "Russian peacekeeping contingent"),
    ("Ночью Вооружённые силы Азербайджана обстреляли позиции.", "ru", "Вооружённые силы Азербайджана",
     "Armed Forces of Azerbaijan"),
])
def test_units_by_their_country_are_one_unit_in_every_language(text: str, language: str, surface: str,
                                                               name: str) -> None:
    assert (surface, name, "unit") in names(text, language)


def test_what_only_looks_like_a_unit_is_none() -> None:
    assert units("ՀՀ զինված ուժերի Գլխավոր շտաբի պետը այցելել է։", "hy") == []  # the staff: an organisation
    assert units("Российско-турецкий мониторинговый центр закрыт.", "ru") == []
    assert units("Миротворческая миссия ООН продлена.", "ru") == []  # no country's peacekeepers


def test_a_russian_common_noun_is_no_country_and_alma_ata_is_a_city() -> None:
    assert [f.name for f in known_forms("ru").find("Жители поставили палатки; на Палау их нет.")] == ["Palau"]
    found = names("Следующее заседание комиссий пройдёт в Алма-Ате.", "ru")
    assert {kind for surface, _n, kind in found if surface == "Алма-Ате"} == {"place"}


def test_russian_organisations_natasha_cuts_short_and_buildings_and_outlets() -> None:
    found = kinds("Секретарь Совета безопасности Армении выступил. Пункт открыт в здании Горисского драматического "
                  "театра. Об этом сообщает агентство «Арменпресс». Агентство Sputnik Армения сообщает.", "ru")
    assert ("Совета безопасности Армении", "organisation") in found
    assert ("Горисского драматического театра", "place") in found
    assert ("Арменпресс", "organisation") in found and ("Sputnik Армения", "organisation") in found
    assert ("Арменпресс", "Armenpress", "organisation") in names("Сообщает агентство «Арменпресс».", "ru")
    # Near miss: an organisation is not run on into the sentence's next words.
    found = kinds("Омбудсмен передал в Европейский суд по правам человека данные о пропавших.", "ru")
    assert ("Европейский суд по правам человека", "organisation") in found

"""Entities in news from anywhere (issue 34): the world gazetteer and each pattern or rule of
ingest.world_patterns, ingest.refine and ingest.refine_article, with a true case and a near miss."""

from __future__ import annotations

from dossier.ingest.extract import analyse
from dossier.ingest.nlp import load_pipeline
from dossier.ingest.world_places import cities_to_find, features_to_find, kind_of, world_places


def found(text: str) -> set[tuple[str, str]]:
    (proposal,) = analyse(load_pipeline(), [text], [None])
    return {(m.surface, m.kind) for m in proposal.mentions}


def named(text: str) -> dict[str, str]:
    (proposal,) = analyse(load_pipeline(), [text], [None])
    return {m.surface: m.name for m in proposal.mentions}


def test_the_world_gazetteer_has_kinds_coordinates_and_other_names() -> None:
    places = {p.name: p for p in world_places()}
    fasher = places["El Fasher"]
    assert (fasher.kind, fasher.country) == ("city", "SD") and fasher.population > 100_000
    assert fasher.latitude is not None and 13 < fasher.latitude < 14 and "Al Fashir" in fasher.other_names
    assert kind_of("Khartoum") == "capital" and places["Sudan"].kind == "country"  # the city before its state
    assert places["Second Thomas Shoal"].kind == "shoal" and places["Lake Kivu"].kind == "lake"
    assert kind_of("Al Fashir") == "city" and kind_of("ayungin shoal") == "shoal" and kind_of("Shan") == "region"
    assert kind_of("Pashinyan") is None
    assert "South China Sea" in features_to_find() and "Khartoum" in cities_to_find()
    assert "Santiago" not in cities_to_find()  # named like people more often than not


def test_seas_shoals_and_lakes_are_places_with_their_whole_name() -> None:
    mentions = found("Boats sailed from the Second Thomas Shoal across the South China Sea; others crossed Lake Kivu "
                     "and the Taiwan Strait.")
    assert {("Second Thomas Shoal", "place"), ("South China Sea", "place"), ("Lake Kivu", "place"),
            ("Taiwan Strait", "place")} <= mentions
    assert ("Taiwan", "place") not in mentions  # the strait, not the island
    assert not {s for s, _k in found("The strait and the shoal were calm, the sea rough.")}


def test_a_place_the_model_took_for_an_organisation_or_a_person_is_a_place() -> None:
    mentions = found("The RSF besieged El Fasher for months. Fighters then moved on Goma and the towns of Shan state.")
    assert {("El Fasher", "place"), ("Goma", "place"), ("Shan", "place")} <= mentions


def test_a_word_of_a_person_named_in_full_stays_the_person() -> None:
    mentions = found("Taiwan's president Lai Ching-te spoke on Monday. Lai said Beijing must stop its drills. "
                     "U.S. Defense Secretary Lloyd Austin agreed, and Austin called allies.")
    assert ("Lai", "place") not in mentions and ("Austin", "place") not in mentions
    assert ("Austin", "person") in mentions


def test_military_formations_are_units() -> None:
    mentions = found("Soldiers of the 3rd Infantry Division and the army's 14 Corps joined ships of the Fifth Fleet, "
                     "the Black Sea Fleet and the Eastern Theater Command, while Russia's Africa Corps stayed in Mali.")
    assert {("3rd Infantry Division", "unit"), ("14 Corps", "unit"), ("Fifth Fleet", "unit"),
            ("Black Sea Fleet", "unit"), ("Eastern Theater Command", "unit"), ("Africa Corps", "unit")} <= mentions


def test_near_misses_of_formations_are_no_units() -> None:
    mentions = found("The U.S. Marine Corps sent 400 soldiers. The fleet sailed, and 14 corps of volunteers helped.")
    assert not {s for s, k in mentions if k == "unit"}
    assert ("Marine Corps", "organisation") in mentions or ("U.S. Marine Corps", "organisation") in mentions


def test_a_countrys_armed_forces_are_one_organisation() -> None:
    mentions = found("The Indian Army and the Philippine Coast Guard said the Chinese Navy was near.")
    assert {("Indian Army", "organisation"), ("Philippine Coast Guard", "organisation"),
            ("Chinese Navy", "organisation")} <= mentions
    # Near misses: a force in lower case is no name (the country is); a ministry stays apart.
    near = found("The Indian army said so, and the Russian Defence Ministry agreed.")
    assert ("Indian", "place") in near and ("army", "organisation") not in near
    assert {("Russian", "place"), ("Defence Ministry", "organisation")} <= near


def test_demonyms_of_the_world_stand_for_their_countries() -> None:
    assert named("Sudanese troops met Filipino sailors and Congolese officials.") == {
        "Sudanese": "Sudan", "Filipino": "Philippines", "Congolese": "Democratic Republic of the Congo"}
    # A ministry stays apart from the country's demonym, as the region's do.
    assert {("Malian", "place"), ("Defence Ministry", "organisation")} <= found("The Malian Defence Ministry said so.")


def test_a_title_says_the_name_after_it_is_a_persons_and_is_not_part_of_it() -> None:
    mentions = found("Army chief Lt. Gen. Abdel Fattah al-Burhan spoke. Spokesman Jay Tarriela said the boats left.\n\n"
                     "Lieutenant General Mykola Oleshchuk thanked the pilots.")  # the model alone finds no one here
    assert {("Abdel Fattah al-Burhan", "person"), ("Jay Tarriela", "person"), ("Mykola Oleshchuk", "person")} <= mentions
    assert not {s for s, _k in mentions if s.startswith(("Lt.", "Gen.", "Spokesman"))}


def test_near_misses_of_titles_are_no_people() -> None:
    mentions = found("The General Staff met the UN General Assembly. Russia's General Staff chief spoke. Shares of "
                     "General Motors fell.")
    assert not {s for s, k in mentions if k == "person"}


def test_a_dateline_names_a_place_and_the_agency_cited() -> None:
    (proposal,) = analyse(load_pipeline(), ["NEW DELHI, June 16 (Reuters) - Troops clashed."], [None])
    mentions = {(m.surface, m.name, m.kind) for m in proposal.mentions}
    assert {("NEW DELHI", "New Delhi", "place"), ("Reuters", "Reuters", "organisation")} <= mentions
    near = found("WARNING, June 16 (Reuters) - Troops clashed.")  # no place of that name
    assert not {s for s, k in near if k == "place"}


def test_agencies_cited_as_sources_are_organisations() -> None:
    mentions = found("The state news agency SUNA reported it, and traders told Myanmar Now. The Greek newspaper "
                     "Kathimerini said the broadcaster Skai Television had the pictures.")
    assert {("SUNA", "organisation"), ("Myanmar Now", "organisation"), ("Kathimerini", "organisation"),
            ("Skai Television", "organisation")} <= mentions
    near = found("The news agency said so. A daily Khartoum paper agreed.")  # no name; a place
    assert ("Khartoum", "place") in near and not {s for s, k in near if k == "organisation"}


def test_an_abbreviation_is_its_long_form_wherever_the_article_writes_it() -> None:
    (proposal,) = analyse(load_pipeline(), [
        "Fighters of the Rapid Support Forces (RSF) entered the city. The RSF said it held the airport. "
        "The Armed Forces of the Philippines (AFP) said its ships were safe, AFP spokesmen said."], [None])
    by_surface = {m.surface: (m.name, m.kind) for m in proposal.mentions}
    assert by_surface["RSF"] == ("Rapid Support Forces", "organisation")
    assert by_surface["AFP"] == ("Armed Forces of the Philippines", "organisation")
    assert by_surface["Rapid Support Forces"] == ("Rapid Support Forces", "organisation")


def test_near_misses_of_abbreviations_are_not_joined() -> None:
    (proposal,) = analyse(load_pipeline(), ["YANGON, Nov 1 (AP) - The army said so, AFP reported."], [None])
    by_surface = {m.surface: m.name for m in proposal.mentions}
    assert by_surface.get("AP") == "AP" and by_surface.get("AFP") == "AFP"


def test_ships_operations_and_treaties_are_other() -> None:
    mentions = found("The cargo ship Rubymar sank. The destroyer USS Carney fired, as Operation Prosperity Guardian "
                     "began under the Mutual Defense Treaty; the drills, named Joint Sword-2024A, went on.")
    assert {("Rubymar", "other"), ("USS Carney", "other"), ("Operation Prosperity Guardian", "other"),
            ("Mutual Defense Treaty", "other"), ("Joint Sword-2024A", "other")} <= mentions


def test_near_misses_of_ships_and_operations() -> None:
    mentions = found("The ship Maersk chartered sank. The operation ended. Russian exercises began near Kursk.")
    assert ("Maersk", "other") not in mentions and ("Russian", "place") in mentions
    assert not {s for s, k in mentions if k == "other" and s.startswith(("Operation", "operation"))}


def test_an_abbreviation_and_its_long_form_are_one_entity_in_the_dossier(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ingest.pipeline import ImportOptions, run_import

    (tmp_path / "a.txt").write_text("El Fasher falls\n\nThe Rapid Support Forces (RSF) took El Fasher. The RSF said so.\n")
    (tmp_path / "b.txt").write_text("Aid\n\nAid groups blamed the RSF for the killings.\n")
    run_import(store, [tmp_path / "a.txt", tmp_path / "b.txt"], ImportOptions(published=("2025-10-28", "day")))
    (rsf,) = [e for e in store.entities.all() if e.name == "Rapid Support Forces"]
    assert "RSF" in rsf.aliases and rsf.kind == "organisation"
    assert not [e for e in store.entities.all() if e.name == "RSF"]
    assert {(m.article_id, m.surface) for m in store.entities.mentions_of(rsf.id)} >= {(1, "RSF"), (2, "RSF")}

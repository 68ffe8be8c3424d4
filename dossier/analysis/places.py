"""Places on a map, worked out in plain Python: which gazetteer row a place entity names, the
places' dates and events within a range, and where labels go so that none overlaps another.

A place is matched by its name and aliases, exactly (ignoring case and accents) before loosely
(core.places.loose_key); among rows of one name, one in a country the dossier names wins, then a
country over a capital over a region over a city (the bigger first) over a feature: "Armenia" is
the country, not the Colombian city; "Georgia" is the country in a dossier about the Caucasus.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from dossier.core.names import fold
from dossier.core.places import GAZETTEER, USER, PlaceDecision, Position, loose_key

KIND_RANK = {"country": 0, "capital": 1, "region": 2, "city": 3}  # then features and continents


class GazetteerRow(NamedTuple):
    """A row of the world gazetteer (ingest.world_places.WorldPlace has these fields)."""

    name: str
    kind: str
    country: str
    population: int
    latitude: float | None
    longitude: float | None
    other_names: tuple[str, ...]


class PlaceEntity(NamedTuple):
    id: int
    name: str
    aliases: tuple[str, ...]
    mentions: int


class MapPlace(NamedTuple):
    """A place entity as the map and the exports see it."""

    id: int
    name: str
    mentions: int
    position: Position | None  # None: not found, or not on the map
    off_map: bool = False


def _fold(name: str) -> str:
    """core.names.fold, quicker for the plain ASCII names most are (the index folds 200,000)."""
    return " ".join(name.casefold().split()) if name.isascii() else fold(name)


class Gazetteer:
    """Rows by folded name and by loose key, for matching many entities quickly."""

    def __init__(self, rows: Iterable[GazetteerRow]) -> None:
        self.exact: dict[str, list[GazetteerRow]] = {}
        self.loose: dict[str, list[GazetteerRow]] = {}
        for row in rows:
            if row.latitude is None or row.longitude is None:
                continue
            for name in {row.name, *row.other_names}:
                self.exact.setdefault(_fold(name), []).append(row)
                # Loosely only what is spelt many ways and not found among GeoNames' other names
                # of a city: countries, regions, features (a tenth of the rows: building stays quick).
                if row.kind != "city":
                    self.loose.setdefault(loose_key(name), []).append(row)

    def candidates(self, names: Sequence[str]) -> list[GazetteerRow]:
        """Rows of any of these names: exact matches if there are any, else loose ones."""
        for index, key in ((self.exact, _fold), (self.loose, loose_key)):
            found = [row for name in names for row in index.get(key(name), ())]
            if found:
                return found
        return []

    def locate(self, names: Sequence[str], countries: Mapping[str, int]) -> GazetteerRow | None:
        """The best row for a place of these names; `countries` weighs each country (ISO code) by
        how much the dossier names it."""
        found = self.candidates(names)
        if not found:
            return None

        def rank(row: GazetteerRow) -> tuple[int, int, int]:
            weight = max((countries.get(c, 0) for c in row.country.split(",") if c), default=0)
            return (-weight, KIND_RANK.get(row.kind, 4), -row.population)

        return min(found, key=rank)


def locate_places(places: Sequence[PlaceEntity], decisions: Mapping[int, PlaceDecision],
                  gazetteer: Gazetteer) -> list[MapPlace]:
    """Every place entity with its position: the analyst's where they set one, else the
    gazetteer's. Countries are placed first; the countries found weigh the rest by mentions."""
    countries: dict[str, int] = {}
    for place in places:
        found = [r for r in gazetteer.candidates((place.name, *place.aliases)) if r.kind == "country"]
        if found:
            countries[found[0].country] = countries.get(found[0].country, 0) + max(1, place.mentions)
    result = []
    for place in places:
        decision = decisions.get(place.id)
        if decision is not None and decision.off_map:
            result.append(MapPlace(place.id, place.name, place.mentions, None, off_map=True))
            continue
        if decision is not None and decision.latitude is not None and decision.longitude is not None:
            result.append(MapPlace(place.id, place.name, place.mentions,
                                   Position(decision.latitude, decision.longitude, USER)))
            continue
        row = gazetteer.locate((place.name, *place.aliases), countries)
        position = None
        if row is not None and row.latitude is not None and row.longitude is not None:
            position = Position(row.latitude, row.longitude, GAZETTEER, f"{row.name}, {row.country}".rstrip(", "))
        result.append(MapPlace(place.id, place.name, place.mentions, position))
    return result


def day_number(iso: str) -> int:
    return date.fromisoformat(iso[:10]).toordinal()


class PlaceEvents:
    """The dated events at each place, as day numbers sorted for counting within a range at a
    cost of two binary searches per place (100,000 events redraw at once)."""

    def __init__(self, spans: Mapping[int, Iterable[tuple[int, int]]]) -> None:
        self._firsts: dict[int, list[int]] = {}
        self._lasts: dict[int, list[int]] = {}
        for place, days in spans.items():
            pairs = list(days)
            self._firsts[place] = sorted(first for first, _last in pairs)
            self._lasts[place] = sorted(last for _first, last in pairs)

    def count(self, place: int, first: int | None = None, last: int | None = None) -> int:
        """Events at `place` whose days meet [first, last] (either end open when None)."""
        firsts, lasts = self._firsts.get(place, []), self._lasts.get(place, [])
        begun = len(firsts) if last is None else bisect_right(firsts, last)
        ended = 0 if first is None else bisect_left(lasts, first)
        return max(0, begun - ended)

    def days(self, place: int) -> tuple[list[int], list[int]]:
        """The first days and the last days of the place's events, each sorted (not to be changed)."""
        return self._firsts.get(place, []), self._lasts.get(place, [])

    def span(self, place: int) -> tuple[int, int] | None:
        """The first and last day of the place's events."""
        firsts, lasts = self._firsts.get(place), self._lasts.get(place)
        return (firsts[0], lasts[-1]) if firsts and lasts else None

    def places(self) -> list[int]:
        return list(self._firsts)


class Label(NamedTuple):
    key: int
    x: float  # the mark's centre, in pixels
    y: float
    radius: float
    width: float
    height: float


def place_labels(labels: Sequence[Label], width: float, height: float,
                 taken: Sequence[tuple[float, float, float, float]] = ()) -> dict[int, tuple[float, float]]:
    """Top-left corners for the labels that fit, the first ones first (give them the biggest places
    first): right of the mark, left, above or below, whichever overlaps no label already placed
    and stays in the width × height frame, off the `taken` boxes (left, top, right, bottom: the
    scale bar). A label that fits nowhere is left out, never drawn over another. A grid of cells
    keeps it near linear."""
    cell = 64.0
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for box in taken:
        for cx in range(int(box[0] // cell), int(box[2] // cell) + 1):
            for cy in range(int(box[1] // cell), int(box[3] // cell) + 1):
                grid.setdefault((cx, cy), []).append(box)
    placed: dict[int, tuple[float, float]] = {}
    for label in labels:
        gap = label.radius + 3
        tries = ((label.x + gap, label.y - label.height / 2), (label.x - gap - label.width, label.y - label.height / 2),
                 (label.x - label.width / 2, label.y - gap - label.height), (label.x - label.width / 2, label.y + gap))
        for left, top in tries:
            right, bottom = left + label.width, top + label.height
            if left < 0 or top < 0 or right > width or bottom > height:
                continue
            cells = [(cx, cy) for cx in range(int(left // cell), int(right // cell) + 1)
                     for cy in range(int(top // cell), int(bottom // cell) + 1)]
            if any(left < other_right and other_left < right and top < other_bottom and other_top < bottom
                   for c in cells for (other_left, other_top, other_right, other_bottom) in grid.get(c, ())):
                continue
            for c in cells:
                grid.setdefault(c, []).append((left, top, right, bottom))
            placed[label.key] = (left, top)
            break
    return placed

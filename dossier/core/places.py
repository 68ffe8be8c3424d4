"""Places on a map, as plain records: where a place entity is, who said so, and the rules every
reader of a position shares (its bounds, the key names are matched by, the map's projection)."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import NamedTuple

GAZETTEER, USER = "gazetteer", "user"  # where a position came from
# Words that name what kind of region a name is, left out when names are matched loosely:
# "Syunik Province" is "Syunik", "Gegharkunik Marz" is "Gegharkunik".
REGION_WORDS = frozenset({"province", "region", "oblast", "governorate", "state", "district", "prefecture",
                          "county", "department", "marz", "rayon", "republic", "division", "municipality",
                          "of", "the"})
MAX_MERCATOR_LATITUDE = 85.0  # the Web Mercator square's edge: beyond it y runs to infinity


class PlaceDecision(NamedTuple):
    """What the analyst said about a place (table `place_positions`): where it is, or that it is
    not on the map (a place with no fixed position: "the front", "the border")."""

    entity_id: int
    latitude: float | None
    longitude: float | None
    off_map: bool
    author: str = ""
    set_at: str | None = None


class Position(NamedTuple):
    """Where a place is drawn, and why there."""

    latitude: float
    longitude: float
    origin: str  # GAZETTEER or USER
    matched: str = ""  # the gazetteer's name and country ("Syunik', AM"), for a position found there


def position_problem(latitude: float, longitude: float) -> str | None:
    """Why these can't be a position (a sentence for the user), or None."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return "A latitude and a longitude are numbers."
    if not -90 <= latitude <= 90:
        return f"A latitude lies between -90 and 90 (not {latitude:g})."
    if not -180 <= longitude <= 180:
        return f"A longitude lies between -180 and 180 (not {longitude:g})."
    return None


def parse_position(text: str) -> tuple[float, float] | None:
    """"40.18, 44.51", "40.18 44.51" or "40.18N 44.51E" as (latitude, longitude); None if it is
    not two numbers in bounds."""
    found = re.findall(r"(-?\d+(?:\.\d+)?)\s*°?\s*([NSEWnsew])?", text)
    if len(found) != 2:
        return None
    values = []
    for number, hemisphere in found:
        value = float(number)
        if hemisphere.upper() in ("S", "W"):
            value = -abs(value)
        values.append(value)
    latitude, longitude = values
    if found[0][1].upper() in ("E", "W") and found[1][1].upper() in ("N", "S"):
        latitude, longitude = longitude, latitude
    return None if position_problem(latitude, longitude) else (latitude, longitude)


def loose_key(name: str) -> str:
    """The key places are matched by when their exact names differ in transliteration only:
    letters alone, accents, apostrophes and region words gone, and an h after a consonant
    dropped ("Geġark'unik'" ~ "Gegharkunik", "Syunik Province" ~ "Syunik'")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    for mark in ("'", "ʼ", "’", "ʻ"):
        plain = plain.replace(mark, "")
    words = [w for w in re.split(r"[\W_]+", plain) if w]
    letters = "".join(w for w in words if w not in REGION_WORDS) or "".join(words)
    return re.sub(r"(?<=[bcdfgjklmnpqrstvwxz])h", "", letters)


def mercator(latitude: float, longitude: float) -> tuple[float, float]:
    """The map's plane: x is the longitude, y the Web Mercator northing in the same degrees, south
    down (as a screen counts y)."""
    lat = max(-MAX_MERCATOR_LATITUDE, min(MAX_MERCATOR_LATITUDE, latitude))
    return longitude, -math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def inverse_mercator(x: float, y: float) -> tuple[float, float]:
    """(latitude, longitude) of a point of the map's plane."""
    latitude = math.degrees(2 * math.atan(math.exp(math.radians(-y))) - math.pi / 2)
    return latitude, max(-180.0, min(180.0, x))

"""The dossier's places as GeoJSON (RFC 7946) and KML 2.2, for GIS tools and Google Earth.

One Point feature per place on the map (found in the gazetteer or placed by the analyst): its
name, kind, mention count, the first and last day it is dated (by its events, else by the
publication of the articles naming it), the titles of those articles, and where its position came
from. Places not found, or taken off the map, have no point and are left out (they are counted).
The positions are worked out by the caller (ingest.geocoding.dossier_places) and handed in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

from dossier.analysis.places import MapPlace
from dossier.store import Database
from dossier.store.atomic import json_parses, written_whole, xml_parses


class PlaceRecord(NamedTuple):
    place: MapPlace
    first: str | None  # ISO day
    last: str | None
    titles: tuple[str, ...]


def place_records(store: Database, places: Sequence[MapPlace]) -> list[PlaceRecord]:
    """The places that are on the map, with their dates and articles, biggest first."""
    placed = [p for p in places if p.position is not None]
    spans: dict[int, tuple[str, str]] = {}
    for entity_id, first, last in store.places.event_days():
        old = spans.get(entity_id)
        spans[entity_id] = (first, last) if old is None else (min(old[0], first), max(old[1], last))
    published = store.places.mention_days()
    titles = store.places.article_titles(p.id for p in placed)
    records = []
    for place in sorted(placed, key=lambda p: (-p.mentions, p.name.casefold())):
        first, last = spans.get(place.id) or published.get(place.id) or (None, None)
        records.append(PlaceRecord(place, first, last, tuple(titles.get(place.id, ()))))
    return records


def geojson(records: Sequence[PlaceRecord]) -> dict[str, Any]:
    features = []
    for r in records:
        position = r.place.position
        assert position is not None  # place_records keeps only placed places
        features.append({
            "type": "Feature",
            "id": r.place.id,
            # RFC 7946: longitude first, WGS84 degrees
            "geometry": {"type": "Point", "coordinates": [round(position.longitude, 6), round(position.latitude, 6)]},
            "properties": {"name": r.place.name, "kind": "place", "mentions": r.place.mentions,
                           "first_date": r.first, "last_date": r.last, "articles": list(r.titles),
                           "position_from": position.origin, "gazetteer_name": position.matched or None},
        })
    return {"type": "FeatureCollection", "features": features}


def kml(records: Sequence[PlaceRecord], title: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">', "<Document>",
             f"<name>{escape(title)}</name>"]
    for r in records:
        position = r.place.position
        assert position is not None
        dates = " – ".join(d for d in dict.fromkeys((r.first, r.last)) if d)
        description = "\n".join([f"{r.place.mentions} mentions" + (f"; {dates}" if dates else ""), *r.titles])
        lines += ["<Placemark>", f"<name>{escape(r.place.name)}</name>",
                  f"<description>{escape(description)}</description>"]
        if r.first and r.last:
            lines.append(f"<TimeSpan><begin>{r.first}</begin><end>{r.last}</end></TimeSpan>")
        lines += ["<ExtendedData>", f'<Data name="mentions"><value>{r.place.mentions}</value></Data>',
                  f'<Data name="position_from"><value>{position.origin}</value></Data>', "</ExtendedData>",
                  f"<Point><coordinates>{position.longitude:.6f},{position.latitude:.6f}</coordinates></Point>",
                  "</Placemark>"]
    lines += ["</Document>", "</kml>", ""]
    return "\n".join(lines)


def write_places(store: Database, places: Sequence[MapPlace], out: Path, kind: str) -> int:
    """Write `kind` ("geojson" or "kml") to `out` at once or not at all; returns the places written."""
    records = place_records(store, places)
    if kind == "kml":
        text = kml(records, store.path.stem)
    else:
        text = json.dumps(geojson(records), ensure_ascii=False, indent=1)
    with written_whole(out, xml_parses if kind == "kml" else json_parses) as partial:
        partial.write_bytes(text.encode("utf-8"))
    return len(records)

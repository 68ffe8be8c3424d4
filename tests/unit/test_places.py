"""Places on the map: matching to the gazetteer, positions the analyst sets (undo, merges), the
events of a period, labels that never overlap, and the GeoJSON and KML exports read back."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analysis.outlines import country_at, country_bounds
from dossier.analysis.places import (
    Gazetteer,
    GazetteerRow,
    Label,
    PlaceEntity,
    PlaceEvents,
    locate_places,
    place_labels,
)
from dossier.core.places import PlaceDecision, inverse_mercator, loose_key, mercator, parse_position
from dossier.export.places_export import write_places
from dossier.ingest.geocoding import dossier_places, gazetteer
from dossier.operations import Refused, perform, redo, undo
from dossier.operations.entities import MergeEntities
from dossier.operations.places import MarkOffMap, ResetPlacePosition, SetPlacePosition
from dossier.store import Database
from dossier.store.merging import merge_dossier


def _located(*names: str) -> dict[str, str]:
    """The country each place lies in, placed as a dossier naming these places would place it:
    inside its outline at 1:110m, or (a place by a border, which that scale moves) inside its
    bounds and found as a place of that country."""
    found = locate_places([PlaceEntity(i, name, (), 1) for i, name in enumerate(names)], {}, gazetteer())
    where = {}
    for p in found:
        if p.position is None:
            where[p.name] = "none"
            continue
        lat, lon = p.position.latitude, p.position.longitude
        country = p.position.matched.rpartition(", ")[2]
        west, south, east, north = country_bounds(country)
        inside = country_at(lat, lon) == country or (west <= lon <= east and south <= lat <= north)
        where[p.name] = country if inside else f"outside {country}"
    return where


def test_the_sample_and_an_out_of_region_dossier_put_their_places_inside_their_countries(sample_path: Path) -> None:
    with Database.open(sample_path) as store:
        places = {p.name: p for p in dossier_places(store)}
    expected = {"Armenia": "AM", "Azerbaijan": "AZ", "Russia": "RU", "Iran": "IR", "Syunik": "AM", "Gegharkunik": "AM"}
    for name, country in expected.items():
        position = places[name].position
        assert position is not None, name
        assert country_at(position.latitude, position.longitude) == country, name
    assert _located("Syunik", "Gegharkunik") == {"Syunik": "AM", "Gegharkunik": "AM"}
    abroad = _located("Tawang", "El Fasher", "India", "Sudan", "Darfur", "Arunachal Pradesh")
    assert abroad == {"Tawang": "IN", "El Fasher": "SD", "India": "IN", "Sudan": "SD", "Darfur": "SD",
                      "Arunachal Pradesh": "IN"}


def test_a_country_wins_over_a_city_of_its_name_and_the_dossier_s_countries_decide() -> None:
    rows = [GazetteerRow("Armenia", "city", "CO", 300000, 4.5, -75.7, ()),
            GazetteerRow("Armenia", "country", "AM", 3000000, 40.4, 44.8, ()),
            GazetteerRow("Georgia", "region", "US", 0, 32.6, -83.4, ()),
            GazetteerRow("Georgia", "country", "GE", 3700000, 42.2, 43.5, ()),
            GazetteerRow("Kapan", "city", "ID", 9000, -9.7, 124.3, ()),
            GazetteerRow("Kapan", "city", "AM", 32900, 39.2, 46.4, ()),
            GazetteerRow("Geġark'unik'", "region", "AM", 0, 40.4, 45.2, ()),
            GazetteerRow("Monaco", "city", "XX", 90000, 1.0, 1.0, ()),  # a city bigger than the country
            GazetteerRow("Monaco", "country", "MC", 38000, 43.7, 7.4, ()),
            GazetteerRow("Kassala", "city", "SD", 400000, 15.45, 36.4, ()),
            GazetteerRow("Kassala", "region", "SD", 0, 15.8, 36.1, ())]
    found = {p.name: p.position for p in locate_places(
        [PlaceEntity(1, "Armenia", (), 5), PlaceEntity(2, "Kapan", (), 1), PlaceEntity(3, "Gegharkunik", (), 1),
         PlaceEntity(4, "Nowhere", (), 1), PlaceEntity(5, "Monaco", (), 1),
         PlaceEntity(6, "Kassala", (), 1)], {}, Gazetteer(rows))}
    assert found["Armenia"] is not None and found["Armenia"].matched == "Armenia, AM"
    assert found["Kapan"] is not None and found["Kapan"].matched == "Kapan, AM"  # Armenia is the dossier's
    assert found["Gegharkunik"] is not None and found["Gegharkunik"].matched == "Geġark'unik', AM"
    assert found["Nowhere"] is None
    assert found["Monaco"] is not None and found["Monaco"].matched == "Monaco, MC"  # a country before a city
    assert found["Kassala"] is not None and found["Kassala"].latitude == 15.8  # a region before its city


def test_the_analyst_s_decision_overrules_the_gazetteer() -> None:
    rows = [GazetteerRow("Goris", "city", "AM", 17000, 39.5, 46.3, ())]
    decisions = {1: PlaceDecision(1, 10.0, 20.0, False), 2: PlaceDecision(2, None, None, True)}
    moved, off = locate_places([PlaceEntity(1, "Goris", (), 1), PlaceEntity(2, "Goris", (), 1)], decisions,
                               Gazetteer(rows))
    assert moved.position is not None and (moved.position.latitude, moved.position.origin) == (10.0, "user")
    assert off.position is None and off.off_map


def test_names_match_across_transliterations() -> None:
    assert loose_key("Syunik'") == loose_key("Syunik Province") == loose_key("syunik")
    assert loose_key("Geġark'unik'") == loose_key("Gegharkunik")
    assert loose_key("Šuša") == loose_key("Shusha")
    assert parse_position("40.18, 44.51") == (40.18, 44.51)
    assert parse_position("40.18N 44.51E") == (40.18, 44.51)
    assert parse_position("13.6 N, 25.3 W") == (13.6, -25.3)
    assert parse_position("44.51E 40.18N") == (40.18, 44.51)
    assert parse_position("95, 10") is None and parse_position("Yerevan") is None


@given(st.floats(-84, 84), st.floats(-180, 180))
def test_the_projection_goes_back_where_it_came_from(latitude: float, longitude: float) -> None:
    back = inverse_mercator(*mercator(latitude, longitude))
    assert back == pytest.approx((latitude, longitude), abs=1e-9)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=40), st.integers(-5, 70),
       st.integers(0, 40))
def test_events_in_a_range_are_counted_as_by_hand(spans: list[tuple[int, int]], first: int, length: int) -> None:
    events = [(a, a + n) for a, n in spans]
    last = first + length
    assert PlaceEvents({7: events}).count(7, first, last) == sum(1 for a, b in events if a <= last and b >= first)
    assert PlaceEvents({7: events}).count(7) == len(events)
    assert PlaceEvents({}).count(7, first, last) == 0


@settings(max_examples=60)
@given(st.lists(st.tuples(st.floats(0, 400), st.floats(0, 300), st.floats(10, 120)), max_size=60))
def test_labels_never_overlap_and_stay_in_the_frame(points: list[tuple[float, float, float]]) -> None:
    labels = [Label(i, x, y, 5, w, 14) for i, (x, y, w) in enumerate(points)]
    scale_bar = (0.0, 250.0, 150.0, 300.0)
    placed = place_labels(labels, 400, 300, [scale_bar])
    boxes = [(left, top, left + labels[i].width, top + 14) for i, (left, top) in placed.items()]
    for left, top, right, bottom in boxes:
        assert not (left < scale_bar[2] and scale_bar[0] < right and top < scale_bar[3] and scale_bar[1] < bottom)
    for n, (l1, t1, r1, b1) in enumerate(boxes):
        assert l1 >= 0 and r1 <= 400 and t1 >= 0 and b1 <= 300
        for l2, t2, r2, b2 in boxes[n + 1:]:
            assert not (l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1)


def _place_id(store: Database, name: str) -> int:
    return next(i for i, n, _a, _m in store.places.entities() if n == name)


def test_a_position_set_by_hand_is_one_undo_step_and_survives_a_merge_of_entities(sample_path: Path) -> None:
    with Database.open(sample_path) as store:
        syunik, gegharkunik = _place_id(store, "Syunik"), _place_id(store, "Gegharkunik")
        done = perform(store, SetPlacePosition(syunik, 39.2, 46.4))
        assert store.places.decision(syunik) is not None
        assert next(p for p in dossier_places(store) if p.id == syunik).position.origin == "user"  # type: ignore[union-attr]
        undo(store, done)
        assert store.places.decision(syunik) is None
        redo(store, done)
        assert store.places.decision(syunik).latitude == 39.2  # type: ignore[union-attr]
        perform(store, MergeEntities(syunik, gegharkunik))
        kept = store.places.decision(gegharkunik)
        assert kept is not None and (kept.latitude, kept.longitude) == (39.2, 46.4)
        off = perform(store, MarkOffMap(gegharkunik))
        assert next(p for p in dossier_places(store) if p.id == gegharkunik).off_map
        undo(store, off)
        perform(store, ResetPlacePosition(gegharkunik))
        assert store.places.decision(gegharkunik) is None
        with pytest.raises(Refused):
            perform(store, SetPlacePosition(gegharkunik, 91, 0))
        with pytest.raises(Refused):
            perform(store, MarkOffMap(_entity_not_a_place(store)))


def _entity_not_a_place(store: Database) -> int:
    return next(e.id for e in store.entities.all() if e.kind != "place")


def test_a_colleague_s_positions_come_along_in_a_merge_without_overruling_ours(sample_path: Path,
                                                                              tmp_path: Path) -> None:
    theirs_path = tmp_path / "theirs.dossier"
    shutil.copyfile(sample_path, theirs_path)
    with Database.open(theirs_path) as theirs:
        theirs.places.set_position(_place_id(theirs, "Syunik"), 39.3, 46.2)
        theirs.places.set_position(_place_id(theirs, "Armenia"), 40.0, 45.0)
    with Database.open(sample_path) as mine:
        mine.places.set_off_map(_place_id(mine, "Armenia"))
        merge_dossier(mine, theirs_path)
        syunik = mine.places.decision(_place_id(mine, "Syunik"))
        assert syunik is not None and (syunik.latitude, syunik.longitude) == (39.3, 46.2)
        armenia = mine.places.decision(_place_id(mine, "Armenia"))
        assert armenia is not None and armenia.off_map


def test_geojson_and_kml_read_back(sample_path: Path, tmp_path: Path) -> None:
    with Database.open(sample_path) as store:
        store.places.set_position(_place_id(store, "Syunik"), 39.25, 46.25)
        places = dossier_places(store)
        assert write_places(store, places, tmp_path / "p.geojson", "geojson") == 7
        assert write_places(store, places, tmp_path / "p.kml", "kml") == 7
    data = json.loads((tmp_path / "p.geojson").read_text(encoding="utf-8"))
    features = {f["properties"]["name"]: f for f in data["features"]}
    assert data["type"] == "FeatureCollection" and "Nagorno-Karabakh" in features
    syunik = features["Syunik"]
    assert syunik["geometry"] == {"type": "Point", "coordinates": [46.25, 39.25]}
    assert syunik["properties"]["mentions"] == 2 and syunik["properties"]["position_from"] == "user"
    assert syunik["properties"]["articles"] == ["Russian Forces Dispatched To Armenia’s Border Following Breach By "
                                                "Azerbaijani Special Forces"]
    assert features["Armenia"]["properties"]["first_date"] <= features["Armenia"]["properties"]["last_date"]
    lon, lat = features["Gegharkunik"]["geometry"]["coordinates"]
    assert country_at(lat, lon) == "AM"
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = ET.parse(tmp_path / "p.kml").getroot().findall(".//k:Placemark", ns)
    named = {m.findtext("k:name", namespaces=ns): m.findtext(".//k:coordinates", namespaces=ns) for m in marks}
    assert named["Syunik"] == "46.250000,39.250000" and len(named) == 7


def test_graphml_gexf_and_web_annotations_carry_the_places_positions(sample_path: Path, tmp_path: Path) -> None:
    import networkx as nx

    from dossier.export.graph_files import write_graph
    from dossier.export.web_annotation import export_collection

    with Database.open(sample_path) as store:
        store.places.set_position(_place_id(store, "Syunik"), 39.25, 46.25)
        places = {p.id: p for p in dossier_places(store) if p.position}
        positions = {i: (p.position.latitude, p.position.longitude) for i, p in places.items() if p.position}
        write_graph(store, tmp_path / "g.graphml", "graphml", positions=positions)
        write_graph(store, tmp_path / "g.gexf", "gexf", positions=positions)
        text = store.articles.get(1).text
        start = text.index("the eastern province of Gegharkunik")
        end = text.index("Syunik", start) + len("Syunik")
        store.annotations.add(1, "highlight", start, end)
        items = export_collection(store, places=places)["first"]["items"]
    nodes = {d["label"]: d for _n, d in nx.read_graphml(tmp_path / "g.graphml").nodes(data=True)}
    assert (nodes["Syunik"]["latitude"], nodes["Syunik"]["longitude"]) == (39.25, 46.25)
    assert "latitude" not in nodes["Nikol Pashinyan"]
    gexf = {d["label"]: d for _n, d in nx.read_gexf(tmp_path / "g.gexf").nodes(data=True)}
    assert gexf["Syunik"]["latitude"] == 39.25
    named = {item["target"]["selector"][0]["exact"][:12]: item.get("dossier:places") for item in items}
    assert [p["name"] for p in named["the eastern "]] == ["Gegharkunik", "Syunik"]
    assert named["the eastern "][1] == {"name": "Syunik", "latitude": 39.25, "longitude": 46.25, "positionFrom": "user"}
    assert named["request assa"] is None  # a passage naming no place says none

"""The map as a user meets it: View > Map on the sample shows its places where they are; a click
on a place (or Page Down) chooses its entity in the sidebar and lists its passages, Enter opens
one; the timeline's range moves the map's event marks; dragging a chosen place moves it (one undo
step); Position… and Not on Map; the pictures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt

from dossier.analysis.outlines import country_at
from dossier.analysis.places import MapPlace, PlaceEvents
from dossier.core.places import GAZETTEER, Position, inverse_mercator
from dossier.export.map_figure import RangedMarks, marks_of
from dossier.ui.map.panel import MapPanel
from tests.ui.conftest import answer_next_dialog


def _show_map(qtbot, window) -> MapPanel:  # type: ignore[no-untyped-def]
    window.docks["map"].toggleViewAction().trigger()
    panel = window.workspace.map
    qtbot.waitUntil(lambda: bool(panel.view.marks), timeout=60_000)
    qtbot.waitExposed(panel.view)
    return panel


def _ids(panel: MapPanel) -> dict[str, int]:
    return {p.name: p.id for p in panel.place_model.places}


def _pixel(panel: MapPanel, entity_id: int) -> QPoint:
    point = panel.view.pixel_of(entity_id)
    assert point is not None
    return point.toPoint()


def test_the_sample_s_places_are_where_they_are_and_a_click_chooses_the_entity(qtbot, open_real_window,  # type: ignore[no-untyped-def]
                                                                             sample_path: Path) -> None:
    """On the production task runner: the gazetteer and the places are read on a worker."""
    window = open_real_window(sample_path)
    ws = window.workspace
    panel = _show_map(qtbot, window)
    ids = _ids(panel)
    for name, country in (("Syunik", "AM"), ("Gegharkunik", "AM"), ("Armenia", "AM"), ("Azerbaijan", "AZ")):
        mark = panel.view.mark(ids[name])
        assert mark is not None and country_at(*inverse_mercator(mark.x, mark.y)) == country, name
    assert panel.status.text().startswith("7 places on the map")
    syunik = panel.view.mark(ids["Syunik"])
    assert syunik is not None
    panel.view.frame = replace(panel.view.frame, x=syunik.x, y=syunik.y, scale=60)  # zoomed in on it
    qtbot.mouseClick(panel.view, Qt.MouseButton.LeftButton, pos=_pixel(panel, ids["Syunik"]))
    assert ws.entities.current_entity_id() == ids["Syunik"]
    assert panel.view.chosen == ids["Syunik"]
    assert panel.passages.count() == 2 and "Syunik" in panel.passages.item(0).text()
    panel.passages.setCurrentRow(0)
    panel.passages.setFocus()
    qtbot.keyClick(panel.passages, Qt.Key.Key_Return)
    selected = ws.pane.selected_range()
    assert selected is not None and ws.store.articles.get(1).text[selected[0]:selected[1]] == "Syunik"
    window.close()


def test_keys_choose_places_and_the_sidebar_rings_them(qtbot, qtmodeltester, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    panel = _show_map(qtbot, window)
    qtmodeltester.check(panel.place_model)
    ids = _ids(panel)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_PageDown)
    first = panel.view.chosen
    assert first == panel.view.marks[0].id and ws.entities.current_entity_id() == first
    qtbot.keyClick(panel.view, Qt.Key.Key_PageDown)
    assert panel.view.chosen == panel.view.marks[1].id == ws.entities.current_entity_id()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)  # opens its first passage
    assert ws.pane.selected_range() is not None
    ws.entities.select_entity(ids["Gegharkunik"])  # chosen in the sidebar: ringed and listed here
    assert panel.view.chosen == ids["Gegharkunik"] and panel.passages.count() == 1
    before = panel.view.frame
    qtbot.keyClick(panel.view, Qt.Key.Key_Plus)
    assert panel.view.frame.scale > before.scale
    qtbot.keyClick(panel.view, Qt.Key.Key_Left)
    assert panel.view.frame.x < before.x


def test_the_timeline_s_range_moves_the_map(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    panel = _show_map(qtbot, window)
    window.docks["timeline"].toggleViewAction().trigger()
    timeline = ws.timeline
    ids = _ids(panel)
    with_events = {m.id for m in panel.view.marks if m.events}
    assert ids["Armenia"] in with_events
    # the timeline zoomed in far, on a day before anything happened: no place has events in view
    timeline.view.zoom(300)
    timeline.view.horizontalScrollBar().setValue(timeline.view.horizontalScrollBar().minimum())
    first, last = timeline.view.visible_days()
    assert panel._range == (first, last)
    panel.set_range(1, 2)  # year 1: nothing there
    assert all(m.events == 0 and m.faded for m in panel.view.marks if m.id in with_events)
    assert "events at 0" in panel.status.text()
    timeline.view.fit_all()  # the whole span again
    assert {m.id for m in panel.view.marks if m.events} == with_events


_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 15)), max_size=12)
_ranges = st.one_of(st.none(), st.tuples(st.integers(-5, 60), st.integers(-5, 60)).map(lambda r: (min(r), max(r))))


@settings(max_examples=150, deadline=None)
@given(st.lists(_spans, min_size=1, max_size=6), st.lists(_ranges, min_size=1, max_size=6))
def test_ranged_marks_count_each_place_s_events_within_the_period(spans: list[list[tuple[int, int]]],
                                                                  ranges: list[tuple[int, int] | None]) -> None:
    """Range after range (marks kept from one to the next), each place's count is the number of
    its events meeting the period, faded when it has none there; with no period, all of them."""
    places = [MapPlace(i, f"P{i}", i + 1, Position(float(i), float(i), GAZETTEER)) for i in range(len(spans))]
    days = {i: [(first, first + length) for first, length in place] for i, place in enumerate(spans)}
    ranged = RangedMarks(marks_of(places), PlaceEvents(days))
    for period in ranges:
        marks = ranged.marks(period)
        assert [m.id for m in marks] == [m.id for m in marks_of(places)]
        for mark in marks:
            if period is None:
                assert (mark.events, mark.faded) == (len(days[mark.id]), False)
            else:
                low, high = period
                n = sum(1 for first, last in days[mark.id] if first <= high and last >= low)
                assert (mark.events, mark.faded) == (n, n == 0)


def test_dragging_a_chosen_place_moves_it_in_one_undo_step(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    panel = _show_map(qtbot, window)
    ids = _ids(panel)
    iran = ids["Iran"]
    panel.view.choose(iran)
    start = _pixel(panel, iran)
    qtbot.mouseClick(panel.view, Qt.MouseButton.LeftButton, pos=start)
    assert panel.view.chosen == iran
    end = start + QPoint(40, 30)
    qtbot.mousePress(panel.view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(panel.view, start + QPoint(10, 10))
    qtbot.mouseMove(panel.view, end)
    dropped = inverse_mercator(*panel.view.frame.to_plane(end.x(), end.y()))
    qtbot.mouseRelease(panel.view, Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: panel.view.mark(iran) is not None and panel.view.mark(iran).user, timeout=10_000)
    decision = ws.store.places.decision(iran)
    assert decision is not None and not decision.off_map
    assert (decision.latitude, decision.longitude) == pytest.approx(dropped, abs=1e-4)  # where it was let go
    window.edit.undo_action.trigger()
    qtbot.waitUntil(lambda: not panel.view.mark(iran).user, timeout=10_000)  # type: ignore[union-attr]
    assert ws.store.places.decision(iran) is None
    # typed in, then off the map, then back to the gazetteer
    panel.place_list.setCurrentIndex(panel.place_model.index(panel.place_model.row_of(iran)))

    def type_position(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.setTextValue("32.0N 53.0E")
        dialog.accept()

    answer_next_dialog(qtbot, type_position)
    panel.position_action.trigger()
    qtbot.waitUntil(lambda: ws.store.places.decision(iran) is not None, timeout=10_000)
    assert (ws.store.places.decision(iran).latitude, ws.store.places.decision(iran).longitude) == (32.0, 53.0)  # type: ignore[union-attr]
    panel.off_map_action.trigger()
    qtbot.waitUntil(lambda: panel.view.mark(iran) is None, timeout=10_000)
    assert "1 not on the map" in panel.status.text()
    panel.gazetteer_action.trigger()
    qtbot.waitUntil(lambda: panel.view.mark(iran) is not None, timeout=10_000)
    assert ws.store.places.decision(iran) is None


def test_the_map_is_written_as_png_and_svg(qtbot, open_window, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = _show_map(qtbot, window)
    panel.export_picture("png", str(tmp_path / "map"))
    panel.export_picture("svg", str(tmp_path / "map.svg"))
    png = (tmp_path / "map.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Armenia" in svg and "North up" in svg


def test_a_moving_map_moves_its_picture_and_draws_it_whole_once_still(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The settle timer for real: while the map moves, frames copy the last picture; then it is
    drawn again for where the map is."""
    window = open_window(sample_path)
    panel = _show_map(qtbot, window)
    view = panel.view
    view.repaint()
    drawn = view._picture_frame
    view.pan(40, 0)
    view.repaint()
    assert view._picture_frame == drawn != view.frame  # moved as a picture, not drawn again
    qtbot.waitUntil(lambda: view._picture_frame == view.frame, timeout=5_000)


def test_the_report_s_chronology_carries_a_map_of_the_places(qapp, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from dossier.export.pdf import PdfOptions, export_pdf
    from dossier.ingest.geocoding import dossier_places
    from dossier.store import Database

    with Database.open(sample_path) as store:
        export_pdf(store, tmp_path / "map.pdf", PdfOptions(places=dossier_places(store)))
        export_pdf(store, tmp_path / "none.pdf", PdfOptions())
    with_map = subprocess.run(["pdftotext", str(tmp_path / "map.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Where it happened: the 7 places the articles name" in with_map
    chronology = with_map[with_map.index("Chronology", with_map.index("Chronology") + 1):]
    assert chronology.index("Where it happened") < chronology.index("10 November 2020")  # among its figures
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "map.pdf")], capture_output=True, text=True).stdout
    without = subprocess.run(["pdfimages", "-list", str(tmp_path / "none.pdf")], capture_output=True, text=True).stdout
    assert len(images.splitlines()) == len(without.splitlines()) + 1  # the map is one more picture
    assert "Where it happened" not in subprocess.run(["pdftotext", str(tmp_path / "none.pdf"), "-"],
                                                     capture_output=True, text=True).stdout

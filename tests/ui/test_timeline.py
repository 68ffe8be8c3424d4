"""The timeline as a user meets it: the sample's events, zooming, clicking, keys, filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from dossier.core.timeline import tick_unit


def show_timeline(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.workspace.pane.text_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    panel = window.workspace.timeline
    panel.view.resize(900, 300)
    window.timeline_dock.resize(1000, 340)
    qtbot.waitUntil(lambda: panel.view.isVisible())
    panel.view.fit_all()
    return panel


def test_the_sample_events_are_placed_with_their_precision(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = show_timeline(qtbot, window)
    data = panel.view.data
    assert data.count == 8 and panel.status.text() == "8 events"
    spans = {e.date_text: s for s in data.in_time_order for e in window.workspace.store.events.all() if e.id == s.event_id}
    assert date.fromordinal(spans["last year"].first) == date(2020, 1, 1)
    assert date.fromordinal(spans["last year"].last) == date(2020, 12, 31) and spans["last year"].precision == "year"
    assert spans["November 10"].first == spans["November 10"].last == date(2020, 11, 10).toordinal()
    assert spans["Earlier this week"].precision == "range"
    # Geometry: a year is a bar a year long; a day is a point.
    view = panel.view
    x_year0 = view.mapFromScene(QPointF(spans["last year"].first, 0)).x()
    x_year1 = view.mapFromScene(QPointF(spans["last year"].last + 1, 0)).x()
    x_day = view.mapFromScene(QPointF(spans["March 15"].first, 0)).x()
    assert x_year1 - x_year0 > 10 * (view.mapFromScene(QPointF(spans["March 15"].first + 1, 0)).x() - x_day)


def test_zoom_changes_the_tick_unit(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = show_timeline(qtbot, window)
    view = panel.view
    before = tick_unit(view.px_per_day())
    for _ in range(12):
        qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    after = tick_unit(view.px_per_day())
    assert before in ("quarter", "year") and after in ("day", "week")
    for _ in range(12):
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert tick_unit(view.px_per_day()) == before


def test_clicking_an_event_opens_its_article_at_the_evidence(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = show_timeline(qtbot, window)
    view = panel.view
    march = next(s for s in view.data.in_time_order if date.fromordinal(s.first) == date(2021, 3, 15))
    point = view.mapFromScene(QPointF(march.first + 0.5, view.span_y(march)))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    selected = window.workspace.pane.selected_text()
    assert selected.startswith("On March 15, two Azerbaijani border guards were killed")


def test_keys_move_between_events_and_enter_opens(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = show_timeline(qtbot, window)
    view = panel.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert date.fromordinal(view.selected.first) == date(2020, 1, 1)  # the earliest: last year
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert date.fromordinal(view.selected.first) == date(2020, 11, 10)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert "November 10" in window.workspace.pane.selected_text()


def test_lanes_by_entity_and_the_entity_filter(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = show_timeline(qtbot, window)
    panel.lanes_box.setCurrentIndex(panel.lanes_box.findData("entity"))
    assert "Iran" in panel.view.data.lane_labels and "Azerbaijan" in panel.view.data.lane_labels
    panel.lanes_box.setCurrentIndex(0)
    iran = window.workspace.store.entities.ids_by_name("Iran")[0]
    panel.entity_box.setCurrentIndex(panel.entity_box.findData(iran))
    assert panel.view.data.count == 1 and panel.status.text() == "1 events"


def _run(image: QImage, x: int, y: int, colour: QColor, dx: int, dy: int) -> int:
    """How many pixels of `colour` in a row from (x, y) both ways along (dx, dy), (x, y) included."""
    def inside(i: int, j: int) -> bool:
        return 0 <= i < image.width() and 0 <= j < image.height() and QColor(image.pixel(i, j)) == colour

    if not inside(x, y):
        return 0
    count = 1
    for sign in (1, -1):
        i, j = x + sign * dx, y + sign * dy
        while inside(i, j):
            count, i, j = count + 1, i + sign * dx, j + sign * dy
    return count


def test_it_paints_points_and_bars(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A day is a round point a few pixels across; a year is a bar as long as the year and of
    one height all along, measured in the painted pixels."""
    from dossier.ui.timeline.view import LABELS, POINT

    window = open_window(sample_path)
    panel = show_timeline(qtbot, window)
    view = panel.view
    image = QImage(view.viewport().size(), QImage.Format.Format_RGB32)
    view.viewport().render(image)
    highlight = view.palette().color(view.palette().ColorRole.Highlight)
    spans = {e.date_text: s for s in view.data.in_time_order for e in window.workspace.store.events.all() if e.id == s.event_id}

    day = spans["March 15"]
    centre = view.mapFromScene(QPointF(day.first + 0.5, view.span_y(day)))
    across, down = _run(image, centre.x(), centre.y(), highlight, 1, 0), _run(image, centre.x(), centre.y(), highlight, 0, 1)
    assert 2 * POINT - 4 <= across <= 2 * POINT and 2 * POINT - 4 <= down <= 2 * POINT  # a disc inside its ring
    near_top = _run(image, centre.x(), centre.y() - int(POINT) + 2, highlight, 1, 0)
    assert 0 < near_top < across  # round, not square

    year = spans["last year"]
    y = view.mapFromScene(QPointF(year.first, view.span_y(year))).y()
    x0 = max(view.mapFromScene(QPointF(year.first, 0)).x(), LABELS + 1)  # the lane names cover its start
    x1 = view.mapFromScene(QPointF(year.last + 1, 0)).x()
    assert x1 - x0 > 6 * across
    on_the_bar = sum(1 for x in range(x0 + 1, x1 - 1) if QColor(image.pixel(x, y)) == highlight)
    assert on_the_bar >= 0.8 * (x1 - x0 - 2)  # the whole year long (points on it are ringed apart)
    heights = [_run(image, x, y, highlight, 0, 1) for x in range(x0 + 2, x1 - 2, 7)
               if QColor(image.pixel(x, y)) == highlight]
    common = max(set(heights), key=heights.count)
    assert 9 <= common <= 11 and heights.count(common) >= 0.8 * len(heights)  # one height all along: a bar


def test_add_edit_and_delete_events_with_undo(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.timeline.editing import EventDialog
    from tests.ui.conftest import answer_next_dialog

    window = open_window(sample_path)
    ws = window.workspace
    panel = show_timeline(qtbot, window)
    text = ws.pane.article.text
    sentence = "Following Pashinyan’s request, Russian troops from the 102nd Base in Armenia were dispatched to Syunik"
    ws.pane.select_range(text.index(sentence), text.index(sentence) + len(sentence))

    def date_it(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, EventDialog)
        dialog.title_edit.setText("Russian troops to Syunik")
        dialog.words_edit.setText("today")
        assert dialog.resolved.text() == "14 May 2021"  # resolved against the published date
        dialog.accept()

    answer_next_dialog(qtbot, date_it)
    window.add_event_action.trigger()
    added = next(e for e in ws.store.events.all(1) if e.title == "Russian troops to Syunik")
    assert (added.earliest, added.precision, added.origin) == ("2021-05-14", "day", "user")
    assert {ws.store.entities.get(i).name for i in added.entity_ids} >= {"102nd Base", "Syunik"}
    assert panel.view.data.count == 9 and panel.selected_event().id == added.id

    def redate(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.words_edit.setText("May 2021")
        dialog.precision_box.setCurrentIndex(dialog.precision_box.findData("approximate"))
        dialog.accept()

    answer_next_dialog(qtbot, redate)
    panel.edit_button.click()
    edited = ws.store.events.get(added.id)
    assert (edited.earliest, edited.latest, edited.precision) == ("2021-05-01", "2021-05-31", "approximate")
    panel.delete_button.click()
    assert all(e.id != added.id for e in ws.store.events.all(1)) and panel.view.data.count == 8
    window.undo_action.trigger()  # the delete
    assert ws.store.events.get(added.id).precision == "approximate"
    window.undo_action.trigger()  # the edit
    assert ws.store.events.get(added.id).precision == "day"
    window.undo_action.trigger()  # the add
    assert panel.view.data.count == 8
    window.redo_action.trigger()
    assert ws.store.events.get(added.id).title == "Russian troops to Syunik"


def test_tag_and_date_filters_and_entity_highlight(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    panel = show_timeline(qtbot, window)
    panel.from_edit.setText("2021")
    panel.from_edit.editingFinished.emit()
    assert panel.view.data.count == 6  # the 2020 items are out
    panel.to_edit.setText("2021-03")
    panel.to_edit.editingFinished.emit()
    assert panel.view.data.count == 1  # March 15
    panel.from_edit.clear()
    panel.to_edit.clear()
    panel.from_edit.editingFinished.emit()
    tag = ws.store.tags.all()[0].id
    panel.tag_box.setCurrentIndex(panel.tag_box.findData(tag))
    assert panel.view.data.count == 8  # the tagged claim is in the sample's one article
    panel.tag_box.setCurrentIndex(0)
    iran = ws.store.entities.ids_by_name("Iran")[0]
    ws.entities.select_entity(iran)
    assert len(panel.view.highlighted) == 1


def test_the_timeline_says_which_dates_lie_ahead_and_lists_those_it_could_not_place(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ingest.pipeline import ImportOptions, run_import
    from dossier.store import Database

    elections = Path(__file__).resolve().parents[1] / "data" / "tense" / "elections.txt"
    with Database.create(tmp_path / "t.dossier", "Elections") as store:
        run_import(store, [elections], ImportOptions(published=("2021-05-28", "day")))
    window = open_window(tmp_path / "t.dossier")
    panel = show_timeline(qtbot, window)
    model = panel.events_model
    rows = {model.index(r, 1).data(): model.index(r, 0).data() for r in range(model.rowCount())}
    when = {title.split()[0]: text for title, text in rows.items()}
    assert rows["Talks in Moscow on Monday."] == ("not placed: its sentence does not say whether before or after "
                                                  "publication")
    assert [model.index(r, 1).data() for r in range(model.rowCount())][-1] == "Talks in Moscow on Monday."  # last
    assert "20 Jun 2021; after publication" in rows.values() and "7 Jun 2021; after publication" in rows.values()
    assert "12 May 2021; before publication" in rows.values()
    assert when["Prime"].startswith("1 Apr 2021 – 30 Apr 2021 (month); before publication")
    assert "1 without a resolved date" in panel.status.text()


def test_article_lanes_follow_each_articles_earliest_event(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Lanes by article are ordered by each article's earliest event; an article whose events are
    all undated comes last."""
    from dossier.core.models import NewArticle
    from dossier.store import Database, NewEvent

    path = tmp_path / "lanes.dossier"
    with Database.create(path, "Lanes") as store:
        late, undated, early = (store.articles.add(NewArticle(t, f"{t} text of the article.")) for t in
                                ("Late", "Undated", "Early"))
        store.events.add_many([
            NewEvent(late, 0, 4, "a", "June 2021", "2021-06-01", "2021-06-30", "month"),
            NewEvent(undated, 0, 4, "b", "yesterday", None, None, "day"),
            NewEvent(early, 0, 4, "c", "January 2021", "2021-01-01", "2021-01-31", "month"),
            NewEvent(late, 0, 4, "d", "2020", "2020-01-01", "2020-12-31", "year"),
            NewEvent(early, 0, 4, "e", "14 January 2021", "2021-01-14", "2021-01-14", "day"),
        ])
    window = open_window(path)
    panel = show_timeline(qtbot, window)
    assert panel.view.data.lane_labels == ["Late", "Early", "Undated"]

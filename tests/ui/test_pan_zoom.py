"""What README promises of the timeline and the network, done as a user does it: hover over an
event for its date words, wheel and pinch to zoom about the pointer, drag to pan; in the network
the wheel zooms, dragging the background pans, 0 fits the whole picture again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QCursor, QEnterEvent, QMouseEvent, QNativeGestureEvent, QPointingDevice, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QToolTip

from tests.ui.test_network_view import _ids, _show_network
from tests.ui.test_timeline import show_timeline


def point_at(view: QGraphicsView, at: QPoint) -> None:
    """The pointer comes over `at` in the view's viewport (the cursor moves there, the view hears
    it enter and move), as before a hover or a turn of the wheel."""
    viewport = view.viewport()
    where = viewport.mapToGlobal(at)
    QCursor.setPos(where)
    for widget in (view, viewport):
        local = QPointF(widget.mapFromGlobal(where))
        QApplication.sendEvent(widget, QEnterEvent(local, local, QPointF(where)))
    QApplication.sendEvent(viewport, QMouseEvent(QEvent.Type.MouseMove, QPointF(at), QPointF(where), Qt.MouseButton.NoButton,
                                                 Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))


def wheel(view: QGraphicsView, at: QPoint, notches: int) -> None:
    """Turn a mouse wheel `notches` clicks (positive: away from the user) over `at`, one event a click."""
    point_at(view, at)
    viewport = view.viewport()
    for _ in range(abs(notches)):
        event = QWheelEvent(QPointF(at), QPointF(viewport.mapToGlobal(at)), QPoint(), QPoint(0, 120 if notches > 0 else -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)


def pinch(view: QGraphicsView, at: QPoint, value: float) -> None:
    """A trackpad's pinch: a native zoom gesture of `value` (0.2 is a fifth larger)."""
    viewport = view.viewport()
    event = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2,
                                QPointF(at), QPointF(at), QPointF(viewport.mapToGlobal(at)), value, QPointF(), 0)
    QApplication.sendEvent(viewport, event)


def drag(qtbot, view: QGraphicsView, start: QPoint, by: QPoint) -> None:  # type: ignore[no-untyped-def]
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 9):
        qtbot.mouseMove(viewport, start + by * (step / 8))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + by)


# -- the timeline -------------------------------------------------------------------------------------


def _timeline(qtbot, window):  # type: ignore[no-untyped-def]
    panel = show_timeline(qtbot, window)
    view = panel.view
    spans = {e.date_text: s for s in view.data.in_time_order for e in window.workspace.store.events.all() if e.id == s.event_id}
    return view, spans


def _on_screen(view, span) -> QPoint:  # type: ignore[no-untyped-def]
    return view.mapFromScene(QPointF(span.first + 0.5, view.span_y(span)))


def test_hovering_an_event_tells_its_date_words_what_they_were_read_as_and_the_article(qtbot, open_window,  # type: ignore[no-untyped-def]
                                                                                     sample_path: Path) -> None:
    window = open_window(sample_path)
    view, spans = _timeline(qtbot, window)
    point_at(view, _on_screen(view, spans["March 15"]))
    qtbot.waitUntil(QToolTip.isVisible, timeout=5_000)
    title = window.workspace.store.articles.get(1).title
    assert QToolTip.text() == f"“March 15” — 15 Mar 2021; before publication\n{title}"
    empty = QPoint(view.viewport().width() - 5, view.viewport().height() - 5)  # no event down there
    assert view.span_at(QPointF(empty)) is None
    point_at(view, empty)
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=5_000)


def test_the_wheel_and_a_pinch_zoom_the_timeline_about_the_pointer(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    view, _spans = _timeline(qtbot, window)
    middle = QPoint(view.viewport().width() // 2 + 60, view.viewport().height() // 2)
    before = view.px_per_day()
    wheel(view, middle, 3)  # a fifth more each click
    assert abs(view.px_per_day() - before * 1.25 ** 3) < 1e-6 * before
    zoomed = view.px_per_day()
    at = middle - QPoint(120, 0)  # away from the middle: the view must move to keep the day there
    day_under = view.mapToScene(at).x()
    wheel(view, at, 2)
    assert abs(view.px_per_day() - zoomed * 1.25 ** 2) < 1e-6 * zoomed
    assert abs(view.mapToScene(at).x() - day_under) < 2 / view.px_per_day()  # the same day stays under the pointer
    wheel(view, at, -2)
    assert abs(view.px_per_day() - zoomed) < 1e-6 * zoomed
    pinch(view, at, 0.5)
    assert abs(view.px_per_day() - zoomed * 1.5) < 1e-6 * zoomed
    assert abs(view.mapToScene(at).x() - day_under) < 2 / view.px_per_day()


def test_dragging_pans_the_timeline_and_fit_all_brings_everything_back(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    view, spans = _timeline(qtbot, window)
    everything = view.visible_days()
    at = _on_screen(view, spans["November 10"])
    for _ in range(4):
        wheel(view, at, 2)  # zoomed in: some events are out of view
    first, last = view.visible_days()
    assert last - first < (everything[1] - everything[0]) / 4
    seen: list[tuple[int, int]] = []
    view.visible_days_changed.connect(lambda a, b: seen.append((a, b)))
    empty = QPoint(view.viewport().width() - 40, view.viewport().height() - 10)
    drag(qtbot, view, empty, QPoint(-200, 0))  # pulling the picture left shows later days
    moved = view.visible_days()
    days = 200 / view.px_per_day()
    assert abs((moved[0] - first) - days) <= 2 and seen and seen[-1] == moved  # the filters hear of it
    assert view.selected is None  # a drag on the background chooses nothing
    view.fit_all()
    assert view.visible_days()[0] <= everything[0] + 1 and view.visible_days()[1] >= everything[1] - 1
    assert date.fromordinal(spans["last year"].first) == date(2020, 1, 1)


# -- the network -----------------------------------------------------------------------------------------


def test_the_wheel_zooms_the_network_about_the_pointer_and_the_links_come_back_when_it_stops(  # type: ignore[no-untyped-def]
        qtbot, open_window, sample_path: Path) -> None:
    window = open_window(sample_path)
    panel = _show_network(qtbot, window)
    canvas, item = panel.canvas, panel.item
    russia = _ids(panel)["Russia"]
    at = canvas.mapFromScene(item.position_of(russia))
    before = canvas.transform().m11()
    wheel(canvas, at, 2)
    assert abs(canvas.transform().m11() - before * 1.0015 ** 240) < 1e-6 * before
    assert (canvas.mapFromScene(item.position_of(russia)) - at).manhattanLength() <= 2  # Russia stays put
    assert item.moving  # while the wheel turns, links are left out
    qtbot.waitUntil(lambda: not item.moving, timeout=5_000)  # the production timer: drawn whole again
    assert canvas.itemAt(at) is item and item.node_at(item.position_of(russia), 0) == russia


def test_dragging_the_background_pans_the_network_and_0_fits_it_again(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = _show_network(qtbot, window)
    canvas, item = panel.canvas, panel.item
    ids = _ids(panel)
    viewport = canvas.viewport().rect()

    def all_in_view() -> bool:
        return all(viewport.contains(canvas.mapFromScene(item.position_of(i))) for i in ids.values())

    assert all_in_view()
    middle = QPoint(viewport.width() // 2, viewport.height() // 2)
    for _ in range(3):
        wheel(canvas, middle, 4)  # zoomed in: some entities are out of view
    assert not all_in_view()
    russia = ids["Russia"]
    where, placed = canvas.mapFromScene(item.position_of(russia)), item.position_of(russia)
    background = next(QPoint(x, y) for y in range(5, viewport.height(), 15) for x in range(5, viewport.width(), 15)
                      if item.node_at(canvas.mapToScene(QPoint(x, y)), 12 / canvas.transform().m11()) is None
                      and item.link_at(canvas.mapToScene(QPoint(x, y)), 6 / canvas.transform().m11()) is None)
    chosen = panel.item.selected_node
    drag(qtbot, canvas, background, QPoint(60, 40))
    assert (canvas.mapFromScene(item.position_of(russia)) - (where + QPoint(60, 40))).manhattanLength() <= 3
    assert panel.item.selected_node == chosen and item.position_of(russia) == placed  # the view moved, not Russia
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    assert all_in_view()

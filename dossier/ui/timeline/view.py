"""TimelineView: a QGraphicsView of the dossier's events over time.

One item paints everything, and only what is visible: at 100,000 events an item per event
costs a second to build and half a second per repaint. Zoomed out, each lane shows density bars;
zoomed in, a day is a point, a month, year or range a bar from earliest to latest, and an
approximate date is faded. The axis ticks adapt from centuries down to days. The scene's x unit
is one day; zooming scales x only, so lanes keep their height.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QStyleOptionGraphicsItem, QToolTip, QWidget

from dossier.core.timeline import Span, TimelineData, ticks

ROW = 20.0  # scene units (pixels) per row of stacked events in a lane
PAD = 8.0  # space between lanes
AXIS = 30  # pixels for the axis at the top of the view
LABELS = 180  # pixels for the lane labels at the left
POINT = 5.0  # radius of a day's point
DENSE = 0.25  # fewer pixels per event than this in a lane: draw density bars
MIN_LANES_SHOWN = 3  # the view is never so short that fewer single-row lanes show


class LaneLayout:
    """Where each lane sits: its height grows with the rows its stacked events need."""

    def __init__(self, rows: list[int]) -> None:
        self.heights = [r * ROW + PAD for r in rows] or [ROW + PAD]
        self.tops = [0.0]
        for h in self.heights:
            self.tops.append(self.tops[-1] + h)

    @property
    def total(self) -> float:
        return self.tops[-1]

    def lane_at(self, y: float) -> int:
        """The lane under scene y, or -1."""
        if y < 0 or y >= self.total:
            return -1
        return max(0, bisect_right(self.tops, y) - 1)

    def row_y(self, lane: int, row: int) -> float:
        """Scene y of the middle of a row of a lane."""
        return self.tops[lane] + PAD / 2 + row * ROW + ROW / 2


class TimelineItem(QGraphicsItem):
    def __init__(self, view: TimelineView) -> None:
        super().__init__()
        self._view = view
        self._sprites: dict[tuple[int, int], QPixmap] = {}
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def boundingRect(self) -> QRectF:
        data = self._view.data
        if data is None:
            return QRectF()
        return QRectF(data.first_day - 30, -AXIS, data.last_day - data.first_day + 61,
                      self._view.layout.total + AXIS)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        data = self._view.data
        if data is None:
            return
        exposed = option.exposedRect
        to_device = painter.worldTransform()
        painter.save()
        painter.resetTransform()  # draw in pixels: zoom stretches time, never the shapes
        palette = self._view.palette()
        color = palette.color(QPalette.ColorRole.Highlight)
        faded = QColor(color)
        faded.setAlpha(90)
        selected = self._view.selected
        layout = self._view.layout
        px_per_day = to_device.m11()
        first, last = int(exposed.left()) - 1, int(exposed.right()) + 1
        lane_first = max(0, layout.lane_at(max(0.0, exposed.top())))
        lane_last = layout.lane_at(exposed.bottom())
        lane_last = len(data.lanes) - 1 if lane_last < 0 else lane_last
        # x = day * sx + dx: plain arithmetic, and one draw call per kind of mark and lane.
        sx, dx, sy, dy = to_device.m11(), to_device.dx(), to_device.m22(), to_device.dy()
        dot = self._sprite(color, palette.color(QPalette.ColorRole.Base))
        faded_dot = self._sprite(faded, palette.color(QPalette.ColorRole.Base))
        half = dot.width() / dot.devicePixelRatio() / 2
        for lane in range(lane_first, lane_last + 1):
            spans = data.visible(lane, first, last)
            if spans and len(spans) > (last - first) * px_per_day * DENSE:
                y = (layout.tops[lane] + layout.heights[lane] / 2) * sy + dy
                self._paint_density(painter, data, lane, first, last, px_per_day, to_device, y, color,
                                    layout.heights[lane])
                continue
            bars, faded_bars, points = [], [], []
            for span in spans:
                y = layout.row_y(lane, span.row) * sy + dy
                x0 = span.first * sx + dx
                x1 = (span.last + 1) * sx + dx
                approximate = span.precision == "approximate"
                if span.precision == "day":
                    points.append((span.row, (x0 + x1) / 2, y, approximate))
                else:
                    (faded_bars if approximate else bars).append(QRectF(x0, y - 5, max(3.0, x1 - x0), 10))
            painter.setPen(Qt.PenStyle.NoPen)
            if bars:
                painter.setBrush(color)
                painter.drawRects(bars)
            if faded_bars:
                painter.setBrush(faded)
                painter.drawRects(faded_bars)
            # Points last, ringed in the background colour: a day inside a year stays visible.
            # Points closer than a point's width on screen are one mark with their count on it.
            for x, y, approximate, count in _clusters(points):
                painter.drawPixmap(QPointF(x - half, y - half), faded_dot if approximate else dot)
                if count > 1:
                    self._paint_count(painter, x, y, count, palette)
            if self._view.highlighted:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Link), 2))
                for span in spans:
                    if span.event_id in self._view.highlighted:
                        y = layout.row_y(lane, span.row) * sy + dy
                        x0, x1 = span.first * sx + dx, (span.last + 1) * sx + dx
                        if span.precision == "day":
                            painter.drawEllipse(QPointF((x0 + x1) / 2, y), POINT + 5, POINT + 5)
                        else:
                            painter.drawRect(QRectF(x0 - 3, y - 8, max(3.0, x1 - x0) + 6, 16))
            if selected is not None and selected.lane == lane and first <= selected.last and selected.first <= last:
                y = layout.row_y(lane, selected.row) * sy + dy
                x0, x1 = selected.first * sx + dx, (selected.last + 1) * sx + dx
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 2))
                painter.drawRoundedRect(QRectF(min(x0, (x0 + x1) / 2 - POINT) - 4, y - 9,
                                               max(x1 - x0, 2 * POINT) + 8, 18), 4, 4)
        painter.restore()

    def _sprite(self, color: QColor, ring: QColor) -> QPixmap:
        """A day's point, drawn once per colour: blitting it beats drawing each circle."""
        key = (color.rgba(), ring.rgba())
        sprite = self._sprites.get(key)
        if sprite is None:
            ratio = self._view.devicePixelRatioF()
            size = 2 * POINT + 6
            sprite = QPixmap(int(size * ratio), int(size * ratio))
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent)
            p = QPainter(sprite)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(ring, 2))
            p.setBrush(color)
            p.drawEllipse(QPointF(size / 2, size / 2), POINT, POINT)
            p.end()
            self._sprites[key] = sprite
        return sprite

    def _paint_count(self, painter: QPainter, x: float, y: float, count: int, palette: QPalette) -> None:
        """How many events one mark stands for, in a small badge above its right."""
        text = str(count) if count < 100 else "99+"
        metrics = painter.fontMetrics()
        width = max(14, metrics.horizontalAdvance(text) + 6)
        badge = QRectF(x + POINT - 2, y - POINT - 10, width, 13)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Text))
        painter.drawRoundedRect(badge, 6, 6)
        painter.setPen(palette.color(QPalette.ColorRole.Base))
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.setPen(Qt.PenStyle.NoPen)

    def _paint_density(self, painter: QPainter, data: TimelineData, lane: int, first: int, last: int,
                       px_per_day: float, to_device: QTransform, y: float, color: QColor,
                       lane_height: float) -> None:
        width_px = max(1.0, (last - first) * px_per_day)
        bins = max(1, int(width_px // 4))  # a bar every 4 pixels
        counts = data.density(lane, first, (last - first) / bins, bins)
        top = max(counts) or 1
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        x = to_device.map(QPointF(first, 0)).x()
        step = width_px / bins
        for i, n in enumerate(counts):
            if n:
                h = 2 + (lane_height - 8) * n / top
                painter.drawRect(QRectF(x + i * step, y + lane_height / 2 - 4 - h, max(1.0, step - 1), h))


def _clusters(points: list[tuple[int, float, float, bool]]) -> list[tuple[float, float, bool, int]]:
    """Day points (row, x, y, approximate) that would overlap on screen, as one mark each:
    (x, y, approximate if all are, how many)."""
    marks: list[tuple[float, float, bool, int]] = []
    last_by_row: dict[int, int] = {}
    for row, x, y, approximate in sorted(points):
        at = last_by_row.get(row)
        if at is not None and x - marks[at][0] < 2 * POINT:
            mx, my, all_approximate, count = marks[at]
            marks[at] = (mx, my, all_approximate and approximate, count + 1)
        else:
            last_by_row[row] = len(marks)
            marks.append((x, y, approximate, 1))
    return marks


class TimelineView(QGraphicsView):
    event_activated = Signal(int)  # the event's id: open its article at its evidence
    event_selected = Signal(int)  # the event's id: chosen with a click or the arrow keys
    visible_days_changed = Signal(int, int)  # the first and last day now in view (zoom, pan)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: TimelineData | None = None
        self.layout = LaneLayout([])
        self.highlighted: set[int] = set()  # event ids to ring (an entity chosen elsewhere)
        self._zoomed_by_user = False
        self.titles: dict[int, tuple[str, str, str]] = {}  # event id -> (date words, range, article title)
        self.selected: Span | None = None
        self.setScene(QGraphicsScene(self))
        self._item = TimelineItem(self)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Timeline"))
        # Never so short that fewer than a few lanes show (one lane, cut in half, said nothing).
        self.setMinimumHeight(int(AXIS + MIN_LANES_SHOWN * (ROW + PAD) + 16))
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self._announce_days())

    def set_data(self, data: TimelineData, titles: dict[int, tuple[str, str, str]]) -> None:
        self.data, self.titles, self.selected = data, titles, None
        self.layout = LaneLayout(data.rows)
        self._item.prepareGeometryChange()
        self.scene().setSceneRect(self._item.boundingRect())
        self.fit_all()

    def fit_all(self) -> None:
        if self.data is None:
            return
        rect = self._item.boundingRect()
        width = max(1, self.viewport().width() - LABELS - 20)  # the lane names take the left
        px = width / max(1.0, rect.width())
        self.resetTransform()
        self.scale(px, 1.0)
        self.centerOn(rect.left() + (self.viewport().width() / 2 - LABELS - 10) / px,
                      rect.top() + self.viewport().height() / 2)
        self.viewport().update()
        self._announce_days()

    def visible_days(self) -> tuple[int, int]:
        """The first and last day the view shows right of the lane names."""
        left = self.mapToScene(LABELS, 0).x()
        right = self.mapToScene(self.viewport().width(), 0).x()
        return int(left), int(right) + 1

    def _announce_days(self) -> None:
        if self.data is not None:
            self.visible_days_changed.emit(*self.visible_days())

    def span_y(self, span: Span) -> float:
        """Scene y of a span's mark (its lane and row)."""
        return self.layout.row_y(span.lane, span.row)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._zoomed_by_user:
            self.fit_all()  # until the user zooms, the whole span stays in view
        self._announce_days()

    def px_per_day(self) -> float:
        return self.transform().m11()

    def zoom(self, factor: float) -> None:
        new = self.px_per_day() * factor
        if 0.001 <= new <= 400:  # from a few centuries to hours per day on screen
            self.scale(factor, 1.0)
            self.viewport().update()
            self._announce_days()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._zoomed_by_user = True
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QNativeGestureEvent) and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self._zoomed_by_user = True
            self.zoom(1.0 + event.value())  # a trackpad pinch
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._zoomed_by_user = True
            self.zoom(1.5)
        elif event.modifiers() & Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_Minus:
            self._zoomed_by_user = True
            self.zoom(1 / 1.5)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            self.step(1 if key == Qt.Key.Key_Right else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.event_activated.emit(self.selected.event_id)
        else:
            super().keyPressEvent(event)

    def step(self, direction: int) -> None:
        """Move the selection to the next or previous event in time."""
        if self.data is None or not self.data.count:
            return
        order = self.data.in_time_order
        index = order.index(self.selected) + direction if self.selected in order else 0
        self.selected = order[max(0, min(len(order) - 1, index))]
        self.ensureVisible(QRectF(self.selected.first, self.span_y(self.selected) - ROW / 2, 1, ROW), 60, 10)
        self.viewport().update()
        self.event_selected.emit(self.selected.event_id)

    def span_at(self, pos: QPointF) -> Span | None:
        """The event drawn under a viewport position (within a few pixels)."""
        if self.data is None:
            return None
        scene = self.mapToScene(pos.toPoint())
        lane = self.layout.lane_at(scene.y())
        if lane < 0:
            return None
        slack = POINT / max(self.px_per_day(), 1e-6)
        hits = [s for s in self.data.visible(lane, int(scene.x() - slack) - 1, int(scene.x() + slack) + 1)
                if abs(self.span_y(s) - scene.y()) <= ROW / 2]
        return min(hits, key=lambda s: abs((s.first + s.last + 1) / 2 - scene.x()), default=None)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        span = self.span_at(event.position())
        if span is not None and event.button() == Qt.MouseButton.LeftButton:
            self.selected = span
            self.viewport().update()
            self.event_selected.emit(span.event_id)
            self.event_activated.emit(span.event_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        span = self.span_at(event.position())
        if span is not None and span.event_id in self.titles:
            words, resolved, article = self.titles[span.event_id]
            QToolTip.showText(event.globalPosition().toPoint(), f"“{words}” — {resolved}\n{article}", self)
        else:
            QToolTip.hideText()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """The axis along the top and the lane names down the left, fixed to the viewport."""
        if self.data is None:
            return
        painter.save()
        painter.resetTransform()
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        width, height = self.viewport().width(), self.viewport().height()
        left = self.mapToScene(0, 0).x()
        right = self.mapToScene(width, 0).x()
        painter.fillRect(QRectF(0, 0, width, AXIS), palette.color(QPalette.ColorRole.Window))
        # Grid lines: opaque and not antialiased (a translucent smoothed line the height of the
        # view cost a millisecond each).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        base = palette.color(QPalette.ColorRole.Base)
        grid = QColor.fromRgbF(*(b + (t - b) * 0.15 for b, t in zip(base.getRgbF()[:3], text.getRgbF()[:3])))
        marks = [(int(self.mapFromScene(QPointF(t.day, 0)).x()), t.label) for t in ticks(int(left), int(right) + 1,
                                                                                         self.px_per_day())]
        painter.setPen(grid)
        for x, _label in marks:
            painter.drawLine(x, AXIS, x, height)
        painter.setPen(text)
        metrics = painter.fontMetrics()
        for x, label in axis_labels(marks, metrics.horizontalAdvance):
            painter.drawText(QPointF(x + 3, AXIS - 10), label)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(QRectF(0, AXIS, LABELS, height - AXIS), palette.color(QPalette.ColorRole.Window))
        for lane in range(len(self.data.lanes)):
            top = self.mapFromScene(QPointF(0, self.layout.tops[lane])).y()
            lane_height = self.layout.heights[lane]
            if top > height:
                break
            if top + lane_height < AXIS:
                continue
            painter.drawText(QRectF(4, top, LABELS - 8, lane_height), int(Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(self.data.lane_labels[lane], Qt.TextElideMode.ElideRight, LABELS - 8))
        painter.restore()


def axis_labels(marks: list[tuple[int, str]], width_of: Callable[[str], int]) -> list[tuple[int, str]]:
    """Where the axis labels go: right of the lane names only, so none is cut ("t 2019"); the
    period the left edge falls in is named at the edge when there is room before the next."""
    shown = [(x, label) for x, label in marks if x + 3 >= LABELS]
    earlier = [label for x, label in marks if x + 3 < LABELS]
    if earlier and (not shown or shown[0][0] - LABELS > width_of(earlier[-1]) + 12):
        shown.insert(0, (LABELS, earlier[-1]))
    return shown


def describe(earliest: str | None, latest: str | None, precision: str) -> str:
    """"14 May 2021", "10–14 May 2021 (range)", "2020 (year)": the resolved dates in words."""
    if not earliest:
        return "date not resolved"
    a, b = date.fromisoformat(earliest), date.fromisoformat(latest or earliest)
    if a == b:
        return a.strftime("%d %b %Y").lstrip("0")
    return f"{a.strftime('%d %b %Y').lstrip('0')} – {b.strftime('%d %b %Y').lstrip('0')} ({precision})"

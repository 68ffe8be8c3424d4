"""MapView: the map, drawn by export.map_figure (the same picture the exports write), with the
gestures of a map: drag to pan, wheel or +/- to zoom about the pointer, arrows to pan; a click on a
place chooses it, dragging a chosen place puts it somewhere else (one undo step); Page Down and
Page Up step through the places, biggest first, and Enter opens the chosen one's first passage.

The picture is kept as an image (the sea, land and lines apart, so that a change of places or of
the period draws only the places again): while the map moves, that image is moved and scaled (a
frame costs a copy), and drawn again whole once the map has been still for a moment.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from dossier.core.places import inverse_mercator
from dossier.export.map_figure import SEA, MapFrame, Mark, fit, paint_background, paint_places, paint_scale

SETTLE_MS = 150  # the full picture again once the map has been still this long
DRAG_FROM_PX = 5  # a press that moves less than this is a click


class MapView(QWidget):
    place_chosen = Signal(int)  # clicked, or stepped to with Page Up / Page Down
    place_activated = Signal(int)  # Enter or a double-click: open its first passage
    place_moved = Signal(int, float, float)  # dragged to (latitude, longitude)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: list[Mark] = []
        self.chosen: int | None = None
        self.frame = MapFrame(0.0, -25.0, 2.0, 640, 400)
        self.frame_ms: list[float] = []  # how long each frame took to paint (the benchmark reads it)
        self._fitted_once = False
        self._background: QImage | None = None  # sea, land and lines, as last drawn whole
        self._background_frame = self.frame
        self._picture: QImage | None = None  # the background with the places on it
        self._picture_frame = self.frame
        self._press: QPointF | None = None
        self._dragged_mark: int | None = None
        self._drag_to: QPointF | None = None
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(240, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Map"))

    # -- what it shows --------------------------------------------------------------------------------

    def set_marks(self, marks: Sequence[Mark], fit_to: Sequence[tuple[float, float]] | None = None) -> None:
        self.marks = list(marks)
        if fit_to is not None or not self._fitted_once:
            self.fit(fit_to or [])
        self.update()

    def fit(self, positions: Sequence[tuple[float, float]]) -> None:
        self.frame = fit(positions, self.width(), self.height())
        self._fitted_once = bool(positions) or self._fitted_once
        self.update()

    def choose(self, entity_id: int | None) -> None:
        """Ring this place (chosen here or elsewhere); it is brought into view if it is outside."""
        self.chosen = entity_id
        mark = self.mark(entity_id)
        if mark is not None:
            left, top, right, bottom = self.frame.visible()
            if not (left <= mark.x <= right and top <= mark.y <= bottom):
                self.frame = replace(self.frame, x=mark.x, y=mark.y)
        self.update()

    def mark(self, entity_id: int | None) -> Mark | None:
        return next((m for m in self.marks if m.id == entity_id), None)

    def mark_at(self, px: float, py: float) -> Mark | None:
        """Of the places whose circle holds this pixel, the one whose centre is nearest (then the
        smallest: a small circle is drawn over a big one)."""
        hits = []
        for mark in self.marks:
            x, y = self.frame.to_pixel(mark.x, mark.y)
            distance = (x - px) ** 2 + (y - py) ** 2
            if distance <= (mark.radius + 3) ** 2:
                hits.append((distance, mark.radius, mark))
        return min(hits, key=lambda hit: hit[:2])[2] if hits else None

    def pixel_of(self, entity_id: int) -> QPointF | None:
        mark = self.mark(entity_id)
        return None if mark is None else QPointF(*self.frame.to_pixel(mark.x, mark.y))

    # -- painting ----------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        started = time.perf_counter()
        painter = QPainter(self)
        if self._settle.isActive() and self._picture is not None:
            # moving: the picture of before, moved and scaled to where it lies now (one copy)
            old = self._picture_frame
            x0, y0 = self.frame.to_pixel(*old.to_plane(0, 0))
            x1, y1 = self.frame.to_pixel(*old.to_plane(old.width, old.height))
            painter.fillRect(self.rect(), QColor(SEA))
            painter.drawImage(QRectF(x0, y0, x1 - x0, y1 - y0), self._picture)
        else:
            if self._background is None or self._background_frame != self.frame:
                self._background = self._paint_background(self.frame)
                self._background_frame = self.frame
            picture = self._background.copy()
            picture.setDevicePixelRatio(self._background.devicePixelRatio())
            places = QPainter(picture)
            paint_places(places, self.frame, self._marks_drawn(), self.font(), self.chosen)
            places.end()
            self._picture, self._picture_frame = picture, self.frame
            painter.drawImage(0, 0, picture)
        paint_scale(painter, self.frame, self.font())
        painter.end()
        self.frame_ms.append((time.perf_counter() - started) * 1000)
        del self.frame_ms[:-500]

    def _marks_drawn(self) -> list[Mark]:
        """The marks, the one being dragged where the pointer is."""
        if self._dragged_mark is None or self._drag_to is None:
            return self.marks
        x, y = self.frame.to_plane(self._drag_to.x(), self._drag_to.y())
        return [m._replace(x=x, y=y, user=True) if m.id == self._dragged_mark else m for m in self.marks]

    def _paint_background(self, frame: MapFrame) -> QImage:
        ratio = self.devicePixelRatioF()
        image = QImage(int(frame.width * ratio), int(frame.height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        painter = QPainter(image)
        paint_background(painter, frame)
        painter.end()
        return image

    def _moved(self, frame: MapFrame) -> None:
        self.frame = frame
        self._settle.start()
        self.update()

    def _settled(self) -> None:
        self.update()  # the whole picture again, for where the map now is

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.frame = self.frame.resized(self.width(), self.height())

    # -- gestures ----------------------------------------------------------------------------------------

    def zoom(self, factor: float, at: QPointF | None = None) -> None:
        point = at if at is not None else QPointF(self.width() / 2, self.height() / 2)
        self._moved(self.frame.zoomed(factor, point.x(), point.y()))

    def pan(self, dx: float, dy: float) -> None:
        self._moved(self.frame.panned(dx, dy))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.25 ** steps, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._press = event.position()
        mark = self.mark_at(event.position().x(), event.position().y())
        if mark is not None:
            if mark.id == self.chosen:
                self._dragged_mark = mark.id  # a chosen place can be dragged somewhere else
            else:
                self.chosen = mark.id
                self.update()
                self.place_chosen.emit(mark.id)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            mark = self.mark_at(event.position().x(), event.position().y())
            self.setCursor(Qt.CursorShape.PointingHandCursor if mark else Qt.CursorShape.OpenHandCursor)
            return
        delta = event.position() - self._press
        if self._dragged_mark is not None:
            if self._drag_to is not None or delta.manhattanLength() >= DRAG_FROM_PX:
                self._drag_to = event.position()
                self.update()
            return
        self._press = event.position()
        self.pan(delta.x(), delta.y())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragged_mark is not None and self._drag_to is not None:
            latitude, longitude = inverse_mercator(*self.frame.to_plane(self._drag_to.x(), self._drag_to.y()))
            self.place_moved.emit(self._dragged_mark, latitude, longitude)
        self._press = self._drag_to = None
        self._dragged_mark = None
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        mark = self.mark_at(event.position().x(), event.position().y())
        if mark is not None:
            self.place_activated.emit(mark.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = 60.0
        pans = {Qt.Key.Key_Left: (step, 0), Qt.Key.Key_Right: (-step, 0), Qt.Key.Key_Up: (0, step),
                Qt.Key.Key_Down: (0, -step)}
        if key in pans:
            self.pan(*pans[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.step(1 if key == Qt.Key.Key_PageDown else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.chosen is not None:
            self.place_activated.emit(self.chosen)
        else:
            super().keyPressEvent(event)

    def step(self, by: int) -> None:
        """Choose the next (or previous) place, biggest first."""
        if not self.marks:
            return
        ids = [m.id for m in self.marks]
        index = ids.index(self.chosen) + by if self.chosen in ids else (0 if by > 0 else len(ids) - 1)
        self.choose(ids[index % len(ids)])
        if self.chosen is not None:
            self.place_chosen.emit(self.chosen)

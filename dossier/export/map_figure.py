"""The map, painted with QPainter (QtGui only): the map view draws it on screen, the exports into a
PNG, an SVG and the report's chronology, so all of them show one picture.

On the map's plane (core.places.mercator, degrees) lie Natural Earth's countries, and once zoomed
in, the land borders, first-level region borders and coasts at 1:10m (analysis.outlines); the
places are drawn on top in pixels: a circle sized by mentions, a ring and a count for the events
of the chosen period, a label wherever one fits without overlapping another
(analysis.places.place_labels), a scale bar and a north-up note.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPolygonF

from dossier.analysis.outlines import Layer, outlines
from dossier.analysis.places import Label, place_labels
from dossier.core.places import inverse_mercator, mercator

if TYPE_CHECKING:
    from dossier.analysis.places import MapPlace, PlaceEvents

SEA, LAND, COAST, BORDER, REGION = "#dce9f2", "#f6f4ee", "#7d97ab", "#8a8a8a", "#c2bdb2"
PLACE, USER_PLACE, EVENTS, CHOSEN, LABEL = "#23863a", "#1f6fb2", "#d9480f", "#111111", "#1e1e1e"
DETAIL_FROM = 6.0  # pixels per degree from which the 1:10m borders, regions and coasts are drawn
REGIONS_FROM = 14.0  # and the first-level regions' borders
EARTH_KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class MapFrame:
    """What part of the map's plane a picture shows: its centre and pixels per degree."""

    x: float
    y: float
    scale: float
    width: int
    height: int

    def to_pixel(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x) * self.scale + self.width / 2, (y - self.y) * self.scale + self.height / 2

    def to_plane(self, px: float, py: float) -> tuple[float, float]:
        return (px - self.width / 2) / self.scale + self.x, (py - self.height / 2) / self.scale + self.y

    def visible(self) -> tuple[float, float, float, float]:
        left, top = self.to_plane(0, 0)
        right, bottom = self.to_plane(self.width, self.height)
        return left, top, right, bottom

    def zoomed(self, factor: float, px: float, py: float) -> MapFrame:
        """Zoomed by `factor` about the pixel (px, py), which stays over the same place."""
        scale = max(0.5, min(4000.0, self.scale * factor))
        x, y = self.to_plane(px, py)
        return replace(self, scale=scale, x=x - (px - self.width / 2) / scale, y=y - (py - self.height / 2) / scale)

    def panned(self, dx: float, dy: float) -> MapFrame:
        return replace(self, x=self.x - dx / self.scale, y=self.y - dy / self.scale)

    def resized(self, width: int, height: int) -> MapFrame:
        return replace(self, width=max(1, width), height=max(1, height))


def fit(positions: Sequence[tuple[float, float]], width: int, height: int, margin: float = 0.12) -> MapFrame:
    """A frame showing every (latitude, longitude), with a margin; at least a few degrees wide
    (one place alone is shown with its surroundings), the whole world when there is none."""
    if not positions:
        return MapFrame(0.0, -25.0, max(width / 360, height / 170), width, height)
    points = [mercator(lat, lon) for lat, lon in positions]
    left, right = min(p[0] for p in points), max(p[0] for p in points)
    top, bottom = min(p[1] for p in points), max(p[1] for p in points)
    span_x, span_y = max(right - left, 6.0), max(bottom - top, 4.0)
    scale = min(width * (1 - 2 * margin) / span_x, height * (1 - 2 * margin) / span_y)
    return MapFrame((left + right) / 2, (top + bottom) / 2, scale, max(1, width), max(1, height))


@dataclass(frozen=True)
class Mark:
    """A place as drawn: where, how big, and what the period says of it."""

    id: int
    name: str
    x: float  # on the map's plane
    y: float
    mentions: int
    events: int = 0  # in the chosen period
    faded: bool = False  # a period is chosen and nothing happened here in it
    user: bool = False  # the analyst put it here

    @property
    def radius(self) -> float:
        return min(22.0, 3.0 + 2.2 * math.sqrt(max(0, self.mentions)))


def marks_of(places: Sequence[MapPlace]) -> list[Mark]:
    """The places that have a position, as marks (biggest first: drawn first, labelled first)."""
    marks = []
    for place in places:
        if place.position is not None:
            x, y = mercator(place.position.latitude, place.position.longitude)
            marks.append(Mark(place.id, place.name, x, y, place.mentions, user=place.position.origin == "user"))
    return sorted(marks, key=lambda m: (-m.mentions, m.name))


def marks_in_range(places: Sequence[MapPlace], events: PlaceEvents, days: tuple[int, int] | None) -> list[Mark]:
    """The marks with the count of each place's events within `days` (first and last date
    ordinal; every event when None); with a range, a place with none there is faded."""
    first, last = days if days is not None else (None, None)
    return [replace(m, events=n, faded=days is not None and n == 0)
            for m in marks_of(places) for n in (events.count(m.id, first, last),)]


@lru_cache(maxsize=1)
def _land() -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for country in outlines().countries:
        for ring in country.rings:
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring]))
            path.closeSubpath()
    return path


def _pen(color: str, width: float) -> QPen:
    pen = QPen(QColor(color), width)
    pen.setCosmetic(True)  # the same width in pixels at any zoom
    return pen


def _draw_layer(painter: QPainter, layer: Layer, frame: MapFrame, color: str, width: float) -> None:
    painter.setPen(_pen(color, width))
    for line in layer.lines_in(*frame.visible()):
        painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in line]))


def paint_map(painter: QPainter, frame: MapFrame, marks: Sequence[Mark], font: QFont, chosen: int | None = None,
              detail: bool = True) -> None:
    """The whole picture in the painter's (0, 0, width, height). `detail` False skips the 1:10m
    lines (a quick frame while the map is being dragged)."""
    painter.save()
    painter.fillRect(QRectF(0, 0, frame.width, frame.height), QColor(SEA))
    painter.save()
    painter.translate(frame.width / 2, frame.height / 2)
    painter.scale(frame.scale, frame.scale)
    painter.translate(-frame.x, -frame.y)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(_pen(COAST, 0.8))
    painter.setBrush(QColor(LAND))
    painter.drawPath(_land())
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if detail and frame.scale >= DETAIL_FROM:
        shapes = outlines()
        if frame.scale >= REGIONS_FROM:
            _draw_layer(painter, shapes.regions, frame, REGION, 0.8)
        _draw_layer(painter, shapes.coasts, frame, COAST, 0.9)
        _draw_layer(painter, shapes.borders, frame, BORDER, 1.3)
    painter.restore()
    _paint_marks(painter, frame, marks, font, chosen)
    _paint_scale_bar(painter, frame, font)
    painter.restore()


def _paint_marks(painter: QPainter, frame: MapFrame, marks: Sequence[Mark], font: QFont, chosen: int | None) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    left, top, right, bottom = frame.visible()
    shown = [m for m in marks if left - 1 <= m.x <= right + 1 and top - 1 <= m.y <= bottom + 1]
    labels = []
    for mark in sorted(shown, key=lambda m: (m.id != chosen, m.faded, -m.mentions)):
        px, py = frame.to_pixel(mark.x, mark.y)
        text = f"{mark.name} ({mark.events})" if mark.events else mark.name
        labels.append(Label(mark.id, px, py, mark.radius, metrics.horizontalAdvance(text) + 4, metrics.height()))
    corners = place_labels(labels, frame.width, frame.height)
    for mark in sorted(shown, key=lambda m: -m.radius):  # small circles on top of big ones
        px, py = frame.to_pixel(mark.x, mark.y)
        fill = QColor(USER_PLACE if mark.user else PLACE)
        fill.setAlpha(60 if mark.faded else 150)
        painter.setBrush(fill)
        painter.setPen(QPen(QColor(EVENTS), 3) if mark.events else QPen(fill.darker(150), 1))
        painter.drawEllipse(QPointF(px, py), mark.radius, mark.radius)
        if mark.id == chosen:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(CHOSEN), 2, Qt.PenStyle.DashLine))
            painter.drawEllipse(QPointF(px, py), mark.radius + 4, mark.radius + 4)
    for mark in shown:
        corner = corners.get(mark.id)
        if corner is None:
            continue
        text = f"{mark.name} ({mark.events})" if mark.events else mark.name
        box = QRectF(corner[0], corner[1], metrics.horizontalAdvance(text) + 4, metrics.height())
        halo = QColor(LAND)
        halo.setAlpha(200)
        painter.fillRect(box, halo)
        color = QColor(LABEL)
        if mark.faded:
            color.setAlpha(120)
        painter.setPen(color)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def scale_bar_km(frame: MapFrame, target_px: float = 110) -> tuple[float, float]:
    """A round distance (1, 2 or 5 times a power of ten, in km) and its length in pixels at the
    latitude of the picture's centre, about `target_px` long."""
    latitude, _lon = inverse_mercator(frame.x, frame.y)
    km_per_px = EARTH_KM_PER_DEGREE * math.cos(math.radians(latitude)) / frame.scale
    want = target_px * km_per_px
    power = 10 ** math.floor(math.log10(want))
    km = max(step * power for step in (1, 2, 5) if step * power <= want)
    return km, km / km_per_px


def _paint_scale_bar(painter: QPainter, frame: MapFrame, font: QFont) -> None:
    km, px = scale_bar_km(frame)
    metrics = QFontMetricsF(font)
    x0, y0 = 12.0, frame.height - 14.0
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    back = QColor(LAND)
    back.setAlpha(210)
    text = f"{km:g} km" if km >= 1 else f"{km * 1000:g} m"
    note = "North up · Web Mercator"
    painter.fillRect(QRectF(x0 - 6, y0 - metrics.height() - 12, max(px, metrics.horizontalAdvance(note)) + 16,
                            metrics.height() + 20), back)
    painter.setPen(QPen(QColor(LABEL), 2))
    painter.drawLine(QPointF(x0, y0), QPointF(x0 + px, y0))
    for x in (x0, x0 + px):
        painter.drawLine(QPointF(x, y0 - 5), QPointF(x, y0 + 2))
    painter.drawText(QPointF(x0 + px + 6, y0 + 2), text)
    painter.drawText(QPointF(x0, y0 - 8), note)
    # a north arrow in the top right corner
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    cx, cy = frame.width - 22.0, 28.0
    painter.setBrush(QBrush(QColor(LABEL)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPolygon(QPolygonF([QPointF(cx, cy - 14), QPointF(cx + 6, cy + 4), QPointF(cx, cy), QPointF(cx - 6, cy + 4)]))
    painter.setPen(QColor(LABEL))
    painter.drawText(QRectF(cx - 10, cy + 5, 20, metrics.height()), Qt.AlignmentFlag.AlignCenter, "N")


def map_image(marks: Sequence[Mark], frame: MapFrame, font: QFont, pixel_ratio: float = 1.0) -> QImage:
    """The picture as an image of frame.width × frame.height points at `pixel_ratio` pixels each."""
    image = QImage(QSize(int(frame.width * pixel_ratio), int(frame.height * pixel_ratio)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(pixel_ratio)
    image.fill(QColor(SEA))
    painter = QPainter(image)
    paint_map(painter, frame, marks, font)
    painter.end()
    return image


def write_picture(path: Path, marks: Sequence[Mark], frame: MapFrame, font: QFont) -> None:
    """The picture as PNG, or SVG when the name ends so; raises OSError when it can't be written."""
    if path.suffix.lower() == ".svg":
        from PySide6.QtSvg import QSvgGenerator  # lazy: only an SVG export loads QtSvg

        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(frame.width, frame.height))
        generator.setViewBox(QRectF(0, 0, frame.width, frame.height))
        generator.setTitle("Dossier map")
        painter = QPainter(generator)
        paint_map(painter, frame, marks, font)
        painter.end()
        if not path.exists():
            raise OSError(f"could not write {path}")
        return
    if not map_image(marks, frame, font, 2.0).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")

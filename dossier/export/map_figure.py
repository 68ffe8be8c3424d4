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
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from dossier.analysis.outlines import TILE, Layer, outlines
from dossier.analysis.places import Label, place_labels
from dossier.core.places import inverse_mercator, mercator
from dossier.export.timeline_figure import Figure

if TYPE_CHECKING:
    from dossier.analysis.places import MapPlace, PlaceEvents

SEA, LAND, COAST, BORDER, REGION = "#dce9f2", "#f6f4ee", "#7d97ab", "#8a8a8a", "#c2bdb2"
PLACE, USER_PLACE, EVENTS, CHOSEN, LABEL = "#23863a", "#1f6fb2", "#d9480f", "#111111", "#1e1e1e"
DETAIL_FROM = 6.0  # pixels per degree from which the 1:10m borders, regions and coasts are drawn
REGIONS_FROM = 14.0  # and the first-level regions' borders
EARTH_KM_PER_DEGREE = 111.32
LABELS_TRIED = 250  # labels tried per picture, the biggest places' first


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


class Mark(NamedTuple):
    """A place as drawn: where, how big, and what the period says of it."""

    id: int
    name: str
    x: float  # on the map's plane
    y: float
    mentions: int
    events: int = 0  # in the chosen period
    faded: bool = False  # a period is chosen and nothing happened here in it
    user: bool = False  # the analyst put it here
    radius: float = 3.0  # pixels: radius_of(mentions)


def radius_of(mentions: int) -> float:
    """A place's circle: its area grows with its mentions, up to a limit."""
    return min(22.0, 3.0 + 2.2 * math.sqrt(max(0, mentions)))


def marks_of(places: Sequence[MapPlace]) -> list[Mark]:
    """The places that have a position, as marks (biggest first: drawn first, labelled first)."""
    marks = []
    for place in places:
        if place.position is not None:
            x, y = mercator(place.position.latitude, place.position.longitude)
            marks.append(Mark(place.id, place.name, x, y, place.mentions, user=place.position.origin == "user",
                              radius=radius_of(place.mentions)))
    return sorted(marks, key=lambda m: (-m.mentions, m.name))


class RangedMarks:
    """The marks (marks_of) with the count of each place's events within a period (first and last
    date ordinal; every event when None); with a period, a place with none in it is faded.

    Made once per load, asked at every change of the timeline's range: each mark's event days are
    looked up once here, so a period costs two binary searches per place, and a mark whose count
    did not change is the very object given before (new objects by the thousand set the garbage
    collector going: that pause was most of a redraw)."""

    def __init__(self, marks: Sequence[Mark], events: PlaceEvents) -> None:
        self._days = [events.days(m.id) for m in marks]
        self._all = [m._replace(events=len(firsts), faded=False) for m, (firsts, _lasts) in zip(marks, self._days)]
        self._none = [m._replace(events=0, faded=True) for m in marks]
        self._shown = self._all

    def marks(self, days: tuple[int, int] | None) -> list[Mark]:
        if days is None:
            self._shown = self._all
            return list(self._all)
        first, last = days
        counts = [bisect_right(firsts, last) - bisect_left(lasts, first) for firsts, lasts in self._days]
        shown = [none if n <= 0 else before if before.events == n and not before.faded
                 else Mark(before.id, before.name, before.x, before.y, before.mentions, n, False, before.user, before.radius)
                 for n, before, none in zip(counts, self._shown, self._none)]
        self._shown = shown
        return list(shown)


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


@lru_cache(maxsize=4)
def _polygons(name: str) -> dict[tuple[int, int], list[QPolygonF]]:
    """A layer's lines as Qt polygons, made once: converting them at every frame cost more than
    drawing them."""
    layer: Layer = getattr(outlines(), name)
    return {tile: [QPolygonF([QPointF(x, y) for x, y in line]) for line in lines] for tile, lines in layer.tiles.items()}


def _draw_layer(painter: QPainter, name: str, frame: MapFrame, color: str, width: float) -> None:
    painter.setPen(_pen(color, width))
    tiles = _polygons(name)
    left, top, right, bottom = frame.visible()
    for tx in range(int(left // TILE) - 1, int(right // TILE) + 1):
        for ty in range(int(top // TILE) - 1, int(bottom // TILE) + 1):
            for polygon in tiles.get((tx, ty), ()):
                painter.drawPolyline(polygon)


def paint_map(painter: QPainter, frame: MapFrame, marks: Sequence[Mark], font: QFont, chosen: int | None = None,
              detail: bool = True) -> None:
    """The whole picture in the painter's (0, 0, width, height). `detail` False skips the 1:10m
    lines."""
    paint_background(painter, frame, detail)
    paint_overlay(painter, frame, marks, font, chosen)


def paint_background(painter: QPainter, frame: MapFrame, detail: bool = True) -> None:
    """Sea, land and lines: what does not change while the places do (the view keeps it as an
    image and moves that while the map is dragged)."""
    painter.save()
    painter.fillRect(QRectF(0, 0, frame.width, frame.height), QColor(SEA))
    painter.translate(frame.width / 2, frame.height / 2)
    painter.scale(frame.scale, frame.scale)
    painter.translate(-frame.x, -frame.y)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    fine = detail and frame.scale >= DETAIL_FROM
    painter.setPen(Qt.PenStyle.NoPen if fine else _pen(COAST, 0.8))  # zoomed in, the 1:10m coast is drawn instead
    painter.setBrush(QColor(LAND))
    painter.drawPath(_land())
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if fine:
        if frame.scale >= REGIONS_FROM:
            _draw_layer(painter, "regions", frame, REGION, 0.8)
        _draw_layer(painter, "coasts", frame, COAST, 0.9)
        _draw_layer(painter, "borders", frame, BORDER, 1.3)
    painter.restore()


def paint_overlay(painter: QPainter, frame: MapFrame, marks: Sequence[Mark], font: QFont,
                  chosen: int | None = None) -> None:
    """The places, their labels, the scale bar and the north arrow."""
    paint_places(painter, frame, marks, font, chosen)
    paint_scale(painter, frame, font)


def paint_places(painter: QPainter, frame: MapFrame, marks: Sequence[Mark], font: QFont,
                 chosen: int | None = None) -> None:
    """The places and their labels."""
    painter.save()
    _paint_marks(painter, frame, marks, font, chosen)
    painter.restore()


def paint_scale(painter: QPainter, frame: MapFrame, font: QFont) -> None:
    """The scale bar, the "north up" note and the north arrow."""
    painter.save()
    _paint_scale_bar(painter, frame, font)
    painter.restore()


def _label_text(mark: Mark) -> str:
    return f"{mark.name} ({mark.events})" if mark.events else mark.name


_widths: dict[tuple[str, str], float] = {}


def _width(metrics: QFontMetricsF, font_key: str, text: str) -> float:
    """A label's width, measured once per font (QFont.key()) and text (measuring was a fifth of a
    frame)."""
    key = (font_key, text)
    if key not in _widths:
        if len(_widths) > 50_000:
            _widths.clear()
        _widths[key] = metrics.horizontalAdvance(text) + 4
    return _widths[key]


@lru_cache(maxsize=512)
def _sprite(radius: float, user: bool, faded: bool, events: bool, ratio: float) -> QImage:
    """A place's circle drawn once into an image: copying it is many times quicker than drawing
    an antialiased circle for each of thousands of places at every frame."""
    side = int(2 * (radius + 3) * ratio) + 2
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.scale(ratio, ratio)
    _circle(painter, QPointF(side / ratio / 2, side / ratio / 2), radius, user, faded, events)
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def _circle(painter: QPainter, centre: QPointF, radius: float, user: bool, faded: bool, events: bool) -> None:
    fill = QColor(USER_PLACE if user else PLACE)
    fill.setAlpha(60 if faded else 150)
    painter.setBrush(fill)
    painter.setPen(QPen(QColor(EVENTS), 3) if events else QPen(fill.darker(150), 1))
    painter.drawEllipse(centre, radius, radius)


def _paint_marks(painter: QPainter, frame: MapFrame, marks: Sequence[Mark], font: QFont, chosen: int | None) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    font_key = font.key()
    left, top, right, bottom = frame.visible()
    margin = 25 / frame.scale
    left, top, right, bottom = left - margin, top - margin, right + margin, bottom + margin
    scale, dx, dy = frame.scale, frame.width / 2 - frame.x * frame.scale, frame.height / 2 - frame.y * frame.scale
    # (mark, x, y in pixels), in the marks' order: biggest first (marks_of sorts them so)
    shown = [(m, m.x * scale + dx, m.y * scale + dy) for m in marks if left <= m.x <= right and top <= m.y <= bottom]
    # Labels for the chosen place, then the biggest places with events in the period, then the
    # rest; past LABELS_TRIED none is tried (they would not fit between the others, and trying
    # costs time at every frame).
    candidates = ([s for s in shown if s[0].id == chosen] + [s for s in shown if s[0].id != chosen and not s[0].faded]
                  + [s for s in shown if s[0].id != chosen and s[0].faded])[:LABELS_TRIED]
    height = metrics.height()
    corners = place_labels([Label(m.id, px, py, m.radius, _width(metrics, font_key, _label_text(m)), height)
                            for m, px, py in candidates], frame.width, frame.height, _scale_boxes(frame, metrics))
    # Into a PDF or an SVG circles are drawn as circles; on screen and into a PNG, copied.
    vector = painter.paintEngine().type() in (QPaintEngine.Type.SVG, QPaintEngine.Type.Pdf)
    ratio = painter.device().devicePixelRatioF()
    for mark, px, py in shown:  # the biggest first: small circles end on top of big ones
        if vector:
            _circle(painter, QPointF(px, py), mark.radius, mark.user, mark.faded, bool(mark.events))
            continue
        sprite = _sprite(round(mark.radius * 2) / 2, mark.user, mark.faded, bool(mark.events), ratio)
        half = sprite.width() / ratio / 2
        painter.drawImage(QPointF(px - half, py - half), sprite)
    chosen_mark = next((m for m, _x, _y in candidates[:1] if m.id == chosen), None)
    if chosen_mark is not None:
        px, py = frame.to_pixel(chosen_mark.x, chosen_mark.y)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(CHOSEN), 2, Qt.PenStyle.DashLine))
        painter.drawEllipse(QPointF(px, py), chosen_mark.radius + 4, chosen_mark.radius + 4)
    halo = QColor(LAND)
    halo.setAlpha(200)
    by_id = {m.id: m for m, _x, _y in candidates}
    for key, (x, y) in corners.items():
        mark = by_id[key]
        text = _label_text(mark)
        box = QRectF(x, y, _width(metrics, font_key, text), metrics.height())
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


NORTH_NOTE = "North up · Web Mercator"


def _scale_boxes(frame: MapFrame, metrics: QFontMetricsF) -> list[tuple[float, float, float, float]]:
    """Where the scale bar (with its note) and the north arrow stand: no label goes there."""
    _km, px = scale_bar_km(frame)
    x0, y0 = 12.0, frame.height - 14.0
    scale = (x0 - 6, y0 - metrics.height() - 12, x0 + 10 + max(px + 60, metrics.horizontalAdvance(NORTH_NOTE)),
             frame.height)
    return [scale, (frame.width - 36.0, 8.0, frame.width, 34.0 + metrics.height())]


def _paint_scale_bar(painter: QPainter, frame: MapFrame, font: QFont) -> None:
    km, px = scale_bar_km(frame)
    metrics = QFontMetricsF(font)
    x0, y0 = 12.0, frame.height - 14.0
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    back = QColor(LAND)
    back.setAlpha(210)
    text = f"{km:g} km" if km >= 1 else f"{km * 1000:g} m"
    note = NORTH_NOTE
    painter.fillRect(QRectF(x0 - 6, y0 - metrics.height() - 12,
                            max(px + 14 + metrics.horizontalAdvance(text), metrics.horizontalAdvance(note)) + 16,
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


def report_map(places: Sequence[MapPlace], width: int, family: str, name: str) -> Figure | None:
    """The report's map of these places (those with a position), `width` CSS pixels wide, drawn
    at twice that; None when none has a position."""
    placed = [p for p in places if p.position is not None]
    if not placed:
        return None
    height = int(width * 0.62)
    frame = fit([(p.position.latitude, p.position.longitude) for p in placed if p.position], width, height)
    font = QFont(family)
    font.setPixelSize(11)
    image = map_image(marks_of(placed), frame, font, pixel_ratio=2.0)
    caption = (f"Where it happened: the {len(placed)} places the articles name, each circle sized by its mentions"
               if len(placed) != 1 else "Where it happened: the place the articles name")
    return Figure(name, image, caption, width)

"""The timeline figures of the report, painted with QPainter (QtGui only) at twice the printed
resolution of the text width.

One lane per outlet (the eleven with the most events, the rest as "Other outlets"), labelled.
A day is a point, a longer date a bar from its first to its last day, an approximate date faded;
events of one outlet on the same days share one mark, with their count beside it. The axis runs
over the period of the data and no further, so nothing is clipped. Data spanning more than a
year gets one figure per calendar year in which something is dated: a decade on one strip would
put a month's events on one pixel.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dossier.core.citation import format_date
from dossier.core.models import Event

if TYPE_CHECKING:  # annotations only: QtGui loads when a figure is painted
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QPainter

LANES = 12  # at most: eleven outlets and the others
SCALE = 2  # pixels per CSS pixel of the printed width
LABEL_WIDTH, ROW, TOP, AXIS = 150, 26, 14, 44  # in CSS pixels
BLUE = "#1f6fb2"


@dataclass(frozen=True)
class Figure:
    name: str  # the image resource's name in the report
    image: object  # QImage
    caption: str
    width: int  # printed width, CSS pixels


def timeline_figures(events: Sequence[Event], outlets: dict[int, str], width: int, family: str) -> list[Figure]:
    """The report's figures for the dated `events` (article id -> outlet in `outlets`), each
    `width` CSS pixels wide: one, or one per year with events when they span more than a year."""
    dated = [e for e in events if e.earliest]
    if not dated:
        return []
    first = min(_first(e) for e in dated)
    last = max(_last(e) for e in dated)
    lanes = _lanes(dated, outlets)
    if (last - first).days <= 366:
        return [_figure("timeline-1.png", dated, lanes, outlets, first, last, width, family,
                        f"Events from {format_date(first.isoformat())} to {format_date(last.isoformat())}")]
    figures = []
    # A year gets a figure when something is dated within it; an event of a year or longer
    # ("last year", "the 1990s") shows across the figures it overlaps, and makes none of its own.
    years = {_first(e).year for e in dated
             if (_first(e).year == _last(e).year and e.precision not in ("year", "range")) or e.earliest == e.latest}
    for year in sorted(years or {_first(e).year for e in dated}):
        start, end = date(year, 1, 1), date(year, 12, 31)
        in_year = [e for e in dated if _first(e) <= end and _last(e) >= start]
        lo = max(start, min(_first(e) for e in in_year))
        hi = min(end, max(_last(e) for e in in_year))
        figures.append(_figure(f"timeline-{year}.png", in_year, lanes, outlets, lo, hi, width, family,
                               f"Events of {year}"))
    return figures


def _first(event: Event) -> date:
    """The first day of a dated event (the figures take only events with an earliest day)."""
    return date.fromisoformat(event.earliest or "")


def _last(event: Event) -> date:
    return date.fromisoformat(event.latest or event.earliest or "")


def _lanes(events: Sequence[Event], outlets: dict[int, str]) -> list[str]:
    counts = Counter(outlets.get(e.article_id) or "Outlet unknown" for e in events)
    ordered = [name for name, _n in counts.most_common()]
    if len(ordered) <= LANES:
        return ordered
    return [*ordered[: LANES - 1], "Other outlets"]


def _lane(event: Event, outlets: dict[int, str], lanes: list[str]) -> int:
    name = outlets.get(event.article_id) or "Outlet unknown"
    return lanes.index(name) if name in lanes else len(lanes) - 1


def _figure(name: str, events: Sequence[Event], lanes: list[str], outlets: dict[int, str], first: date, last: date,
            width: int, family: str, caption: str) -> Figure:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

    used = sorted({_lane(e, outlets, lanes) for e in events})
    # A day's margin each side, so a point on the first or last day is drawn whole.
    first, last = first - timedelta(days=1), last + timedelta(days=1)
    span = max(1, (last - first).days)
    height = TOP + ROW * len(used) + AXIS
    image = QImage(width * SCALE, height * SCALE, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(SCALE, SCALE)
    font = QFont(family)
    font.setPixelSize(9)
    p.setFont(font)
    plot_left, plot_right = LABEL_WIDTH, width - 8

    def x(day: date) -> float:
        return plot_left + (plot_right - plot_left) * (day - first).days / span

    axis_y = TOP + ROW * len(used) + 4
    p.setPen(QPen(QColor("#dddddd"), 0.5))
    for i in range(len(used) + 1):
        p.drawLine(QPointF(plot_left, TOP + i * ROW), QPointF(plot_right, TOP + i * ROW))
    p.setPen(QPen(QColor("#888888"), 0.8))
    p.drawLine(QPointF(plot_left, axis_y), QPointF(plot_right, axis_y))
    for tick, label in _ticks(first, last):
        p.drawLine(QPointF(x(tick), axis_y), QPointF(x(tick), axis_y + 3))
        # Centred under its tick, but never past either end of the axis.
        half = p.fontMetrics().horizontalAdvance(label) / 2 + 1
        middle = min(max(x(tick), plot_left + half), plot_right - half)
        p.drawText(QRectF(middle - half, axis_y + 4, 2 * half, 12), int(Qt.AlignmentFlag.AlignHCenter), label)
    for row, lane in enumerate(used):
        top = TOP + row * ROW
        p.setPen(QColor("#333333"))
        p.drawText(QRectF(0, top, LABEL_WIDTH - 6, ROW), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                   p.fontMetrics().elidedText(lanes[lane], Qt.TextElideMode.ElideRight, LABEL_WIDTH - 8))
        marks = Counter((_first(e), _last(e), e.precision == "approximate")
                        for e in events if _lane(e, outlets, lanes) == lane)
        for (start, end, faded), count in sorted(marks.items()):
            color = QColor(BLUE)
            if faded:
                color.setAlpha(90)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            middle = top + ROW / 2
            if start == end:
                p.drawEllipse(QPointF(x(start), middle), 3.2, 3.2)
                right = x(start) + 4
            else:
                p.drawRoundedRect(QRectF(x(start), middle - 3, max(3.0, x(end) - x(start)), 6), 2, 2)
                right = x(end) + 1
            if count > 1:
                p.setPen(QColor("#222222"))
                p.drawText(QPointF(min(right + 1, plot_right - 10), middle - 3), str(count))
    _legend(p, QPointF(plot_left, axis_y + 20), font)
    p.end()
    return Figure(name, image, caption, width)


def _legend(p: QPainter, at: QPointF, font: QFont) -> None:
    """Point, bar, faded: what the marks mean, under the axis."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor

    x, y = at.x(), at.y()
    items = (("point", "a day"), ("bar", "a longer period (week, month, range)"), ("faded", "approximate"),
             ("count", "events on the same days"))
    for kind, words in items:
        color = QColor(BLUE)
        if kind == "faded":
            color.setAlpha(90)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        if kind == "point":
            p.drawEllipse(QPointF(x + 4, y + 5), 3.2, 3.2)
        elif kind == "count":
            p.setPen(QColor("#222222"))
            p.drawText(QRectF(x, y - 1, 10, 12), int(Qt.AlignmentFlag.AlignCenter), "3")
        else:
            p.drawRoundedRect(QRectF(x, y + 2, 14, 6), 2, 2)
        p.setPen(QColor("#444444"))
        p.drawText(QPointF(x + 18, y + 9), words)
        x += 24 + p.fontMetrics().horizontalAdvance(words)


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Month starts (with the year at January and at the first tick), or weeks for a short period."""
    days = (last - first).days
    if days <= 45:
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
        ticks = []
        while monday <= last:
            ticks.append((monday, f"{monday.day} {monday.strftime('%b')}"))
            monday += timedelta(days=7)
        return ticks
    step = 1 if days <= 200 else 2 if days <= 370 else 3
    ticks, month = [], date(first.year, first.month, 1)
    while month <= last:
        if month >= first and (month.month - 1) % step == 0:
            label = month.strftime("%b") if ticks and month.month != 1 else month.strftime("%b %Y")
            ticks.append((month, label))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return ticks

"""The timeline figure of the PDF: events painted with QPainter (QtGui only), one row per article;
a day is a point, a longer precision a bar from earliest to latest, approximate dates faded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dossier.core.models import Event

WIDTH, ROW, LEFT, TOP = 1600, 56, 420, 60


def timeline_image(events: Sequence[Event], titles: dict[int, str], family: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

    rows = list(dict.fromkeys(e.article_id for e in events))
    first = min(date.fromisoformat(e.earliest) for e in events if e.earliest)
    last = max(date.fromisoformat(e.latest or e.earliest) for e in events if e.earliest)
    span = max(1, (last - first).days)
    height = TOP + ROW * len(rows) + 60
    image = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(family)
    font.setPixelSize(20)
    p.setFont(font)

    def x(day: date) -> float:
        return LEFT + (WIDTH - LEFT - 40) * (day - first).days / span

    p.setPen(QPen(QColor("#999999"), 2))
    axis_y = TOP + ROW * len(rows) + 10
    p.drawLine(QPointF(LEFT, axis_y), QPointF(WIDTH - 40, axis_y))
    for year in range(first.year, last.year + 1):
        for month in (1, 4, 7, 10) if span < 3 * 366 else (1,):
            tick = date(year, month, 1)
            if first <= tick <= last:
                p.drawLine(QPointF(x(tick), axis_y), QPointF(x(tick), axis_y + 8))
                p.drawText(QPointF(x(tick) - 30, axis_y + 32), tick.strftime("%b %Y" if span < 3 * 366 else "%Y"))
    for row, article_id in enumerate(rows):
        y = TOP + row * ROW + ROW / 2
        p.setPen(QColor("#333333"))
        title = titles.get(article_id, "")
        p.drawText(QRectF(10, y - ROW / 2, LEFT - 20, ROW), int(Qt.AlignmentFlag.AlignVCenter),
                   p.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, LEFT - 20))
        for e in events:
            if e.article_id != article_id or not e.earliest:
                continue
            color = QColor("#1f6fb2")
            if e.precision == "approximate":
                color.setAlpha(110)
            start, end = date.fromisoformat(e.earliest), date.fromisoformat(e.latest or e.earliest)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            if e.precision == "day":
                p.drawEllipse(QPointF(x(start), y), 9, 9)
            else:
                p.drawRoundedRect(QRectF(x(start), y - 7, max(6.0, x(end) - x(start)), 14), 4, 4)
    p.end()
    return image

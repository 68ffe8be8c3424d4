"""The hypotheses' column headers: each line begins at the left and is elided in the middle.

Qt's header centres its text and, for two lines, elides neither: a long title was cut on both
sides, so "H1:" / "H2:" could not be read. Here each line ("H1: Russia sends …", "inconsistency
2") starts where the column starts, and a title too long for the column loses its middle, keeping
its label and its last words; the full title is the header's tooltip (the model's).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

PADDING = 4


class ElidingHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)

    def shown_lines(self, section: int) -> list[str]:
        """The lines drawn in a section, as elided for its width now."""
        model = self.model()
        text = model.headerData(section, self.orientation(), Qt.ItemDataRole.DisplayRole) if model else None
        width = self.sectionSize(section) - 2 * PADDING
        metrics = self.fontMetrics()
        return [metrics.elidedText(line, Qt.TextElideMode.ElideMiddle, width) for line in str(text or "").split("\n")]

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        if not rect.isValid():
            return
        option = QStyleOptionHeader()
        option.initFrom(self)
        option.rect = rect
        option.section = section
        option.orientation = self.orientation()
        option.text = ""  # the frame and background only: the lines are drawn below
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
        lines = self.shown_lines(section)
        height = self.fontMetrics().lineSpacing()
        top = rect.top() + max(0, (rect.height() - height * len(lines)) // 2)
        painter.save()
        painter.setPen(self.palette().color(self.palette().ColorRole.ButtonText))
        for n, line in enumerate(lines):
            painter.drawText(QRect(rect.left() + PADDING, top + n * height, rect.width() - 2 * PADDING, height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
        painter.restore()

"""PageImageView: beside an article read by OCR, the picture of the page being read, with the
words of the selected passage (or annotation) outlined, so a quote can be checked against the
page it was read from. Clicking a word on the picture selects it in the text."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from dossier.core.ocr import OcrWord, words_in_span
from dossier.store.ocr_pages import StoredPage
from dossier.ui import theme


class PageCanvas(QWidget):
    """The page picture at the width it is given (its height follows), the outlined words drawn
    over it."""

    word_clicked = Signal(int, int)  # (start, end) of the word clicked, article offsets

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.outlined: list[OcrWord] = []
        self._words: Sequence[OcrWord] = ()
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(self.tr("Page image"))

    def show_page(self, image: QImage, words: Sequence[OcrWord]) -> None:
        self.image, self._words, self.outlined = image, words, []
        self.fit_width(self.width())
        self.update()

    def fit_width(self, width: int) -> None:
        width = max(width, 100)
        height = round(self.image.height() * width / self.image.width()) if not self.image.isNull() else 200
        self.setFixedSize(width, max(height, 1))

    def outline(self, words: list[OcrWord]) -> None:
        self.outlined = words
        self.update()

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn: the whole canvas, which keeps the picture's proportions."""
        return QRectF() if self.image.isNull() else QRectF(0, 0, self.width(), self.height())

    def word_rect(self, word: OcrWord) -> QRectF:
        area = self.picture_rect()
        scale = area.width() / self.image.width() if not self.image.isNull() else 1.0
        return QRectF(area.left() + word.left * scale, area.top() + word.top * scale,
                      word.width * scale, word.height * scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.image.isNull():
            painter.end()
            return
        painter.drawImage(self.picture_rect(), self.image)
        pen = QPen(QColor(theme.UNTAGGED_CLAIM), 2)
        painter.setPen(pen)
        for word in self.outlined:
            painter.drawRect(self.word_rect(word).adjusted(-2, -2, 2, 2))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        for word in self._words:
            if self.word_rect(word).adjusted(-2, -2, 2, 2).contains(point):
                self.word_clicked.emit(word.start, word.end)
                return
        super().mousePressEvent(event)

    def point_of(self, word: OcrWord) -> QPoint:
        """The middle of a word as drawn (for tests, which click like a user)."""
        return self.word_rect(word).center().toPoint()


class PageImageView(QWidget):
    """The page pictures of one article, a page at a time: the page holding the caret or the
    selected passage, its words outlined."""

    word_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: list[StoredPage] = []
        self._load: Callable[[str], bytes] = lambda _sha: b""
        self._index = -1
        self.label = QLabel(wordWrap=True)  # a long line must not widen the view
        self.previous_button = QToolButton(text="‹", autoRaise=True)
        self.previous_button.setAccessibleName(self.tr("Previous page"))
        self.next_button = QToolButton(text="›", autoRaise=True)
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.previous_button.clicked.connect(lambda: self.show_index(self._index - 1))
        self.next_button.clicked.connect(lambda: self.show_index(self._index + 1))
        self.canvas = PageCanvas()
        self.canvas.word_clicked.connect(self.word_clicked)
        self.scroll = _FitWidth(self.canvas)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.label, 1)
        bar.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)

    @property
    def page(self) -> StoredPage | None:
        return self._pages[self._index] if 0 <= self._index < len(self._pages) else None

    def set_pages(self, pages: list[StoredPage], load: Callable[[str], bytes]) -> None:
        self._pages, self._load, self._index = pages, load, -1
        self.setVisible(bool(pages))
        if pages:
            self.show_index(0)

    def show_index(self, index: int) -> None:
        if not 0 <= index < len(self._pages) or index == self._index:
            return
        self._index = index
        page = self._pages[index]
        image = QImage.fromData(self._load(page.sha256))
        self.canvas.show_page(image, page.words)
        self.label.setText(self.tr("Page %1 · OCR %2 · confidence %3%")
                           .replace("%1", str(page.number)).replace("%2", page.languages)
                           .replace("%3", "–" if page.confidence is None else str(round(page.confidence))))
        self.label.setToolTip(self.tr("The picture this text was read from by OCR, with the mean confidence of "
                                      "its words: check a quote against it"))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self._pages) - 1)

    def show_span(self, start: int, end: int) -> None:
        """Show the page holding `start` (article offsets) and outline the words of [start, end)."""
        for index, page in enumerate(self._pages):
            if start < page.end or index == len(self._pages) - 1:
                self.show_index(index)
                words = words_in_span(page.words, start, end)
                self.canvas.outline(words)
                if words:  # the passage scrolled into sight
                    first = self.canvas.word_rect(words[0]).toRect()
                    self.scroll.ensureVisible(first.center().x(), first.center().y(), 40, 80)
                return


class _FitWidth(QScrollArea):
    """Scrolls a page picture drawn at the view's width."""

    def __init__(self, canvas: PageCanvas) -> None:
        super().__init__()
        self.canvas = canvas
        self.setWidget(canvas)
        self.setMinimumWidth(160)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.canvas.fit_width(self.viewport().width())

"""The report's page pictures: for an article read by OCR, each page that holds a quoted passage,
drawn with the passages' words outlined, so a reader of the PDF can check a quote against the
picture it was read from (QtGui only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dossier.core.models import Annotation, Article
from dossier.core.ocr import words_in_span
from dossier.export.timeline_figure import Figure
from dossier.store import Database

PREFIX = "ocr-page-"
MAX_PIXELS_WIDE = 1400  # enough to read a page's words when printed; a 300 dpi scan is 2,480
OUTLINE = "#d9480f"


def page_figures(store: Database, articles: Sequence[Article], annotations: Mapping[int, Sequence[Annotation]],
                 width: int) -> list[Figure]:
    """A figure for every page of these articles read by OCR on which a chosen annotation stands."""
    pages_of = store.ocr_pages
    figures = []
    for article in articles:
        passages = [(a.start, a.end) for a in annotations.get(article.id, ()) if a.anchor_state != "orphaned"]
        if not passages or not pages_of.read_among([article.id]):
            continue
        for page in pages_of.pages(article.id):
            words = [w for start, end in passages if start < page.end and end > page.start
                     for w in words_in_span(page.words, start, end)]
            if not words:
                continue
            image = _drawn(pages_of.picture(page.sha256), words)
            if image is None:
                continue
            caption = (f"Page {page.number} of {article.original_name or article.title}, as read by OCR "
                       f"({page.languages}): the quoted passages outlined")
            figures.append(Figure(f"{PREFIX}{article.id}-{page.number}.png", image, caption, width))
    return figures


def _drawn(content: bytes, words: Sequence[object]) -> object | None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    image = QImage.fromData(content)
    if image.isNull():
        return None
    scale = min(1.0, MAX_PIXELS_WIDE / image.width())
    if scale < 1.0:
        image = image.scaledToWidth(MAX_PIXELS_WIDE, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setPen(QPen(QColor(OUTLINE), max(2.0, 3 * scale)))
    for w in words:
        painter.drawRect(QRectF(w.left * scale - 3, w.top * scale - 3,  # type: ignore[attr-defined]  # the stored words: OcrWord boxes
                                w.width * scale + 6, w.height * scale + 6))  # type: ignore[attr-defined]  # the same
    painter.end()
    return image


def figures_html(figures: Sequence[Figure], article_id: int) -> str:
    """The article's page pictures, after its text and notes."""
    mine = [f for f in figures if f.name.startswith(f"{PREFIX}{article_id}-")]
    return "".join(f'<p align="center"><img src="{f.name}" width="{f.width}"/><br/>'
                   f"<small><i>{_esc(f.caption)}</i></small></p>" for f in mine)


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=False)

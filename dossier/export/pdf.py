"""The dossier PDF, laid out by Qt's own text engine: a QTextDocument of escaped HTML painted
page by page onto a QPdfWriter, with our own header and "Page X of Y" footer. Qt shapes and
orders every script (Armenian, Cyrillic, Arabic, Persian), embeds and subsets the fonts, and
turns `<a href="#…">` into links; pypdf then adds the outline (Qt writes none).

What it says is `export.report`'s: cover, contents, summary, sources, chronology with its figures,
claims by status, the articles with highlights and endnotes, the entity index. Each part that
starts a page is its own document: every part is laid out once to learn its length and where its
anchors fall, the contents and the index again until their page numbers hold, then each part once
more to paint it. The HTML is built once; only the contents and the index are made again with the
page numbers (report.renumber). Links between parts work because Qt's PDF writer names its
destinations for the whole file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.core.citation import format_date, plural
from dossier.export.fonts import register_fonts
from dossier.export.page_figures import page_figures
from dossier.export.pdf_html import PdfContent, anchor
from dossier.export.report import (
    MAP_FIGURE,
    PAGE_BREAK,
    PAGE_COLUMN_PX,
    Layout,
    ReportOptions,
    Selection,
    build,
    renumber,
    report_document,
    select,
)
from dossier.export.timeline_figure import timeline_figures
from dossier.store import Database
from dossier.store.atomic import pdf_reads, written_whole
from dossier.store.targets import check_target

if TYPE_CHECKING:  # annotations only
    from PySide6.QtGui import QColor, QFont, QPagedPaintDevice, QPaintDevice, QTextDocument

    from dossier.analysis.places import MapPlace

PAGE_MARGIN_MM = 18
HEADER_MM = 8
# The sections that print page numbers, so are laid out again once the numbers are known.
PAGE_NUMBERED_SECTIONS = ("contents", "entities")


@dataclass
class PdfOptions(ReportOptions):
    cancel: threading.Event | None = None
    # Where the dossier's places are (ingest.geocoding.dossier_places, which export can't call):
    # the chronology's map shows those the chosen articles name; none given, no map.
    places: Sequence[MapPlace] = ()


class Cancelled(Exception):
    pass


def export_pdf(store: Database, out: Path, options: PdfOptions | None = None,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Write the dossier PDF to `out` (via a temporary file: a failure or cancel leaves no
    half-written PDF). Returns the number of pages. Needs a QGuiApplication."""
    options = options or PdfOptions()
    check_target(out, store.path)  # before any layout: never a dossier, and a folder we can write to
    with written_whole(out, pdf_reads) as partial:
        pages, sections, subject = _write(store, partial, options, progress)
        try:
            _add_outline(partial, sections, {"/Subject": subject})
        except Exception as error:  # Qt's PDF writer reports no write errors; reading it back does
            raise OSError(f"the PDF could not be written completely to {out.parent} (is the disk full?): "
                          f"{error}") from error
    return pages


def _check(options: PdfOptions) -> None:
    if options.cancel is not None and options.cancel.is_set():
        raise Cancelled()


def _write(store: Database, path: Path, options: PdfOptions,
           progress: Callable[[int, int], None] | None) -> tuple[int, list[tuple[str, int]], str]:
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    family = register_fonts()
    chosen: Selection = select(store, options)
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM + HEADER_MM, PAGE_MARGIN_MM,
                                               PAGE_MARGIN_MM), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    writer.setTitle(store.title)
    writer.setCreator("Dossier")
    if options.analyst.strip():
        writer.setAuthor(options.analyst.strip())  # the document's properties name who prepared it
    painter_rect = writer.pageLayout().paintRectPixels(writer.resolution())
    page_size = QSizeF(painter_rect.width(), painter_rect.height())
    # An <img width> counts CSS pixels (1/96 in), which the layout scales to the PDF's resolution.
    text_width = int(page_size.width() * 96 / writer.resolution())
    figures = timeline_figures(chosen.events, {a.id: a.source or "" for a in chosen.articles}, text_width, family)
    named = store.places.named_in(a.id for a in chosen.articles)
    from dossier.export.map_figure import report_map  # lazy: QtGui's types load when the PDF is laid out

    place_map = report_map([p for p in options.places if p.id in named], text_width, family, MAP_FIGURE)
    if place_map is not None:
        figures.append(place_map)
    figures += page_figures(store, chosen.articles, chosen.annotations, text_width)
    body_font = QFont(family)
    body_font.setPointSizeF(10)
    leaders = _leaders(body_font, writer, page_size.width() - 2 * _document_margin_px(writer))

    content = build(store, options, chosen, figures, Layout({}, leaders), lambda: _check(options))

    def content_for(pages: dict[str, int]) -> list[str]:
        renumber(content, pages)  # built once: only the parts that print page numbers change
        return _parts(content.parts)

    def laid_out(html: str) -> QTextDocument:
        doc = report_document(family, figures)
        # Lay out with the PDF's own resolution, so 10 pt is 10 pt on paper.
        doc.documentLayout().setPaintDevice(writer)
        doc.setPageSize(page_size)
        doc.setHtml(html)
        return doc

    def measure(html: str) -> tuple[int, dict[str, int]]:
        """A part's page count and the page (within it) each of its anchors is on."""
        _check(options)
        doc = laid_out(html)
        return doc.pageCount(), _heading_pages(doc, page_size.height())

    # The contents and the entity index print page numbers, which can change their length: they are
    # measured again until the numbers hold. The articles are laid out once here, once to paint.
    parts = _parts(content.parts)
    measured = [measure(html) for html in parts]
    for _round in range(3):
        parts = content_for(_absolute_pages(measured))
        again = [measure(html) if _prints_page_numbers(html) else known for html, known in zip(parts, measured)]
        if again == measured:
            break
        measured = again
    pages = _absolute_pages(measured)
    total = sum(count for count, _anchors in measured)

    painter = QPainter(writer)
    header_font = QFont(family)
    header_font.setPointSizeF(7.5)
    page = 0
    try:
        for html in parts:
            doc = laid_out(html)
            for part_page in range(doc.pageCount()):
                _check(options)
                if page:
                    writer.newPage()
                painter.save()
                painter.translate(0, -part_page * page_size.height())
                doc.drawContents(painter, QRectF(0, part_page * page_size.height(), page_size.width(),
                                                 page_size.height()))
                painter.restore()
                painter.setFont(header_font)
                painter.setPen(_grey())
                top = -writer.resolution() * HEADER_MM / 25.4 * 0.9
                painter.drawText(QRectF(0, top, page_size.width(), writer.resolution() * 0.2), 0x0001, store.title)
                painter.drawText(QRectF(0, page_size.height() + writer.resolution() * 0.05, page_size.width(),
                                        writer.resolution() * 0.2), 0x0004, f"Page {page + 1} of {total}")
                page += 1
                if progress:
                    progress(page, total)
            del doc
    finally:
        painter.end()
    return total, _outline(content, pages), pdf_subject(store, chosen)


def _document_margin_px(writer: QPagedPaintDevice) -> float:
    """QTextDocument's own margin round its text (4 px by default), in the writer's pixels."""
    return 4.0


def _outline(content: PdfContent, pages: dict[str, int]) -> list[tuple[str, int]]:
    """(title, page) of each section for the bookmarks; a group ("Articles") is on the page of
    the section that follows it."""
    out = []
    sections = content.sections
    for i, s in enumerate(sections):
        if s.key.startswith("group:"):
            following = next((t for t in sections[i + 1:] if not t.key.startswith("group:")), None)
            out.append((s.title, pages.get(following.key, 0) if following else 0))
        else:
            out.append((s.title, pages.get(s.key, 0)))
    return out


def _leaders(font: QFont, device: QPaintDevice, width: float) -> Callable[[str, int], str]:
    """Dots that fill a contents line after its title up to the column of page numbers: the
    title is broken into lines as its cell will break it, and the last line filled."""
    from PySide6.QtGui import QFontMetricsF, QTextLayout

    metrics = QFontMetricsF(font, device)
    dot = metrics.horizontalAdvance(".\u00a0")
    space = metrics.horizontalAdvance(" ")
    per_css_pixel = device.resolution() / 96

    def fill(title: str, indent: int) -> str:
        cell = width - (PAGE_COLUMN_PX + indent) * per_css_pixel
        layout = QTextLayout(title, font, device)
        layout.beginLayout()
        last = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(cell)
            last = line.naturalTextWidth()
        layout.endLayout()
        room = cell - last - space
        if room < 3 * dot:  # no room on the title's last line: the dots fill the next one
            room = cell
        # One unbreakable run after a breakable space, a dot short of the cell's end (rounding).
        return " " + ".\u00a0" * max(1, int(room / dot) - 1)

    return fill


def _parts(html: list[str]) -> list[str]:
    """The dossier's HTML cut at its page breaks, one document per part."""
    parts: list[list[str]] = [[]]
    for piece in html:
        if piece == PAGE_BREAK:
            parts.append([])
        else:
            parts[-1].append(piece)
    return ["".join(part) for part in parts if part]


def _prints_page_numbers(part: str) -> bool:
    return any(anchor(key) in part for key in PAGE_NUMBERED_SECTIONS)


def _absolute_pages(measured: list[tuple[int, dict[str, int]]]) -> dict[str, int]:
    """The page of the whole PDF each anchor is on, from each part's count and anchors."""
    pages: dict[str, int] = {}
    first = 0
    for count, anchors in measured:
        for name, page in anchors.items():
            pages.setdefault(name, first + page)
        first += count
    return pages


def _grey() -> QColor:
    from PySide6.QtGui import QColor

    return QColor("#666666")


def _heading_pages(doc: QTextDocument, page_height: float) -> dict[str, int]:
    """The page each section starts on, read from the laid-out document: the anchors of its
    headings (a section's anchor is in its <h1>, pdf_html.PdfContent.section). Only headings are
    looked into: the fragments of the articles' highlights, hundreds of thousands in a large
    report, carry anchors (quotes, notes) no page number is printed for."""
    pages: dict[str, int] = {}
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isAnchor():
                    for name in fmt.anchorNames():
                        if name not in pages:
                            pages[name] = int(layout.blockBoundingRect(block).top() // page_height)
                it += 1
        block = block.next()
    return pages


def pdf_subject(store: Database, chosen: Selection) -> str:
    """The PDF's Subject: what the dossier holds ("Dossier of 6 articles, published 14–20 May 2021")."""
    published = sorted((a.published, a.published_precision) for a in chosen.articles if a.published)
    subject = f"Dossier of {plural(len(chosen.articles), 'article')}"
    if published:
        first, last = format_date(*published[0]), format_date(*published[-1])
        subject += f", published {first}" + (f" – {last}" if last != first else "")
    return subject


def _add_outline(path: Path, sections: list[tuple[str, int]], info: dict[str, str] | None = None) -> None:
    """Bookmarks for every section and article (Qt's PDF writer makes none), and document
    properties Qt's writer can't set (`info`, e.g. the Subject, added to its own), appended to the
    file as an incremental update: the pages Qt wrote are not parsed and written again, which
    made this step 40 % of a large export."""
    import io
    import re

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not sections and not info:
        return
    try:  # strict: Qt's own file, read without checking every object's offset (half the time)
        reader = PdfReader(str(path), strict=True)
    except PdfReadError:
        reader = PdfReader(str(path))
    pages = [page.indirect_reference.idnum for page in reader.pages]
    root_ref = reader.trailer.raw_get("/Root")
    root = reader.trailer["/Root"]
    size = int(reader.trailer["/Size"])
    data = path.read_bytes()
    previous = int(re.findall(rb"startxref\s+(\d+)", data[-1024:])[-1])

    def pdf_text(text: str) -> str:
        return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"

    outline_id = size
    ids = [size + 1 + i for i in range(len(sections))]
    bodies: dict[int, str] = {outline_id: f"<< /Type /Outlines /First {ids[0]} 0 R /Last {ids[-1]} 0 R "
                                          f"/Count {len(ids)} >>"} if ids else {}
    info_id = size + 1 + len(ids)
    if info:
        old_info = reader.trailer.get("/Info", {})
        entries = io.BytesIO()
        for key in old_info:
            if key not in info:
                entries.write(f" {key} ".encode())
                old_info.raw_get(key).write_to_stream(entries)
        bodies[info_id] = "<<" + entries.getvalue().decode("latin-1") + "".join(
            f" {key} {pdf_text(value)}" for key, value in info.items()) + " >>"
    for i, (title, page) in enumerate(sections):
        links = "".join([f" /Prev {ids[i - 1]} 0 R" if i else "", f" /Next {ids[i + 1]} 0 R" if i + 1 < len(ids) else ""])
        target = pages[min(page, len(pages) - 1)]
        bodies[ids[i]] = (f"<< /Title {pdf_text(title)} /Parent {outline_id} 0 R{links} "
                          f"/Dest [{target} 0 R /XYZ null null null] >>")
    if ids:
        catalog = io.BytesIO()
        catalog.write(b"<<")
        for key in root:
            if key not in ("/Outlines", "/PageMode"):
                catalog.write(f" {key} ".encode())
                root.raw_get(key).write_to_stream(catalog)
        catalog.write(f" /Outlines {outline_id} 0 R /PageMode /UseOutlines >>".encode())
        bodies[root_ref.idnum] = catalog.getvalue().decode("latin-1")

    out = io.BytesIO()
    out.write(b"\n")
    offsets: dict[int, int] = {}
    for number in sorted(bodies):
        offsets[number] = len(data) + out.tell()
        out.write(f"{number} 0 obj\n{bodies[number]}\nendobj\n".encode("latin-1"))
    xref_at = len(data) + out.tell()
    out.write(b"xref\n")
    runs: list[list[int]] = []
    for number in sorted(offsets):  # consecutive numbers share a subsection
        if runs and runs[-1][-1] + 1 == number:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        out.write(f"{run[0]} {len(run)}\n".encode())
        for number in run:
            out.write(f"{offsets[number]:010d} 00000 n \n".encode())
    trailer = f"<< /Size {info_id + 1} /Root {root_ref.idnum} 0 R /Prev {previous}"
    if info:
        trailer += f" /Info {info_id} 0 R"
    elif "/Info" in reader.trailer:
        trailer += f" /Info {reader.trailer.raw_get('/Info').idnum} 0 R"
    out.write(f"trailer\n{trailer} >>\nstartxref\n{xref_at}\n%%EOF\n".encode())
    with path.open("ab") as f:
        f.write(out.getvalue())

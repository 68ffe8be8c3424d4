"""The dossier PDF, laid out by Qt's own text engine: a QTextDocument of escaped HTML painted
page by page onto a QPdfWriter, with our own header and "Page X of Y" footer. Qt shapes and
orders every script (Armenian, Cyrillic, Arabic, Persian), embeds and subsets the fonts, and
turns `<a href="#…">` into links; pypdf then adds the outline (Qt writes none).

Contents: cover, table of contents with page numbers, claims summary, each article with its
provenance, verbatim text, highlighted passages, numbered notes as endnotes (links both ways), an
entity index with pages, and a timeline figure. Each part that starts a page is its own document:
every part is laid out once to learn its length and where its anchors fall, the contents and the
index again until their page numbers hold, then each part once more to paint it. Links between
parts work because Qt's PDF writer names its destinations for the whole file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from dossier.core.citation import format_date
from dossier.core.colors import blend, default_color
from dossier.core.models import Annotation, Article
from dossier.export.pdf_html import (
    PdfContent, anchor, article_body, claims_table, endnotes, esc, note_marker, provenance_line,
)
from dossier.export.atomic import written_whole
from dossier.store import Store

PAGE_MARGIN_MM = 18
HEADER_MM = 8
# Every part of the dossier (cover, contents, claims, each article, index) starts a page; each is
# laid out as its own document, so memory holds one article's layout, not the whole dossier's.
PAGE_BREAK = '<div style="page-break-before:always"></div>'
# The sections that print page numbers, so are laid out again once the numbers are known.
PAGE_NUMBERED_SECTIONS = ("contents", "entities")


@dataclass
class PdfOptions:
    article_ids: Sequence[int] | None = None  # None: every article
    tag_names: Sequence[str] | None = None  # only annotations with one of these tags
    claims_only: bool = False
    passages_only: bool = False  # only the annotated passages, not the full text
    analyst: str = ""
    cancel: threading.Event | None = None


class Cancelled(Exception):
    pass


def export_pdf(store: Store, out: Path, options: PdfOptions | None = None,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Write the dossier PDF to `out` (via a temporary file: a failure or cancel leaves no
    half-written PDF). Returns the number of pages. Needs a QGuiApplication."""
    from dossier.store.targets import check_target

    options = options or PdfOptions()
    check_target(out, store.path)  # before any layout: never a dossier, and a folder we can write to
    with written_whole(out) as partial:
        pages, sections = _write(store, partial, options, progress)
        try:
            _add_outline(partial, sections)
        except Exception as error:  # Qt's PDF writer reports no write errors; reading it back does
            raise OSError(f"the PDF could not be written completely to {out.parent} (is the disk full?): "
                          f"{error}") from error
    return pages


def _check(options: PdfOptions) -> None:
    if options.cancel is not None and options.cancel.is_set():
        raise Cancelled()


def _selected(store: Store, options: PdfOptions) -> tuple[list[Article], dict[int, list[Annotation]]]:
    ids = list(options.article_ids) if options.article_ids is not None else store.article_ids("published", False)
    tag_ids = None
    if options.tag_names:
        wanted = {n.casefold() for n in options.tag_names}
        tag_ids = {t.id for t in store.tags() if t.name.casefold() in wanted}
    articles, annotations = [], {}
    for article_id in ids:
        chosen = [a for a in store.annotations(article_id)
                  if (not options.claims_only or a.kind == "claim")
                  and (tag_ids is None or set(a.tag_ids) & tag_ids)]
        if (options.claims_only or tag_ids is not None) and not chosen:
            continue
        try:
            articles.append(store.article(article_id))
        except KeyError:
            raise ValueError(f"there is no article {article_id} in this dossier") from None
        annotations[article_id] = chosen
    return articles, annotations


def _content(store: Store, options: PdfOptions, articles: list[Article], annotations: dict[int, list[Annotation]],
             pages: dict[str, int], figure: str, width: int) -> PdfContent:
    c = PdfContent()
    tags = {t.id: t for t in store.tags()}
    grades = store.source_grades()
    counts = store.counts()
    today = datetime.now(timezone.utc).date()
    c.parts.append(
        f'<div align="center"><br/><br/><br/><h1 style="font-size:24pt">{esc(store.title)}</h1>'
        f"<p>Dossier prepared {esc(format_date(today.isoformat()))}"
        + (f" by {esc(options.analyst)}" if options.analyst else "")
        + f"</p><p>{len(articles)} articles · {sum(len(v) for v in annotations.values())} annotations "
        f"({sum(1 for v in annotations.values() for a in v if a.kind == 'claim')} claims) · "
        f"{counts.get('entities', 0)} entities · {counts.get('events', 0)} events</p></div>"
    )
    c.parts.append(PAGE_BREAK)
    c.parts.append(c.section("contents", "Contents"))
    toc_index = len(c.parts)
    c.parts.append("")  # filled once every section is known

    c.parts.append(PAGE_BREAK)
    c.parts.append(c.section("claims", "Claims"))
    rows = []
    claims = [a for article in articles for a in annotations[article.id] if a.kind == "claim" and a.claim is not None]
    boards = {row.annotation.id: row for row in store.claim_rows([a.id for a in claims])} if claims else {}
    # Evidence in the PDF links to its place in the text; evidence from articles left out is quoted.
    printed = {a.id for article in articles for a in annotations[article.id] if a.anchor_state != "orphaned"}
    for article in articles:
        for a in annotations[article.id]:
            if a.kind == "claim" and a.claim is not None:
                rows.append((a, article, f"ann-{a.id}", grades.grade(a.claim, article.source).label))
    c.parts.append(claims_table(rows, boards, printed))

    number = 0
    for article in articles:
        _check(options)
        chosen = annotations[article.id]
        colors, numbers, with_notes = {}, {}, set()
        for a in chosen:
            tag_colors = [tags[t].color for t in a.tag_ids if t in tags]
            colors[a.id] = blend(tag_colors[0] if tag_colors else default_color(a.kind), 0.45)
            if a.note or a.claim is not None:
                number += 1
                numbers[a.id] = number
                if a.anchor_state != "orphaned":
                    with_notes.add(a.id)
        c.parts.append(PAGE_BREAK)
        c.parts.append(c.section(f"article-{article.id}", article.title))
        c.parts.append(provenance_line(article))
        if options.passages_only:
            c.parts.append("".join(
                f'<p>{anchor(f"ann-{a.id}")}<span style="background-color:{colors[a.id]}">“{esc(a.exact)}”</span>'
                + (note_marker(numbers[a.id]) if a.id in numbers else "") + "</p>"
                for a in chosen))
        else:
            c.parts.append(article_body(article.text, chosen, colors, numbers, with_notes))
        c.parts.append(endnotes(article, chosen, numbers, grades))

    c.parts.append(PAGE_BREAK)
    c.parts.append(c.section("entities", "Entity index"))
    index_rows = []
    titles = {a.id: a.title for a in articles}
    for entity in store.entity_rows():
        in_articles = sorted(aid for aid, _title, _n in store.articles_mentioning(entity.id) if aid in titles)
        if not in_articles:
            continue
        where = ", ".join(f"{esc(titles[aid])} (p. {pages.get(f'article-{aid}', 0) + 1})" for aid in in_articles)
        index_rows.append(f"<p><b>{esc(entity.name)}</b> <small>{esc(entity.kind)}</small> — {where}</p>")
    c.parts.append("".join(index_rows) or "<p>No entities.</p>")

    c.parts.append(c.section("timeline", "Timeline"))
    c.parts.append(f'<p><img src="{figure}" width="{width}"/></p>' if figure else "<p>No dated events.</p>")

    toc = "".join(
        f'<p><a href="#{s.key}">{esc(s.title)}</a> ……… '
        f"{pages.get(s.key, 0) + 1}</p>"
        for s in c.sections if s.key not in ("contents",)
    )
    c.parts[toc_index] = toc
    return c


def _write(store: Store, path: Path, options: PdfOptions,
           progress: Callable[[int, int], None] | None) -> tuple[int, list[tuple[str, int]]]:
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, QUrl
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    from dossier.export.fonts import register_fonts
    from dossier.export.timeline_figure import timeline_image

    family = register_fonts()
    articles, annotations = _selected(store, options)
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM + HEADER_MM, PAGE_MARGIN_MM,
                                               PAGE_MARGIN_MM), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    writer.setTitle(store.title)
    writer.setCreator("Dossier")
    painter_rect = writer.pageLayout().paintRectPixels(writer.resolution())
    page_size = QSizeF(painter_rect.width(), painter_rect.height())

    events = [e for e in store.events() if e.earliest and e.article_id in {a.id for a in articles}]
    image = timeline_image(events, {a.id: a.title for a in articles}, family) if events else None

    def content_for(pages: dict[str, int]) -> tuple[list[str], PdfContent]:
        # An <img width> counts CSS pixels (1/96 in), which the layout scales to the PDF's resolution.
        content = _content(store, options, articles, annotations, pages, "timeline.png" if image else "",
                           int(page_size.width() * 96 / writer.resolution()))
        return _parts(content.parts), content

    def laid_out(html: str) -> QTextDocument:
        doc = QTextDocument()
        # Lay out with the PDF's own resolution, so 10 pt is 10 pt on paper.
        doc.documentLayout().setPaintDevice(writer)
        font = QFont(family)
        font.setPointSizeF(10)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet("h1 { font-size: 16pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; } "
                                 "th { background-color: #eeeeee; }")
        if image is not None:
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("timeline.png"), image)
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
    parts, content = content_for({})
    measured = [measure(html) for html in parts]
    for _round in range(3):
        parts, content = content_for(_absolute_pages(measured))
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
    return total, [(s.title, pages.get(s.key, 0)) for s in content.sections]


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


def _grey():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    return QColor("#666666")


def _heading_pages(doc, page_height: float) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The page each named anchor (section) starts on, read from the laid-out document."""
    pages: dict[str, int] = {}
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
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


def _add_outline(path: Path, sections: list[tuple[str, int]]) -> None:
    """Bookmarks for every section and article (Qt's PDF writer makes none), appended to the
    file as an incremental update: the pages Qt wrote are not parsed and written again, which
    made this step 40 % of a large export."""
    import io
    import re

    from pypdf import PdfReader

    if not sections:
        return
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
                                          f"/Count {len(ids)} >>"}
    for i, (title, page) in enumerate(sections):
        links = "".join([f" /Prev {ids[i - 1]} 0 R" if i else "", f" /Next {ids[i + 1]} 0 R" if i + 1 < len(ids) else ""])
        target = pages[min(page, len(pages) - 1)]
        bodies[ids[i]] = (f"<< /Title {pdf_text(title)} /Parent {outline_id} 0 R{links} "
                          f"/Dest [{target} 0 R /XYZ null null null] >>")
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
    trailer = f"<< /Size {size + 1 + len(ids)} /Root {root_ref.idnum} 0 R /Prev {previous}"
    if "/Info" in reader.trailer:
        trailer += f" /Info {reader.trailer.raw_get('/Info').idnum} 0 R"
    out.write(f"trailer\n{trailer} >>\nstartxref\n{xref_at}\n%%EOF\n".encode())
    with path.open("ab") as f:
        f.write(out.getvalue())

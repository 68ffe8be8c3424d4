"""The editable copy of the dossier report: the same content as the PDF (`export.report`),
written as an OpenDocument text file by Qt's own writer (QTextDocumentWriter), which LibreOffice
and Word open, so the analyst can finish the report there.

Qt's ODF writer keeps no bookmarks and knows no pages: the copy has no internal links and no page
numbers (its contents say so), and the entity index lists names only. The figures go in as
images.
"""

from __future__ import annotations

from pathlib import Path

from dossier.export.fonts import register_fonts
from dossier.export.page_figures import page_figures
from dossier.export.report import PAGE_BREAK, Layout, ReportOptions, build, report_document, select
from dossier.export.timeline_figure import timeline_figures
from dossier.store import Database
from dossier.store.atomic import written_whole, zip_opens
from dossier.store.targets import check_target

# The text width of an A4 page with 18 mm margins, in CSS pixels: the figures' width.
TEXT_WIDTH_PX = 658


def export_odt(store: Database, out: Path, options: ReportOptions | None = None) -> int:
    """Write the report to `out` as OpenDocument text; returns the number of articles in it.
    Needs a QGuiApplication (fonts and images)."""
    from PySide6.QtGui import QTextDocumentWriter

    options = options or ReportOptions()
    check_target(out, store.path)
    family = register_fonts()
    chosen = select(store, options)
    figures = timeline_figures(chosen.events, {a.id: a.source or "" for a in chosen.articles}, TEXT_WIDTH_PX, family)
    figures += page_figures(store, chosen.articles, chosen.annotations, TEXT_WIDTH_PX)
    content = build(store, options, chosen, figures, Layout(pages=None))
    doc = report_document(family, figures)
    doc.setHtml(_with_page_breaks(content.parts))
    with written_whole(out, zip_opens) as partial:
        writer = QTextDocumentWriter(str(partial), b"odf")
        if not writer.write(doc):
            raise OSError(f"the document could not be written to {out.parent}: {writer.device().errorString()}")
    return len(chosen.articles)


def _with_page_breaks(parts: list[str]) -> str:
    """The parts as one document, each section on a new page; internal links, which would lead
    nowhere in the copy, become plain text."""
    out = []
    for part in parts:
        if part == PAGE_BREAK:
            out.append('<p style="page-break-before:always"></p>')
        else:
            out.append(part.replace('<a href="#', '<a name="link-'))
    return "".join(out)

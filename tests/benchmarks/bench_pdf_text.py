"""PDF text benchmark (run by hand; not a test): pypdf against pypdfium2, for speed and text.

    python tests/benchmarks/bench_pdf_text.py [--pages 40]

Writes text PDFs of the kinds analysts import, with Qt's PDF writer (the words of each are known):
a news printout (headline, byline, a browser's header and footer with the address and page
numbers), a long report (headings, numbered pages), a two-column bulletin, a Russian and an
Armenian article. Each is read by both libraries as the importer reads it: every page's text.
Prints one JSON object per kind and library, and a summary per library:

pdf_text_ms        time to read every page's text (best of 3)
pdf_text_quality   how much of the text comes back in order: the share of the known words found
                   in sequence (difflib over words; 1.0 = every word, in reading order)
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

ENGLISH = ("the agreement was not implemented in full and Russian troops from the 102nd base arrived in Syunik "
           "province on Thursday according to the ministry of defence which said the border guards had moved "
           "two kilometres inside the line drawn in 2020 while officials in Yerevan asked Moscow for assistance "
           "under the collective security treaty")
RUSSIAN = ("соглашение не было выполнено полностью российские военные с 102-й базы прибыли в Сюникскую область "
           "в четверг по данным министерства обороны пограничники продвинулись на два километра за линию "
           "проведённую в 2020 году официальные лица в Ереване попросили Москву о помощи")
ARMENIAN = ("համաձայնագիրը ամբողջությամբ չի կատարվել ռուսական զորքերը 102-րդ ռազմաբազայից ժամանել են Սյունիքի "
            "մարզ հինգշաբթի օրը պաշտպանության նախարարության տվյալներով սահմանապահները առաջ են շարժվել երկու "
            "կիլոմետր Երևանի պաշտոնյաները Մոսկվային օգնություն են խնդրել")


def paragraphs(vocabulary: str, count: int, rng: random.Random) -> list[str]:
    words = vocabulary.split()
    out = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 18)))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        out.append(" ".join(sentences))
    return out


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_pdf(html: str, header: Callable[[int, int], tuple[str, str]] | None = None) -> bytes:
    """The HTML laid out by Qt on A4 pages, each with an optional header and footer line."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    from dossier.export.fonts import register_fonts

    family = register_fonts()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 24, 18, 18), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    size = QSizeF(rect.width(), rect.height())
    doc = QTextDocument()
    font = QFont(family)
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    doc.documentLayout().setPaintDevice(writer)
    doc.setPageSize(size)
    doc.setHtml(html)
    painter = QPainter(writer)
    small = QFont(family)
    small.setPointSizeF(7.5)
    pages = doc.pageCount()
    for page in range(pages):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, -page * size.height())
        doc.drawContents(painter, QRectF(0, page * size.height(), size.width(), size.height()))
        painter.restore()
        if header:
            top, bottom = header(page, pages)
            painter.setFont(small)
            painter.drawText(QRectF(0, -writer.resolution() * 0.3, size.width(), writer.resolution() * 0.2), 0x0001, top)
            painter.drawText(QRectF(0, size.height() + writer.resolution() * 0.05, size.width(),
                                    writer.resolution() * 0.2), 0x0001, bottom)
    painter.end()
    buffer.close()
    return bytes(data.data())


def samples(pages: int) -> dict[str, tuple[bytes, str]]:
    """Each kind: (the PDF, the words it holds in reading order, as one string)."""
    rng = random.Random(7)
    out: dict[str, tuple[bytes, str]] = {}

    body = paragraphs(ENGLISH, 14, rng)
    headline = "Russian troops sent to Armenia's border after incursion"
    byline = "By A. Correspondent, 14 May 2021, 09:12"
    html = f"<h1>{esc(headline)}</h1><p><i>{esc(byline)}</i></p>" + "".join(f"<p>{esc(p)}</p>" for p in body)
    out["news_printout"] = (write_pdf(html, lambda n, of: ("14/05/2021, 09:15  Russian troops sent to Armenia's border",
                                                           f"https://news.example/2021/05/14/troops  {n + 1}/{of}")),
                            " ".join([headline, byline, *body]))

    sections = []
    truth = []
    for s in range(max(1, pages // 2)):
        title = f"{s + 1}. Findings on the border, part {s + 1}"
        text = paragraphs(ENGLISH, 9, rng)
        sections.append(f"<h2>{esc(title)}</h2>" + "".join(f"<p>{esc(p)}</p>" for p in text))
        truth += [title, *text]
    out["long_report"] = (write_pdf("".join(sections), lambda n, of: ("Border monitoring report", f"Page {n + 1} of {of}")),
                          " ".join(truth))

    left, right = paragraphs(ENGLISH, 5, rng), paragraphs(ENGLISH, 5, rng)
    cell = '<td width="50%" valign="top" style="padding-right:12px">{}</td>'
    html = ("<h1>Weekly bulletin</h1><table width=\"100%\"><tr>"
            + cell.format("".join(f"<p>{esc(p)}</p>" for p in left))
            + cell.format("".join(f"<p>{esc(p)}</p>" for p in right)) + "</tr></table>")
    out["two_columns"] = (write_pdf(html), " ".join(["Weekly bulletin", *left, *right]))

    for kind, words, title in (("russian", RUSSIAN, "Российские войска на границе"),
                               ("armenian", ARMENIAN, "Ռուսական զորքերը սահմանին")):
        text = paragraphs(words, 14, rng)
        out[kind] = (write_pdf(f"<h1>{esc(title)}</h1>" + "".join(f"<p>{esc(p)}</p>" for p in text)),
                     " ".join([title, *text]))
    return out


def with_pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n\n".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)


def with_pdfium(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n\n".join(texts)
    finally:
        document.close()


def quality(truth: str, found: str) -> float:
    """The share of the known words found in reading order (punctuation kept: "border." is a word)."""
    expected, got = truth.split(), found.split()
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(expected))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=40, help="about how long the long report is")
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])  # noqa: F841 - the PDFs are written by Qt's text engine
    kinds = samples(args.pages)
    readers = {"pypdf": with_pypdf, "pypdfium2": with_pdfium}
    for read in readers.values():
        read(kinds["news_printout"][0])  # imports and first-use work, outside the timings
    totals: dict[str, list[float]] = {name: [0.0, 0.0] for name in readers}
    for kind, (data, truth) in kinds.items():
        for name, read in readers.items():
            times = []
            for _ in range(3):
                started = time.perf_counter()
                found = read(data)
                times.append((time.perf_counter() - started) * 1000)
            score = quality(truth, found)
            totals[name][0] += min(times)
            totals[name][1] += score / len(kinds)
            print(json.dumps({"metric": "pdf_text_ms", "reader": name, "kind": kind, "value": round(min(times), 1),
                              "unit": "ms", "quality": round(score, 4), "pdf_kb": len(data) // 1024}), flush=True)
    for name, (ms, score) in totals.items():
        print(json.dumps({"metric": "pdf_text_total_ms", "reader": name, "value": round(ms, 1), "unit": "ms",
                          "quality_mean": round(score, 4)}), flush=True)


if __name__ == "__main__":
    main()

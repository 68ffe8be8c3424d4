"""PDF articles: the text of every page, joined; the title from the metadata or first line. A page
without a text layer (a scan) is read by OCR (ingest.picture_reader), so mixed documents work.

pypdf opens the file and judges it (encryption, damage, streams that inflate past its limits), as
before; PDFium (pypdfium2) then reads the pages' text. Measured on news printouts, a long report,
two columns, Russian and Armenian (tests/benchmarks/bench_pdf_text.py), it is about twenty times
faster and its text as good or better (pypdf gave "oﬃcials" with a ligature where the page says
"officials", so a search for the word missed it). A file PDFium can't open, or whose pages it
counts otherwise, is read by pypdf as before."""

from __future__ import annotations

import io

from dossier.ingest.decode import UnreadableFile, one_line
from dossier.ingest.document import Document
from dossier.ingest.picture_reader import PDFIUM, OcrOptions, placed, read_pictures, render_pdf_pages
from dossier.ingest.text_reader import normalise_newlines, read_text, short_title


def read_pdf(data: bytes, *, original_name: str | None = None, ocr: OcrOptions | None = None) -> Document:
    import logging
    import warnings

    from pypdf import PdfReader  # heavy: only when a PDF is imported

    # pypdf logs and warns about every oddity it reads past; those are not the user's errors.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_pdf(PdfReader, data, original_name, ocr or OcrOptions())


def _read_pdf(reader_class: type, data: bytes, original_name: str | None, ocr: OcrOptions) -> Document:
    try:
        reader = reader_class(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")  # many PDFs are "encrypted" with an empty password
            except Exception as exc:  # pypdf raises several kinds here, e.g. for unknown ciphers
                raise UnreadableFile(f"the PDF is encrypted ({exc})") from exc
            if not unlocked:
                raise UnreadableFile("the PDF is encrypted with a password; save an unlocked copy and import that")
        for page in reader.pages:  # every content stream inflated within pypdf's limits (a bomb is refused)
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
        texts = _pdfium_texts(data, len(reader.pages), "" if reader.is_encrypted else None)
        if texts is None:
            texts = [page.extract_text() or "" for page in reader.pages]
        pages = [normalise_newlines(text).strip() for text in texts]
        meta_title = (reader.metadata.title or "").strip() if reader.metadata else ""
    except UnreadableFile:
        raise
    except Exception as exc:  # pypdf has many ways to fail on a damaged or hostile file
        raise UnreadableFile(f"the PDF is damaged or not a PDF ({one_line(exc)})") from exc
    if any(not p for p in pages):
        return _with_ocr(data, pages, meta_title, original_name, ocr)
    text = "\n\n".join(p for p in pages if p)
    if meta_title:
        body = text
        first = body.split("\n", 1)
        if first[0].strip().casefold() == meta_title.casefold() and len(first) > 1:
            body = first[1].lstrip("\n")
        return Document(title=meta_title, text=body, original_name=original_name, original_bytes=data)
    try:
        return read_text(text, original_name=original_name, original_bytes=data)
    except ValueError as exc:  # "a headline but no text below it": the PDF holds one line
        raise UnreadableFile(f"the PDF holds only a line of text ({exc})") from exc


def _pdfium_texts(data: bytes, count: int, password: str | None) -> list[str] | None:
    """Each page's text as PDFium reads it; None if it can't open the file or finds other than
    `count` pages (pypdf's count), so that pypdf reads it as it always did."""
    import pypdfium2 as pdfium  # heavy: only when a PDF is imported

    with PDFIUM:
        try:
            document = pdfium.PdfDocument(data, password=password)
        except pdfium.PdfiumError:
            return None
        try:
            if len(document) != count:
                return None
            texts = []
            for index in range(count):
                page = document[index]
                textpage = page.get_textpage()
                try:
                    texts.append(textpage.get_text_range())
                finally:
                    textpage.close()
                    page.close()
            return texts
        except pdfium.PdfiumError:
            return None
        finally:
            document.close()


def _with_ocr(data: bytes, pages: list[str], meta_title: str, original_name: str | None, ocr: OcrOptions) -> Document:
    """A PDF with pages of no text layer: those pages drawn and read by OCR, the others as their
    text layer has them, in page order. The text is kept whole (no headline cut from it), so the
    words' offsets on each page image stay true; the title is the metadata's or the first words."""
    from dataclasses import replace


    blank = [i for i, page in enumerate(pages) if not page]
    try:
        pictures = render_pdf_pages(data, blank)
    except Exception as exc:  # pdfium refuses what pypdf read past
        raise UnreadableFile(f"the PDF's pages without text can't be drawn to be read ({one_line(exc)})") from exc
    read = iter(read_pictures(pictures, ocr, numbers=[i + 1 for i in blank]))
    of_pages = len(pages) if len(blank) < len(pages) else 0
    in_order = [page or replace(next(read), of_pages=of_pages) for page in pages]
    text, ocr_pages = placed(in_order)
    if not text.strip():
        used = ", ".join(sorted({p.languages for p in ocr_pages}))
        raise UnreadableFile(f"the PDF has no text layer, and OCR (with {used}) found no text in its pages")
    title = meta_title or short_title(text.strip().split("\n", 1)[0])
    return Document(title=title, text=text, original_name=original_name, original_bytes=data,
                    ocr_pages=tuple(ocr_pages))

"""Which reader reads which file, and the reasons a file can't be read."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.ingest.decode import UnreadableFile, check_size, decode_text, one_line
from dossier.ingest.document import Document
from dossier.ingest.html_reader import read_html
from dossier.ingest.markdown_reader import read_markdown
from dossier.ingest.pdf_reader import read_pdf
from dossier.ingest.picture_reader import MAX_PICTURE_BYTES
from dossier.ingest.text_reader import read_text
from dossier.store.files import what_it_is

if TYPE_CHECKING:
    from dossier.ingest.picture_reader import OcrOptions

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
EXPORT_SUFFIXES = {".json"}  # Telegram Desktop exports: many articles in one file (ingest.telegram)
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wacz")  # web archives: a page each (ingest.web_archive)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff"}  # read by OCR (ingest.picture_reader)
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | EXPORT_SUFFIXES | IMAGE_SUFFIXES


def holds_many(path: Path) -> bool:
    """A file of many articles (a Telegram export, a web archive), read by the pipeline item by item."""
    return path.suffix.lower() in EXPORT_SUFFIXES or path.name.lower().endswith(ARCHIVE_SUFFIXES)


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED or path.name.lower().endswith(ARCHIVE_SUFFIXES)


def read_file(path: Path, ocr: OcrOptions | None = None) -> Document:
    """Read one file into a document. Raises UnreadableFile saying why it can't be imported,
    whatever went wrong inside a reader or a library: one file never stops an import. Pictures
    and PDF pages without text are read by OCR as `ocr` says."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED or holds_many(path):
        raise UnreadableFile(f"{suffix or 'files without an extension'} is not a supported kind of file "
                             "(text, Markdown, HTML, PDF or a picture; a Telegram export or web archive is imported "
                             "as a whole)")

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe would block the read, a device never end it
            raise UnreadableFile(f"it is {what_it_is(info.st_mode)}, not a file")
        if suffix in IMAGE_SUFFIXES | PDF_SUFFIXES:  # scans and photos are larger than text

            if info.st_size == 0 or info.st_size > MAX_PICTURE_BYTES:
                check_size(info.st_size)
        else:
            check_size(info.st_size)
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"the file can't be read ({exc.strerror})") from exc
    try:
        return read_bytes(data, display_name(path.name), ocr)
    except UnreadableFile:
        raise
    except RecursionError as exc:
        raise UnreadableFile("the file is nested too deeply to be read") from exc
    except Exception as exc:  # a reader or library failed in a way of its own: say so, go on
        raise UnreadableFile(f"the file can't be read ({one_line(exc)})") from exc


def display_name(name: str) -> str:
    """A file name as text that can be stored and shown: bytes that are not UTF-8 (kept by the
    file system as surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_bytes(data: bytes, name: str, ocr: OcrOptions | None = None) -> Document:
    suffix = Path(name).suffix.lower()
    if suffix in PDF_SUFFIXES:
        return read_pdf(data, original_name=name, ocr=ocr)
    if suffix in IMAGE_SUFFIXES:
        from dossier.ingest.picture_reader import OcrOptions, read_picture_file  # lazy: Pillow on first use

        return read_picture_file(data, name, ocr or OcrOptions())
    text = decode_text(data)
    try:
        if suffix in HTML_SUFFIXES:
            return read_html(text, original_name=name, original_bytes=data)
        if suffix in MARKDOWN_SUFFIXES:
            return read_markdown(text, original_name=name, original_bytes=data)

        return read_text(text, original_name=name, original_bytes=data)
    except UnreadableFile:
        raise
    except ValueError as exc:
        raise UnreadableFile(str(exc)) from exc

"""Which reader reads which file, and the reasons a file can't be read."""

from __future__ import annotations

from pathlib import Path

from dossier.ingest.decode import UnreadableFile, check_size, decode_text
from dossier.ingest.document import Document

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES


def read_file(path: Path) -> Document:
    """Read one file into a document. Raises UnreadableFile saying why it can't be imported."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(f"{suffix or 'files without an extension'} is not a supported kind of file "
                             "(text, Markdown, HTML or PDF)")
    try:
        check_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"the file can't be read ({exc.strerror})") from exc
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> Document:
    suffix = Path(name).suffix.lower()
    if suffix in PDF_SUFFIXES:
        from dossier.ingest.pdf_reader import read_pdf

        return read_pdf(data, original_name=name)
    text = decode_text(data)
    try:
        if suffix in HTML_SUFFIXES:
            from dossier.ingest.html_reader import read_html

            return read_html(text, original_name=name, original_bytes=data)
        if suffix in MARKDOWN_SUFFIXES:
            from dossier.ingest.markdown_reader import read_markdown

            return read_markdown(text, original_name=name, original_bytes=data)
        from dossier.ingest.text_reader import read_text

        return read_text(text, original_name=name, original_bytes=data)
    except UnreadableFile:
        raise
    except ValueError as exc:
        raise UnreadableFile(str(exc)) from exc

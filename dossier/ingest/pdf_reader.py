"""PDF articles: the text of every page, joined; the title from the metadata or first line."""

from __future__ import annotations

import io

from dossier.ingest.decode import UnreadableFile, one_line
from dossier.ingest.document import Document
from dossier.ingest.text_reader import normalise_newlines, read_text


def read_pdf(data: bytes, *, original_name: str | None = None) -> Document:
    import logging
    import warnings

    from pypdf import PdfReader  # heavy: only when a PDF is imported

    # pypdf logs and warns about every oddity it reads past; those are not the user's errors.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_pdf(PdfReader, data, original_name)


def _read_pdf(reader_class: type, data: bytes, original_name: str | None) -> Document:
    try:
        reader = reader_class(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")  # many PDFs are "encrypted" with an empty password
            except Exception as exc:  # pypdf raises several kinds here, e.g. for unknown ciphers
                raise UnreadableFile(f"the PDF is encrypted ({exc})") from exc
            if not unlocked:
                raise UnreadableFile("the PDF is encrypted with a password; save an unlocked copy and import that")
        pages = [normalise_newlines(page.extract_text() or "").strip() for page in reader.pages]
        meta_title = (reader.metadata.title or "").strip() if reader.metadata else ""
    except UnreadableFile:
        raise
    except Exception as exc:  # pypdf has many ways to fail on a damaged or hostile file
        raise UnreadableFile(f"the PDF is damaged or not a PDF ({one_line(exc)})") from exc
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise UnreadableFile("the PDF has no text layer (a scan?); Dossier does not read text from images")
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

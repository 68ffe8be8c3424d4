"""PDF articles: the text of every page, joined; the title from the metadata or first line."""

from __future__ import annotations

import io

from dossier.ingest.decode import UnreadableFile
from dossier.ingest.document import Document
from dossier.ingest.text_reader import normalise_newlines, read_text


def read_pdf(data: bytes, *, original_name: str | None = None) -> Document:
    from pypdf import PdfReader  # heavy: only when a PDF is imported
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
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
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFile(f"the PDF is damaged or not a PDF ({exc})") from exc
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise UnreadableFile("the PDF has no text layer (a scan?); Dossier does not read text from images")
    if meta_title:
        body = text
        first = body.split("\n", 1)
        if first[0].strip().casefold() == meta_title.casefold() and len(first) > 1:
            body = first[1].lstrip("\n")
        return Document(title=meta_title, text=body, original_name=original_name, original_bytes=data)
    document = read_text(text, original_name=original_name, original_bytes=data)
    return document

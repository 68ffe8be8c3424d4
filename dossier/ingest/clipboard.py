"""A pasted or dropped page or passage as a document: HTML through the page reader (the body,
without chrome or scripts), plain text through the text reader."""

from __future__ import annotations

from dossier.ingest.decode import UnreadableFile
from dossier.ingest.document import Document
from dossier.ingest.html_reader import read_html
from dossier.ingest.text_reader import normalise_newlines, read_text, short_title


def read_pasted(html: str | None, text: str | None) -> Document:
    """Prefer the page (HTML) when there is one; raises UnreadableFile if nothing usable."""
    if html and html.strip():
        try:
            return read_html(html, original_name="pasted.html", original_bytes=html.encode("utf-8"))
        except ValueError:
            if not (text and text.strip()):
                raise UnreadableFile("the pasted page has no article text") from None
    if not (text and text.strip()):
        raise UnreadableFile("the clipboard holds no text")

    content = normalise_newlines(text.strip("\ufeff"))
    lines = [line for line in content.split("\n") if line.strip()]
    if len(lines) >= 2:
        return read_text(content, original_name="pasted.txt", original_bytes=text.encode("utf-8"))
    # A single passage: its words are the text; a title is made from its start, to be corrected.
    passage = content.strip()
    return Document(title=short_title(passage), text=passage, original_name="pasted.txt", original_bytes=text.encode("utf-8"))

"""What a reader makes of a file, before it becomes an article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossier.core.models import NewArticle, publication_day
from dossier.core.ocr import OcrPage
from dossier.core.provenance import Attachment, Provenance


@dataclass(frozen=True)
class Document:
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_precision: str = "unknown"
    author: str | None = None
    original_name: str | None = None
    original_bytes: bytes = b""
    reports: tuple[str, ...] = ()  # outlets whose reporting this one repeats
    language: str | None = None  # ISO 639-1, as the file states it or as detected
    notes: tuple[str, ...] = ()  # what the reader proposed and the user should see (a dateline's outlet)
    provenance: Provenance | None = None  # a message of a Telegram export, a page of a web archive
    attachments: tuple[Attachment, ...] = ()  # the photos and files that came with it
    ocr_pages: tuple[OcrPage, ...] = ()  # pages read by OCR: pictures, word boxes, where in `text`

    @property
    def publication_day(self) -> str | None:
        return publication_day(self.published, self.published_precision)

    def to_article(self) -> NewArticle:
        return NewArticle(
            title=self.title,
            text=self.text,
            source=self.source,
            url=self.url,
            published=self.published,
            published_precision=self.published_precision if self.published else "unknown",
            original_name=self.original_name,
            language=self.language,
        )


@dataclass(frozen=True)
class Entry:
    """One item of a file that holds many (a message of a Telegram export, a record of a web
    archive): an article to be, or why it is left out (`left_out`: rightly not an article), or why
    it could not be read (`reason`)."""

    path: Path  # "…/result.json#<chat id>:<message id>", "…/site.warc.gz#<record>": for the report
    document: Document | None = None
    left_out: str | None = None
    reason: str | None = None
    note: str | None = None  # imported, with something to say (a photo missing from the folder)
    revisit: Provenance | None = None  # a web archive's revisit: the same page captured again, no text of its own

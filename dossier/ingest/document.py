"""What a reader makes of a file, before it becomes an article."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.core.models import NewArticle, publication_day


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

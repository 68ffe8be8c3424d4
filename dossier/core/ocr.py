"""Text read from pictures by OCR: the words of a page with their boxes, and the sentence every
view and export says of an article so read ("read by OCR (tesseract 5.3.0, hye+eng, mean
confidence 91%)"), so an analyst knows to check a quote against the picture."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class OcrWord:
    """One word as the engine read it: `start`/`end` are code-point offsets into the text (the
    page's while it is read, the article's once stored), the box in the page image's pixels, and
    the engine's confidence (0–100). A word read with little confidence is kept as read."""

    start: int
    end: int
    left: int
    top: int
    width: int
    height: int
    confidence: float


@dataclass(frozen=True)
class OcrPage:
    """One page read by OCR: its number in the file (from 1), where its text stands in the
    article (`start`, `end`), the picture it was read from (`image`, with its media type), the
    engine, the languages it read with and its words."""

    number: int
    text: str
    words: tuple[OcrWord, ...]
    width: int
    height: int
    engine: str
    languages: str
    image: bytes = b""
    media_type: str = "image/png"
    start: int = 0
    of_pages: int = 0  # the file's pages, when some had a text layer and were not read by OCR

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def confidence(self) -> float | None:
        """The mean confidence of its words (0–100), None when it has none."""
        return mean_confidence(self.words)

    def moved(self, start: int) -> OcrPage:
        """The page with its text starting at `start` of the article: word offsets follow."""
        shift = start - self.start
        words = tuple(replace(w, start=w.start + shift, end=w.end + shift) for w in self.words)
        return replace(self, start=start, words=words)


def mean_confidence(words: Sequence[OcrWord]) -> float | None:
    return sum(w.confidence for w in words) / len(words) if words else None


@dataclass(frozen=True)
class OcrReading:
    """What an article's pages say of how it was read: for the provenance sentence."""

    pages: int
    engine: str
    languages: str
    confidence: float | None
    of_pages: int | None = None  # a PDF's page count, when only some pages had to be read by OCR


def reading_of(pages: Sequence[OcrPage]) -> OcrReading:
    words = [w for p in pages for w in p.words]
    languages = sorted({p.languages for p in pages})
    engines = sorted({p.engine for p in pages})
    of_pages = max((p.of_pages for p in pages), default=0)
    return OcrReading(len(pages), ", ".join(engines), ", ".join(languages), mean_confidence(words), of_pages or None)


def reading_words(reading: OcrReading) -> str:
    """"read by OCR (tesseract 5.3.0, hye+eng, mean confidence 91%)"; "3 of 12 pages read by
    OCR (…)" for a PDF whose other pages had a text layer."""
    confidence = "no words found" if reading.confidence is None else f"mean confidence {round(reading.confidence)}%"
    what = "read by OCR"
    if reading.of_pages and reading.of_pages > reading.pages:
        what = f"{reading.pages} of {reading.of_pages} pages read by OCR"
    elif reading.pages > 1:
        what = f"{reading.pages} pages read by OCR"
    return f"{what} ({reading.engine}, {reading.languages}, {confidence}): check quotes against the page images"


def words_in_span(words: Sequence[OcrWord], start: int, end: int) -> list[OcrWord]:
    """The words of [start, end) (article offsets), those cut by either end included: what to
    outline on the picture for a passage."""
    return [w for w in words if w.end > start and w.start < end]

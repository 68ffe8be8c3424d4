"""Pages read by OCR: each page's picture (stored once by sha256), where its text stands in the
article, the engine, languages and confidence, and the words' boxes. A query object over the
dossier's connection (`db.ocr_pages`)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dossier.core.ocr import OcrReading, OcrWord, reading_of, reading_words
from dossier.store.transactions import Transactions

PAGE_ROLE = "page"  # the pictures' role in article_files (Article > Properties lists them)
# A picture read as it is, its page picture and its original file at once: kept once, among the
# article's files (store.articles.original finds it there), not a second time in `originals`.
ORIGINAL_ROLE = "original"
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/tiff": "tif"}


@dataclass(frozen=True)
class StoredPage:
    """One page of an article read by OCR, as stored: its words are article offsets."""

    article_id: int
    number: int
    of_pages: int
    start: int
    end: int
    sha256: str
    width: int
    height: int
    engine: str
    languages: str
    confidence: float | None
    words: tuple[OcrWord, ...]


class OcrPages:
    """`db.ocr_pages`: the OCR pages of a dossier's articles."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx
        self._conn: sqlite3.Connection = tx.conn

    def add(self, article_id: int, pages: Sequence[Any], original: tuple[str | None, bytes] | None = None) -> bool:
        """Keep `pages` (core.ocr.OcrPage, offsets into the article's text) with their pictures, each
        stored once by its sha256. A picture that is the article's `original` file byte for byte (a
        screenshot read as it is) is listed once, as the original: True when one was (the caller then
        keeps no second copy of it)."""
        original_name, original_sha256 = (original[0], hashlib.sha256(original[1]).hexdigest()) if original else (None, None)
        kept_original = False
        with self._tx.write() as conn:
            position = conn.execute("SELECT ifnull(max(position), -1) + 1 FROM article_files WHERE article_id = ?",
                                    (article_id,)).fetchone()[0]
            for page in pages:
                digest = hashlib.sha256(page.image).hexdigest()
                conn.execute("INSERT OR IGNORE INTO attachments (sha256, content, media_type) VALUES (?, ?, ?)",
                             (digest, page.image, page.media_type))
                if digest == original_sha256 and not kept_original:
                    name, role, kept_original = original_name or "picture", ORIGINAL_ROLE, True
                else:
                    name, role = f"page {page.number}.{_EXTENSIONS.get(page.media_type, 'img')}", PAGE_ROLE
                conn.execute("INSERT INTO article_files (article_id, position, file_name, role, sha256) "
                             "VALUES (?, ?, ?, ?, ?)", (article_id, position, name, role, digest))
                position += 1
                _insert(conn, StoredPage(article_id, page.number, page.of_pages, page.start, page.end, digest,
                                         page.width, page.height, page.engine, page.languages, page.confidence,
                                         tuple(page.words)))
        return kept_original

    def keep(self, page: StoredPage) -> None:
        """Keep a page read elsewhere (another analyst's dossier, merged): its picture is here."""
        with self._tx.write() as conn:
            _insert(conn, page)

    def pages(self, article_id: int) -> list[StoredPage]:
        rows = self._conn.execute(
            "SELECT article_id, page, of_pages, start_offset, end_offset, sha256, width, height, engine, languages, "
            "confidence, words FROM ocr_pages WHERE article_id = ? ORDER BY page", (article_id,))
        return [StoredPage(article, page, of_pages, start, end, sha256, width, height, engine, languages, confidence,
                           tuple(OcrWord(*w) for w in json.loads(words)))
                for article, page, of_pages, start, end, sha256, width, height, engine, languages, confidence, words
                in rows]

    def picture(self, sha256: str) -> bytes:
        row = self._conn.execute("SELECT content FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            raise KeyError(f"no page picture {sha256}")
        return bytes(row[0])

    def page_at(self, article_id: int, offset: int) -> StoredPage | None:
        """The page whose text holds `offset` of the article (the first page after it, between pages)."""
        pages = self.pages(article_id)
        for page in pages:
            if offset < page.end:
                return page
        return pages[-1] if pages else None

    def read_among(self, article_ids: Iterable[int]) -> set[int]:
        """Those of these articles that have pages read by OCR."""
        ids = sorted(set(article_ids))
        found: set[int] = set()
        for first in range(0, len(ids), 500):
            part = ids[first:first + 500]
            found.update(r[0] for r in self._conn.execute(
                f"SELECT DISTINCT article_id FROM ocr_pages WHERE article_id IN ({','.join('?' * len(part))})", part))
        return found

    def readings(self, article_ids: Iterable[int]) -> dict[int, OcrReading]:
        """How each of these articles was read by OCR (those that were), by article."""
        ids = sorted(set(article_ids))
        found: dict[int, list[StoredPage]] = {}
        for first in range(0, len(ids), 500):
            part = ids[first:first + 500]
            rows = self._conn.execute(
                "SELECT article_id, page, of_pages, engine, languages, confidence, words FROM ocr_pages "
                f"WHERE article_id IN ({','.join('?' * len(part))}) ORDER BY article_id, page", part)
            for article_id, page, of_pages, engine, languages, confidence, words in rows:
                stored = StoredPage(article_id, page, of_pages, 0, 0, "", 0, 0, engine, languages, confidence,
                                    tuple(OcrWord(*w) for w in json.loads(words)))
                found.setdefault(article_id, []).append(stored)
        return {article_id: reading_of(pages) for article_id, pages in found.items()}  # type: ignore[arg-type]  # a StoredPage reads as an OcrPage

    def reading_words(self, article_ids: Iterable[int]) -> dict[int, str]:
        """"read by OCR (tesseract 5.3.0, hye+eng, mean confidence 91%): …", by article."""
        return {article_id: reading_words(r) for article_id, r in self.readings(article_ids).items()}


def _insert(conn: sqlite3.Connection, page: StoredPage) -> None:
    words = [[w.start, w.end, w.left, w.top, w.width, w.height, round(w.confidence, 1)] for w in page.words]
    conn.execute(
        "INSERT INTO ocr_pages (article_id, page, of_pages, start_offset, end_offset, sha256, width, height, engine, "
        "languages, confidence, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (page.article_id, page.number, page.of_pages, page.start, page.end, page.sha256, page.width, page.height,
         page.engine, page.languages, page.confidence, json.dumps(words, separators=(",", ":"))))

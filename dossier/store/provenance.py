"""Where articles came from (Telegram messages, archived pages) and the files that came with them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from dossier.core.provenance import (
    Attachment,
    Provenance,
    StoredAttachment,
    describe,
    telegram_chat_id,
    unchanged_since,
)
from dossier.store.ocr_pages import OcrPages
from dossier.store.transactions import Transactions, named_rows, record

_COLUMNS = ("identity", "kind", "collection", "item", "posted_at", "author", "forwarded_from", "reply_to",
            "edited_at", "target_url", "captured_at", "digest", "archive", "capture_id", "forwarded_from_id", "links")


def _links_json(links: Sequence[tuple[int, int, str]]) -> str:
    return json.dumps([list(link) for link in links], ensure_ascii=False)


def _read(values: Mapping[str, Any]) -> Provenance:
    """A record from a row's columns by name (`links` stored as JSON)."""
    p = Provenance(**{key: values[key] for key in _COLUMNS if key != "links"})
    links = json.loads(values["links"] or "[]")
    return replace(p, links=tuple((int(a), int(b), str(url)) for a, b, url in links)) if links else p


class ProvenanceRecords:
    """`db.provenance`: where articles came from (messages, archived pages) and their files."""

    def __init__(self, tx: Transactions, ocr_pages: OcrPages) -> None:
        self._ocr = ocr_pages
        self._conn = tx.conn
        self._write = tx.write

    def add(self, article_id: int, p: Provenance) -> None:
        """Record where the article (or one capture of it) came from; the same identity twice is
        kept once (the first)."""
        values = [getattr(p, c) for c in _COLUMNS[:-1]] + [_links_json(p.links)]
        with self._write() as conn:
            conn.execute(f"INSERT OR IGNORE INTO provenance (article_id, {', '.join(_COLUMNS)}) "
                         f"VALUES (?, {', '.join('?' * len(_COLUMNS))})", [article_id, *values])

    def rename(self, identity: str, new_identity: str) -> None:
        """Give a record another identity (one text of an edited message, kept as a capture)."""
        with self._write() as conn:
            conn.execute("UPDATE provenance SET identity = ? WHERE identity = ?", (new_identity, identity))

    def of(self, article_id: int) -> list[Provenance]:
        """The article's provenance records, the first capture first."""
        rows = named_rows(self._conn, f"SELECT {', '.join(_COLUMNS)} FROM provenance WHERE article_id = ? "
                                      "ORDER BY capture_id IS NOT NULL, capture_id, rowid", (article_id,))
        return [_read(row) for row in rows]

    def of_many(self, article_ids: Iterable[int]) -> dict[int, list[Provenance]]:
        """The provenance of many articles at once (exports), by article."""
        found: dict[int, list[Provenance]] = {}
        ids = sorted(set(article_ids))
        for first in range(0, len(ids), 500):
            part = ids[first:first + 500]
            rows = self._conn.execute(
                f"SELECT article_id, {', '.join(_COLUMNS)} FROM provenance WHERE article_id IN "
                f"({','.join('?' * len(part))}) ORDER BY article_id, capture_id IS NOT NULL, capture_id, rowid", part)
            for article_id, *values in rows:
                found.setdefault(article_id, []).append(_read(dict(zip(_COLUMNS, values))))
        for article_id in self._ocr.read_among(ids):  # read by OCR: a sentence to say, no record
            found.setdefault(article_id, [])
        return found

    def words(self, article_id: int) -> list[str]:
        """Each provenance record as the sentence every view and export shows ("Telegram export,
        Border Watch, message 103, forwarded from Yerevan Desk"), a reply naming the message it
        answers by its title when the dossier has it."""
        return self._described(self.of(article_id)) + list(self._ocr.reading_words([article_id]).values())

    def words_of(self, records: Mapping[int, list[Provenance]]) -> dict[int, list[str]]:
        """The sentences of `records` (from of_many), by article."""
        said = {article_id: self._described(found) for article_id, found in records.items()}
        for article_id, words in self._ocr.reading_words(records).items():  # how a scan was read
            said[article_id].append(words)
        return said

    def _described(self, records: list[Provenance]) -> list[str]:
        return [describe(p, self._answered_title(p), since) for p, since in zip(records, unchanged_since(records))]

    def _answered_title(self, p: Provenance) -> str | None:
        if not p.reply_to:
            return None
        row = self._conn.execute("SELECT a.title FROM provenance p JOIN articles a ON a.id = p.article_id "
                                 "WHERE p.identity = ?", (p.reply_to,)).fetchone()
        return row[0] if row else None

    def article_by_identity(self, identity: str) -> int | None:
        row = self._conn.execute("SELECT article_id FROM provenance WHERE identity = ?", (identity,)).fetchone()
        return row[0] if row else None

    def outlet_of(self, telegram_id: str) -> str | None:
        """The name this dossier knows a Telegram outlet by ("channel1001"): the chat's own name
        when its messages came in, else the name its first forward here gave it. A forward keeps
        one outlet however the channel is renamed later."""
        chat = telegram_chat_id(telegram_id)
        row = self._conn.execute("SELECT collection FROM provenance WHERE identity >= ? AND identity < ? "
                                 "AND collection != '' ORDER BY rowid LIMIT 1",
                                 (f"telegram:{chat}:", f"telegram:{chat};")).fetchone()
        if row is None:
            row = self._conn.execute("SELECT forwarded_from FROM provenance WHERE forwarded_from_id = ? AND "
                                     "forwarded_from IS NOT NULL ORDER BY rowid LIMIT 1", (telegram_id,)).fetchone()
        return row[0] if row else None

    def article_by_capture(self, url: str | None, digest: str | None) -> int | None:
        """The article holding the archived capture of this page with this payload digest (what a
        revisit record repeats); with no digest, the page's first capture."""
        if not digest:
            return self.article_by_target_url(url) if url else None
        row = self._conn.execute(
            "SELECT article_id FROM provenance WHERE kind = 'web_archive' AND digest = ? AND (? IS NULL OR "
            "target_url = ?) ORDER BY rowid LIMIT 1", (digest, url, url)).fetchone()
        return row[0] if row else None

    def article_by_target_url(self, url: str) -> int | None:
        """The article an archived page of this address became (its first capture)."""
        row = self._conn.execute("SELECT article_id FROM provenance WHERE target_url = ? AND kind = 'web_archive' "
                                 "ORDER BY rowid LIMIT 1", (url,)).fetchone()
        return row[0] if row else None

    def identities(self) -> set[str]:
        """Every message and capture already in the dossier: an import leaves them out."""
        return {r[0] for r in self._conn.execute("SELECT identity FROM provenance")}

    def add_attachments(self, article_id: int, attachments: Sequence[Attachment]) -> None:
        """Keep the files that came with an article, each stored once by its sha256."""
        with self._write() as conn:
            start = conn.execute("SELECT ifnull(max(position), -1) + 1 FROM article_files WHERE article_id = ?",
                                 (article_id,)).fetchone()[0]
            for position, a in enumerate(attachments, start):
                digest = hashlib.sha256(a.content).hexdigest()
                conn.execute("INSERT OR IGNORE INTO attachments (sha256, content, media_type) VALUES (?, ?, ?)",
                             (digest, a.content, a.media_type))
                conn.execute("INSERT INTO article_files (article_id, position, file_name, role, sha256) "
                             "VALUES (?, ?, ?, ?, ?)", (article_id, position, a.file_name, a.role, digest))

    def attachments(self, article_id: int) -> list[StoredAttachment]:
        return [record(StoredAttachment, r) for r in named_rows(
            self._conn, "SELECT x.position, x.file_name, x.role, x.sha256, length(a.content) AS size, a.media_type "
            "FROM article_files x JOIN attachments a ON a.sha256 = x.sha256 "
            "WHERE x.article_id = ? ORDER BY x.position", (article_id,))]

    def attachment_content(self, sha256: str) -> bytes:
        row = self._conn.execute("SELECT content FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            raise KeyError(f"no attachment {sha256}")
        return bytes(row[0])

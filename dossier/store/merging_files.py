"""Merging what came with their articles: the files (a message's photos, a page's picture, a
picture's original), where each article came from (a Telegram message, an archived page) and the
pages read by OCR with their word boxes. A step of the merge (store/merging.py), run once their
articles have a place here.

Their file is trusted no more than for the rest of the merge: a file is stored under the sha256
of its bytes, not the one their row names (a page names its picture by that same fingerprint, so
their pages follow their files); a page whose passage or words lie outside its article's text, or
whose picture their file lacks, is left out and named. What is here already stays as it is: a
message or capture already recorded, a file the article carries already, an article read by OCR
here already.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Protocol

from dossier.core import limits
from dossier.core.ocr import OcrWord
from dossier.core.provenance import Attachment, Provenance
from dossier.core.validity import is_int, span_problem, text_problem
from dossier.core.vocabulary import PROVENANCE_KINDS
from dossier.store import foreign
from dossier.store.articles import text_sha256
from dossier.store.merge_report import MergeReport
from dossier.store.ocr_pages import StoredPage

if TYPE_CHECKING:
    from dossier.store.database import Database

FILE_BYTES = 200 * 1024 * 1024  # the largest file an import keeps (a scanned picture)
_SHORT = 200  # a role, a media type, an engine's name, a list of languages


class MergeWithArticles(Protocol):
    """What this step is given: both dossiers, their articles' ids here and texts, the report,
    and the two ways a step writes (leaving a thing out, or writing it in a savepoint)."""

    mine: Database
    theirs: Database
    articles: dict[int, int]
    texts: dict[int, str]
    report: MergeReport

    def leave_out(self, what: str, why: str) -> None: ...

    def alone(self, what: str, write: Callable[[], object]) -> bool: ...


def merge_article_files(merge: MergeWithArticles) -> None:
    """Their articles' files, provenance and OCR pages, onto the articles they became here."""
    for theirs_id, mine_id in merge.articles.items():
        # Their article may be a capture joined into an article here: its records are the capture's,
        # and its pages' offsets are not in this article's text.
        sha256 = text_sha256(merge.texts[theirs_id])
        row = merge.mine._conn.execute("SELECT id FROM captures WHERE sha256 = ?", (sha256,)).fetchone()
        capture = int(row[0]) if row and merge.mine.articles.get(mine_id).sha256 != sha256 else None
        pictures = _files(merge, theirs_id, mine_id)
        _provenance(merge, theirs_id, mine_id, capture)
        if capture is None:
            _pages(merge, theirs_id, mine_id, pictures)


def _files(merge: MergeWithArticles, theirs_id: int, mine_id: int) -> dict[str, str]:
    """Their article's files that this one lacks; returns their fingerprint -> the bytes' own, for
    every file of theirs that is here now (carried or here already)."""
    m = merge.mine
    here = {(a.sha256, a.role) for a in m.provenance.attachments(mine_id)}
    pictures: dict[str, str] = {}
    rows = merge.theirs._conn.execute(
        "SELECT x.position, x.file_name, x.role, x.sha256, a.content, a.media_type FROM article_files x "
        "LEFT JOIN attachments a ON a.sha256 = x.sha256 WHERE x.article_id = ? ORDER BY x.position", (theirs_id,))
    for position, name, role, sha256, content, media_type in rows:
        what = foreign.about(f"Their file {position} of their article {theirs_id}", name)
        problem = _file_problem(name, role, content, media_type)
        if problem:
            merge.leave_out(what, problem)
            continue
        digest = hashlib.sha256(content).hexdigest()
        if (digest, role) not in here and not merge.alone(
                what, lambda: m.provenance.add_attachments(mine_id, [Attachment(name, role, bytes(content), media_type)])):
            continue
        if (digest, role) not in here:
            here.add((digest, role))
            merge.report.files_added += 1
        pictures[str(sha256)] = digest
    return pictures


def _file_problem(name: object, role: object, content: object, media_type: object) -> str | None:
    if content is None:
        return "its bytes are not in their file"
    if not isinstance(content, (bytes, bytearray, memoryview)):
        return "its content is not bytes"
    if len(content) > FILE_BYTES:
        return f"it is {len(content):,} bytes (up to {FILE_BYTES:,} come in)"
    return (text_problem(name, limits.NAME, "its name", empty_allowed=False)
            or text_problem(role, _SHORT, "its role", empty_allowed=False)
            or text_problem(media_type, _SHORT, "its media type", none_allowed=True))


def _provenance(merge: MergeWithArticles, theirs_id: int, mine_id: int, capture: int | None) -> None:
    """Their records of where the article came from (`capture`: the capture here their article's
    text is); a message or capture recorded here already (under any article) stays as it is."""
    m, t = merge.mine, merge.theirs
    known = m.provenance.identities()
    try:
        records = t.provenance.of(theirs_id)
    except (ValueError, TypeError) as error:  # their links column is not [[start, end, url], …]
        merge.leave_out(f"Their records of where article {theirs_id} came from", f"they cannot be read ({error})")
        return
    for p in records:
        what = foreign.about(f"Their record of where article {theirs_id} came from", p.identity)
        problem = _provenance_problem(p) or _links_problem(p, m._conn, mine_id)
        if problem:
            merge.leave_out(what, problem)
            continue
        if p.identity in known:
            continue
        capture_id = _capture_here(m._conn, t._conn, p.capture_id) if p.capture_id is not None else capture
        if merge.alone(what, lambda: m.provenance.add(mine_id, replace(p, capture_id=capture_id))):
            known.add(p.identity)
            merge.report.provenance_added += 1


def _provenance_problem(p: Provenance) -> str | None:
    if p.kind not in PROVENANCE_KINDS:
        return f"“{str(p.kind)[:40]}” is not a kind of provenance"
    for f in fields(Provenance):
        if f.name in ("kind", "capture_id", "links"):
            continue
        problem = text_problem(getattr(p, f.name), limits.URL, f"its {f.name.replace('_', ' ')}",
                               empty_allowed=f.name != "identity", none_allowed=f.name not in ("identity", "collection",
                                                                                              "item"))
        if problem:
            return problem
    return None


def _links_problem(p: Provenance, mine: sqlite3.Connection, mine_id: int) -> str | None:
    """Where their record's words link: (start, end, address) each, inside the article's text when
    the record speaks for the article (a capture's record counts in the capture's text)."""
    row = mine.execute("SELECT length(text) FROM articles WHERE id = ?", (mine_id,)).fetchone()
    length = int(row[0]) if row and p.capture_id is None else None
    for link in p.links:
        if not (isinstance(link, tuple) and len(link) == 3):
            return "its links are not (start, end, address)"
        start, end, url = link
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            return "a link's offsets are not a passage"
        if length is not None and end > length:
            return f"a link ends at {end:,}, past the article's {length:,} characters"
        problem = text_problem(url, limits.URL, "a link's address", empty_allowed=False)
        if problem:
            return problem
    return None


def _capture_here(mine: sqlite3.Connection, theirs: sqlite3.Connection, capture_id: object) -> int | None:
    """The capture here with the text of their capture `capture_id` (the merge carried it, or it
    was here), else None: the record then speaks for the article."""
    row = theirs.execute("SELECT sha256 FROM captures WHERE id = ?", (capture_id,)).fetchone()
    found = mine.execute("SELECT id FROM captures WHERE sha256 = ?", (row[0],)).fetchone() if row else None
    return int(found[0]) if found else None


def _pages(merge: MergeWithArticles, theirs_id: int, mine_id: int, pictures: dict[str, str]) -> None:
    """Their pages read by OCR, when the article was not read by OCR here."""
    m = merge.mine
    if m.ocr_pages.pages(mine_id):
        return
    length = len(merge.texts[theirs_id])
    rows = merge.theirs._conn.execute(
        "SELECT page, of_pages, start_offset, end_offset, sha256, width, height, engine, languages, confidence, words "
        "FROM ocr_pages WHERE article_id = ? ORDER BY page", (theirs_id,))
    for number, of_pages, start, end, sha256, width, height, engine, languages, confidence, words in rows:
        what = f"Their page {number} read by OCR of their article {theirs_id}"
        problem = _page_problem(number, of_pages, start, end, width, height, engine, languages, confidence, length)
        boxes = _words(words, length) if not problem else None
        if problem or isinstance(boxes, str):
            merge.leave_out(what, problem or str(boxes))
            continue
        if sha256 not in pictures:
            merge.leave_out(what, "its picture is not in their file")
            continue
        page = StoredPage(mine_id, number, of_pages, start, end, pictures[sha256], width, height, engine, languages,
                          None if confidence is None else float(confidence), tuple(boxes or ()))
        if merge.alone(what, lambda: m.ocr_pages.keep(page)):
            merge.report.pages_added += 1


def _page_problem(number: object, of_pages: object, start: object, end: object, width: object, height: object,
                  engine: object, languages: object, confidence: object, length: int) -> str | None:
    if not all(is_int(n) and n >= 0 for n in (number, of_pages, width, height)):
        return "its number, count or size is not a whole number"
    if confidence is not None and not (isinstance(confidence, (int, float)) and 0 <= confidence <= 100):
        return "its confidence is not between 0 and 100"
    return (span_problem(start, end, length, empty_allowed=True)
            or text_problem(engine, _SHORT, "its engine", empty_allowed=False)
            or text_problem(languages, _SHORT, "its languages", empty_allowed=False))


def _words(words: object, length: int) -> list[OcrWord] | str:
    """Their word boxes, or why they can't be kept."""
    try:
        rows = json.loads(words) if isinstance(words, str) else None
    except ValueError:
        rows = None
    if not isinstance(rows, list):
        return "its words are not a list of boxes"
    found = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 7 and all(is_int(n) for n in row[:6])
                and isinstance(row[6], (int, float))):
            return "a word's box is not seven numbers"
        problem = span_problem(row[0], row[1], length)
        if problem:
            return f"a word's {problem.removeprefix('its ')}"
        found.append(OcrWord(*row))
    return found

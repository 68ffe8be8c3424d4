"""The sentences of each article and their full-text index, kept by the store at a cost linear in
the article's length.

Until format 13, triggers kept `sentences_fts` in step: each sentence inserted read its article's
text again and cut its words out with `substr`, which walks the text from its start; so did each
sentence deleted. A 1 MB article of 7,000 sentences took 11 s to store and 10 s to delete, a 4 MB
one two minutes. The index keeps no copy of the text (it is contentless), so a sentence's words
must be handed to it when the sentence comes and when it goes; here they are cut from the text
once, in Python, for the whole article.

Every path that adds or removes sentences goes through here: storing an article, deleting one
(or joining it into another), and undo and redo, which replay plain SQL (store/journal.py): the
articles a replay touches are taken out of the index before it and put back after it. A tool
other than Dossier that deletes an article leaves its sentences' words in the index; search
joins the index to `sentences`, so they are never shown.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence

from dossier.core.sentences import sentence_spans

_ARTICLE_DELETED = re.compile(r'DELETE FROM "articles" WHERE rowid=(\d+)$')
_ARTICLE_INSERTED = re.compile(r'INSERT INTO "articles" \(rowid, [^)]*\) VALUES \((\d+),')
_SENTENCE_DELETED = re.compile(r'DELETE FROM "sentences" WHERE rowid=(\d+)$')
_SENTENCE_INSERTED = re.compile(r'INSERT INTO "sentences" \(rowid, "id", "article_id"[^)]*\) VALUES \((\d+),(\d+|NULL),(\d+),')


def add_sentences(conn: sqlite3.Connection, article_id: int, text: str) -> None:
    """Store the sentences of a new article and index their words."""
    spans = sentence_spans(text)
    first = conn.execute("SELECT ifnull(max(id), 0) + 1 FROM sentences").fetchone()[0]
    rows = [(first + i, article_id, start, end) for i, (start, end) in enumerate(spans)]
    conn.executemany("INSERT INTO sentences (id, article_id, start_offset, end_offset) VALUES (?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)",
                     [(sentence_id, text[start:end]) for sentence_id, _a, start, end in rows])


def forget_sentences(conn: sqlite3.Connection, article_ids: Iterable[int]) -> None:
    """Take the words of these articles' sentences out of the index (before the sentences or the
    articles go). The text is read once per article."""
    _each_sentence(conn, article_ids, "INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', ?, ?)")


def index_sentences(conn: sqlite3.Connection, article_ids: Iterable[int]) -> None:
    """Put the words of these articles' sentences (as stored) into the index."""
    _each_sentence(conn, article_ids, "INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)")


def _each_sentence(conn: sqlite3.Connection, article_ids: Iterable[int], statement: str) -> None:
    for article_id in sorted(set(article_ids)):
        row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            continue
        text = row[0]
        spans = conn.execute("SELECT id, start_offset, end_offset FROM sentences WHERE article_id = ?",
                             (article_id,)).fetchall()
        conn.executemany(statement, [(sentence_id, text[start:end]) for sentence_id, start, end in spans])


def articles_replayed(conn: sqlite3.Connection, statements: Sequence[str]) -> set[int]:
    """The articles whose sentences a replay of logged statements removes or adds: those it
    deletes or inserts, and those of the sentences it deletes or inserts."""
    found: set[int] = set()
    sentence_ids = []
    for statement in statements:
        if match := _ARTICLE_DELETED.match(statement) or _ARTICLE_INSERTED.match(statement):
            found.add(int(match[1]))
        elif match := _SENTENCE_DELETED.match(statement):
            sentence_ids.append(int(match[1]))
        elif match := _SENTENCE_INSERTED.match(statement):
            found.add(int(match[3]))
    for first in range(0, len(sentence_ids), 500):
        chunk = sentence_ids[first:first + 500]
        found.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT article_id FROM sentences WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return found

"""Copies fit to share: a new dossier made from another without the parts the user leaves out
(notes, rationales, analysts' names and times, tagged annotations or articles, hypotheses, the
summary), with nothing removed left readable in the file's bytes.

The original is only read (through a read-only connection). The copy is written under a hidden
name beside the target, edited there with `secure_delete` on, its full-text indexes rebuilt from
what is left (an FTS index keeps old words in its segments after a delete), VACUUMed so no free
page holds what was removed, checked, and only then takes the target's name."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossier.store.database import SUMMARY, migrate
from dossier.store.inspect import connect_readonly, inspect_dossier, integrity_problem
from dossier.store.schema.steps_01_08 import _TAGS_OF
from dossier.store.targets import check_target
from dossier.store.transactions import utc_now

# The copy's meta line saying what was left out and when (`dossier info` prints it).
LEFT_OUT = "left_out"

# Every column naming an analyst or the time of their work, and what it becomes in a copy
# without names and times (NOT NULL columns get "", nullable ones NULL).
_AUTHOR_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("annotations", "author", "''"), ("claims", "assessed_by", "''"), ("claims", "assessed_at", "NULL"),
    ("evidence", "author", "''"), ("evidence", "created", "NULL"),
    ("ach_ratings", "author", "''"), ("ach_ratings", "rated_at", "NULL"),
    ("conflicts", "author", "''"), ("conflicts", "assessed_by", "''"), ("conflicts", "assessed_at", "NULL"),
    ("conflicts", "created", "NULL"),
)
# Times that are NOT NULL: they become the moment the copy was made, so they say nothing of when
# the analyst worked. (Articles keep imported_at: it dates the source's capture, not a judgment.)
_WORK_TIMES: tuple[tuple[str, str], ...] = (
    ("annotations", "created"), ("annotations", "modified"), ("hypotheses", "created"),
    ("rejected_names", "rejected_at"), ("conflicts", "found_at"),
)


@dataclass(frozen=True)
class ShareChoices:
    """What a shared copy leaves out."""

    notes: bool = False
    rationales: bool = False
    authors: bool = False
    hypotheses: bool = False
    summary: bool = False
    annotation_tags: tuple[str, ...] = field(default=())  # annotations with these tags go
    article_tags: tuple[str, ...] = field(default=())  # articles with an annotation so tagged go

    @property
    def anything(self) -> bool:
        return any((self.notes, self.rationales, self.authors, self.hypotheses, self.summary,
                    self.annotation_tags, self.article_tags))

    def described(self) -> str:
        """One line for the copy's meta. Tag names are not repeated: a tag's name may itself be
        what the user keeps from the partner ("informant")."""
        parts = [name for chosen, name in (
            (self.notes, "notes"), (self.rationales, "rationales"), (self.authors, "analysts' names and times"),
            (self.hypotheses, "hypotheses"), (self.summary, "the summary")) if chosen]
        if self.annotation_tags:
            parts.append(f"annotations with {_tags(len(self.annotation_tags))}")
        if self.article_tags:
            parts.append(f"articles with annotations with {_tags(len(self.article_tags))}")
        return ", ".join(parts) or "nothing"


def _tags(n: int) -> str:
    return "the chosen tag" if n == 1 else f"any of {n} chosen tags"


class ShareRefused(ValueError):
    """The copy can't be made as asked; the message says why."""



def parse_without(text: str) -> ShareChoices:
    """`--without notes,rationales,authors,hypotheses,summary,tag:NAME,articles-tagged:NAME`."""
    flags: dict[str, bool] = {}
    annotation_tags: list[str] = []
    article_tags: list[str] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        kind, colon, name = item.partition(":")
        kind = kind.strip().lower()
        if colon:
            if not name.strip():
                raise ShareRefused(f"“{item}” names no tag; write {kind}:NAME.")
            if kind in ("tag", "tags", "tagged"):
                annotation_tags.append(name.strip())
            elif kind in ("articles-tagged", "article-tag", "articles"):
                article_tags.append(name.strip())
            else:
                raise ShareRefused(f"“{item}” is not something a copy can leave out; use tag:NAME or "
                                   "articles-tagged:NAME.")
        elif kind in ("notes", "rationales", "authors", "hypotheses", "summary"):
            flags[kind] = True
        else:
            raise ShareRefused(f"“{item}” is not something a copy can leave out; choose among notes, "
                               "rationales, authors, hypotheses, summary, tag:NAME, articles-tagged:NAME.")
    return ShareChoices(**flags, annotation_tags=tuple(annotation_tags), article_tags=tuple(article_tags))


def share_copy(source: Path, out: Path, choices: ShareChoices) -> None:
    """Write to `out` a new dossier made from `source` without the parts `choices` names."""
    for _step in sharing(source, out, choices):
        pass


def sharing(source: Path, out: Path, choices: ShareChoices) -> Iterator[str]:
    """Make the shared copy (see share_copy), saying what it does before each step: a generator
    the app runs on a worker. Never over `source`, its files, or any dossier or SQLite file
    (TargetRefused); `source` is never written; a tag that does not exist is refused
    (ShareRefused) before anything is made."""
    check_target(out, source)
    inspect_dossier(source, check_integrity=True)  # damaged or newer: refused, nothing made
    original = connect_readonly(source)
    try:
        _check_tags(original, (*choices.annotation_tags, *choices.article_tags))
        partial = out.with_name(f".{out.name}.partial")
        partial.unlink(missing_ok=True)
        try:
            yield "Copying the dossier…"
            copy = _copy_of(original, partial)
            try:
                yield "Leaving out what was chosen…"
                _leave_out(copy, choices)
                yield "Rebuilding the search indexes…"
                _rebuild_search(copy, articles_removed=bool(choices.article_tags))
                copy.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                             "SET value = excluded.value", (LEFT_OUT, f"{choices.described()} (shared {utc_now()})"))
                yield "Clearing the free space…"
                copy.execute("VACUUM")
            finally:
                copy.close()
            yield "Checking the copy…"
            problem = integrity_problem(partial)
            if problem != "ok":
                raise ShareRefused(f"the shared copy failed its check ({problem}); {out} was not written.")
            check_target(out, source)  # nothing became a dossier there meanwhile
            os.replace(partial, out)
        except BaseException:
            for leftover in (partial, partial.with_name(partial.name + "-journal")):
                leftover.unlink(missing_ok=True)
            raise
    finally:
        original.close()


def _check_tags(conn: sqlite3.Connection, names: Iterable[str]) -> None:
    for name in names:
        if not conn.execute("SELECT 1 FROM tags WHERE name = ? COLLATE NOCASE", (name,)).fetchone():
            raise ShareRefused(f"there is no tag “{name}” in this dossier; nothing was written.")


def _copy_of(original: sqlite3.Connection, partial: Path) -> sqlite3.Connection:
    from dossier.store.files import connect_like  # lazy: not on the start-up path

    copy: sqlite3.Connection = connect_like(original, partial)  # encrypted as the original is
    original.backup(copy)
    # One standalone file, no write-ahead log: its bytes are all there is to the copy.
    copy.execute("PRAGMA journal_mode = DELETE")
    # Deleted rows are overwritten with zeros, not merely unlinked (VACUUM then drops the pages).
    copy.execute("PRAGMA secure_delete = ON")
    copy.execute("PRAGMA recursive_triggers = ON")
    migrate(copy, partial)  # an older original makes a copy of today's format
    copy.execute("PRAGMA foreign_keys = ON")
    return copy


def _leave_out(conn: sqlite3.Connection, choices: ShareChoices) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if choices.article_tags:
            _drop_tagged_articles(conn, choices.article_tags)
        if choices.annotation_tags:
            tagged = _tagged(conn, choices.annotation_tags)
            conn.execute(f"DELETE FROM annotations WHERE id IN (SELECT annotation_id FROM annotation_tags "
                         f"WHERE tag_id IN ({tagged}))")
            conn.execute(f"DELETE FROM tags WHERE id IN ({tagged})")
        if choices.notes:
            conn.execute("UPDATE annotations SET note = '' WHERE note <> ''")
            conn.execute("UPDATE entities SET notes = '' WHERE notes <> ''")
            conn.execute("UPDATE conflicts SET note = '' WHERE note <> ''")
        if choices.rationales:
            for table in ("claims", "sources", "conflicts"):
                conn.execute(f"UPDATE {table} SET rationale = '' WHERE rationale <> ''")
        if choices.authors:
            for table, column, blank in _AUTHOR_COLUMNS:
                conn.execute(f"UPDATE {table} SET {column} = {blank}")
            now = utc_now()
            for table, column in _WORK_TIMES:
                conn.execute(f"UPDATE {table} SET {column} = ?", (now,))
            conn.execute("UPDATE conflicts SET merged_from = ''")  # a colleague's file name
        if choices.hypotheses:
            for table in ("ach_ratings", "ach_rows", "hypotheses"):
                conn.execute(f"DELETE FROM {table}")
        if choices.summary:
            conn.execute("DELETE FROM meta WHERE key = ?", (SUMMARY,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _tagged(conn: sqlite3.Connection, names: tuple[str, ...]) -> str:
    """SQL for the ids of the tags named and every tag below them (a sub-tag is part of its tag)."""
    marks = ", ".join("?" for _ in names)
    ids = [row[0] for row in conn.execute(
        f"WITH RECURSIVE chosen (id) AS (SELECT id FROM tags WHERE name COLLATE NOCASE IN ({marks}) "
        "UNION SELECT t.id FROM tags t JOIN chosen c ON t.parent_id = c.id) SELECT id FROM chosen", names)]
    return ", ".join(str(int(i)) for i in ids) or "NULL"


def _drop_tagged_articles(conn: sqlite3.Connection, names: tuple[str, ...]) -> None:
    """Remove the articles holding an annotation with one of the tags, and with them every entity
    and outlet that only those articles named (a name alone can say what an article was about)."""
    tagged = _tagged(conn, names)
    gone = f"SELECT a.article_id FROM annotations a JOIN annotation_tags x ON x.annotation_id = a.id " \
           f"WHERE x.tag_id IN ({tagged})"
    conn.execute("CREATE TEMP TABLE shared_gone_entities AS SELECT DISTINCT entity_id AS id FROM mentions "
                 f"WHERE article_id IN ({gone}) UNION SELECT e.entity_id FROM event_entities e JOIN events v "
                 f"ON v.id = e.event_id WHERE v.article_id IN ({gone})")
    conn.execute("CREATE TEMP TABLE shared_gone_sources AS SELECT DISTINCT source AS name FROM articles "
                 f"WHERE id IN ({gone}) AND source IS NOT NULL")
    conn.execute(f"DELETE FROM articles WHERE id IN ({gone})")
    conn.execute(f"DELETE FROM tags WHERE id IN ({tagged})")  # it marked nothing left; its name may say much
    conn.execute("DELETE FROM entities WHERE id IN (SELECT id FROM temp.shared_gone_entities) "
                 "AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id) "
                 "AND NOT EXISTS (SELECT 1 FROM event_entities e WHERE e.entity_id = entities.id)")
    conn.execute("DELETE FROM sources WHERE name IN (SELECT name FROM temp.shared_gone_sources) "
                 "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.source = sources.name COLLATE NOCASE)")
    conn.execute("DROP TABLE temp.shared_gone_entities")
    conn.execute("DROP TABLE temp.shared_gone_sources")


def _rebuild_search(conn: sqlite3.Connection, articles_removed: bool) -> None:
    """Build the full-text indexes again from what the copy holds: after a delete, FTS5 keeps the
    old words in its segments until they are merged, and they would be readable in the file. The
    two indexes of article text change only when articles go (they take most of the time)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM annotations_fts")
        conn.execute("INSERT INTO annotations_fts (rowid, exact, note, rationale, tags) "
                     f"SELECT a.id, a.exact, a.note, ifnull(c.rationale, ''), {_TAGS_OF.format(id='a.id')} "
                     "FROM annotations a LEFT JOIN claims c ON c.annotation_id = a.id")
        conn.execute("INSERT INTO annotations_fts (annotations_fts) VALUES ('optimize')")
        if articles_removed:
            conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
            conn.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('delete-all')")
            conn.execute("INSERT INTO sentences_fts (rowid, text) SELECT s.id, "
                         "substr(a.text, s.start_offset + 1, s.end_offset - s.start_offset) "
                         "FROM sentences s JOIN articles a ON a.id = s.article_id")
            for index in ("articles_fts", "sentences_fts"):
                conn.execute(f"INSERT INTO {index} ({index}) VALUES ('optimize')")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise

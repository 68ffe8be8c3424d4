"""Work from more than one analyst: two captures of one story joined into one article, and the
conflicts a merge leaves for the user to settle. The merge itself is store/merging.py."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from dossier.core.anchoring import quote_at, reanchor
from dossier.core.models import Article, ArticleSummary, Claim, Made
from dossier.core.stories import COMMON_KEY_ARTICLES, one_story
from dossier.store.annotations import Annotations
from dossier.store.articles import Articles
from dossier.store.entities import Entities, Events
from dossier.store.sentence_index import forget_sentences
from dossier.store.tags import Tags
from dossier.store.transactions import Transactions, named_rows, record, utc_now

KEEP_MINE, KEEP_THEIRS, KEEP_BOTH = "mine", "theirs", "both"
CHOICES = (KEEP_MINE, KEEP_THEIRS, KEEP_BOTH)


class CapturePair(NamedTuple):
    """Two articles that read as one story: `keep` (the one already in the dossier, the older)
    stays the article; `other` would be joined into it."""

    keep: ArticleSummary
    other: ArticleSummary
    shared: int  # sentences the two have in common


class Capture(NamedTuple):
    id: int
    article_id: int
    title: str
    source: str | None
    url: str | None
    sha256: str
    file_name: str | None
    joined_at: str


class Joined(NamedTuple):
    """What joining a capture into its article did."""

    moved: list[int]  # annotations now on the kept article, at their passage there
    orphaned: list[int]  # annotations whose passage it does not have: kept, with their quote
    mentions: int  # mentions made by hand, carried across
    events: int  # events made by hand, carried across
    events_unplaced: int  # of those, events whose passage was not found (kept at the start)


class Conflict(NamedTuple):
    """Another analyst's assessment of a claim this dossier assessed differently."""

    id: int
    annotation_id: int
    theirs: Claim
    note: str
    author: str
    assessed_by: str
    assessed_at: str | None
    created: str | None
    merged_from: str
    found_at: str


_CONFLICT_COLUMNS = ("id, annotation_id, status, reliability, credibility, rationale, note, author, assessed_by, "
                     "assessed_at, created, merged_from, found_at")


def _conflict(r: sqlite3.Row) -> Conflict:
    return Conflict(
        id=r["id"], annotation_id=r["annotation_id"],
        theirs=Claim(r["status"], r["reliability"], r["credibility"], r["rationale"]), note=r["note"],
        author=r["author"], assessed_by=r["assessed_by"], assessed_at=r["assessed_at"], created=r["created"],
        merged_from=r["merged_from"], found_at=r["found_at"],
    )


class Team:
    """`db.team`: captures of one story joined into one article, and the conflicts a merge left."""

    def __init__(self, tx: Transactions, articles: Articles, annotations: Annotations, tags: Tags,
                 entities: Entities, events: Events) -> None:
        self._conn = tx.conn
        self._write = tx.write
        self._articles = articles
        self._annotations = annotations
        self._tags = tags
        self._entities = entities
        self._events = events

    # -- two captures of one story --------------------------------------------------------------

    def capture_proposals(self) -> list[CapturePair]:
        """Pairs of articles that read as one story captured twice (core.stories), older first,
        without those the user said are not one. Keys that many articles share (an outlet's
        boilerplate) are left out: they say nothing, and would pair every article with every other."""
        q = self._conn.execute
        rows = q(
            "WITH usable AS (SELECT key FROM story_keys GROUP BY key HAVING count(*) BETWEEN 2 AND ?), "
            "pairs AS (SELECT a.article_id AS first, b.article_id AS second, count(*) AS shared "
            "FROM story_keys a JOIN story_keys b ON b.key = a.key AND b.article_id > a.article_id "
            "WHERE a.key IN (SELECT key FROM usable) GROUP BY a.article_id, b.article_id) "
            "SELECT first, second, shared FROM pairs WHERE NOT EXISTS (SELECT 1 FROM distinct_stories d "
            "WHERE d.first_id = pairs.first AND d.second_id = pairs.second) ORDER BY first, second",
            (COMMON_KEY_ARTICLES,)).fetchall()
        if not rows:
            return []
        ids = {i for r in rows for i in r[:2]}
        marks = ",".join("?" * len(ids))
        sizes = dict(q(f"SELECT article_id, count(*) FROM story_keys WHERE article_id IN ({marks}) GROUP BY article_id",
                       sorted(ids)).fetchall())
        summaries = self._articles.summaries(ids)
        taken: set[int] = set()
        found = []
        for first, second, shared in rows:
            if second in taken or not one_story(shared, sizes[first], sizes[second]):
                continue
            outlets = {(summaries[i].source or "").strip().casefold() for i in (first, second)}
            if len(outlets) == 2 and "" not in outlets:  # two outlets carrying one story: copies, not captures
                continue
            taken.add(second)  # a third capture is proposed again once the second is joined
            found.append(CapturePair(summaries[first], summaries[second], shared))
        return found

    def mark_distinct_stories(self, first_id: int, second_id: int) -> None:
        """The user says these two are not one story: never proposed again."""
        a, b = sorted((first_id, second_id))
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO distinct_stories (first_id, second_id) VALUES (?, ?)", (a, b))

    def worked_on(self, article_id: int) -> bool:
        """Whether the user has done anything with the article that hangs on its words: an
        annotation, a mention or event made by hand, a decision on copies or captures."""
        return bool(self._conn.execute(
            "SELECT EXISTS (SELECT 1 FROM annotations WHERE article_id = :a) "
            "OR EXISTS (SELECT 1 FROM mentions WHERE article_id = :a AND origin != 'auto') "
            "OR EXISTS (SELECT 1 FROM events WHERE article_id = :a AND origin != 'auto') "
            "OR EXISTS (SELECT 1 FROM copy_decisions WHERE first_id = :a OR second_id = :a) "
            "OR EXISTS (SELECT 1 FROM distinct_stories WHERE first_id = :a OR second_id = :a)",
            {"a": article_id}).fetchone()[0])

    def captures(self, article_id: int) -> list[Capture]:
        return [record(Capture, r) for r in named_rows(
            self._conn, "SELECT id, article_id, title, source, url, sha256, file_name, joined_at FROM captures "
            "WHERE article_id = ? ORDER BY id", (article_id,))]

    def capture_content(self, capture_id: int) -> tuple[str, str | None, bytes | None]:
        """A capture's text, and its original file's name and bytes."""
        row = self._conn.execute("SELECT text, file_name, content FROM captures WHERE id = ?", (capture_id,)).fetchone()
        if row is None:
            raise KeyError(f"no capture {capture_id}")
        return row[0], row[1], bytes(row[2]) if row[2] is not None else None

    def join_capture(self, keep_id: int, other_id: int) -> Joined:
        """Make `other` a capture of `keep`: its text, details and original file are kept beside
        `keep` (and its own captures with them); its annotations move onto `keep`'s text by
        re-anchoring, which folds typography and white space but never guesses (a passage not
        found is orphaned, with its quote); mentions and events made by hand move the same way;
        automatic ones go with it (`keep` has its own). One transaction."""
        if keep_id == other_id:
            raise ValueError("an article can't be joined into itself")
        keep = self._articles.get(keep_id)
        other = self._articles.get(other_id)
        now = utc_now()
        moved: list[int] = []
        orphaned: list[int] = []
        with self._write() as conn:
            original = self._articles.original(other_id)
            conn.execute(
                "INSERT INTO captures (article_id, title, source, url, published, published_precision, language, "
                "text, sha256, imported_at, file_name, content, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (keep_id, other.title, other.source, other.url, other.published, other.published_precision,
                 other.language, other.text, other.sha256, other.imported_at,
                 original[0] if original else other.original_name, original[1] if original else None, now))
            capture_id = conn.execute("SELECT id FROM captures WHERE sha256 = ?", (other.sha256,)).fetchone()[0]
            conn.execute("UPDATE captures SET article_id = ? WHERE article_id = ?", (keep_id, other_id))
            # Where the capture came from (an archived page, a message) and its files go with it.
            conn.execute("UPDATE provenance SET article_id = ?, capture_id = ifnull(capture_id, ?) WHERE article_id = ?",
                         (keep_id, capture_id, other_id))
            # A picture's original kept among its files stays with it as a file: `keep` has its own original.
            conn.execute("UPDATE article_files SET article_id = ?, position = position + (SELECT "
                         "ifnull(max(position), -1) + 1 FROM article_files WHERE article_id = ?), "
                         "role = iif(role = 'original', 'file', role) WHERE article_id = ?", (keep_id, keep_id, other_id))
            for a in self._annotations.all(other_id):
                found = reanchor(keep.text, a.exact, a.prefix, a.suffix, a.start) if a.anchor_state != "orphaned" else None
                quoted_as = a.quoted_as or a.exact
                if found is None:
                    conn.execute("UPDATE annotations SET article_id = ?, anchor_state = 'orphaned', modified = ? "
                                 "WHERE id = ?", (keep_id, now, a.id))  # its quote stays as it was written
                    orphaned.append(a.id)
                    continue
                quote = quote_at(keep.text, found.start, found.end)
                same = (quote.start, quote.end, quote.exact) == (a.start, a.end, a.exact)
                conn.execute(
                    "UPDATE annotations SET article_id = ?, start_offset = ?, end_offset = ?, exact = ?, prefix = ?, "
                    "suffix = ?, anchor_state = ?, modified = ?, quoted_as = ? WHERE id = ?",
                    (keep_id, quote.start, quote.end, quote.exact, quote.prefix, quote.suffix,
                     "anchored" if same else "moved", now, quoted_as if quoted_as != quote.exact else None, a.id))
                moved.append(a.id)
            mentions = self._carry_mentions(conn, other, keep)
            events, unplaced = self._carry_events(conn, other, keep)
            conn.execute("INSERT OR IGNORE INTO article_reports (article_id, outlet) "
                         "SELECT ?, outlet FROM article_reports WHERE article_id = ?", (keep_id, other_id))
            forget_sentences(conn, [other_id])
            conn.execute("DELETE FROM articles WHERE id = ?", (other_id,))
        return Joined(moved, orphaned, mentions, events, unplaced)

    def _carry_mentions(self, conn: sqlite3.Connection, other: Article, keep: Article) -> int:
        carried = 0
        for m in self._entities.mentions_in(other.id):
            if m.origin == "auto":
                continue
            quote = quote_at(other.text, m.start, m.end)
            found = reanchor(keep.text, quote.exact, quote.prefix, quote.suffix, m.start)
            if found is None or conn.execute(
                    "SELECT 1 FROM mentions WHERE article_id = ? AND start_offset = ? AND end_offset = ?",
                    (keep.id, found.start, found.end)).fetchone():
                continue
            conn.execute("INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface, origin) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (keep.id, m.entity_id, found.start, found.end,
                                                       keep.text[found.start:found.end], m.origin))
            carried += 1
        return carried

    def _carry_events(self, conn: sqlite3.Connection, other: Article, keep: Article) -> tuple[int, int]:
        carried = unplaced = 0
        for e in self._events.all(other.id):
            if e.origin == "auto":
                continue
            found = None
            if e.end > e.start:
                quote = quote_at(other.text, e.start, e.end)
                found = reanchor(keep.text, quote.exact, quote.prefix, quote.suffix, e.start)
            start, end = (found.start, found.end) if found else (0, 0)
            unplaced += found is None
            event_id = conn.execute(
                "INSERT INTO events (article_id, start_offset, end_offset, title, date_text, earliest, latest, "
                "precision, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (keep.id, start, end, e.title, e.date_text, e.earliest, e.latest, e.precision, e.origin)).lastrowid
            conn.executemany("INSERT INTO event_entities (event_id, entity_id) VALUES (?, ?)",
                             [(event_id, entity_id) for entity_id in e.entity_ids])
            carried += 1
        return carried, unplaced

    # -- conflicts ------------------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        cursor = self._conn.execute(f"SELECT {_CONFLICT_COLUMNS} FROM conflicts ORDER BY id")
        cursor.row_factory = sqlite3.Row
        return [_conflict(r) for r in cursor]

    def conflict(self, conflict_id: int) -> Conflict:
        cursor = self._conn.execute(f"SELECT {_CONFLICT_COLUMNS} FROM conflicts WHERE id = ?", (conflict_id,))
        cursor.row_factory = sqlite3.Row
        row = cursor.fetchone()
        if row is None:
            raise KeyError(f"no conflict {conflict_id}")
        return _conflict(row)

    def add_conflict(self, annotation_id: int, theirs: Claim, note: str, author: str, assessed_by: str,
                     assessed_at: str | None, created: str | None, merged_from: str) -> int:
        with self._write() as conn:
            return int(conn.execute(
                "INSERT INTO conflicts (annotation_id, status, reliability, credibility, rationale, note, author, "
                "assessed_by, assessed_at, created, merged_from, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (annotation_id, theirs.status, theirs.reliability, theirs.credibility, theirs.rationale, note,
                 author, assessed_by, assessed_at, created, merged_from, utc_now())).lastrowid or 0)  # an INSERT always sets it

    def resolve_conflict(self, conflict_id: int, choice: str) -> int | None:
        """Settle a conflict: keep mine (their assessment is dropped), keep theirs (it replaces
        mine, with their name and time, and their note if they wrote one), or keep both (theirs
        becomes a second claim on the same passage, by them). Returns the claim keep-both made."""
        if choice not in CHOICES:
            raise ValueError(f"unknown choice {choice!r}")
        c = self.conflict(conflict_id)
        made = None
        with self._write():
            if choice == KEEP_THEIRS:
                self._annotations.set_claim(c.annotation_id, c.theirs, by=c.assessed_by, at=c.assessed_at)
                if c.note:
                    self._annotations.set_note(c.annotation_id, c.note)
            elif choice == KEEP_BOTH:
                mine = self._annotations.get(c.annotation_id)
                created = c.created or utc_now()
                theirs = Made(c.author, created, created, c.assessed_by, c.assessed_at)
                if mine.anchor_state == "orphaned":  # no passage to stand on: theirs is kept the same way
                    made = self._annotations.add_orphan(mine.article_id, "claim", mine.exact, mine.prefix, mine.suffix,
                                           note=c.note, claim=c.theirs, made=theirs)
                else:
                    made = self._annotations.add(mine.article_id, "claim", mine.start, mine.end, note=c.note,
                                               claim=c.theirs, made=theirs)
                for tag_id in mine.tag_ids:
                    self._tags.attach(made, tag_id)
            self._conn.execute("DELETE FROM conflicts WHERE id = ?", (conflict_id,))
        return made

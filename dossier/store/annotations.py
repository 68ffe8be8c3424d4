"""Annotations (highlights, notes, claims), claim assessments and re-anchoring."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from dossier.core.anchoring import quote_at, reanchor
from dossier.core.models import Annotation, Claim, Made
from dossier.core.vocabulary import ANNOTATION_KINDS, CLAIM_STATUSES
from dossier.store.articles import Articles
from dossier.store.transactions import Transactions, utc_now

# Each column named as the record's field, so a row becomes a record by name (see _annotation).
_COLUMNS = (
    "a.id, a.article_id, a.kind, a.start_offset AS start, a.end_offset AS \"end\", a.exact, a.prefix, a.suffix, "
    "a.note, a.anchor_state, a.created, a.modified, c.status, c.reliability, c.credibility, c.rationale, "
    "a.author, c.assessed_by, c.assessed_at, a.quoted_as"
)
_FROM = "FROM annotations a LEFT JOIN claims c ON c.annotation_id = a.id"


def _annotation(row: sqlite3.Row, tag_ids: tuple[int, ...]) -> Annotation:
    claim = (Claim(row["status"], row["reliability"], row["credibility"], row["rationale"])
             if row["kind"] == "claim" and row["status"] else None)
    return Annotation(
        id=row["id"], article_id=row["article_id"], kind=row["kind"], start=row["start"], end=row["end"],
        exact=row["exact"], prefix=row["prefix"], suffix=row["suffix"], note=row["note"],
        anchor_state=row["anchor_state"], created=row["created"], modified=row["modified"], claim=claim,
        tag_ids=tag_ids, author=row["author"], assessed_by=row["assessed_by"] or "",
        assessed_at=row["assessed_at"], quoted_as=row["quoted_as"],
    )


class Annotations:
    """`db.annotations`: highlights, notes and claims on passages of articles, and the claims'
    assessments."""

    def __init__(self, tx: Transactions, articles: Articles) -> None:
        self._tx = tx
        self._conn = tx.conn
        self._write = tx.write
        self._articles = articles

    def add(
        self, article_id: int, kind: str, start: int, end: int, *, note: str = "",
        claim: Claim | None = None, tag_ids: Iterable[int] = (), made: Made | None = None,
    ) -> int:
        """Anchor a passage of an article: the quote and its context are cut from the stored
        text here, so `text[start:end] == exact` holds by construction. `made` says who made it
        and when, for one brought in from elsewhere; else it is this store's author, now."""
        if kind not in ANNOTATION_KINDS:
            raise ValueError(f"unknown annotation kind {kind!r}")
        if claim is not None and kind != "claim":
            raise ValueError("only a claim annotation carries an assessment")
        made = made or self._made_now()
        with self._write() as conn:
            row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise KeyError(f"no article {article_id}")
            quote = quote_at(row[0], start, end)  # the one place a quote and its context are cut
            exact, prefix, suffix = quote.exact, quote.prefix, quote.suffix
            annotation_id = int(conn.execute(
                "INSERT INTO annotations (article_id, kind, start_offset, end_offset, exact, prefix, "
                "suffix, note, created, modified, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, kind, start, end, exact, prefix, suffix, note, made.created, made.modified,
                 made.author),
            ).lastrowid or 0)  # an INSERT always sets it
            if kind == "claim":
                self._write_claim(conn, annotation_id, claim or Claim(), made.assessed_by, made.assessed_at)
            conn.executemany(
                "INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                [(annotation_id, t) for t in tag_ids],
            )
        return annotation_id

    def add_orphan(self, article_id: int, kind: str, exact: str, prefix: str, suffix: str, *, note: str = "",
                   claim: Claim | None = None, made: Made | None = None) -> int:
        """An annotation whose passage could not be found in the article: kept, with its stored
        quote, marked orphaned (its offsets are placeholders)."""
        made = made or self._made_now()
        with self._write() as conn:
            annotation_id = int(conn.execute(
                "INSERT INTO annotations (article_id, kind, start_offset, end_offset, exact, prefix, suffix, note, "
                "anchor_state, created, modified, author) VALUES (?, ?, 0, 1, ?, ?, ?, ?, 'orphaned', ?, ?, ?)",
                (article_id, kind, exact, prefix, suffix, note, made.created, made.modified, made.author),
            ).lastrowid or 0)  # an INSERT always sets it
            if kind == "claim":
                self._write_claim(conn, annotation_id, claim or Claim(), made.assessed_by, made.assessed_at)
        return annotation_id

    def _made_now(self) -> Made:
        now = utc_now()
        author = self._tx.author
        return Made(author, now, now, author, now)

    def set_quoted_as(self, annotation_id: int, quoted_as: str | None) -> None:
        """The quote as first written, for an annotation placed on words typeset differently."""
        with self._write() as conn:
            conn.execute("UPDATE annotations SET quoted_as = ? WHERE id = ?", (quoted_as, annotation_id))

    def set_anchor_state(self, annotation_id: int, state: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE annotations SET anchor_state = ? WHERE id = ?", (state, annotation_id))

    def by_external_id(self, external_id: str) -> int | None:
        row = self._conn.execute(
            "SELECT annotation_id FROM annotation_imports WHERE external_id = ?", (external_id,)
        ).fetchone()
        return row[0] if row else None

    def remember_external_id(self, annotation_id: int, external_id: str) -> None:
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO annotation_imports (external_id, annotation_id) VALUES (?, ?)",
                         (external_id, annotation_id))

    def get(self, annotation_id: int) -> Annotation:
        rows = self.select("WHERE a.id = ?", (annotation_id,))
        if not rows:
            raise KeyError(f"no annotation {annotation_id}")
        return rows[0]

    def all(self, article_id: int | None = None) -> list[Annotation]:
        if article_id is None:
            return self.select("ORDER BY a.article_id, a.start_offset, a.id", ())
        return self.select("WHERE a.article_id = ? ORDER BY a.start_offset, a.id", (article_id,))

    def set_note(self, annotation_id: int, note: str) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE annotations SET note = ?, modified = ? WHERE id = ?",
                (note, utc_now(), annotation_id),
            )

    def set_claim(self, annotation_id: int, claim: Claim, *, by: str | None = None, at: str | None = None) -> None:
        """Assess a claim: by this store's author now, unless `by` and `at` say whose it was."""
        now = utc_now()
        with self._write() as conn:
            self._write_claim(conn, annotation_id, claim, self._tx.author if by is None else by, at or now)
            conn.execute("UPDATE annotations SET modified = ? WHERE id = ?", (now, annotation_id))

    def delete(self, annotation_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))

    @staticmethod
    def _write_claim(conn: sqlite3.Connection, annotation_id: int, claim: Claim, by: str, at: str | None) -> None:
        if claim.status not in CLAIM_STATUSES:
            raise ValueError(f"unknown claim status {claim.status!r}")
        conn.execute(
            "INSERT INTO claims (annotation_id, status, reliability, credibility, rationale, assessed_by, assessed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (annotation_id) DO UPDATE SET "
            "status = excluded.status, reliability = excluded.reliability, "
            "credibility = excluded.credibility, rationale = excluded.rationale, "
            "assessed_by = excluded.assessed_by, assessed_at = excluded.assessed_at",
            (annotation_id, claim.status, claim.reliability, claim.credibility, claim.rationale, by, at),
        )

    def select(self, tail: str, args: tuple[object, ...]) -> list[Annotation]:
        """The annotations that `tail` (SQL after FROM: WHERE/ORDER BY over `a`, the annotations,
        and `c`, their claims) picks, in its order."""
        cursor = self._conn.execute(f"SELECT {_COLUMNS} {_FROM} {tail}", args)
        cursor.row_factory = sqlite3.Row
        rows = cursor.fetchall()
        tags: dict[int, list[int]] = {}
        if rows:
            ids = [r["id"] for r in rows]
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                for annotation_id, tag_id in self._conn.execute(
                    "SELECT annotation_id, tag_id FROM annotation_tags WHERE annotation_id IN "
                    f"({','.join('?' * len(chunk))}) ORDER BY tag_id", chunk
                ):
                    tags.setdefault(annotation_id, []).append(tag_id)
        return [_annotation(r, tuple(tags.get(r["id"], ()))) for r in rows]

    # -- re-anchoring ---------------------------------------------------------------------------

    def reanchor(self, article_id: int) -> dict[str, int]:
        """Check every annotation of an article against its text; move what moved, orphan what
        can't be found (never deleted). Returns how many ended in each state."""
        text = self._articles.get(article_id).text
        tally = {"anchored": 0, "moved": 0, "orphaned": 0}
        with self._write() as conn:
            for a in self.all(article_id):
                found = reanchor(text, a.exact, a.prefix, a.suffix, a.start)
                if found is None:
                    if a.anchor_state != "orphaned":
                        conn.execute("UPDATE annotations SET anchor_state = 'orphaned', modified = ? WHERE id = ?",
                                     (utc_now(), a.id))
                    tally["orphaned"] += 1
                    continue
                tally[found.state] += 1
                if (found.start, found.end) == (a.start, a.end) and a.anchor_state == found.state:
                    continue
                quote = quote_at(text, found.start, found.end)
                conn.execute(
                    "UPDATE annotations SET start_offset = ?, end_offset = ?, exact = ?, prefix = ?, suffix = ?, "
                    "anchor_state = ?, modified = ? WHERE id = ?",
                    (quote.start, quote.end, quote.exact, quote.prefix, quote.suffix, found.state, utc_now(), a.id),
                )
        return tally

"""Annotations (highlights, notes, claims), claim assessments, evidence links and tags."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from dossier.core.anchoring import quote_at
from dossier.core.models import Annotation, Claim, EvidenceLink, Made, Tag
from dossier.core.vocabulary import ANNOTATION_KINDS, CLAIM_STATUSES, EVIDENCE_RELATIONS

_COLUMNS = (
    "a.id, a.article_id, a.kind, a.start_offset, a.end_offset, a.exact, a.prefix, a.suffix, "
    "a.note, a.anchor_state, a.created, a.modified, "
    "c.status, c.reliability, c.credibility, c.rationale, a.author, c.assessed_by, c.assessed_at, a.quoted_as"
)
_FROM = "FROM annotations a LEFT JOIN claims c ON c.annotation_id = a.id"


class AnnotationQueries:
    _conn: sqlite3.Connection

    def add_annotation(
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
        with self._write() as conn:  # type: ignore[attr-defined]
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
            ).lastrowid)  # type: ignore[arg-type]
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
        with self._write() as conn:  # type: ignore[attr-defined]
            annotation_id = int(conn.execute(
                "INSERT INTO annotations (article_id, kind, start_offset, end_offset, exact, prefix, suffix, note, "
                "anchor_state, created, modified, author) VALUES (?, ?, 0, 1, ?, ?, ?, ?, 'orphaned', ?, ?, ?)",
                (article_id, kind, exact, prefix, suffix, note, made.created, made.modified, made.author),
            ).lastrowid)  # type: ignore[arg-type]
            if kind == "claim":
                self._write_claim(conn, annotation_id, claim or Claim(), made.assessed_by, made.assessed_at)
        return annotation_id

    def _made_now(self) -> Made:
        from dossier.store.database import utc_now

        now = utc_now()
        author = self.author  # type: ignore[attr-defined]
        return Made(author, now, now, author, now)

    def set_quoted_as(self, annotation_id: int, quoted_as: str | None) -> None:
        """The quote as first written, for an annotation placed on words typeset differently."""
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute("UPDATE annotations SET quoted_as = ? WHERE id = ?", (quoted_as, annotation_id))

    def set_anchor_state(self, annotation_id: int, state: str) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute("UPDATE annotations SET anchor_state = ? WHERE id = ?", (state, annotation_id))

    def annotation_for_external_id(self, external_id: str) -> int | None:
        row = self._conn.execute(
            "SELECT annotation_id FROM annotation_imports WHERE external_id = ?", (external_id,)
        ).fetchone()
        return row[0] if row else None

    def remember_external_id(self, annotation_id: int, external_id: str) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute("INSERT OR REPLACE INTO annotation_imports (external_id, annotation_id) VALUES (?, ?)",
                         (external_id, annotation_id))

    def annotation(self, annotation_id: int) -> Annotation:
        rows = self._select("WHERE a.id = ?", (annotation_id,))
        if not rows:
            raise KeyError(f"no annotation {annotation_id}")
        return rows[0]

    def annotations(self, article_id: int | None = None) -> list[Annotation]:
        if article_id is None:
            return self._select("ORDER BY a.article_id, a.start_offset, a.id", ())
        return self._select("WHERE a.article_id = ? ORDER BY a.start_offset, a.id", (article_id,))

    def set_note(self, annotation_id: int, note: str) -> None:
        from dossier.store.database import utc_now

        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute(
                "UPDATE annotations SET note = ?, modified = ? WHERE id = ?",
                (note, utc_now(), annotation_id),
            )

    def set_claim(self, annotation_id: int, claim: Claim, *, by: str | None = None, at: str | None = None) -> None:
        """Assess a claim: by this store's author now, unless `by` and `at` say whose it was."""
        from dossier.store.database import utc_now

        now = utc_now()
        with self._write() as conn:  # type: ignore[attr-defined]
            self._write_claim(conn, annotation_id, claim, self.author if by is None else by,  # type: ignore[attr-defined]
                              at or now)
            conn.execute("UPDATE annotations SET modified = ? WHERE id = ?", (now, annotation_id))

    def delete_annotation(self, annotation_id: int) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
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

    def _select(self, tail: str, args: tuple[object, ...]) -> list[Annotation]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} {_FROM} {tail}", args).fetchall()
        tags: dict[int, list[int]] = {}
        if rows:
            ids = [r[0] for r in rows]
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                for annotation_id, tag_id in self._conn.execute(
                    "SELECT annotation_id, tag_id FROM annotation_tags WHERE annotation_id IN "
                    f"({','.join('?' * len(chunk))}) ORDER BY tag_id", chunk
                ):
                    tags.setdefault(annotation_id, []).append(tag_id)
        result = []
        for r in rows:
            claim = Claim(r[12], r[13], r[14], r[15]) if r[2] == "claim" and r[12] else None
            result.append(Annotation(*r[:12], claim=claim, tag_ids=tuple(tags.get(r[0], ())), author=r[16],
                                     assessed_by=r[17] or "", assessed_at=r[18], quoted_as=r[19]))
        return result

    # -- evidence -------------------------------------------------------------------------------

    def add_evidence(self, claim_id: int, annotation_id: int, relation: str, *, author: str | None = None,
                     created: str | None = None) -> None:
        """Link a passage to a claim (or change the link's relation): by this store's author now,
        unless `author` and `created` say whose link it was."""
        from dossier.store.database import utc_now

        if relation not in EVIDENCE_RELATIONS:
            raise ValueError(f"unknown evidence relation {relation!r}")
        with self._write() as conn:  # type: ignore[attr-defined]
            kind = conn.execute("SELECT kind FROM annotations WHERE id = ?", (claim_id,)).fetchone()
            if not kind or kind[0] != "claim":
                raise ValueError(f"annotation {claim_id} is not a claim")
            conn.execute(
                "INSERT INTO evidence (claim_id, annotation_id, relation, author, created) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (claim_id, annotation_id) DO UPDATE SET relation = excluded.relation, "
                "author = excluded.author, created = excluded.created WHERE relation IS NOT excluded.relation",
                (claim_id, annotation_id, relation, self.author if author is None else author,  # type: ignore[attr-defined]
                 created or utc_now()),
            )

    def remove_evidence(self, claim_id: int, annotation_id: int) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute(
                "DELETE FROM evidence WHERE claim_id = ? AND annotation_id = ?", (claim_id, annotation_id)
            )

    def evidence(self, claim_id: int) -> list[EvidenceLink]:
        return [EvidenceLink(*r) for r in self._conn.execute(
            "SELECT claim_id, annotation_id, relation, author, created FROM evidence WHERE claim_id = ? "
            "ORDER BY annotation_id", (claim_id,)
        )]

    def claims_citing(self, annotation_id: int) -> list[int]:
        """The claims that link this passage as evidence."""
        return [r[0] for r in self._conn.execute(
            "SELECT claim_id FROM evidence WHERE annotation_id = ? ORDER BY claim_id", (annotation_id,))]

    # -- tags -----------------------------------------------------------------------------------

    def add_tag(self, name: str, color: str, parent_id: int | None = None) -> int:
        with self._write() as conn:  # type: ignore[attr-defined]
            return int(conn.execute(
                "INSERT INTO tags (name, color, parent_id) VALUES (?, ?, ?)", (name, color, parent_id)
            ).lastrowid)  # type: ignore[arg-type]

    def tags(self) -> list[Tag]:
        return [Tag(*r) for r in self._conn.execute(
            "SELECT id, name, color, parent_id FROM tags ORDER BY name COLLATE NOCASE"
        )]

    def tag_by_name(self, name: str, parent_id: int | None = None) -> Tag | None:
        """The tag of that name under `parent_id` (None: at the top), ignoring case in any script."""
        key = name.strip().casefold()
        return next((t for t in self.tags() if t.parent_id == parent_id and t.name.casefold() == key), None)

    def find_tag(self, name: str) -> Tag | None:
        """A tag of that name anywhere in the tree (a top-level one first), ignoring case."""
        key = name.strip().casefold()
        found = [t for t in self.tags() if t.name.casefold() == key]
        return min(found, key=lambda t: (t.parent_id is not None, t.id)) if found else None

    def tag_annotation(self, annotation_id: int, tag_id: int) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute(
                "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                (annotation_id, tag_id),
            )

    def untag_annotation(self, annotation_id: int, tag_id: int) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute(
                "DELETE FROM annotation_tags WHERE annotation_id = ? AND tag_id = ?", (annotation_id, tag_id)
            )


class AnnotationHistory:
    """Re-anchoring, and the tag tree as a whole."""

    _conn: sqlite3.Connection

    # -- re-anchoring ---------------------------------------------------------------------------

    def reanchor_article(self, article_id: int) -> dict[str, int]:
        """Check every annotation of an article against its text; move what moved, orphan what
        can't be found (never deleted). Returns how many ended in each state."""
        from dossier.core.anchoring import quote_at, reanchor
        from dossier.store.database import utc_now

        text = self.article(article_id).text  # type: ignore[attr-defined]
        tally = {"anchored": 0, "moved": 0, "orphaned": 0}
        with self._write() as conn:  # type: ignore[attr-defined]
            for a in self.annotations(article_id):
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

    # -- tags, whole ----------------------------------------------------------------------------

    def rename_tag(self, tag_id: int, name: str) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute("UPDATE tags SET name = ? WHERE id = ?", (name.strip(), tag_id))

    def set_tag_color(self, tag_id: int, color: str) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute("UPDATE tags SET color = ? WHERE id = ?", (color, tag_id))

    def set_tag_parent(self, tag_id: int, parent_id: int | None) -> None:
        """Nest a tag under another (or at the top). A tag can't go under itself or its own child."""
        if parent_id is not None and parent_id in self.tag_subtree(tag_id):
            raise ValueError("a tag can't be nested under itself or one of its own tags")
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute("UPDATE tags SET parent_id = ? WHERE id = ?", (parent_id, tag_id))

    def tag_subtree(self, tag_id: int) -> list[int]:
        """The tag and every tag nested under it, parents before children. Walked in Python with
        a visited set, so even a file whose tree has a cycle (an old merge bug) can't hang it."""
        children: dict[int | None, list[int]] = {}
        for t in self.tags():  # type: ignore[attr-defined]
            children.setdefault(t.parent_id, []).append(t.id)
        order, seen, level = [], {tag_id}, [tag_id]
        while level:
            order.extend(sorted(level))
            level = [c for p in level for c in children.get(p, []) if c not in seen]
            seen.update(level)
        return order

    def tag_usage(self, tag_id: int) -> int:
        """How many annotations carry the tag or one nested under it (shown before deleting)."""
        subtree = self.tag_subtree(tag_id)
        marks = ",".join("?" * len(subtree))
        return int(self._conn.execute(
            f"SELECT count(DISTINCT annotation_id) FROM annotation_tags WHERE tag_id IN ({marks})", subtree
        ).fetchone()[0])

    def tagged_with(self, tag_id: int) -> list[int]:
        return [r[0] for r in self._conn.execute(
            "SELECT annotation_id FROM annotation_tags WHERE tag_id = ? ORDER BY annotation_id", (tag_id,)
        )]

    def merge_tags(self, source_id: int, target_id: int) -> None:
        """Every annotation tagged `source` is tagged `target`; `source` goes and its nested tags
        move under `target`. A target nested inside the source first takes the source's place,
        so the tree never loops."""
        if source_id == target_id:
            raise ValueError("a tag can't be merged into itself")
        with self._write() as conn:  # type: ignore[attr-defined]
            if target_id in self.tag_subtree(source_id):
                conn.execute("UPDATE tags SET parent_id = (SELECT parent_id FROM tags WHERE id = ?) WHERE id = ?",
                             (source_id, target_id))
            conn.execute(
                "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) "
                "SELECT annotation_id, ? FROM annotation_tags WHERE tag_id = ?", (target_id, source_id)
            )
            conn.execute("UPDATE tags SET parent_id = ? WHERE parent_id = ?", (target_id, source_id))
            conn.execute("DELETE FROM tags WHERE id = ?", (source_id,))

    def delete_tag(self, tag_id: int) -> None:
        with self._write() as conn:  # type: ignore[attr-defined]
            conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))

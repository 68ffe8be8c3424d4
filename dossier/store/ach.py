"""The competing-hypotheses matrix as stored: hypotheses in the user's order, the annotations
chosen as evidence rows, and the ratings. Scoring is analysis.ach's (over what data() fetches);
edits go through operations.ach."""

from __future__ import annotations

from typing import NamedTuple

from dossier.core.vocabulary import ACH_RATINGS
from dossier.store.annotations import Annotations
from dossier.store.articles import Sources
from dossier.store.transactions import Transactions, named_rows, record, utc_now


def _now() -> str:
    return utc_now()


class Hypothesis(NamedTuple):
    id: int
    title: str
    description: str
    position: int


class AchRow(NamedTuple):
    id: int
    annotation_id: int
    position: int


class RowInfo(NamedTuple):
    """What a row of the matrix shows of its evidence."""

    id: int
    annotation_id: int
    article_id: int
    kind: str  # claim, note, highlight
    quote: str
    article_title: str
    outlet: str | None
    published: str | None
    published_precision: str
    reliability: str | None  # the claim's, else its outlet's default
    credibility: int | None  # a claim's; other passages have none


class AchData(NamedTuple):
    hypotheses: list[Hypothesis]
    rows: list[RowInfo]
    ratings: dict[tuple[int, int], str]  # (row, hypothesis): its rating; unrated cells absent
    raters: dict[tuple[int, int], tuple[str, str | None]]  # (row, hypothesis): who rated it, when


class Ach:
    """`db.ach`: analysis of competing hypotheses: hypotheses, the evidence rows, their ratings."""

    def __init__(self, tx: Transactions, annotations: Annotations, sources: Sources) -> None:
        self._tx = tx
        self._conn = tx.conn
        self._write = tx.write
        self._annotations = annotations
        self._sources = sources

    def hypotheses(self) -> list[Hypothesis]:
        return [record(Hypothesis, r) for r in named_rows(
            self._conn, "SELECT id, title, description, position FROM hypotheses ORDER BY position, id")]

    def rows(self) -> list[AchRow]:
        return [record(AchRow, r) for r in named_rows(
            self._conn, "SELECT id, annotation_id, position FROM ach_rows ORDER BY position, id")]

    def ratings(self) -> dict[tuple[int, int], str]:
        return {(r, h): rating for r, h, rating in self._conn.execute(
            "SELECT row_id, hypothesis_id, rating FROM ach_ratings")}

    def raters(self) -> dict[tuple[int, int], tuple[str, str | None]]:
        """Who rated each cell, and when ("" and None where the file did not record it)."""
        return {(r, h): (author, at) for r, h, author, at in self._conn.execute(
            "SELECT row_id, hypothesis_id, author, rated_at FROM ach_ratings")}

    def add_hypothesis(self, title: str, description: str = "") -> int:
        with self._write() as conn:
            position = conn.execute("SELECT ifnull(max(position), 0) + 1 FROM hypotheses").fetchone()[0]
            return int(conn.execute(
                "INSERT INTO hypotheses (title, description, created, position) VALUES (?, ?, ?, ?)",
                (title, description, _now(), position)).lastrowid or 0)  # an INSERT always sets it

    def edit_hypothesis(self, hypothesis_id: int, title: str, description: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE hypotheses SET title = ?, description = ? WHERE id = ?",
                         (title, description, hypothesis_id))

    def order_hypotheses(self, ids: list[int]) -> None:
        """Put the hypotheses in this order."""
        with self._write() as conn:
            conn.executemany("UPDATE hypotheses SET position = ? WHERE id = ?",
                             [(i + 1, h) for i, h in enumerate(ids)])

    def delete_hypothesis(self, hypothesis_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM hypotheses WHERE id = ?", (hypothesis_id,))

    def add_rows(self, annotation_ids: list[int]) -> list[int]:
        """Rows for these annotations, at the end; an annotation already a row is left as it is."""
        added = []
        with self._write() as conn:
            position = conn.execute("SELECT ifnull(max(position), 0) FROM ach_rows").fetchone()[0]
            for annotation_id in annotation_ids:
                if conn.execute("SELECT 1 FROM ach_rows WHERE annotation_id = ?", (annotation_id,)).fetchone():
                    continue
                position += 1
                added.append(int(conn.execute("INSERT INTO ach_rows (annotation_id, position) VALUES (?, ?)",
                                              (annotation_id, position)).lastrowid or 0))
        return added

    def remove_row(self, row_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM ach_rows WHERE id = ?", (row_id,))

    def rate(self, row_id: int, hypothesis_id: int, rating: str | None, *, author: str | None = None,
             rated_at: str | None = None) -> None:
        """Set a cell (None clears it to unrated): rated by this store's author now, unless
        `author` and `rated_at` say whose rating it was."""
        if rating is not None and rating not in ACH_RATINGS:
            raise ValueError(f"unknown rating {rating!r}")
        with self._write() as conn:
            if rating is None:
                conn.execute("DELETE FROM ach_ratings WHERE row_id = ? AND hypothesis_id = ?", (row_id, hypothesis_id))
            else:
                conn.execute("INSERT INTO ach_ratings (row_id, hypothesis_id, rating, author, rated_at) "
                             "VALUES (?, ?, ?, ?, ?) ON CONFLICT (row_id, hypothesis_id) DO UPDATE SET "
                             "rating = excluded.rating, author = excluded.author, rated_at = excluded.rated_at",
                             (row_id, hypothesis_id, rating, self._tx.author if author is None else author,
                              rated_at or _now()))

    def data(self) -> AchData:
        """The matrix with what each row shows: its quote, outlet and grade (analysis.ach.matrix
        weighs and scores it)."""
        hypotheses = self.hypotheses()
        grades = self._sources.grades()
        rows = []
        for row in self.rows():
            a = self._annotations.get(row.annotation_id)
            article = self._conn.execute("SELECT title, source, published, published_precision FROM articles "
                                         "WHERE id = ?", (a.article_id,)).fetchone()
            if a.claim is not None:
                grade = grades.grade(a.claim, article[1])
                reliability, credibility = grade.reliability, grade.credibility
            else:
                reliability, credibility = grades.reliability(article[1]), None
            rows.append(RowInfo(row.id, a.id, a.article_id, a.kind, a.exact, article[0], article[1], article[2],
                                article[3], reliability, credibility))
        return AchData(hypotheses, rows, self.ratings(), self.raters())

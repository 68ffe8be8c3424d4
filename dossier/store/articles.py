"""Articles and their sources: insert once, read many ways, never change the text."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from dossier.core.grading import Grade, SourceGrades
from dossier.core.models import Annotation, Article, ArticleSummary, NewArticle, Source
from dossier.core.stories import story_keys
from dossier.core.vocabulary import PUBLISHED_PRECISIONS
from dossier.store.sentence_index import add_sentences, forget_sentences
from dossier.store.transactions import Transactions, named_rows, record, utc_now

_ARTICLE_COLUMNS = (
    "id, title, source, url, published, published_precision, text, sha256, imported_at, "
    "language, original_name"
)
_SUMMARY_COLUMNS = "id, title, source, published, published_precision, language"
NO_LANGUAGE = ""  # the language filter's value for articles whose language is not known

# Sort keys the article list offers, mapped to SQL that an index serves (the rowid is part of
# every index, so "id" as tie-breaker keeps paging stable at no cost). NULL sorts lowest: an
# undated article comes last when newest is first.
ARTICLE_ORDERS = {
    "published": "published {dir}, id {dir}",
    "title": "title COLLATE NOCASE {dir}, id {dir}",
    "source": "source COLLATE NOCASE {dir}, id {dir}",
    "language": "language {dir}, id {dir}",
    "id": "id {dir}",
}


def text_sha256(text: str) -> str:
    import hashlib  # on first store, not at start-up

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Articles:
    """`db.articles`: articles, their original files and the outlets they repeat."""

    def __init__(self, tx: Transactions, sources: Sources) -> None:
        self._conn = tx.conn
        self._write = tx.write
        self._sources = sources

    def add(self, article: NewArticle, imported_at: str | None = None) -> int:
        return self.add_many([article], imported_at)[0]

    def add_many(self, articles: Iterable[NewArticle], imported_at: str | None = None) -> list[int]:
        """Store articles in one transaction; their sources are created as they arrive."""
        stamp = imported_at or utc_now()
        ids: list[int] = []
        with self._write() as conn:
            for a in articles:
                if a.published_precision not in PUBLISHED_PRECISIONS:
                    raise ValueError(f"unknown published precision {a.published_precision!r}")
                self._sources.ensure(conn, a.source)
                cur = conn.execute(
                    "INSERT INTO articles (title, source, url, published, published_precision, "
                    "text, sha256, imported_at, language, original_name) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (a.title, a.source, a.url, a.published, a.published_precision, a.text,
                     text_sha256(a.text), stamp, a.language, a.original_name),
                )
                article_id = int(cur.lastrowid or 0)  # an INSERT always sets it
                add_sentences(conn, article_id, a.text)
                conn.executemany("INSERT INTO story_keys (key, article_id) VALUES (?, ?)",
                                 [(key, article_id) for key in sorted(story_keys(a.text))])  # in order: a few pages, not one per key
                ids.append(article_id)
        return ids

    def keep_original(self, article_id: int, file_name: str | None, content: bytes) -> None:
        """Store the file an article came from, byte for byte."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO originals (article_id, file_name, content) VALUES (?, ?, ?)",
                (article_id, file_name, content),
            )

    def original(self, article_id: int, *, among_files: bool = True) -> tuple[str | None, bytes] | None:
        """The file the article was imported from: kept apart, or (a picture read by OCR as it is)
        among its files as the page's one copy, unless `among_files` is False (a merge carries those
        with the files)."""
        row = self._conn.execute(
            "SELECT file_name, content FROM originals WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None and among_files:
            row = self._conn.execute(
                "SELECT x.file_name, a.content FROM article_files x JOIN attachments a ON a.sha256 = x.sha256 "
                "WHERE x.article_id = ? AND x.role = 'original' ORDER BY x.position LIMIT 1", (article_id,)).fetchone()
        return (row[0], bytes(row[1])) if row else None

    def get(self, article_id: int) -> Article:
        row = named_rows(self._conn, f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(f"no article {article_id}")
        return record(Article, row)

    def id_by_sha256(self, sha256: str) -> int | None:
        """The article with this text, or the one a capture with this text was joined into (the
        same story, already here)."""
        row = self._conn.execute("SELECT id FROM articles WHERE sha256 = ? UNION ALL "
                                 "SELECT article_id FROM captures WHERE sha256 = ?", (sha256, sha256)).fetchone()
        return row[0] if row else None

    def identifiers(self) -> list[tuple[int, str | None, str]]:
        """(id, url, sha256) of every article, oldest first: how annotation files name them."""
        return list(self._conn.execute("SELECT id, url, sha256 FROM articles ORDER BY id"))

    def reports(self, article_id: int) -> list[str]:
        """The outlets whose reporting this article repeats (its passages are not independent
        of theirs)."""
        return [r[0] for r in self._conn.execute(
            "SELECT outlet FROM article_reports WHERE article_id = ? ORDER BY outlet COLLATE NOCASE", (article_id,))]

    def set_reports(self, article_id: int, outlets: Iterable[str]) -> None:
        wanted = list({o.strip().casefold(): o.strip() for o in outlets if o.strip()}.values())
        with self._write() as conn:
            conn.execute("DELETE FROM article_reports WHERE article_id = ?", (article_id,))
            conn.executemany("INSERT INTO article_reports (article_id, outlet) VALUES (?, ?)",
                             [(article_id, o) for o in wanted])

    def sentence_at(self, article_id: int, start: int, end: int) -> tuple[int, int] | None:
        """The span of the sentence(s) holding [start, end): from the first that it touches to the
        last."""
        rows = self._conn.execute(
            "SELECT min(start_offset), max(end_offset) FROM sentences WHERE article_id = ? "
            "AND start_offset < ? AND end_offset > ?", (article_id, max(end, start + 1), start)).fetchone()
        return (rows[0], rows[1]) if rows and rows[0] is not None else None

    def hashes(self) -> set[str]:
        """The sha256 of every article's text: an import skips extracting what is already here."""
        return {r[0] for r in self._conn.execute("SELECT sha256 FROM articles UNION SELECT sha256 FROM captures")}

    def exists(self, article_id: int) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def ids(
        self, order: str = "published", descending: bool = True, *, contains: str = "",
        published_from: str | None = None, published_to: str | None = None, language: str | None = None,
    ) -> list[int]:
        """Article ids in list order, optionally filtered by a text found in the title or source
        (ignoring case), a range of published dates (inclusive; a partial date like "2021-05"
        covers its month) and a language (NO_LANGUAGE: those not known). Ids only: cheap enough
        for 100,000 articles, for a lazy list model."""
        where, args = [], []
        needle = contains.strip()
        if "\x00" in needle:
            raise ValueError("a filter can't contain a NUL character")
        if needle:
            if needle.isascii():  # instr, not LIKE: no wildcards to escape, no "pattern too complex"
                where.append("(instr(lower(title), ?) OR instr(lower(ifnull(source, '')), ?))")
                args += [needle.lower()] * 2
            else:  # SQLite folds only ASCII case; fold the rest in Python
                _ensure_casefold(self._conn)
                where.append("(instr(casefold(title), ?) OR instr(casefold(source), ?))")
                args += [needle.casefold()] * 2
        if published_from:
            where.append("published >= ?")
            args.append(published_from)
        if published_to:
            where.append("published < ?")
            args.append(_after(published_to))
        if language == NO_LANGUAGE:
            where.append("language IS NULL")
        elif language is not None:
            where.append("language = ?")
            args.append(language)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        sql = f"SELECT id FROM articles {clause} ORDER BY {_order(order, descending)}"
        return [r[0] for r in self._conn.execute(sql, args)]

    def page(
        self, offset: int = 0, limit: int = 50, order: str = "published", descending: bool = True
    ) -> list[ArticleSummary]:
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM articles ORDER BY {_order(order, descending)} "
            "LIMIT ? OFFSET ?"
        )
        return [record(ArticleSummary, r) for r in named_rows(self._conn, sql, (limit, offset))]

    def summaries(self, ids: Iterable[int]) -> dict[int, ArticleSummary]:
        wanted = list(ids)
        result: dict[int, ArticleSummary] = {}
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            for r in named_rows(self._conn, f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
                result[r["id"]] = record(ArticleSummary, r)
        return result

    def update_metadata(
        self, article_id: int, *, title: str, source: str | None, url: str | None,
        published: str | None, published_precision: str,
    ) -> None:
        """Change what was guessed about an article. Its text can't change (a trigger refuses)."""
        with self._write() as conn:
            self._sources.ensure(conn, source)
            conn.execute(
                "UPDATE articles SET title = ?, source = ?, url = ?, published = ?, "
                "published_precision = ? WHERE id = ?",
                (title, source, url, published, published_precision, article_id),
            )

    def set_language(self, article_id: int, language: str | None) -> None:
        """The article's language (ISO 639-1), as detected or as the user corrects it."""
        with self._write() as conn:
            conn.execute("UPDATE articles SET language = ? WHERE id = ?", (language, article_id))

    def texts_without_language(self, after_id: int = 0, limit: int = 500,
                               chars: int = 2_000) -> list[tuple[int, str]]:
        """(id, the text's first `chars` characters) of articles whose language is not known,
        by id from `after_id`: a page at a time, so a worker reads 100,000 in small pieces."""
        return [(r[0], r[1]) for r in self._conn.execute(
            "SELECT id, substr(text, 1, ?) FROM articles WHERE language IS NULL AND id > ? ORDER BY id LIMIT ?",
            (chars, after_id, limit))]

    def languages(self) -> list[tuple[str | None, int]]:
        """(language, how many articles) over the dossier, most first: the list's filter."""
        return [(r[0], r[1]) for r in self._conn.execute(
            "SELECT language, count(*) FROM articles GROUP BY language ORDER BY count(*) DESC, language")]

    def delete(self, article_id: int) -> None:
        with self._write() as conn:
            forget_sentences(conn, [article_id])
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def dependents(self, article_id: int) -> dict[str, int]:
        """What goes with an article: counts shown before deleting it."""
        q = self._conn.execute
        return {
            "annotations": q("SELECT count(*) FROM annotations WHERE article_id = ?", (article_id,)).fetchone()[0],
            "mentions": q("SELECT count(*) FROM mentions WHERE article_id = ?", (article_id,)).fetchone()[0],
            "events": q("SELECT count(*) FROM events WHERE article_id = ?", (article_id,)).fetchone()[0],
        }


class Sources:
    """`db.sources`: the outlets articles come from, and the reliability each is graded."""

    def __init__(self, tx: Transactions) -> None:
        self._conn = tx.conn
        self._write = tx.write

    def all(self) -> list[Source]:
        return [record(Source, r) for r in named_rows(
            self._conn, "SELECT id, name, reliability, rationale FROM sources ORDER BY name COLLATE NOCASE"
        )]

    def by_name(self, name: str) -> Source | None:
        """The outlet of that name, by the grading rule's matching (see core.grading)."""
        sources = self.all()
        exact = next((s for s in sources if s.name == name), None)
        if exact is not None:
            return exact
        key = name.casefold()
        matches = [s for s in sources if s.name.casefold() == key]
        return next((s for s in matches if s.reliability), matches[0] if matches else None)

    def grades(self) -> SourceGrades:
        """Every outlet's default reliability: what a claim without its own inherits."""
        return SourceGrades(self.all())

    def claim_grade(self, annotation: Annotation) -> Grade | None:
        """A claim's effective grade (None for a highlight or a note)."""
        if annotation.claim is None:
            return None
        source = self._conn.execute("SELECT source FROM articles WHERE id = ?", (annotation.article_id,)).fetchone()
        return self.grades().grade(annotation.claim, source[0] if source else None)

    def ensure(self, conn: sqlite3.Connection, name: str | None) -> None:
        """A new outlet gets a row to grade; one already there in another case does not get a
        second (sources.name's NOCASE folds only ASCII)."""
        if not name or conn.execute("SELECT 1 FROM sources WHERE name = ?", (name,)).fetchone():
            return  # there already (the index answers for ASCII case)
        if name.isascii() or self.by_name(name) is None:
            conn.execute("INSERT INTO sources (name) VALUES (?)", (name,))

    def set_grade(self, name: str, reliability: str | None, rationale: str = "") -> None:
        """Grade the outlet of that name (found as the grading rule finds it), or a new one."""
        existing = self.by_name(name)
        with self._write() as conn:
            if existing is None:
                conn.execute("INSERT INTO sources (name, reliability, rationale) VALUES (?, ?, ?)",
                             (name, reliability, rationale))
            else:
                conn.execute("UPDATE sources SET reliability = ?, rationale = ? WHERE id = ?",
                             (reliability, rationale, existing.id))


def _order(order: str, descending: bool) -> str:
    if order not in ARTICLE_ORDERS:
        raise ValueError(f"unknown article order {order!r}")
    return ARTICLE_ORDERS[order].format(dir="DESC" if descending else "ASC")


def _after(date_prefix: str) -> str:
    """The smallest ISO string after every date starting with `date_prefix` ("2021-05" -> "2021-05~")."""
    return date_prefix + "~"  # '~' sorts after digits and '-'


def _ensure_casefold(conn: sqlite3.Connection) -> None:
    conn.create_function("casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s, deterministic=True)


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]

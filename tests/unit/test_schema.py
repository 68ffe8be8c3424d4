"""The public format and its migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dossier.store import SCHEMA_VERSION, Database
from dossier.store.backups import list_backups
from dossier.store.database import migrate
from dossier.store.schema import MIGRATIONS, PUBLIC_TABLES, Migration, _statements

# The columns the format promises (more may exist).
PROMISED = {
    "articles": {"id", "title", "source", "url", "published", "published_precision", "text", "sha256", "imported_at"},
    "entities": {"id", "name", "kind"},
    "aliases": {"entity_id", "alias"},
    "mentions": {"id", "article_id", "entity_id", "start_offset", "end_offset", "surface", "origin"},
    "events": {"id", "article_id", "start_offset", "end_offset", "title", "date_text", "earliest",
               "latest", "precision", "origin"},
    "event_entities": {"event_id", "entity_id"},
    "annotations": {"id", "article_id", "kind", "start_offset", "end_offset", "exact", "prefix",
                    "suffix", "note", "anchor_state", "created", "modified", "author", "quoted_as"},
    "claims": {"annotation_id", "status", "reliability", "credibility", "rationale", "assessed_by", "assessed_at"},
    "sources": {"id", "name", "reliability", "rationale"},
    "meta": {"key", "value"},
    "evidence": {"claim_id", "annotation_id", "relation", "author", "created"},
    "tags": {"id", "name", "color", "parent_id"},
    "annotation_tags": {"annotation_id", "tag_id"},
    "rejected_names": {"name", "rejected_at"},
    "rejected_mentions": {"article_id", "start_offset", "end_offset", "surface"},
    "originals": {"article_id", "file_name", "content"},
    "annotation_imports": {"external_id", "annotation_id"},
    "rejected_events": {"article_id", "start_offset", "end_offset", "date_text"},
    "article_reports": {"article_id", "outlet"},
    "sentences": {"id", "article_id", "start_offset", "end_offset"},
    "hypotheses": {"id", "title", "description", "created", "position"},
    "ach_rows": {"id", "annotation_id", "position"},
    "ach_ratings": {"row_id", "hypothesis_id", "rating", "author", "rated_at"},
    "conflicts": {"id", "annotation_id", "status", "reliability", "credibility", "rationale", "note", "author",
                  "assessed_by", "assessed_at", "created", "merged_from", "found_at"},
    "captures": {"id", "article_id", "title", "source", "url", "published", "published_precision", "language",
                 "text", "sha256", "imported_at", "file_name", "content", "joined_at"},
    "story_keys": {"key", "article_id"},
    "distinct_stories": {"first_id", "second_id"},
    "provenance": {"identity", "article_id", "capture_id", "kind", "collection", "item", "posted_at", "author",
                   "forwarded_from", "reply_to", "edited_at", "target_url", "captured_at", "digest", "archive"},
    "attachments": {"sha256", "content", "media_type"},
    "article_files": {"article_id", "position", "file_name", "role", "sha256"},
    "copy_of": {"article_id", "origin_id", "shared", "wire"},
    "copy_decisions": {"first_id", "second_id", "decision", "author", "decided_at"},
    "ocr_pages": {"article_id", "page", "of_pages", "start_offset", "end_offset", "sha256", "width", "height",
                  "engine", "languages", "confidence", "words"},
    "place_positions": {"entity_id", "latitude", "longitude", "off_map", "author", "set_at"},
    "watchlists": {"id", "name", "created"},
    "watch_names": {"id", "list_id", "name", "kind", "aliases", "note"},
    "watch_hits": {"id", "name_id", "article_id", "start", "end", "surface", "passage", "state", "found"},
    "saved_searches": {"id", "query", "created", "seen_through"},
}


def test_a_new_dossier_has_every_promised_table_and_column(store: Database) -> None:
    conn = sqlite3.connect(store.path)
    for table, columns in PROMISED.items():
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert columns <= have, f"{table} lacks {columns - have}"
    assert set(PROMISED) == set(PUBLIC_TABLES)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_migration_steps_are_numbered_one_after_another() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_trigger_bodies_stay_whole_when_a_script_is_split() -> None:
    parts = _statements("CREATE TABLE t (x);\nCREATE TRIGGER g AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n")
    assert len(parts) == 2 and parts[1].endswith("END;")


def _make_v1(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, path, target=1)
    conn.execute("INSERT INTO meta VALUES ('title', 'Old dossier'), ('created', '2025-01-01T00:00:00Z')")
    conn.execute(
        "INSERT INTO articles (id, title, source, text, sha256, imported_at) VALUES "
        "(1, 'Ceasefire', 'Reuters', 'The battle ended on November 10 with a ceasefire.', 'abc', '2025-01-01')"
    )
    conn.execute(
        "INSERT INTO annotations (id, article_id, kind, start_offset, end_offset, exact, note, created, modified) "
        "VALUES (1, 1, 'claim', 4, 10, 'battle', 'which battle?', '2025-01-01', '2025-01-01')"
    )
    conn.execute("INSERT INTO claims (annotation_id, status) VALUES (1, 'disputed')")
    conn.close()


def test_a_v1_file_is_backed_up_then_upgraded_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.dossier"
    _make_v1(path)
    with Database.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.title == "Old dossier"
        assert store.articles.get(1).text == "The battle ended on November 10 with a ceasefire."
        assert store.annotations.get(1).claim.status == "disputed"  # type: ignore[union-attr]
        # Migration 12: who made it was never recorded, and is not guessed now.
        assert (store.annotations.get(1).author, store.annotations.get(1).assessed_by, store.annotations.get(1).assessed_at) == \
            ("", "", None)
        # The search index added by migration 2 covers what was already there.
        assert [h.article_id for h in store.search.articles("ceasefire")] == [1]
        assert [h.annotation_id for h in store.search.annotations("which battle")] == [1]
        # Migration 9 split what was there into sentences and indexed them (related passages).
        assert store.articles.sentence_at(1, 4, 10) == (0, len("The battle ended on November 10 with a ceasefire."))
        assert store._conn.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'ceasefires'"
                                   ).fetchone()[0] == 1  # stemmed: "ceasefires" finds "ceasefire"
    (backup,) = list_backups(path)
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1  # taken before migrating
    assert old.execute("SELECT title FROM articles").fetchone()[0] == "Ceasefire"
    old.close()


def test_a_failing_migration_rolls_back_and_keeps_the_old_version(tmp_path: Path) -> None:

    path = tmp_path / "old.dossier"
    _make_v1(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("step failed")

    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(RuntimeError):
        migrate(conn, path, target=2, steps=(MIGRATIONS[0], Migration(2, "broken", broken)))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()

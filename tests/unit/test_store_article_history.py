"""Deleting an article and undoing it restores it and everything hanging off it identically;
redoing deletes it again."""

from __future__ import annotations

from pathlib import Path

from dossier.operations import perform, redo, undo
from dossier.operations.articles import DeleteArticle
from dossier.store import Database

TABLES = ("articles", "originals", "annotations", "claims", "annotation_tags", "evidence", "mentions", "events",
          "event_entities", "entities", "articles_fts")


def dump(store: Database) -> dict[str, list[tuple[object, ...]]]:
    conn = store._conn
    out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES if t != "articles_fts"}
    out["search"] = [h.article_id for h in store.search.articles("Syunik")]
    return out


def test_delete_and_restore_an_article_exactly(sample_path: Path) -> None:
    with Database.open(sample_path) as store:
        before = dump(store)
        assert store.articles.dependents(1) == {"annotations": 2, "mentions": before and len(before["mentions"]),
                                               "events": len(before["events"])}
        done = perform(store, DeleteArticle(1))
        assert store.articles.count() == 0 and store.counts()["mentions"] == 0
        after = dump(store)
        assert all(r.mentions == 0 for r in store.entities.rows())
        undo(store, done)
        assert dump(store) == before  # rows, ids, counts and the search index
        redo(store, done)
        assert dump(store) == after
        undo(store, done)
        assert dump(store) == before
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

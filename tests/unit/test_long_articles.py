"""Long articles (issue 32): storing, indexing, deleting and merging an article cost time linear in
its length, because the sentence index is kept by the store from each article's text read once
(no trigger reads the article again for each of its sentences). The index stays exactly in step
through every path that adds or removes sentences: storing, deleting, undo and redo, joining two
captures, a merge and its preview. `tests/benchmarks/bench_long_article.py` measures the time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dossier.core.models import NewArticle
from dossier.ingest.document import Document
from dossier.operations import perform, redo, undo
from dossier.operations.articles import AddDocument, DeleteArticle
from dossier.operations.team import JoinCaptures, MergeDossier
from dossier.store import Database
from dossier.store.database import migrate
from dossier.store.merging import merge_dossier, preview_merge
from dossier.store.schema import SCHEMA_VERSION
from tests.unit.test_captures import PASTED, WEB

MARKERS = ("quokka", "zebrafinch", "ceasefire", "goris")


def report(words: int, marker: str) -> str:
    """A long article whose every tenth sentence names `marker`."""
    sentences = [f"Sentence {i} says the border guards moved near the lake"
                 + (f" and the {marker} was seen" if i % 10 == 0 else "") + "." for i in range(words)]
    return " ".join(sentences) + "\n\nThe ceasefire held near Goris."


def in_step(store: Database) -> None:
    """For each marker, the index finds exactly the stored sentences that hold it, and nothing of
    a sentence that is gone."""
    conn = store._conn
    texts = {i: store.articles.get(i).text for i in store.articles.ids()}
    for marker in MARKERS:
        indexed = sorted(r[0] for r in conn.execute("SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?",
                                                    (marker,)))
        holding = sorted(sid for sid, aid, start, end in conn.execute(
            "SELECT id, article_id, start_offset, end_offset FROM sentences")
            if marker in texts[aid][start:end].casefold())
        assert indexed == holding, (marker, len(indexed), len(holding))
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_no_trigger_reads_an_article_again_for_each_of_its_sentences(store: Database) -> None:
    triggers = [name for name, sql in store._conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                if "sentences" in (sql or "")]
    assert triggers == []


def test_the_sentence_index_stays_in_step_through_store_delete_undo_and_redo(store: Database) -> None:
    first = store.articles.add(NewArticle("First", report(300, "quokka")))
    in_step(store)
    pasted = perform(store, AddDocument(Document(title="Second", text=report(200, "zebrafinch"))))
    in_step(store)
    deleted = perform(store, DeleteArticle(first))
    in_step(store)
    undo(store, deleted)
    in_step(store)
    redo(store, deleted)
    in_step(store)
    undo(store, deleted)
    undo(store, pasted)  # the paste undone: its article and sentences go
    in_step(store)
    redo(store, pasted)
    in_step(store)
    assert store.counts()["articles"] == 2


def test_joining_two_captures_takes_the_others_sentences_out_of_the_index(tmp_path: Path) -> None:
    store = Database.create(tmp_path / "c.dossier", "Captures")
    try:
        web = store.articles.add(NewArticle("Web", WEB + " A goris line."))
        pasted = store.articles.add(NewArticle("Pasted", PASTED + " The goris report."))
        done = perform(store, JoinCaptures(web, pasted))
        in_step(store)
        undo(store, done)
        in_step(store)
    finally:
        store.close()


def test_a_merge_and_its_preview_index_a_long_article_once(tmp_path: Path) -> None:
    theirs_path, mine_path = tmp_path / "theirs.dossier", tmp_path / "mine.dossier"
    with Database.create(theirs_path, "Theirs") as theirs:
        theirs.articles.add(NewArticle("Long", report(3_000, "quokka")))
    with Database.create(mine_path, "Mine") as mine:
        mine.articles.add(NewArticle("Mine", report(50, "zebrafinch")))
        preview_merge(mine, theirs_path)
        in_step(mine)  # rolled back, index and all
        done = perform(mine, MergeDossier(theirs_path))
        in_step(mine)
        undo(mine, done)
        in_step(mine)
        redo(mine, done)
        in_step(mine)
        assert merge_dossier(mine, theirs_path).adds_nothing


def test_a_dossier_of_format_13_keeps_its_sentence_index_through_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.dossier"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, path, target=13)
    conn.execute("INSERT INTO meta (key, value) VALUES ('title', 'Old'), ('created', '2021-05-20T00:00:00Z')")
    text = report(40, "quokka")
    conn.execute("INSERT INTO articles (title, text, sha256, imported_at) VALUES ('Old', ?, 'x', 'now')", (text,))
    from dossier.core.sentences import sentence_spans

    conn.executemany("INSERT INTO sentences (article_id, start_offset, end_offset) VALUES (1, ?, ?)",
                     sentence_spans(text))  # indexed by the triggers of format 13
    conn.close()
    with Database.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION  # 14 and later
        in_step(store)
        perform(store, DeleteArticle(1))
        in_step(store)

"""Undo through the store's journal: annotations and tags deleted and put back exactly; and
re-anchoring, which never deletes."""

from __future__ import annotations

from dossier.core.models import Claim, NewArticle
from dossier.operations import perform, undo
from dossier.operations.annotations import DeleteAnnotation
from dossier.operations.tags import DeleteTag, MergeTags, RecolorTag, RenameTag
from dossier.store import Database

TEXT = "Pashinyan said the agreement was partially fulfilled. The agreement was not implemented in full."


def test_an_annotation_comes_back_whole(store: Database) -> None:
    aid = store.articles.add(NewArticle("T", TEXT))
    tag = store.tags.add("withdrawal agreement", "#e6a23c")
    claim = store.annotations.add(aid, "claim", TEXT.index("The agreement"), len(TEXT) - 1, note="n",
                                 claim=Claim("partially_true", "B", 2, "why"), tag_ids=[tag])
    support = store.annotations.add(aid, "highlight", 0, 52)
    store.evidence.add(claim, support, "supports")
    before = (store.annotations.get(claim), store.annotations.get(support), store.evidence.of(claim))
    gone = [perform(store, DeleteAnnotation(support)), perform(store, DeleteAnnotation(claim))]
    assert store.counts()["annotations"] == 0 and store.counts()["evidence"] == 0
    for done in reversed(gone):
        undo(store, done)
    assert (store.annotations.get(claim), store.annotations.get(support), store.evidence.of(claim)) == before
    assert [h.annotation_id for h in store.search.annotations("partially")] == [support]


def test_tags_rename_merge_delete_and_back(store: Database) -> None:
    aid = store.articles.add(NewArticle("T", TEXT))
    a = store.tags.add("agreement", "#111111")
    b = store.tags.add("deal", "#222222")
    child = store.tags.add("withdrawal", "#333333", parent_id=b)
    x = store.annotations.add(aid, "highlight", 0, 9, tag_ids=[a])
    y = store.annotations.add(aid, "highlight", 10, 14, tag_ids=[b])
    z = store.annotations.add(aid, "highlight", 15, 18, tag_ids=[child])
    assert store.tags.usage(b) == 2  # its own and its child's
    start = store.tags.all()
    done = [perform(store, RenameTag(a, "withdrawal agreement")), perform(store, RecolorTag(a, "#e6a23c"))]
    assert store.tags.by_name("Withdrawal Agreement").color == "#e6a23c"  # type: ignore[union-attr]
    done.append(perform(store, MergeTags(b, a)))
    assert store.annotations.get(y).tag_ids == (a,) and store.tags.by_name("withdrawal", parent_id=a) is not None
    done.append(perform(store, DeleteTag(a)))
    assert store.annotations.get(x).tag_ids == () and store.annotations.get(z).tag_ids == () and store.tags.all() == []
    for step in reversed(done):
        undo(store, step)
    assert store.tags.all() == start
    assert [store.annotations.get(i).tag_ids for i in (x, y, z)] == [(a,), (b,), (child,)]


def test_reanchoring_an_article_moves_and_orphans_but_never_deletes(store: Database) -> None:
    aid = store.articles.add(NewArticle("T", TEXT))
    ok = store.annotations.add(aid, "note", TEXT.index("partially"), TEXT.index("partially") + 9, note="keep")
    with store._tx.write() as conn:  # raw SQL: as if stored by another tool with stale offsets
        conn.execute("UPDATE annotations SET start_offset = start_offset + 3, end_offset = end_offset + 3 WHERE id = ?", (ok,))
        conn.execute(
            "INSERT INTO annotations (article_id, kind, start_offset, end_offset, exact, prefix, suffix, note, created, modified)"
            " VALUES (?, 'note', 0, 5, 'vanished words', 'nothing like this text', 'at all anywhere', 'lost', 'x', 'x')",
            (aid,),
        )
    assert store.annotations.reanchor(aid) == {"anchored": 0, "moved": 1, "orphaned": 1}
    moved = store.annotations.get(ok)
    assert TEXT[moved.start:moved.end] == moved.exact == "partially" and moved.anchor_state == "moved"
    states = {a.note: a.anchor_state for a in store.annotations.all(aid)}
    assert states == {"keep": "moved", "lost": "orphaned"}

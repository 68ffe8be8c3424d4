"""What undo needs from the store: annotations and tags deleted and put back exactly."""

from __future__ import annotations

from dossier.core.models import Claim, NewArticle
from dossier.store import Store

TEXT = "Pashinyan said the agreement was partially fulfilled. The agreement was not implemented in full."


def test_an_annotation_comes_back_whole(store: Store) -> None:
    aid = store.add_article(NewArticle("T", TEXT))
    tag = store.add_tag("withdrawal agreement", "#e6a23c")
    claim = store.add_annotation(aid, "claim", TEXT.index("The agreement"), len(TEXT) - 1, note="n",
                                 claim=Claim("partially_true", "B", 2, "why"), tag_ids=[tag])
    support = store.add_annotation(aid, "highlight", 0, 52)
    store.add_evidence(claim, support, "supports")
    before = (store.annotation(claim), store.annotation(support), store.evidence(claim))
    snap_claim, snap_support = store.snapshot_annotation(claim), store.snapshot_annotation(support)
    store.delete_annotation(support)
    store.delete_annotation(claim)
    assert store.counts()["annotations"] == 0
    store.restore_annotation(snap_claim)
    store.restore_annotation(snap_support)
    assert (store.annotation(claim), store.annotation(support), store.evidence(claim)) == before
    assert [h.annotation_id for h in store.search_annotations("partially")] == [support]


def test_tags_rename_merge_delete_and_restore(store: Store) -> None:
    aid = store.add_article(NewArticle("T", TEXT))
    a = store.add_tag("agreement", "#111111")
    b = store.add_tag("deal", "#222222")
    child = store.add_tag("withdrawal", "#333333", parent_id=b)
    x = store.add_annotation(aid, "highlight", 0, 9, tag_ids=[a])
    y = store.add_annotation(aid, "highlight", 10, 14, tag_ids=[b])
    z = store.add_annotation(aid, "highlight", 15, 18, tag_ids=[child])
    assert store.tag_usage(b) == 2  # its own and its child's
    store.rename_tag(a, "withdrawal agreement")
    store.set_tag_color(a, "#e6a23c")
    assert store.tag_by_name("Withdrawal Agreement").color == "#e6a23c"  # type: ignore[union-attr]
    store.merge_tags(b, a)
    assert store.annotation(y).tag_ids == (a,) and store.tag_by_name("withdrawal", parent_id=a) is not None
    deleted = store.tag_by_name("withdrawal agreement")
    users = store.tagged_with(a)
    store.delete_tag(a)
    assert store.annotation(x).tag_ids == () and store.tag_by_name("withdrawal", parent_id=a) is None
    store.restore_tag(deleted, users)  # type: ignore[arg-type]
    assert store.annotation(x).tag_ids == (a,) and store.annotation(y).tag_ids == (a,)
    assert z  # the child went with its parent; undo of a delete is the UI's job with its snapshot


def test_reanchoring_an_article_moves_and_orphans_but_never_deletes(store: Store) -> None:
    aid = store.add_article(NewArticle("T", TEXT))
    ok = store.add_annotation(aid, "note", TEXT.index("partially"), TEXT.index("partially") + 9, note="keep")
    with store.transaction() as conn:  # as if stored by another tool with stale offsets
        conn.execute("UPDATE annotations SET start_offset = start_offset + 3, end_offset = end_offset + 3 WHERE id = ?", (ok,))
        conn.execute(
            "INSERT INTO annotations (article_id, kind, start_offset, end_offset, exact, prefix, suffix, note, created, modified)"
            " VALUES (?, 'note', 0, 5, 'vanished words', 'nothing like this text', 'at all anywhere', 'lost', 'x', 'x')",
            (aid,),
        )
    assert store.reanchor_article(aid) == {"anchored": 0, "moved": 1, "orphaned": 1}
    moved = store.annotation(ok)
    assert TEXT[moved.start:moved.end] == moved.exact == "partially" and moved.anchor_state == "moved"
    states = {a.note: a.anchor_state for a in store.annotations(aid)}
    assert states == {"keep": "moved", "lost": "orphaned"}

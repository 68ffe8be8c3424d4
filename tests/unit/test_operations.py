"""Edits as operations: checked before anything is written, one transaction, undone exactly.

The property test makes random edits of every kind, then undoes them all: every table of the
dossier must be as it was, ids included; redoing them all must bring back the same rows.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core.changes import ALL, Changes
from dossier.core.models import Claim, FuzzyDate, NewArticle, NewEvent
from dossier.operations import Done, Refused, perform, redo, undo
from dossier.operations.annotations import (
    AddAnnotation,
    AddEvidence,
    DeleteAnnotation,
    EditClaim,
    EditNote,
    RemoveEvidence,
    SetTags,
)
from dossier.operations.articles import DeleteArticle, EditArticle, GradeSource
from dossier.operations.entities import (
    AddEntityFromSelection,
    DeleteEntity,
    MergeEntities,
    RemoveMention,
    RenameEntity,
    SetEntityKind,
)
from dossier.operations.events import AddEvent, DeleteEvent, EditEvent
from dossier.operations.tags import (
    DeleteTag,
    MergeTags,
    NestTag,
    NewTag,
    RecolorTag,
    RenameTag,
)
from dossier.store import Database
from dossier.store.journal import journaled_tables

TEXT = "Pashinyan said the agreement was partially fulfilled.\n\nThe agreement was not implemented in full."


def rows(store: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the dossier (not SQLite's, not the search index's own), with
    its rowid: what undo must give back exactly."""
    conn = store._conn
    return {t: conn.execute(f'SELECT rowid, * FROM "{t}" ORDER BY rowid').fetchall() for t in journaled_tables(conn)}


def palette(n: int) -> str:
    return ["#e6a23c", "#409eff", "#67c23a"][n % 3]


# -- what each symptom of the first round looked like ------------------------------------------


def test_merging_a_tag_into_its_own_child_keeps_a_tree(store: Database) -> None:
    parent = store.tags.add("conflict", "#111111")
    child = store.tags.add("armenia", "#222222", parent_id=parent)
    grandchild = store.tags.add("syunik", "#333333", parent_id=child)
    sibling = store.tags.add("azerbaijan", "#444444", parent_id=parent)
    done = perform(store, MergeTags(parent, child))
    tags = {t.id: t for t in store.tags.all()}
    assert tags[child].parent_id is None  # the child took its parent's place
    assert tags[sibling].parent_id == child and tags[grandchild].parent_id == child
    assert sorted(store.tags.subtree(child)) == sorted([child, grandchild, sibling])  # ends: no cycle
    undo(store, done)
    assert {t.id: t.parent_id for t in store.tags.all()} == {parent: None, child: parent, grandchild: child,
                                                          sibling: parent}


def test_a_tag_tree_with_a_cycle_from_an_old_file_does_not_hang(store: Database) -> None:
    a = store.tags.add("a", "#111111")
    b = store.tags.add("b", "#222222", parent_id=a)
    with store._tx.write() as conn:  # raw SQL: the loop the first round's merge could make
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE tags SET parent_id = ? WHERE id = ?", (b, a))
    assert sorted(store.tags.subtree(a)) == [a, b]
    assert store.tags.usage(a) == 0


def test_a_new_tag_with_a_taken_name_is_refused_before_anything_is_written(store: Database) -> None:
    store.tags.add("Withdrawal agreement", "#111111")
    before = rows(store)
    with pytest.raises(Refused, match="already a tag “Withdrawal agreement”"):
        perform(store, NewTag("withdrawal AGREEMENT", "#222222"))
    assert rows(store) == before


def test_renaming_a_tag_to_a_taken_name_is_refused_but_a_change_of_case_is_not(store: Database) -> None:
    taken = store.tags.add("Армения", "#111111")
    tag = store.tags.add("border", "#222222")
    with pytest.raises(Refused):
        perform(store, RenameTag(tag, "армения"))  # Cyrillic case: SQLite's NOCASE would miss it
    perform(store, RenameTag(taken, "АРМЕНИЯ"))
    assert store.tags.by_name("армения").name == "АРМЕНИЯ"  # type: ignore[union-attr]


def test_nesting_a_tag_under_its_own_child_is_refused(store: Database) -> None:
    a = store.tags.add("a", "#111111")
    b = store.tags.add("b", "#222222", parent_id=a)
    with pytest.raises(Refused, match="under itself"):
        perform(store, NestTag(a, b))


def test_a_refused_edit_leaves_the_dossier_as_it_was(store: Database) -> None:
    aid = store.articles.add(NewArticle("T", TEXT))
    before = rows(store)
    for operation in (AddAnnotation(aid, "claim", 5, 500), AddAnnotation(aid, "sticker", 0, 5),
                      EditNote(99, "x"), EditClaim(99, Claim()), MergeEntities(1, 1), DeleteTag(7),
                      AddEvidence(99, "supports", 98), GradeSource("Reuters", "Z", ""),
                      EditArticle(aid, "T", None, None, "2021-02-30", "day"),
                      EditArticle(aid, "T", None, None, "2021-05", "day"),
                      EditEvent(99, "x", FuzzyDate("2021-05-14", "2021-05-13", "day", "x"))):
        with pytest.raises(Refused):
            perform(store, operation)
    assert rows(store) == before


def test_the_same_claim_has_one_grade_everywhere(store: Database, tmp_path: Path) -> None:
    """A Cyrillic outlet graded in one case, the article naming it in another: the editor, the
    lists and the PDF/JSON/CSV all ask the store, which matches names in every script."""
    from dossier.export.csv_export import rows as csv_rows
    from dossier.export.web_annotation import export_collection

    aid = store.articles.add(NewArticle("T", TEXT, source="тасс"))
    store.sources.set_grade("ТАСС", "B", "state agency")
    claim = store.annotations.add(aid, "claim", 0, 9, claim=Claim("unverified", None, 2, ""))
    grade = store.sources.claim_grade(store.annotations.get(claim))
    assert grade is not None and (grade.label, grade.inherited) == ("B2", True)
    assert csv_rows(store)[0][10] == "B2" and csv_rows(store)[0][8] == "B (source)"
    body = export_collection(store)["first"]["items"][0]["body"][0]
    assert body["value"] == "unverified (B2)" and body["dossier:reliabilityInherited"] == "B"
    assert [s.name for s in store.sources.all()] == ["тасс"]  # "ТАСС" did not become a second outlet


def test_what_is_not_graded_reads_the_same_everywhere(store: Database) -> None:
    aid = store.articles.add(NewArticle("T", TEXT, source="Unknown outlet"))
    claim = store.annotations.add(aid, "claim", 0, 9)
    grade = store.sources.claim_grade(store.annotations.get(claim))
    assert grade is not None and grade.label == "reliability not graded, credibility not graded"


def test_an_edit_says_what_it_changed(store: Database) -> None:
    aid = store.articles.add(NewArticle("T", TEXT))
    add = AddAnnotation(aid, "note", 0, 9)
    done = perform(store, add)
    assert done.changes.touches_id("annotations", add.result) and done.changes.touches_id("content", aid)
    assert not done.changes.touches("entities", "events")
    assert (Changes(tags=[1]) | Changes(tags=ALL)).ids("tags") is None


# -- undo and redo, exactly ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def busy_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two articles with entities, mentions, events, annotations, tags and a graded source."""
    from dossier.core.models import NewMention

    path = tmp_path_factory.mktemp("ops") / "busy.dossier"
    with Database.create(path, "Busy") as store:
        a1, a2 = store.articles.add_many([NewArticle("One", TEXT, source="SouthFront", published="2021-05-14",
                                                published_precision="day"),
                                     NewArticle("Two", "Russian troops arrived in Syunik yesterday.\n\nNo more.",
                                                source="Reuters")])
        pashinyan = store.entities.add("Pashinyan", "person", aliases=["Nikol Pashinyan"])
        syunik = store.entities.add("Syunik", "place")
        russia = store.entities.add("Russia", "place", aliases=["Russian"])
        store.entities.add_mentions([NewMention(a1, pashinyan, 0, 9, "Pashinyan"),
                            NewMention(a2, syunik, 33, 39, "Syunik"), NewMention(a2, russia, 0, 7, "Russian")])
        store.events.add_many([NewEvent(a2, 0, 50, "Troops arrive", "yesterday", "2021-05-13", "2021-05-13", "day",
                                   entity_ids=(syunik, russia))])
        top = store.tags.add("withdrawal", "#e6a23c")
        store.tags.add("partial", "#409eff", parent_id=top)
        start = TEXT.index("The agreement")
        claim = store.annotations.add(a1, "claim", start, start + 41, claim=Claim("partially_true", None, 2, "why"),
                                     tag_ids=[top])
        note = store.annotations.add(a1, "note", 10, 27, note="check")
        store.evidence.add(claim, note, "supports")
        store.sources.set_grade("SouthFront", "D", "state-aligned")
    return path


def operations() -> st.SearchStrategy[object]:
    """Edits of every kind, on ids that may or may not exist (those are refused: also fine)."""
    ids = st.integers(1, 3)
    span = st.tuples(st.integers(0, 60), st.integers(1, 40)).map(lambda p: (p[0], p[0] + p[1]))
    text = st.text(alphabet="abcé Ж🙂\n", max_size=12)
    return st.one_of(
        st.builds(lambda a, s, k: AddAnnotation(a, k, *s), st.integers(1, 2), span,
                  st.sampled_from(["highlight", "note", "claim"])),
        st.builds(DeleteAnnotation, ids), st.builds(EditNote, ids, text),
        st.builds(lambda i, c, r: EditClaim(i, Claim("disputed", r, c, "r")), ids, st.sampled_from([None, 1, 6]),
                  st.sampled_from([None, "A", "F"])),
        st.builds(lambda i, n: SetTags(i, n, palette), ids, st.lists(st.sampled_from(["withdrawal", "new", "Нов"]),
                                                                     max_size=2)),
        st.builds(lambda c, t, r: AddEvidence(c, r, t), ids, ids, st.sampled_from(["supports", "context"])),
        st.builds(RemoveEvidence, ids, ids),
        st.builds(lambda n: NewTag(n or "t", palette(0)), text), st.builds(RenameTag, ids, text),
        st.builds(lambda i: RecolorTag(i, "#123456"), ids), st.builds(NestTag, ids, st.one_of(st.none(), ids)),
        st.builds(MergeTags, ids, ids), st.builds(DeleteTag, ids),
        st.builds(RenameEntity, ids, text), st.builds(lambda i: SetEntityKind(i, "unit"), ids),
        st.builds(MergeEntities, ids, ids), st.builds(DeleteEntity, ids), st.builds(RemoveMention, ids),
        st.builds(lambda s, n: AddEntityFromSelection(1, *s, n or "X", "organisation"), span, text),
        st.builds(lambda s: AddEvent(NewEvent(2, *s, "E", "May", "2021-05-01", "2021-05-31", "month", "user")), span),
        st.builds(lambda i: EditEvent(i, "Edited", FuzzyDate("2020", "2020", "year", "last year")), ids),
        st.builds(DeleteEvent, ids),
        st.builds(lambda d: EditArticle(1, "One again", "Reuters", None, d, "day" if d else "unknown"),
                  st.sampled_from([None, "2020-11-10"])),
        st.builds(DeleteArticle, st.integers(1, 2)),
        st.builds(lambda r: GradeSource("Reuters", r, "record"), st.sampled_from([None, "A"])),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operations(), min_size=1, max_size=8))
def test_edits_then_undo_all_leave_every_row_as_it_was(busy_template: Path, tmp_path: Path, edits: list[object]) -> None:
    path = tmp_path / "busy.dossier"
    shutil.copyfile(busy_template, path)
    with Database.open(path) as store:
        before = rows(store)
        done: list[Done] = []
        for operation in edits:
            with contextlib.suppress(Refused):
                done.append(perform(store, operation))  # type: ignore[arg-type]
        after = rows(store)
        for step in reversed(done):
            undo(store, step)
        assert rows(store) == before
        for step in done:
            redo(store, step)
        assert rows(store) == after  # the same rows with the same ids
        assert store._conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store._conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").fetchall() == []
        assert sorted((r.id, r.mentions) for r in store.entities.rows()) == sorted(
            (e.id, len(store.entities.mentions_of(e.id))) for e in store.entities.all())  # counts kept by triggers
    path.unlink()


def test_a_pasted_article_waits_for_extraction_in_its_own_undo_step(store: Database) -> None:
    """The paste writes its "names and dates still to find" mark inside the operation: undo takes
    it away with the article, redo brings both back (the window once wrote it afterwards, outside
    the journal)."""
    from dossier.ingest.document import Document
    from dossier.operations.articles import AddDocument

    operation = AddDocument(Document(title="Pasted", text="Russian troops arrived in Syunik on 14 May."))
    done = perform(store, operation)
    assert operation.needs_extraction and operation.result in store.pending_extraction()
    undo(store, done)
    assert operation.result not in store.pending_extraction()
    redo(store, done)
    assert operation.result in store.pending_extraction()

"""Merging another analyst's dossier: two dossiers from overlapping articles, different
annotations and one conflicting grade. Counts, no article twice, the conflict listed and
settled, undo, a preview that changes nothing, and merging the same file twice = once."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from dossier.core.anchoring import find_quote
from dossier.core.models import Claim, NewArticle, NewMention
from dossier.operations import perform, redo, undo
from dossier.operations.team import MergeDossier, ResolveConflict
from dossier.sample import CLAIM_QUOTE, write_sample
from dossier.store import Database, DossierError
from dossier.store.database import migrate
from dossier.store.merging import merge_dossier, preview_merge
from dossier.store.team import KEEP_BOTH, KEEP_MINE, KEEP_THEIRS

ONLY_ANN = ("Russian border guards in Syunik\n\nRussian border guards took up positions near Goris on 13 May, "
            "a local official said, while Azerbaijani troops stayed on the heights above Sev Lich lake.")
ONLY_BORIS = ("Baku denies crossing\n\nAzerbaijan's defence ministry said its units had not crossed the border "
              "and were working on their own side of it, near the lake the Armenians call Sev Lich.")


def _analyst(path: Path, name: str) -> Database:
    """An analyst's own sample dossier (their own creation time, so their own identity)."""
    store = write_sample(path, extract=False)
    store.author = name
    return store


@pytest.fixture
def two_dossiers(tmp_path: Path) -> tuple[Path, Path]:
    """Ann's and Boris's dossiers: the sample in both, one article each of their own; Boris
    grades the sample's claim differently, links evidence, rates a hypothesis."""
    ann_path, boris_path = tmp_path / "ann.dossier", tmp_path / "boris.dossier"
    with _analyst(ann_path, "Ann Vardanyan") as ann:
        title, body = ONLY_ANN.split("\n\n")
        aid = ann.articles.add(NewArticle(title, body, source="Azatutyun", published="2021-05-13", published_precision="day"))
        goris = ann.entities.add("Goris", "place")
        start = body.index("Goris")
        ann.entities.add_mentions([NewMention(aid, goris, start, start + 5, "Goris", "user")])
        q = find_quote(body, "Russian border guards took up positions near Goris")
        ann.annotations.add(aid, "highlight", q.start, q.end)
        ann.sources.set_grade("SouthFront", "D", "state-aligned, often unsourced")
    with _analyst(boris_path, "Boris Aliyev") as boris:
        title, body = ONLY_BORIS.split("\n\n")
        bid = boris.articles.add(NewArticle(title, body, source="APA", published="2021-05-13", published_precision="day"))
        boris.sources.set_grade("APA", "C", "state news agency")
        boris.sources.set_grade("SouthFront", "E", "unsourced claims")
        boris.sources.set_grade("Azatutyun", "B", "RFE/RL's Armenian service")  # Ann has not graded it
        sample_claim = next(a for a in boris.annotations.all() if a.kind == "claim")
        boris.annotations.set_claim(sample_claim.id, Claim("disputed", None, 4, "Baku says its troops never left"))
        q = find_quote(body, "its units had not crossed the border")
        denial = boris.annotations.add(bid, "claim", q.start, q.end, claim=Claim("unverified", "C", 3, "official line"))
        boris.evidence.add(sample_claim.id, denial, "contradicts")
        tag = boris.tags.add("denials", "#ff0000")
        boris.tags.attach(denial, tag)
        hypothesis = boris.ach.add_hypothesis("Azerbaijani troops stayed in Armenia")
        (row,) = boris.ach.add_rows([denial])
        boris.ach.rate(row, hypothesis, "I")
    return ann_path, boris_path


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                         "'%fts%' AND name NOT LIKE 'sqlite_%'")]
    dump = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    conn.close()
    return dump


def test_two_analysts_merge_once_however_often(two_dossiers: tuple[Path, Path]) -> None:
    ann_path, boris_path = two_dossiers
    boris_bytes = hashlib.sha256(boris_path.read_bytes()).hexdigest()
    with Database.open(ann_path) as ann:
        ann.author = "Ann Vardanyan"
        preview = preview_merge(ann, boris_path)
        counts = ann.counts()
        assert ann.counts() == counts and ann.team.conflicts() == []  # the preview changed nothing
        report = merge_dossier(ann, boris_path)
        assert report.lines() == preview.lines()  # the preview's counts are the merge's
        assert (report.articles_new, report.articles_matched) == (1, 1)  # the sample is not stored twice
        assert ann.counts()["articles"] == 3
        assert (report.annotations_new, report.annotations_matched, len(report.conflicts)) == (1, 1, 1)
        assert report.orphaned == []
        assert report.evidence_added == 1 and report.tags_new == 1 and report.sources_new == 1
        assert report.grades_differ and "SouthFront" in report.grades_differ[0]
        assert report.ratings_added == 1 and report.hypotheses_new == 1

        # Both assessments are kept: Ann's on the claim, Boris's in the conflict.
        claim = next(a for a in ann.annotations.all() if a.kind == "claim" and a.exact == CLAIM_QUOTE)
        assert claim.claim is not None and claim.claim.status == "partially_true"
        (conflict,) = ann.team.conflicts()
        assert (conflict.annotation_id, conflict.theirs.status, conflict.assessed_by) == (claim.id, "disputed",
                                                                                           "Boris Aliyev")
        # Boris's own claim came in with his name, his tag, his evidence link and his rating.
        denial = next(a for a in ann.annotations.all() if a.exact == "its units had not crossed the border")
        assert (denial.author, denial.assessed_by) == ("Boris Aliyev", "Boris Aliyev")
        assert [t.name for t in ann.tags.all() if t.id in denial.tag_ids] == ["denials"]
        (link,) = ann.evidence.of(claim.id)
        assert (link.annotation_id, link.relation, link.author) == (denial.id, "contradicts", "Boris Aliyev")
        assert next(iter(ann.ach.raters().values()))[0] == "Boris Aliyev"
        assert ann.sources.by_name("SouthFront").reliability == "D"  # Ann's grade is not overwritten
        assert ann.sources.by_name("APA").reliability == "C"
        assert ann.sources.by_name("Azatutyun").reliability == "B"  # one she had not graded is filled
        # Boris's article came with its original text verbatim.
        assert any(ann.articles.get(i).text == ONLY_BORIS.split("\n\n")[1] for i in report.new_article_ids)

        before = _dump(ann_path)
        again = merge_dossier(ann, boris_path)
        assert again.adds_nothing and again.annotations_already == 3 and again.articles_matched == 2
        assert _dump(ann_path) == before  # merging the same file twice = once
    assert hashlib.sha256(boris_path.read_bytes()).hexdigest() == boris_bytes  # theirs never written


def test_the_merge_is_one_undo_step_and_conflicts_settle_three_ways(two_dossiers: tuple[Path, Path]) -> None:
    ann_path, boris_path = two_dossiers
    with Database.open(ann_path) as ann:
        ann.author = "Ann Vardanyan"
        before = _dump(ann_path)
        merge = MergeDossier(boris_path)
        done = perform(ann, merge)
        merged = _dump(ann_path)
        undo(ann, done)
        assert _dump(ann_path) == before  # the whole merge, undone in one step
        redo(ann, done)
        assert _dump(ann_path) == merged

        (conflict,) = ann.team.conflicts()
        claim_id = conflict.annotation_id
        mine = ann.annotations.get(claim_id)
        for choice in (KEEP_MINE, KEEP_THEIRS, KEEP_BOTH):
            settled = perform(ann, ResolveConflict(conflict.id, choice))
            assert ann.team.conflicts() == []
            claims_here = [a for a in ann.annotations.all(mine.article_id) if a.kind == "claim" and a.start == mine.start]
            if choice == KEEP_MINE:
                assert ann.annotations.get(claim_id) == mine and len(claims_here) == 1
            elif choice == KEEP_THEIRS:
                kept = ann.annotations.get(claim_id)
                assert kept.claim == Claim("disputed", None, 4, "Baku says its troops never left")
                assert (kept.author, kept.assessed_by) == (mine.author, "Boris Aliyev")
                assert kept.assessed_at == conflict.assessed_at  # their time, not the moment of choosing
            else:
                assert ann.annotations.get(claim_id).claim == mine.claim and len(claims_here) == 2
                theirs = next(a for a in claims_here if a.id != claim_id)
                assert (theirs.claim.status, theirs.author) == ("disputed", "")  # type: ignore[union-attr]
                assert theirs.tag_ids == mine.tag_ids
            undo(ann, settled)
            assert ann.team.conflicts() == [conflict] and ann.annotations.get(claim_id) == mine


def test_merging_refuses_itself_and_what_is_not_a_dossier(tmp_path: Path, two_dossiers: tuple[Path, Path]) -> None:
    ann_path, _boris = two_dossiers
    junk = tmp_path / "notes.dossier"
    junk.write_text("not a database")
    with Database.open(ann_path) as ann:
        for path, words in ((ann_path, "this dossier"), (junk, "not"), (tmp_path / "none.dossier", "does not exist")):
            with pytest.raises(DossierError, match=words):
                merge_dossier(ann, path)
        counts = ann.counts()
        assert ann.counts() == counts


def test_an_older_dossier_is_merged_through_an_upgraded_copy(tmp_path: Path, two_dossiers: tuple[Path, Path]) -> None:
    ann_path, _boris = two_dossiers
    old = tmp_path / "old.dossier"
    conn = sqlite3.connect(old, isolation_level=None)
    migrate(conn, old, target=11)
    conn.execute("INSERT INTO meta (key, value) VALUES ('title', 'Old'), ('created', '2021-05-20T00:00:00Z')")
    conn.execute("INSERT INTO articles (title, text, sha256, imported_at) VALUES ('Old one', 'An old article about "
                 "the border that was written long ago and kept.', 'x', '2021-05-20T00:00:00Z')")
    conn.close()
    old_bytes = old.read_bytes()
    with Database.open(ann_path) as ann:
        report = merge_dossier(ann, old)
        assert report.articles_new == 1
    assert old.read_bytes() == old_bytes  # their file: never upgraded in place


def test_entities_match_by_alias_and_near_names_are_only_proposed(tmp_path: Path) -> None:
    mine_path, theirs_path = tmp_path / "a.dossier", tmp_path / "b.dossier"
    text = "Nikol Pashinyan spoke. Пашинян added more. The CSTO did nothing at all about it."
    with Database.create(mine_path, "A") as mine:
        aid = mine.articles.add(NewArticle("T", text))
        mine.entities.add("Nikol Pashinyan", "person", ["Pashinyan"])
    with Database.create(theirs_path, "B") as theirs:
        tid = theirs.articles.add(NewArticle("T", text))
        pashinyan = theirs.entities.add("Pashinyan", "person")
        russian = theirs.entities.add("Никол Пашинян", "person")
        theirs.entities.add_mentions([NewMention(tid, pashinyan, 0, 15, text[:15]),
                             NewMention(tid, russian, 23, 30, text[23:30])])
    with Database.open(mine_path) as mine:
        report = merge_dossier(mine, theirs_path)
        assert (report.entities_matched, report.entities_new) == (1, 1)
        assert report.near_matches == 1  # the Cyrillic spelling: proposed in the sidebar, not merged
        assert {e.name for e in mine.entities.all()} == {"Nikol Pashinyan", "Никол Пашинян"}
        assert {m.start for m in mine.entities.mentions_in(aid)} == {0, 23}


def test_an_orphan_of_theirs_comes_in_orphaned_and_listed(tmp_path: Path) -> None:
    mine_path, theirs_path = tmp_path / "a.dossier", tmp_path / "b.dossier"
    text = "The agreement was not implemented in full, the minister said on Friday."
    with Database.create(mine_path, "A"):
        pass
    with Database.create(theirs_path, "B") as theirs:
        aid = theirs.articles.add(NewArticle("T", text))
        theirs.annotations.add_orphan(aid, "note", "a passage that was edited away", "", "", note="lost")
    with Database.open(mine_path) as mine:
        report = merge_dossier(mine, theirs_path)
        assert report.orphaned == [("T", "a passage that was edited away")]
        (orphan,) = mine.annotations.all()
        assert (orphan.anchor_state, orphan.note) == ("orphaned", "lost")
        assert any("Orphaned" in line for line in report.lines())


def test_a_copy_of_the_same_dossier_adds_nothing(tmp_path: Path, sample_path: Path) -> None:
    copy = tmp_path / "copy.dossier"
    shutil.copy(sample_path, copy)
    with Database.open(sample_path) as store:
        before = _dump(sample_path)
        report = merge_dossier(store, copy)
        assert report.adds_nothing and report.annotations_matched == 2
        counts = {k: v for k, v in _dump(sample_path).items() if k != "annotation_imports"}
        assert counts == {k: v for k, v in before.items() if k != "annotation_imports"}

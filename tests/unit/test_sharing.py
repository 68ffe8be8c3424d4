"""Copies fit to share (`dossier share`): each part left out is gone from the copy's bytes (a
grep of the file and any -wal finds none of a known note, rationale, analyst's name or tagged
passage), everything else stays, the original's bytes never change, and merging the copy back
into the original adds nothing and loses nothing."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.core.anchoring import find_quote
from dossier.core.models import Claim, NewArticle
from dossier.sample import CLAIM_QUOTE, write_sample
from dossier.store import Database
from dossier.store.inspect import integrity_problem
from dossier.store.merging import merge_dossier
from dossier.store.sharing import LEFT_OUT, ShareChoices, ShareRefused, parse_without, share_copy
from dossier.store.targets import TargetRefused
from tests.unit.test_merge import _dump

ANALYST = "Zinovia Quartermaine"
NOTE = "Met the fixer Tigranuhi at the bus station"
ENTITY_NOTE = "Cousin of mayor Aghvanyants"
RATIONALE = "Confirmed by Khachkarian, whom we pay"
SOURCE_RATIONALE = "Owned by the minister's brother Zakaryantsyan"
TAGGED_NOTE = "Ask Lusineyanova before quoting"
SECRET_PASSAGE = "Colonel Hrachya Vardazaryan handed over the ledger"
HYPOTHESIS = "The Pangolinovo plan drew the line"
SUMMARY = "Quokkavilleward judgment: Baku planned it"
SECRET_BODY = (f"Ledger handover\n\nIn a garage near Kapan, {SECRET_PASSAGE} on 12 May, "
               "a witness told us. Nobody else has reported it.")


@pytest.fixture
def original(tmp_path: Path) -> Path:
    """The sample with one of everything a copy may leave out, each a text found nowhere else."""
    path = tmp_path / "mine.dossier"
    with write_sample(path, extract=False) as store:
        store.author = ANALYST
        article = store.articles.get(store.articles.identifiers()[0][0])
        text = article.text
        q = find_quote(text, "Armenia")
        store.annotations.add(article.id, "note", q.start, q.end, note=NOTE)
        claim = next(a for a in store.annotations.all() if a.kind == "claim")
        store.annotations.set_claim(claim.id, Claim("confirmed", "B", 2, RATIONALE))
        store.sources.set_grade(article.source or "Reuters", "C", SOURCE_RATIONALE)
        entity = store.entities.add("Vardan Petrosyan", "person")
        with store._tx.write() as conn:
            conn.execute("UPDATE entities SET notes = ? WHERE id = ?", (ENTITY_NOTE, entity))
        internal = store.tags.add("internal", "#ff0000")
        q = find_quote(text, CLAIM_QUOTE)
        store.annotations.add(article.id, "highlight", q.start, q.end, note=TAGGED_NOTE, tag_ids=[internal])
        title, body = SECRET_BODY.split("\n\n")
        secret = store.articles.add(NewArticle(title, body, source="Witness", published="2021-05-12",
                                              published_precision="day"))
        informant = store.tags.add("informant", "#00ff00")
        q = find_quote(body, SECRET_PASSAGE)
        store.annotations.add(secret, "claim", q.start, q.end, claim=Claim("unverified", "F", 6, ""), tag_ids=[informant])
        hypothesis = store.ach.add_hypothesis(HYPOTHESIS)
        (row,) = store.ach.add_rows([claim.id])
        store.ach.rate(row, hypothesis, "C")
        store.set_meta("summary", SUMMARY)
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _bytes(path: Path) -> bytes:
    """The copy's file and every file SQLite could have left beside it."""
    found = path.read_bytes()
    for suffix in ("-wal", "-journal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            found += side.read_bytes()
    return found


def _holds(data: bytes, text: str) -> bool:
    """The text in the file's bytes, as SQLite stores it (UTF-8), or its one rare word, as it is
    written or as FTS5 keeps it (lower case) in an index."""
    rare = max(text.replace(",", " ").split(), key=len)
    return text.encode() in data or rare.encode() in data or rare.lower().encode() in data


def _share(original: Path, tmp_path: Path, without: str) -> Path:
    before = _sha(original)
    out = tmp_path / "shared.dossier"
    share_copy(original, out, parse_without(without))
    assert _sha(original) == before  # the original is never written
    assert integrity_problem(out) == "ok"
    assert not out.with_name(out.name + "-wal").exists()
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # no free page to read anything back from
    conn.close()
    return out


def test_the_fixture_holds_every_secret_in_its_bytes(original: Path) -> None:
    """Guards the tests below: each secret is findable in a file that has it."""
    data = _bytes(original)
    for secret in (ANALYST, NOTE, ENTITY_NOTE, RATIONALE, SOURCE_RATIONALE, TAGGED_NOTE, SECRET_PASSAGE,
                   HYPOTHESIS, SUMMARY):
        assert _holds(data, secret), secret


def test_without_notes_no_note_is_left_and_the_claim_keeps_its_status_and_grades(original: Path, tmp_path: Path) -> None:
    out = _share(original, tmp_path, "notes")
    data = _bytes(out)
    for secret in (NOTE, ENTITY_NOTE, TAGGED_NOTE):
        assert not _holds(data, secret), secret
    assert _holds(data, RATIONALE) and _holds(data, ANALYST)  # only what was chosen goes
    with Database.open(out) as copy:
        claim = next(a for a in copy.annotations.all() if a.kind == "claim" and a.claim and a.claim.status == "confirmed")
        assert claim.claim == Claim("confirmed", "B", 2, RATIONALE)
        assert len(copy.annotations.all()) == 5  # the annotations stay, without their notes
        assert all(not a.note for a in copy.annotations.all())


def test_without_rationales(original: Path, tmp_path: Path) -> None:
    data = _bytes(_share(original, tmp_path, "rationales"))
    assert not _holds(data, RATIONALE) and not _holds(data, SOURCE_RATIONALE)
    assert _holds(data, NOTE)


def test_without_authors_no_name_and_no_time_of_work(original: Path, tmp_path: Path) -> None:
    out = _share(original, tmp_path, "authors")
    assert not _holds(_bytes(out), ANALYST)
    conn = sqlite3.connect(out)
    stamps = {row[0] for row in conn.execute("SELECT created FROM annotations UNION SELECT modified FROM annotations")}
    assert len(stamps) == 1  # all the moment of the copy, nothing of when the analyst worked
    assert conn.execute("SELECT count(*) FROM claims WHERE assessed_at IS NOT NULL OR assessed_by <> ''").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM ach_ratings WHERE rated_at IS NOT NULL OR author <> ''").fetchone()[0] == 0
    conn.close()


def test_without_annotations_of_a_tag_they_and_the_tag_go(original: Path, tmp_path: Path) -> None:
    out = _share(original, tmp_path, "tag:Internal")  # tag names match whatever their case
    data = _bytes(out)
    assert not _holds(data, TAGGED_NOTE)
    assert _holds(data, NOTE)
    with Database.open(out) as copy:
        assert "internal" not in {t.name for t in copy.tags.all()} and len(copy.annotations.all()) == 4


def test_without_articles_of_a_tag_the_article_and_all_on_it_go(original: Path, tmp_path: Path) -> None:
    out = _share(original, tmp_path, "articles-tagged:informant")
    data = _bytes(out)
    assert not _holds(data, SECRET_PASSAGE)
    assert b"Kapan" not in data and b"kapan" not in data  # nor its words in the sentence index
    with Database.open(out) as copy:
        assert copy.articles.count() == 1
        assert copy.search.articles("ledger") == [] and copy.search.articles("Kapan") == []
        assert "Witness" not in {s.name for s in copy.sources.all()}
        assert "informant" not in {t.name for t in copy.tags.all()}


def test_without_hypotheses_and_summary(original: Path, tmp_path: Path) -> None:
    out = _share(original, tmp_path, "hypotheses,summary")
    data = _bytes(out)
    assert not _holds(data, HYPOTHESIS) and not _holds(data, SUMMARY)
    with Database.open(out) as copy:
        assert copy.meta("summary") is None
        assert "hypotheses" in (copy.meta(LEFT_OUT) or "") and "summary" in (copy.meta(LEFT_OUT) or "")


def test_merging_a_shared_copy_back_adds_nothing_and_loses_nothing(original: Path, tmp_path: Path) -> None:
    out = _share(original, tmp_path, "notes,rationales,authors,hypotheses,summary,tag:internal")
    mine = tmp_path / "again.dossier"
    shutil.copyfile(original, mine)
    before = _dump(mine)
    with Database.open(mine) as store:
        report = merge_dossier(store, out)
    assert report.adds_nothing, report.lines()
    after = _dump(mine)
    # The merge remembers which of their annotations are which of ours (so a second merge is
    # quick): bookkeeping, not content.
    assert len(after.pop("annotation_imports")) == 4 and before.pop("annotation_imports") == []
    assert after == before


def test_never_over_the_original_or_another_dossier_nor_with_a_tag_that_is_not_there(original: Path, tmp_path: Path) -> None:
    before = _sha(original)
    with pytest.raises(TargetRefused):
        share_copy(original, original, ShareChoices(notes=True))
    other = tmp_path / "other.dossier"
    shutil.copyfile(original, other)
    with pytest.raises(TargetRefused):
        share_copy(original, other, ShareChoices(notes=True))
    with pytest.raises(ShareRefused, match="no tag “nosuch”"):
        share_copy(original, tmp_path / "new.dossier", ShareChoices(annotation_tags=("nosuch",)))
    assert not (tmp_path / "new.dossier").exists()
    assert _sha(original) == before and _sha(other) == before
    with pytest.raises(ShareRefused, match="not something"):
        parse_without("notes,passwords")


def test_the_command_writes_the_copy_and_info_says_what_was_left_out(original: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "for-partner.dossier"
    assert main(["share", str(original), str(out), "--without", "notes,authors"]) == 0
    assert "without notes, analysts' names and times" in capsys.readouterr().out
    assert main(["info", str(out)]) == 0
    assert "left out: notes, analysts' names and times (shared " in capsys.readouterr().out
    assert main(["share", str(original), str(out), "--without", "notes"]) == 1  # never over a dossier
    assert "is a dossier" in capsys.readouterr().err
    assert main(["share", str(original), str(tmp_path / "x.dossier")]) == 1
    assert "--without" in capsys.readouterr().err


def test_an_export_leaves_out_the_same_parts_and_its_scratch_copy_goes(original: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    full, shared = tmp_path / "full.csv", tmp_path / "shared.csv"
    before = _sha(original)
    assert main(["export", str(original), "--csv", str(full)]) == 0
    assert main(["export", str(original), "--csv", str(shared), "--without", "notes,authors,tag:internal"]) == 0
    assert _holds(full.read_bytes(), NOTE) and _holds(full.read_bytes(), ANALYST)
    data = shared.read_bytes()
    for secret in (NOTE, ANALYST, TAGGED_NOTE):
        assert not _holds(data, secret), secret
    assert _holds(data, RATIONALE)  # only what was named is left out
    assert list(scratch.iterdir()) == [] and _sha(original) == before
    assert main(["export", str(original), "--csv", str(tmp_path / "x.csv"), "--without", "tag:nosuch"]) == 1

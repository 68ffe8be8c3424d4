"""A colleague's file trusted no more than any other input (issue 32): each hostile file is made
here with plain SQLite, as another tool could write it, then merged. What the format does not
allow is left out and named in a sentence, the rest comes in, and the dossier opens after."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.core.models import NewArticle, NewMention
from dossier.core.offsets import OffsetMap
from dossier.store import Database, DossierError
from dossier.store.database import migrate
from dossier.store.merging import merge_dossier, preview_merge

TEXT = ("Russian border guards took up positions near Goris on 13 May, a local official said, while "
        "Azerbaijani troops stayed on the heights above Sev Lich lake.")
OTHER = "Baku denies crossing the border; its units are working on their own side of it, the ministry said."


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dossier", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def colleague(path: Path, *statements: str) -> Path:
    """Their dossier: one article (TEXT) with a mention, a tagged claim; then `statements` run as
    another tool would, with foreign keys and CHECK constraints off."""
    with Database.create(path, "Theirs") as theirs:
        theirs.author = "Boris"
        aid = theirs.articles.add(NewArticle("Border guards", TEXT, source="Azatutyun"))
        goris = theirs.entities.add("Goris", "place")
        start = TEXT.index("Goris")
        theirs.entities.add_mentions([NewMention(aid, goris, start, start + 5, "Goris", "user")])
        claim = theirs.annotations.add(aid, "claim", 0, 21)
        theirs.tags.attach(claim, theirs.tags.add("deployment", "#ff0000"))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return path


def around_the_trigger(statement: str) -> tuple[str, ...]:
    """`statement` run with the trigger that keeps article text immutable dropped and made again
    the same, as a tool that means harm would: the file's schema stays what its version says."""
    from dossier.store.schema import SCHEMA_VERSION
    from dossier.store.verify import expected_objects

    trigger = expected_objects(SCHEMA_VERSION)[("trigger", "articles_text_immutable")]
    return ("DROP TRIGGER articles_text_immutable", statement, trigger)


def mine(path: Path) -> Path:
    with Database.create(path, "Mine") as store:
        store.articles.add(NewArticle("Denial", OTHER, source="APA"))
    return path


def opens_and_shows(path: Path) -> None:
    """The dossier opens, and every mark of every article converts to the window's positions (the
    article pane's own step; an offset outside the text stopped the window here)."""
    with Database.open(path) as store:
        assert store.quick_check() == "ok"
        for article_id in store.articles.ids():
            text = store.articles.get(article_id).text
            offsets = OffsetMap(text)
            spans = [(m.start, m.end) for m in store.entities.mentions_in(article_id)]
            spans += [(a.start, a.end) for a in store.annotations.all(article_id) if a.anchor_state != "orphaned"]
            spans += [(e.start, e.end) for e in store.events.all(article_id)]
            for start, end in spans:
                offsets.to_utf16(start), offsets.to_utf16(end)


# -- 1: one plain row that no constraint forbids ------------------------------------------------


def test_a_mention_outside_its_text_is_left_out_and_the_dossier_still_opens(tmp_path: Path) -> None:
    theirs = colleague(tmp_path / "theirs.dossier",
                       "INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface, origin) "
                       "VALUES (1, 1, 40000, 40005, 'Goris', 'user')")
    result = run("merge", str(mine(tmp_path / "mine.dossier")), str(theirs))
    assert result.returncode == 0, result.stderr
    assert "Mentions: 1 added" in result.stdout  # the good one comes in
    assert f"passage 40,000–40,005 lies outside its article's text ({len(TEXT)} characters)" in result.stdout
    opens_and_shows(tmp_path / "mine.dossier")
    assert not (tmp_path / "mine.dossier.lock").exists()


def test_a_forged_sha256_matches_nothing_and_moves_no_note(tmp_path: Path) -> None:
    """Their article claims the fingerprint of my article: matched by its text, it comes in as
    what it is, and its claim stays on its own words."""
    my_path = mine(tmp_path / "mine.dossier")
    with Database.open(my_path) as store:
        my_sha = store.articles.get(1).sha256
    theirs = colleague(tmp_path / "theirs.dossier", *around_the_trigger(f"UPDATE articles SET sha256 = '{my_sha}'"))
    with Database.open(my_path) as store:
        report = merge_dossier(store, theirs)
        assert (report.articles_new, report.articles_matched, report.fingerprints_wrong) == (1, 0, 1)
        assert store.articles.get(1).text == OTHER and not store.annotations.all(1)
        (claim,) = [a for a in store.annotations.all() if a.kind == "claim"]
        assert store.articles.get(claim.article_id).text == TEXT and claim.exact == TEXT[:21]
        assert any("sha256 that is not their text's" in line for line in report.lines())
    opens_and_shows(my_path)


# -- 13: five malformed files, each a sentence and the rest in ----------------------------------


@pytest.mark.parametrize(("statements", "words"), [
    (("INSERT INTO annotations (article_id, kind, start_offset, end_offset, exact, created, modified) "
      "VALUES (99, 'note', 0, 5, 'Russi', 'x', 'x')",), "its article (99) is not in their file"),
    (("UPDATE claims SET status = 'bogus', credibility = 9",), "“bogus” is not a claim status"),
    (("INSERT INTO articles (title, text, sha256, imported_at) VALUES ('Copy', "
      f"'{TEXT}', 'forged', '2021-05-14T00:00:00Z')",), None),  # two articles of one text: one sha256 here
    (("INSERT INTO annotations (article_id, kind, start_offset, end_offset, exact, created, modified) "
      "VALUES (1, 'note', 50, 10, 'near Goris', 'x', 'x')",), None),
    (("INSERT INTO events (article_id, start_offset, end_offset, title, date_text, earliest, latest, precision) "
      "VALUES (1, 30, 20, 'Guards arrive', '13 May', '2021-05-13', '2021-05-12', 'fortnight')",),
     "its passage 30–20 ends before it begins"),
    (("INSERT INTO tags (name, color) VALUES ('" + "x" * 500 + "', '#00ff00')",
      "INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (1, 2)"),
     "its name can be up to 200 characters; this one has 500"),
])
def test_malformed_rows_are_named_and_the_rest_comes_in(tmp_path: Path, statements: tuple[str, ...],
                                                        words: str | None) -> None:
    theirs = colleague(tmp_path / "theirs.dossier", *statements)
    result = run("merge", str(mine(tmp_path / "mine.dossier")), str(theirs))
    assert result.returncode == 0 and "unexpected error" not in result.stderr, result.stderr
    assert "Articles: 1 new" in result.stdout and "Mentions: 1 added" in result.stdout, result.stdout
    if words:
        assert words in result.stdout, result.stdout
    with Database.open(tmp_path / "mine.dossier") as store:
        claims = [a.exact for a in store.annotations.all() if a.kind == "claim"]
        assert claims == ([] if "bogus" in statements[0] else [TEXT[:21]])  # only what was wrong is left out
        assert all(len(t.name) <= 200 for t in store.tags.all())
    opens_and_shows(tmp_path / "mine.dossier")


def test_an_older_file_holding_what_its_format_does_not_is_refused_with_a_sentence(tmp_path: Path) -> None:
    """A view named like a table a later format adds: the upgrade of the copy fails, and says so."""
    old = tmp_path / "old.dossier"
    conn = sqlite3.connect(old, isolation_level=None)
    migrate(conn, old, target=10)
    conn.execute("INSERT INTO meta (key, value) VALUES ('title', 'Old'), ('created', '2021-05-20T00:00:00Z')")
    conn.execute("CREATE VIEW hypotheses AS SELECT 1 AS id")
    conn.close()
    my_path = mine(tmp_path / "mine.dossier")
    before = my_path.read_bytes()
    result = run("merge", str(my_path), str(old))
    assert result.returncode == 1 and "unexpected error" not in result.stderr
    assert "can't be merged: a copy of it could not be brought to this version's format" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert my_path.read_bytes() == before
    opens_and_shows(my_path)


def test_a_preview_of_a_hostile_file_counts_what_would_be_left_out_and_writes_nothing(tmp_path: Path) -> None:
    theirs = colleague(tmp_path / "theirs.dossier",
                       "INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface, origin) "
                       "VALUES (1, 1, 40000, 40005, 'Goris', 'user')")
    my_path = mine(tmp_path / "mine.dossier")
    with Database.open(my_path) as store:
        before = store.counts()
        report = preview_merge(store, theirs)
        assert len(report.left_out) == 1 and report.mentions_added == 1
        assert store.counts() == before


# -- 3: file names are names, not URIs -----------------------------------------------------------


def _old_format(path: Path, title: str) -> Path:
    conn = sqlite3.connect(str(path), isolation_level=None)  # an absolute path: never read as a URI
    migrate(conn, path, target=12)
    conn.execute("INSERT INTO meta (key, value) VALUES ('title', ?), ('created', '2021-05-20T00:00:00Z')", (title,))
    conn.execute("INSERT INTO articles (title, text, sha256, imported_at) VALUES (?, ?, 'x', '2021-05-20T00:00:00Z')",
                 (title, f"An article of the file {title}, written long ago about the border and kept."))
    conn.close()
    return path


@pytest.mark.parametrize("name", ["old#x.dossier", "P#.dossier", "old?mode=rw.dossier", "file:odd.dossier"])
def test_a_file_name_with_uri_characters_is_merged_as_that_file(tmp_path: Path, name: str) -> None:
    my_path = tmp_path / "P"
    with Database.create(my_path, "Mine"):
        pass
    theirs = _old_format(tmp_path / name, "Theirs")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("merge", str(my_path), str(theirs))
    assert result.returncode == 0, result.stderr
    assert "Articles: 1 new" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no `old` beside it, nothing left
    with Database.open(my_path) as store:
        assert [store.articles.get(i).title for i in store.articles.ids()] == ["Theirs"]


def test_no_backup_is_kept_of_a_colleagues_temporary_copy(tmp_path: Path, data_dir: Path) -> None:
    my_path = mine(tmp_path / "mine.dossier")
    theirs = _old_format(tmp_path / "theirs.dossier", "Theirs")
    with Database.open(my_path) as store:
        merge_dossier(store, theirs)
    backups = list((data_dir / "backups").rglob("*")) if (data_dir / "backups").exists() else []
    assert not [p for p in backups if p.is_file()], backups


def test_merging_a_pipe_or_a_device_is_refused_at_once_by_its_type(tmp_path: Path) -> None:
    fifo = tmp_path / "theirs.dossier"
    os.mkfifo(fifo)
    my_path = mine(tmp_path / "mine.dossier")
    with Database.open(my_path) as store:
        with pytest.raises(DossierError, match="is a named pipe"):
            merge_dossier(store, fifo)
        with pytest.raises(DossierError, match="is a device"):
            merge_dossier(store, Path("/dev/zero"))


# -- 2: re-anchoring that never ended ------------------------------------------------------------


@pytest.mark.timeout(120)
def test_a_quote_of_near_identical_characters_is_orphaned_by_merge_and_by_import(tmp_path: Path) -> None:
    """A 200,000-character article and a 4,000-character quote that differs from it in one
    character: the merge and a 4.5 KB Web Annotation file each end (they ran for minutes) with the
    note kept, orphaned, never placed on other words."""
    import hashlib
    import json

    text, quote = "ab" * 100_000, "ab" * 1999 + "ac"
    for name in ("mine.dossier", "theirs.dossier"):
        with Database.create(tmp_path / name, name) as store:
            aid = store.articles.add(NewArticle("Long", text))
            if name == "theirs.dossier":
                store.annotations.add_orphan(aid, "note", quote, "ab" * 16, "ab" * 16, note="hostile")
                store._conn.execute("UPDATE annotations SET anchor_state = 'moved'")  # as if it stood somewhere
    hostile = tmp_path / "hostile.json"
    source = f"urn:sha256:{hashlib.sha256(text.encode()).hexdigest()}"
    hostile.write_text(json.dumps({"type": "AnnotationCollection", "first": {"items": [{
        "id": "urn:x:1", "type": "Annotation", "target": {"source": source, "selector": [
            {"type": "TextQuoteSelector", "exact": quote, "prefix": "ab" * 16, "suffix": "ab" * 16},
            {"type": "TextPositionSelector", "start": 5000, "end": 9000}]}}]}}))
    assert hostile.stat().st_size < 5_000
    result = run("import-annotations", str(tmp_path / "mine.dossier"), str(hostile))
    assert result.returncode == 0 and "placed 0, orphaned 1" in result.stdout, result.stderr
    with Database.open(tmp_path / "mine.dossier") as store:
        report = merge_dossier(store, tmp_path / "theirs.dossier")
        assert [q for _title, q in report.orphaned] == [quote]
        assert all(a.anchor_state == "orphaned" for a in store.annotations.all())

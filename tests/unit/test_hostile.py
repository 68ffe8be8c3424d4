"""Hostile files and mistaken commands: no command can destroy a dossier or write a damaged one.

One test (or a few) per finding of the hostile-input review, numbered as in the issue:
1 exports onto a dossier, 2 damaged files written to, 3 a lock file that is a link, 4 restore
of anything, 5 forged schemas, 6 exports that fail, 7 hostile annotation files, 8 searches that
stall, 9 backups that go wrong.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dossier.core.models import NewArticle
from dossier.store import CorruptDossier, Database, NewerDossier, NotADossier
from dossier.store.backups import (
    BackupFailed,
    backup_is_due,
    list_backups,
    make_backup,
    newest_good_backup,
    restore_backup,
)
from dossier.store.errors import DossierError, ReadOnlyDossier, UnsafeLockFile
from dossier.store.schema import APPLICATION_ID, SCHEMA_VERSION
from dossier.store.search import MAX_TERMS, fts_query
from dossier.store.targets import TargetRefused


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dossier", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sql_shell(path: Path, *statements: str) -> None:
    """Change a file as another SQLite tool would, and close it (folding its WAL back in)."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def damage(path: Path) -> None:
    """Overwrite some pages after the first (the schema stays readable; quick_check fails)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[2 * page: 5 * page] = bytes(range(256)) * (3 * page // 256)
    path.write_bytes(bytes(data))


# -- 1: an export never replaces a dossier -----------------------------------------------------


@pytest.mark.parametrize("flag", ["--csv", "--annotations", "--pdf"])
def test_exporting_onto_the_dossier_itself_is_refused(sample_path: Path, flag: str) -> None:
    before = digest(sample_path)
    for target in (sample_path, sample_path.with_name("sample.dossier-wal")):
        result = run("export", str(sample_path), flag, str(target))
        assert result.returncode == 1 and "is the dossier itself" in result.stderr, result.stderr
    assert digest(sample_path) == before and not sample_path.with_name("sample.dossier-wal").exists()


def test_exporting_onto_another_dossier_or_twice_to_one_file_is_refused(sample_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.dossier"
    Database.create(other, "Other").close()
    before = digest(other)
    result = run("export", str(sample_path), "--csv", str(other))
    assert result.returncode == 1 and "is a dossier; it is never replaced" in result.stderr
    assert digest(other) == before
    twice = run("export", str(sample_path), "--csv", str(tmp_path / "x"), "--annotations", str(tmp_path / "x"))
    assert twice.returncode == 1 and "named for two exports" in twice.stderr


def test_save_a_copy_onto_the_dossier_itself_is_refused(sample_path: Path) -> None:
    with Database.open(sample_path) as store:
        with pytest.raises(TargetRefused, match="the dossier itself"):
            store.save_copy(sample_path)
        assert store.counts()["annotations"] == 2
    with Database.open(sample_path) as store:
        assert store.quick_check() == "ok"


# -- 2: a damaged dossier is never written -----------------------------------------------------


def test_a_damaged_dossier_is_refused_for_writing_by_every_command(sample_path: Path, tmp_path: Path) -> None:
    good = make_backup(sample_path)
    damage(sample_path)
    before = digest(sample_path)
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nSome text about Syunik.\n")
    annotations = tmp_path / "a.json"
    annotations.write_text("[]")
    for args in (("import", str(article), "--into", str(sample_path), "--no-extract"),
                 ("import-annotations", str(sample_path), str(annotations))):
        result = run(*args)
        assert result.returncode == 1 and "is damaged" in result.stderr and str(good) in result.stderr, result.stderr
        assert digest(sample_path) == before
    assert not sample_path.with_name("sample.dossier.lock").exists()
    with pytest.raises(CorruptDossier):
        Database.open(sample_path)


def test_the_app_opens_a_dossier_unchecked_but_writes_only_once_it_has_passed(sample_path: Path, tmp_path: Path) -> None:
    with Database.open(sample_path, verify=False) as store:
        assert not store.verified and store.counts()["annotations"] == 2  # shown at once
        with pytest.raises(ReadOnlyDossier, match="being checked"):
            store.annotations.set_note(1, "too early")
        assert store.integrity_problem() == "ok"
        store.mark_verified()
        store.annotations.set_note(1, "now")
    damage(sample_path)
    with Database.open(sample_path, verify=False) as store:
        assert store.integrity_problem() != "ok"  # the app closes it unchanged and offers a backup


# -- 3: the lock ----------------------------------------------------------------------------------


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(sample_path: Path, tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    sample_path.with_name("sample.dossier.lock").symlink_to(victim)
    with pytest.raises(UnsafeLockFile, match="is a link"):
        Database.open(sample_path)
    assert victim.read_text() == "keep me"


# -- 4: restore -----------------------------------------------------------------------------------


def test_restore_takes_only_an_intact_dossier_this_version_can_open(sample_path: Path, tmp_path: Path) -> None:
    before = digest(sample_path)
    empty = tmp_path / "empty.dossier"
    empty.write_bytes(b"")
    foreign = tmp_path / "foreign.dossier"
    sql_shell(foreign, "CREATE TABLE t (x)")
    newer = tmp_path / "newer.dossier"
    newer.write_bytes(sample_path.read_bytes())
    sql_shell(newer, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    broken = tmp_path / "broken.dossier"
    broken.write_bytes(sample_path.read_bytes())
    damage(broken)
    for backup, words in ((empty, "empty file"), (foreign, "another program"), (newer, "newer version"),
                          (broken, "is damaged"), (sample_path, "is the dossier itself")):
        with pytest.raises(DossierError) as refused:
            restore_backup(sample_path, backup)
        assert words in str(refused.value) and "damaged too" not in str(refused.value)
        assert digest(sample_path) == before and sample_path.exists()
    result = run("restore", str(sample_path), str(sample_path))
    assert result.returncode == 1 and "is the dossier itself" in result.stderr and digest(sample_path) == before


# -- 5: forged schemas -----------------------------------------------------------------------------


def _forged(sample_path: Path, tmp_path: Path, sql: str, name: str) -> Path:
    forged = tmp_path / name
    forged.write_bytes(sample_path.read_bytes())
    sql_shell(forged, sql)
    return forged


@pytest.mark.parametrize(("sql", "words"), [
    ("DROP TRIGGER articles_text_immutable", "articles_text_immutable is missing (it makes sure article text"),
    ("DROP TRIGGER articles_fts_insert", "new articles are searchable"),
    ("DROP TABLE evidence", "table evidence is missing"),
    ("CREATE TRIGGER sneaky AFTER INSERT ON annotations BEGIN DELETE FROM articles; END", "trigger of its own"),
])
def test_a_dossier_whose_schema_differs_from_its_version_is_refused(sample_path: Path, tmp_path: Path, sql: str,
                                                                    words: str) -> None:
    forged = _forged(sample_path, tmp_path, sql, "forged.dossier")
    before = digest(forged)
    with pytest.raises(CorruptDossier) as refused:
        Database.open(forged)
    assert words in str(refused.value)
    with pytest.raises(CorruptDossier):
        Database.open_readonly(forged)
    assert digest(forged) == before


def test_the_dossier_mark_on_a_strangers_database_is_not_enough(tmp_path: Path) -> None:
    path = tmp_path / "stranger.dossier"
    sql_shell(path, f"PRAGMA application_id = {APPLICATION_ID}", "CREATE TABLE customers (name)")
    before = digest(path)
    with pytest.raises(NotADossier, match="holds other tables"):
        Database.open(path)
    assert digest(path) == before
    conn = sqlite3.connect(path)
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master")} == {"customers"}
    conn.close()


def test_a_newer_dossier_is_still_refused(sample_path: Path) -> None:
    sql_shell(sample_path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(NewerDossier):
        Database.open(sample_path)


# -- 6: exports that fail ------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--csv", "--annotations", "--pdf"])
def test_an_export_into_a_missing_folder_says_so_and_leaves_nothing(sample_path: Path, tmp_path: Path, flag: str) -> None:
    target = tmp_path / "no such folder" / "out.file"
    result = run("export", str(sample_path), flag, str(target))
    assert result.returncode == 1
    assert result.stderr.strip() == f"dossier: can't write {target}: the folder {target.parent} does not exist."
    assert "QPainter" not in result.stderr and not target.parent.exists()


def test_a_failure_while_writing_removes_the_half_written_file(sample_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import dossier.export.web_annotation as web

    def fail(*_a: object, **_k: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(web.json, "dumps", fail)
    folder = tmp_path / "exports"
    folder.mkdir()
    with Database.open_readonly(sample_path) as store, pytest.raises(OSError, match="No space"):
        web.write_collection(store, folder / "out.json")
    assert list(folder.iterdir()) == []


# -- 7: hostile annotation files -------------------------------------------------------------------


def test_each_annotation_is_judged_on_its_own(sample_path: Path, tmp_path: Path) -> None:
    from dossier.export.web_annotation import export_collection, import_annotations

    with Database.open(sample_path) as store:
        good = export_collection(store)["first"]["items"]
        source = good[0]["target"]["source"]
    fresh = tmp_path / "fresh.dossier"
    fresh.write_bytes(sample_path.read_bytes())
    with Database.open(fresh) as store:
        for a in store.annotations.all():
            store.annotations.delete(a.id)
    hostile = [
        {**good[0], "id": "urn:x:list-evidence", "dossier:evidence": [{"annotation": ["a", "list"], "relation": "supports"}]},
        {**good[1], "id": "urn:x:negative", "target": {"source": source, "selector": [
            {"type": "TextQuoteSelector", "exact": "request assassinate"}, {"type": "TextPositionSelector", "start": -5}]}},
        {"id": "urn:x:huge-number", "target": {"source": source, "selector": [
            {"type": "TextQuoteSelector", "exact": "Syunik"}, {"type": "TextPositionSelector", "start": 10 ** 40}]}},
        {"id": ["not", "a", "string"]},
        {"id": "urn:x:no-target"},
        {"id": "urn:x:bad-tags", "target": {"source": source, "selector": {"type": "TextQuoteSelector",
                                                                            "exact": "Armenia"}},
         "body": [{"purpose": "tagging", "value": {"nested": 1}}, 7]},
    ]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(good + hostile).replace("10000000000000000000000000000000000000000", "1" * 5000))
    with Database.open(fresh) as store:
        result = import_annotations(store, path)
        kinds = sorted(a.kind for a in store.annotations.all())
    # The two good ones are placed; the hostile copies of them are found already there; the
    # ambiguous quotes ("Syunik", "Armenia" with no context) are kept as orphans; the two
    # without an id or a target are reported. Nothing stopped the file.
    assert (len(result.placed), result.already_there, len(result.orphaned)) == (2, 2, 2)
    assert sorted(kinds) == ["claim", "highlight", "highlight", "note"]
    assert result.skipped == ["annotation 6: no usable id", "urn:x:no-target: no target"]


def test_an_annotation_file_nested_too_deep_or_too_big_is_refused_with_a_reason(sample_path: Path, tmp_path: Path) -> None:
    from dossier.export.web_annotation import import_annotations

    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with Database.open(sample_path) as store, pytest.raises(ValueError, match="nested deeper"):
        import_annotations(store, deep)
    result = run("import-annotations", str(sample_path), str(deep))
    assert result.returncode == 1 and "nested deeper" in result.stderr and "\n" not in result.stderr.strip()


def test_thousands_of_annotations_on_one_article_come_in(sample_path: Path, tmp_path: Path) -> None:
    from dossier.export.web_annotation import export_collection, import_annotations

    with Database.open(sample_path) as store:
        text = store.articles.get(1).text
        for i in range(2000):
            start = (i * 7) % (len(text) - 20)
            store.annotations.add(1, "highlight", start, start + 10 + i % 7)
        collection = export_collection(store)
    path = tmp_path / "many.json"
    path.write_text(json.dumps(collection))
    fresh = tmp_path / "fresh.dossier"
    with Database.create(fresh, "Fresh") as store:
        original = Database.open_readonly(sample_path)
        store.articles.add(NewArticle(original.articles.get(1).title, original.articles.get(1).text))
        original.close()
        result = import_annotations(store, path)
        assert len(result.placed) + len(result.orphaned) + result.already_there == 2002


# -- 8: searches -----------------------------------------------------------------------------------


def test_a_query_is_reduced_to_its_distinct_terms() -> None:
    assert fts_query("border " * 500) == '"border"'
    assert fts_query('Border border "the border" pashin* "the border"') == '"Border" "the border" "pashin"*'
    many = " ".join(f"w{i}" for i in range(100))
    assert fts_query(many).count('"') == 2 * MAX_TERMS  # type: ignore[union-attr]
    assert fts_query("x" * 5000 + " syunik") == '"' + "x" * 1000 + '"'  # only the first 1,000 characters


def test_the_article_filter_takes_anything_but_a_nul(sample_path: Path) -> None:
    with Database.open(sample_path) as store:
        assert store.articles.ids(contains="_" * 30_000) == []
        assert store.articles.ids(contains="100%") == []
        assert store.articles.ids(contains="southfront") == [1]
        with pytest.raises(ValueError, match="NUL"):
            store.articles.ids(contains="\x00")


# -- 9: backups ------------------------------------------------------------------------------------


def test_a_backup_stamped_in_the_future_does_not_pass_for_the_newest(sample_path: Path, data_dir: Path) -> None:
    good = make_backup(sample_path)
    future = good.with_name(f"sample-{(datetime.now(UTC) + timedelta(days=400)):%Y%m%dT%H%M%S%fZ}.dossier")
    future.write_bytes(good.read_bytes())
    assert list_backups(sample_path)[0] == good and list_backups(sample_path)[-1] == future
    assert newest_good_backup(sample_path) == good
    later = datetime.now(UTC) + timedelta(days=2)
    assert backup_is_due(sample_path, later)


def test_a_full_disk_gives_a_clear_message_and_no_empty_backup(sample_path: Path, data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import dossier.store.backups as backups

    def full(_source: object, target: Path) -> None:
        target.write_bytes(b"")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_copy", full)
    with pytest.raises(BackupFailed, match=r"could be written to .*database or disk is full"):
        make_backup(sample_path)
    assert list((data_dir / "backups").rglob("*")) == [p for p in (data_dir / "backups").rglob("*") if p.is_dir()]

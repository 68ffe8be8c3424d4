"""Encryption at rest (`dossier encrypt` / `decrypt`): the bytes of the encrypted file, its -wal,
its backups and the temporary copies made of it hold no known article sentence, note or
analyst's name; the right passphrase opens it (SQLCipher 4's own `PRAGMA key` too), a wrong one
is refused with nothing written; a kill at any moment of encrypting or decrypting leaves the
old file or the new one."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.core.anchoring import find_quote
from dossier.sample import CLAIM_QUOTE
from dossier.store import Database, encryption
from dossier.store.backups import list_backups, make_backup
from dossier.store.errors import NotADossier
from dossier.store.inspect import inspect_dossier
from dossier.store.protect import ProtectRefused, decrypt_dossier, encrypt_dossier
from tests.unit.test_sharing import _bytes as _all_bytes  # the file and whatever SQLite left beside it

PASSPHRASE = "Syunik border, night train"
ANALYST = "Zinovia Quartermaine"
NOTE = "The fixer Tigranuhi met us at the Goris bus station"
SECRETS = (CLAIM_QUOTE.encode(), NOTE.encode(), ANALYST.encode(), NOTE.encode("utf-16-le"))


@pytest.fixture(autouse=True)
def no_keys() -> object:
    encryption.forget_all()
    yield
    encryption.forget_all()


def _secrets_in(data: bytes) -> list[bytes]:
    return [secret for secret in SECRETS if secret in data]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder(path: Path) -> dict[str, str]:
    return {p.name: _sha(p) for p in sorted(path.parent.iterdir()) if p.is_file()}


@pytest.fixture
def protected(sample_path: Path) -> Path:
    """The sample with a note by a named analyst, then encrypted (keys forgotten after)."""
    with Database.open(sample_path) as store:
        store.author = ANALYST
        article_id = store.articles.identifiers()[0][0]
        q = find_quote(store.articles.get(article_id).text, "Armenia")
        store.annotations.add(article_id, "note", q.start, q.end, note=NOTE)
    assert _secrets_in(_all_bytes(sample_path))  # the secrets are there to be found in plain
    encrypt_dossier(sample_path, PASSPHRASE)
    encryption.forget_all()
    return sample_path


def test_an_encrypted_dossier_holds_no_plain_text_and_is_sqlcipher_4(protected: Path) -> None:
    data = protected.read_bytes()
    assert not data.startswith(b"SQLite format 3") and _secrets_in(_all_bytes(protected)) == []
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):  # any SQLite tool: unreadable
        sqlite3.connect(protected).execute("SELECT * FROM sqlite_master").fetchall()
    from sqlcipher3 import dbapi2 as cipher  # SQLCipher's own derivation from the passphrase opens it

    conn = cipher.connect(str(protected))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    notes = [row[0] for row in conn.execute("SELECT note FROM annotations")]
    assert NOTE in notes
    conn.close()


def test_without_its_passphrase_it_is_recognised_not_called_damaged(protected: Path) -> None:
    before = _folder(protected)
    with pytest.raises(encryption.PassphraseNeeded, match="encrypted dossier"):
        Database.open(protected)
    with pytest.raises(encryption.PassphraseNeeded):
        inspect_dossier(protected)
    assert _folder(protected) == before


def test_a_wrong_passphrase_is_refused_and_nothing_is_written(protected: Path) -> None:
    before = _folder(protected)
    with pytest.raises(encryption.WrongPassphrase, match="does not open"):
        encryption.unlock(protected, "Syunik border, day train")
    assert not encryption.is_unlocked(protected)
    assert _folder(protected) == before  # no -wal, -shm or lock file appeared either


def test_the_right_passphrase_opens_it_and_every_write_stays_encrypted(protected: Path) -> None:
    encryption.unlock(protected, PASSPHRASE)
    with Database.open(protected) as store:
        assert any(a.note == NOTE for a in store.annotations.all())
        assert store.search.articles("Syunik")
        article_id = store.articles.identifiers()[0][0]
        later = "Second note, written by Quartermaine after encryption"
        q = find_quote(store.articles.get(article_id).text, "Armenia")
        store.annotations.add(article_id, "note", q.start, q.end, note=later)
        wal = protected.with_name(protected.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the write is in the log, encrypted
        data = _all_bytes(protected)
        assert _secrets_in(data) == [] and later.encode() not in data
    with Database.open(protected) as store:
        assert any(a.note == later for a in store.annotations.all())


def test_store_errors_stay_the_standard_modules(protected: Path) -> None:
    encryption.unlock(protected, PASSPHRASE)
    with Database.open(protected) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store._conn.execute("INSERT INTO annotations (id) SELECT id FROM annotations LIMIT 1")
        with pytest.raises(sqlite3.OperationalError):
            store._conn.execute("SELECT * FROM no_such_table")


def test_backups_of_an_encrypted_dossier_are_encrypted_and_old_plain_ones_get_encrypted(
        sample_path: Path, data_dir: Path) -> None:
    with Database.open(sample_path) as store:
        store.author = ANALYST
        article_id = store.articles.identifiers()[0][0]
        q = find_quote(store.articles.get(article_id).text, "Armenia")
        store.annotations.add(article_id, "note", q.start, q.end, note=NOTE)
    plain_backup = make_backup(sample_path)
    assert _secrets_in(plain_backup.read_bytes())
    encrypt_dossier(sample_path, PASSPHRASE)
    assert encryption.is_encrypted(plain_backup) and _secrets_in(plain_backup.read_bytes()) == []
    new_backup = make_backup(sample_path)
    backups = list_backups(sample_path)
    assert set(backups) == {plain_backup, new_backup}
    for backup in backups:
        assert _secrets_in(_all_bytes(backup)) == []
    encryption.forget_all()
    encryption.unlock(new_backup, PASSPHRASE)  # the dossier's passphrase opens its backups
    inspect_dossier(plain_backup, check_integrity=True)
    inspect_dossier(new_backup, check_integrity=True)
    every_file = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert _secrets_in(every_file) == []


def test_a_shared_copy_is_encrypted_at_every_step_of_its_making(protected: Path, tmp_path: Path) -> None:
    from dossier.store.sharing import parse_without, sharing

    encryption.unlock(protected, PASSPHRASE)
    out = tmp_path / "shared.dossier"
    partial = out.with_name(f".{out.name}.partial")
    seen = 0
    for _step in sharing(protected, out, parse_without("authors")):
        if partial.exists():
            seen += 1
            assert _secrets_in(_all_bytes(partial)) == []
    assert seen >= 3 and encryption.is_encrypted(out) and _secrets_in(_all_bytes(out)) == []


def test_a_colleagues_older_encrypted_dossier_is_upgraded_in_an_encrypted_temporary_copy(
        sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.store.foreign import other_dossier

    conn = sqlite3.connect(sample_path, isolation_level=None)  # as format 14 wrote it
    conn.executescript("DROP TABLE watch_hits; DROP TABLE watch_names; DROP TABLE watchlists; "  # 19
                       "DROP TABLE saved_searches; "
                       "DROP TABLE place_positions; DROP TABLE ocr_pages; DROP TABLE copy_decisions; DROP TABLE copy_of; "  # 18, 17, 16
                       "DROP TRIGGER attachments_unused; DROP TABLE article_files; DROP TABLE attachments; "
                       "DROP TABLE provenance; PRAGMA user_version = 14;")
    conn.close()
    encrypt_dossier(sample_path, PASSPHRASE)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR is read again
    with other_dossier(sample_path) as theirs:
        assert theirs.path.parent.parent == scratch
        assert theirs.annotations.all()
        written = [p for p in scratch.rglob("*") if p.is_file()]
        assert written and all(_secrets_in(p.read_bytes()) == [] for p in written)
        assert CLAIM_QUOTE.encode() not in b"".join(p.read_bytes() for p in written)


def test_decrypt_gives_back_the_plain_dossier(protected: Path) -> None:
    with pytest.raises(encryption.PassphraseNeeded):
        decrypt_dossier(protected)
    encryption.unlock(protected, PASSPHRASE)
    decrypt_dossier(protected)
    assert protected.read_bytes().startswith(b"SQLite format 3")
    encryption.forget_all()
    with Database.open(protected) as store:
        assert any(a.note == NOTE for a in store.annotations.all())


def test_encrypt_refuses_what_it_should(protected: Path, sample_template: Path, tmp_path: Path) -> None:
    with pytest.raises(ProtectRefused, match="encrypted already"):
        encrypt_dossier(protected, PASSPHRASE)
    plain = tmp_path / "plain.dossier"
    shutil.copyfile(sample_template, plain)
    with pytest.raises(ProtectRefused, match="at least 8 characters"):
        encrypt_dossier(plain, "short")
    with Database.open(plain):  # open in the app: encrypting it under the app's feet is refused
        from dossier.store.errors import DossierLocked

        with pytest.raises(DossierLocked):
            encrypt_dossier(plain, PASSPHRASE)
    assert plain.read_bytes().startswith(b"SQLite format 3")


def test_random_bytes_of_whole_pages_may_be_encrypted_others_are_not_a_dossier(tmp_path: Path) -> None:
    pages = tmp_path / "pages.dossier"
    pages.write_bytes(os.urandom(8192))
    with pytest.raises(encryption.PassphraseNeeded, match="or not a dossier at all"):
        Database.open(pages)
    with pytest.raises(encryption.WrongPassphrase):
        encryption.unlock(pages, PASSPHRASE)
    odd = tmp_path / "odd.dossier"
    odd.write_bytes(os.urandom(8000))
    with pytest.raises(NotADossier, match="not an SQLite file"):
        Database.open(odd)


# -- a kill at any moment -------------------------------------------------------------------------


def _dossier_state(path: Path) -> str:
    """'plain' or 'encrypted' after checking that the file opens, is intact and holds the note."""
    encryption.forget_all()
    state = "encrypted" if encryption.is_encrypted(path) else "plain"
    if state == "encrypted":
        encryption.unlock(path, PASSPHRASE)
    inspect_dossier(path, check_integrity=True)
    with Database.open_readonly(path) as store:
        assert any(a.note == NOTE for a in store.annotations.all())
        assert len(store.articles.identifiers()) == 7
    return state


def _wait_for_partial(path: Path, child: subprocess.Popen[bytes], *, grown: bool) -> bool:
    """Wait until the file being written beside `path` exists (and, with `grown`, holds a few
    pages); False if the child ended first."""
    while child.poll() is None:
        for sibling in path.parent.iterdir():
            if sibling.name.endswith(".protecting"):
                try:
                    if not grown or sibling.stat().st_size >= 16 * 4096:
                        return True
                except FileNotFoundError:
                    pass
        time.sleep(0.001)
    return False


@pytest.mark.timeout(240)
@pytest.mark.parametrize("command", ["encrypt", "decrypt"])
def test_a_kill_at_any_moment_leaves_the_old_file_or_the_new_one(command: str, corpus_path: Path) -> None:
    with Database.open(corpus_path) as store:
        article_id = store.articles.identifiers()[0][0]
        q = find_quote(store.articles.get(article_id).text, "Armenia")
        store.annotations.add(article_id, "note", q.start, q.end, note=NOTE)
    if command == "decrypt":
        encrypt_dossier(corpus_path, PASSPHRASE)
    old = "plain" if command == "encrypt" else "encrypted"
    new = "encrypted" if command == "encrypt" else "plain"
    environment = {**os.environ, "DOSSIER_PASSPHRASE": PASSPHRASE}
    seen = set()
    # Killed as soon as the new file appears beside it, once it has grown, then at moments spread
    # over the whole run (start-up, key derivation, copying, checking, renaming).
    for moment in ("appears", "grown", 0.05, 0.3, 0.6, 0.9, 1.2, 1.6, 2.2, 3.0):
        if _dossier_state(corpus_path) == new:
            break
        child = subprocess.Popen([sys.executable, "-m", "dossier", command, str(corpus_path)], env=environment,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if isinstance(moment, float):
            time.sleep(moment)
        else:
            assert _wait_for_partial(corpus_path, child, grown=moment == "grown"), "the new file never appeared"
        child.send_signal(signal.SIGKILL)
        child.wait()
        state = _dossier_state(corpus_path)  # old or new, intact, the note there: never a damaged file
        seen.add(state)
        assert state in (old, new)
    assert old in seen  # at least one kill came before the rename
    if _dossier_state(corpus_path) == old:  # then a run left alone finishes the job
        out = subprocess.run([sys.executable, "-m", "dossier", command, str(corpus_path)], env=environment,
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
    assert _dossier_state(corpus_path) == new
    leftovers = [p.name for p in corpus_path.parent.iterdir() if "protecting" in p.name]
    assert leftovers == [] or all(not p.endswith("-journal") for p in leftovers)


# -- every command, given the passphrase -------------------------------------------------------------


def _cli(monkeypatch: pytest.MonkeyPatch, *args: str, passphrase: str | None = PASSPHRASE) -> int:
    if passphrase is None:
        monkeypatch.delenv("DOSSIER_PASSPHRASE", raising=False)
    else:
        monkeypatch.setenv("DOSSIER_PASSPHRASE", passphrase)
    encryption.forget_all()  # each command is a process of its own: it is asked again
    return main(list(args))


def test_cli_encrypt_then_every_command(sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = str(sample_path)
    assert _cli(monkeypatch, "encrypt", path) == 0
    assert "Encrypted" in capsys.readouterr().out and encryption.is_encrypted(sample_path)

    assert _cli(monkeypatch, "info", path, passphrase="not the passphrase") == 1
    assert "does not open" in capsys.readouterr().err
    assert _cli(monkeypatch, "info", path, passphrase=None) == 1  # no terminal under pytest
    assert "DOSSIER_PASSPHRASE" in capsys.readouterr().err

    assert _cli(monkeypatch, "info", path) == 0 and "integrity" in capsys.readouterr().out
    article = tmp_path / "incoming.md"
    article.write_text("# Convoy seen near Goris\n\nA convoy of the 102nd Base was seen near Goris on 15 May, "
                       "said a resident, Armenuhi Sargsyan.\n", encoding="utf-8")
    assert _cli(monkeypatch, "import", str(article), "--into", path, "--no-extract") == 0
    assert "imported 1" in capsys.readouterr().out
    assert b"Armenuhi Sargsyan" not in _all_bytes(sample_path)
    out_csv, out_json = tmp_path / "out.csv", tmp_path / "out.json"
    assert _cli(monkeypatch, "export", path, "--csv", str(out_csv), "--annotations", str(out_json)) == 0
    assert CLAIM_QUOTE in out_csv.read_text(encoding="utf-8")  # an export is what was asked for: plain
    capsys.readouterr()
    assert _cli(monkeypatch, "export", path, "--without", "notes", "--csv", str(tmp_path / "shared.csv")) == 0
    assert _cli(monkeypatch, "import-annotations", path, str(out_json)) == 0
    other = tmp_path / "other.dossier"
    assert _cli(monkeypatch, "sample", str(other)) == 0
    assert _cli(monkeypatch, "merge", path, str(other)) == 0
    assert _cli(monkeypatch, "merge", str(other), path) == 0  # an encrypted colleague's file, too
    shared = tmp_path / "shared.dossier"
    assert _cli(monkeypatch, "share", path, str(shared), "--without", "notes,authors") == 0
    assert encryption.is_encrypted(shared)
    capsys.readouterr()
    assert _cli(monkeypatch, "backups", path) == 0
    assert "UTC" in capsys.readouterr().out  # the import's backup
    assert _cli(monkeypatch, "restore", path) == 0
    assert encryption.is_encrypted(sample_path)
    capsys.readouterr()
    assert _cli(monkeypatch, "publish", path, passphrase=None) == 1
    assert "encrypted" in capsys.readouterr().err
    assert _cli(monkeypatch, "decrypt", path) == 0
    assert sample_path.read_bytes().startswith(b"SQLite format 3")
    assert _cli(monkeypatch, "info", path, passphrase=None) == 0


def test_cli_pdf_export_of_an_encrypted_dossier(protected: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "out.pdf"
    out = subprocess.run([sys.executable, "-m", "dossier", "export", str(protected), "--pdf", str(pdf)],
                         env={**os.environ, "DOSSIER_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert pdf.read_bytes().startswith(b"%PDF")

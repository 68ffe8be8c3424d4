"""A user's file is never harmed: second copies, foreign, damaged and newer files, crashes."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

import pytest

from dossier.store import (
    CorruptDossier,
    Database,
    DossierLocked,
    DossierNotFound,
    NewerDossier,
    NotADossier,
)
from dossier.store.backups import list_backups, make_backup, restore_backup
from dossier.store.schema import APPLICATION_ID, SCHEMA_VERSION


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder with its hash: catches changes and new sidecar files alike."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def start_holder(path: Path, script: str = "") -> subprocess.Popen[str]:
    """A second process that opens the dossier, says "ready", runs `script`, then waits."""
    code = textwrap.dedent(f"""
        import sys, time
        from dossier.store import Database
        store = Database.open({str(path)!r})
        print("ready", flush=True)
    """) + textwrap.dedent(script) + "\ntime.sleep(60)\n"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_second_writer_is_refused_at_once_and_writes_nothing(sample_path: Path) -> None:
    holder = start_holder(sample_path)
    try:
        before = fingerprint(sample_path.parent)
        with pytest.raises(DossierLocked, match=f"pid {holder.pid}") as refused:
            Database.open(sample_path)
        assert "already open in another copy of Dossier" in str(refused.value)
        assert fingerprint(sample_path.parent) == before
        # The same from a separate process, through the command a user would run.
        out = subprocess.run([sys.executable, "-m", "dossier", "sample", str(sample_path), "--force"],
                             capture_output=True, text=True)
        assert out.returncode == 1 and "already open" in out.stderr and "Traceback" not in out.stderr
        assert fingerprint(sample_path.parent) == before
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_a_lock_that_is_recovered_and_data_that_is_kept(sample_path: Path) -> None:
    holder = start_holder(sample_path, """
        for i in range(20):
            store.annotations.add(1, "note", i, i + 10, note=f"note {i}")
            print(f"saved {i}", flush=True)
    """)
    assert holder.stdout is not None
    saved = [holder.stdout.readline().strip() for _ in range(20)]
    assert saved[-1] == "saved 19"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (sample_path.parent / "sample.dossier.lock").exists()  # left behind by the dead process
    with Database.open(sample_path) as store:
        notes = {a.note for a in store.annotations.all() if a.note.startswith("note ")}
        assert notes == {f"note {i}" for i in range(20)}
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not (sample_path.parent / "sample.dossier.lock").exists()  # a clean close tidies up


def _refused(path: Path, error: type[Exception], match: str) -> None:
    before = fingerprint(path.parent)
    with pytest.raises(error, match=match):
        Database.open(path)
    assert fingerprint(path.parent) == before, "the refused file or its folder changed"


def test_garbage_is_not_a_dossier(tmp_path: Path) -> None:
    path = tmp_path / "garbage.dossier"
    path.write_bytes(os.urandom(8000))  # whole 4,096-byte pages may be encrypted (test_encryption.py)
    _refused(path, NotADossier, "not an SQLite file")


def test_an_empty_file_is_not_a_dossier(tmp_path: Path) -> None:
    path = tmp_path / "empty.dossier"
    path.touch()
    _refused(path, NotADossier, "empty file")


def test_another_programs_database_is_not_a_dossier(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id)")
    conn.commit()
    conn.close()
    _refused(path, NotADossier, "another program")


def test_a_truncated_dossier_is_refused_unchanged(sample_path: Path) -> None:
    data = sample_path.read_bytes()
    sample_path.write_bytes(data[: len(data) // 2])
    _refused(sample_path, CorruptDossier, "truncated")
    sample_path.write_bytes(data[:60])
    _refused(sample_path, CorruptDossier, "truncated to 60 bytes")


def test_a_dossier_from_a_newer_version_is_refused_unchanged(sample_path: Path) -> None:
    conn = sqlite3.connect(sample_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _refused(sample_path, NewerDossier, "newer version of Dossier")


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DossierNotFound):
        Database.open(tmp_path / "nope.dossier")
    _refused(tmp_path, NotADossier, "folder")
    assert list(tmp_path.iterdir()) == []


def test_after_a_crash_a_damaged_dossier_is_refused_and_the_newest_good_backup_offered(sample_path: Path) -> None:
    good = make_backup(sample_path)
    # A crash: the holder died (its lock file says "open") and a page of the file was damaged.
    (sample_path.parent / "sample.dossier.lock").write_text("open pid 99999 on elsewhere since then\n")
    data = bytearray(sample_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[2 * page_size : 6 * page_size] = os.urandom(4 * page_size)
    sample_path.write_bytes(bytes(data))
    damaged = fingerprint(sample_path.parent)
    with pytest.raises(CorruptDossier) as refused:
        Database.open(sample_path)
    assert refused.value.backup == good
    assert str(good) in str(refused.value) and "left unchanged" in str(refused.value)
    assert fingerprint(sample_path.parent) == damaged

    (sample_path.parent / "sample.dossier.lock").unlink()
    aside = restore_backup(sample_path, good)
    assert aside.read_bytes() == bytes(data)  # the damaged file is kept, not deleted
    with Database.open(sample_path) as store:
        assert store.counts()["annotations"] == 2


def test_backups_rotate_keeping_the_newest_ten(sample_path: Path) -> None:
    made = [make_backup(sample_path) for _ in range(12)]
    kept = list_backups(sample_path)
    assert kept == list(reversed(made))[:10]
    assert all(not p.exists() for p in made[:2])
    backup = sqlite3.connect(kept[0])
    assert backup.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert backup.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one standalone file
    backup.close()


def test_a_backup_is_due_only_when_the_newest_is_over_a_day_old(sample_path: Path) -> None:
    from datetime import datetime, timedelta

    from dossier.store.backups import backup_is_due

    assert backup_is_due(sample_path)
    with Database.open(sample_path) as store:
        assert store.backup_if_due() is not None
        assert store.backup_if_due() is None
    assert backup_is_due(sample_path, now=datetime.now(UTC) + timedelta(days=1, minutes=1))


def test_backups_live_in_the_data_folder_not_beside_the_dossier(sample_path: Path, data_dir: Path) -> None:
    backup = make_backup(sample_path)
    assert data_dir in backup.parents
    assert sorted(p.name for p in sample_path.parent.iterdir() if p.is_file()) == ["sample.dossier"]


def test_save_a_copy_writes_a_standalone_consistent_file(sample_path: Path, tmp_path: Path) -> None:
    with Database.open(sample_path) as store:
        store.annotations.add(1, "highlight", 0, 6)
        store.save_copy(tmp_path / "copy.dossier")
    with Database.open(tmp_path / "copy.dossier") as copy:
        assert copy.counts()["annotations"] == 3


def _writable(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


@contextmanager
def unwritable(target: Path) -> Iterator[str]:
    """Make a folder or file unwritable for this process, root included (CI runs as root, which
    permission bits don't stop), and yield how. A user's read-only folder is permission bits;
    as root, the immutable attribute (chattr +i, e2fsprogs, on every Debian; ext4, xfs, btrfs and
    tmpfs since Linux 6.0 keep it) or a read-only bind mount stand in for it. Each way is checked
    by trying to write before it is trusted; when none holds, the test says so by skipping."""
    folder = target if target.is_dir() else target.parent
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield "permission bits"
        finally:
            target.chmod(mode)
        return
    ways = [(["chattr", "+i", str(target)], ["chattr", "-i", str(target)], "chattr +i"),
            (["sh", "-c", f'mount --bind "{target}" "{target}" && mount -o remount,bind,ro "{target}"'],
             ["umount", str(target)], "a read-only bind mount")]
    for make, undo, how in ways:
        try:
            if subprocess.run(make, capture_output=True).returncode != 0:
                continue
        except OSError:  # the tool is not installed
            continue
        if not target.is_dir() or not _writable(folder):  # a file is checked by the test itself
            try:
                yield how
            finally:
                subprocess.run(undo, capture_output=True, check=True)
            return
        subprocess.run(undo, capture_output=True, check=True)
    pytest.skip("running as root where neither chattr +i nor a read-only bind mount is permitted: "
                "the read-only path is NOT exercised here")


def test_a_read_only_folder_gets_a_clear_message(sample_path: Path, tmp_path: Path) -> None:
    from dossier.store import ReadOnlyDossier

    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(sample_path, folder / "s.dossier")
    before = fingerprint(folder)
    with unwritable(folder), pytest.raises(ReadOnlyDossier, match="copy the dossier to a folder you can write to"):
        Database.open(folder / "s.dossier")
    assert fingerprint(folder) == before  # nothing written, no lock file left behind


def test_a_read_only_file_in_a_writable_folder_gets_a_clear_message(sample_path: Path) -> None:
    from dossier.store import ReadOnlyDossier

    before = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    with unwritable(sample_path):
        with pytest.raises(ReadOnlyDossier, match="is read-only; copy it to a folder you can write to"):
            Database.open(sample_path)
        assert not os.access(sample_path, os.W_OK)
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == before
    assert Database.open(sample_path).close() is None  # writable again: it opens

"""Paths are paths (issue 32): pipes, devices, sockets and SQLite's own files are refused at once by
their type, as inputs and as targets; an export is read back before it takes its name, so a full
disk never leaves a broken file called written; a dead process's partial backup goes at the
next start."""

from __future__ import annotations

import os
import resource
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.store import Database
from dossier.store.errors import NotADossier, UnsafeLockFile
from dossier.store.targets import TargetRefused, check_target
from tests.unit.test_hostile import digest, run

LINUX = sys.platform.startswith("linux")


def run_limited(max_bytes: int, *args: str) -> subprocess.CompletedProcess[str]:
    """The command on a "disk" that takes no more than `max_bytes` per file (RLIMIT_FSIZE): a
    write past it fails as on a full disk."""
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return subprocess.run([sys.executable, "-m", "dossier", *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, preexec_fn=limit)


def names(folder: Path) -> list[str]:
    """What the folder holds, but the test's own data folder."""
    return sorted(p.name for p in folder.iterdir() if p.name != "user-data")


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# -- 10: targets that are not files ---------------------------------------------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize("flag", ["--csv", "--annotations", "--graphml", "--ach"])
def test_an_export_onto_a_pipe_is_refused_at_once(sample_path: Path, tmp_path: Path, flag: str) -> None:
    fifo = _fifo(tmp_path / "out")
    result = run("export", str(sample_path), flag, str(fifo))
    assert result.returncode == 1 and "is a named pipe (FIFO), not a file" in result.stderr, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and names(tmp_path) == ["out", "sample.dossier"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_an_export_onto_a_device_node_leaves_the_node(sample_path: Path, tmp_path: Path) -> None:
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of the test's own
    result = run("export", str(sample_path), "--csv", str(node))
    assert result.returncode == 1 and "is a device, not a file" in result.stderr and "folder" not in result.stderr
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_a_socket_a_link_and_a_folder_are_refused_as_targets(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    try:
        with pytest.raises(TargetRefused, match="is a socket, not a file"):
            check_target(tmp_path / "sock")
    finally:
        server.close()
    (tmp_path / "real.csv").write_text("mine\n")
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    with pytest.raises(TargetRefused, match="is a link"):
        check_target(tmp_path / "link.csv")
    with pytest.raises(TargetRefused, match="is a folder"):
        check_target(tmp_path)


# -- 11: never onto an SQLite database, journal or write-ahead log ---------------------------------


def test_an_export_onto_another_dossiers_wal_is_refused_and_its_edits_survive_a_crash(sample_path: Path,
                                                                                     tmp_path: Path) -> None:
    """Another process holds a dossier with edits in its WAL (not yet folded back): an export onto
    that WAL is refused, and when the holder dies the edits are still there."""
    other = tmp_path / "other.dossier"
    Database.create(other, "Other").close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(other)!r}, isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute(\"INSERT INTO meta (key, value) VALUES ('edit', 'committed')\")\n"
        "print('ready', flush=True); time.sleep(60)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        wal = other.with_name("other.dossier-wal")
        before = digest(wal)
        for flag in ("--csv", "--annotations", "--pdf"):
            result = run("export", str(sample_path), flag, str(wal))
            assert result.returncode == 1 and "SQLite" in result.stderr, result.stderr
        assert digest(wal) == before
    finally:
        holder.kill()  # a crash: nothing folded back
        holder.wait()
    conn = sqlite3.connect(other)
    assert conn.execute("SELECT value FROM meta WHERE key = 'edit'").fetchone() == ("committed",)
    conn.close()


def test_sqlite_files_of_any_program_are_refused_by_content_and_by_name(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(TargetRefused, match="is an SQLite database"):
        check_target(db)
    copy_of_wal = tmp_path / "journal.txt"
    copy_of_wal.write_bytes((tmp_path / "notes.db-wal").read_bytes())
    with pytest.raises(TargetRefused, match="is an SQLite journal"):
        check_target(copy_of_wal)  # a log under another name: known by its first bytes
    for name in ("notes.db-shm", "notes.db-journal"):  # by name, even empty or not there yet
        with pytest.raises(TargetRefused, match="belongs to the SQLite database"):
            check_target(tmp_path / name)
    conn.close()


# -- 9: a full disk, and an export is read back before it takes its name -------------------------


@pytest.mark.skipif(not LINUX, reason="RLIMIT_FSIZE stands for a full disk")
@pytest.mark.parametrize(("flag", "name", "room"), [
    ("--odt", "out.odt", 4096),  # Qt's writer says it wrote a 4 KB file that is no zip: the read-back knows
    ("--annotations", "out.json", 512), ("--gexf", "out.gexf", 512), ("--csv", "out.csv", 512)])
def test_an_export_onto_a_full_disk_says_so_and_keeps_the_old_file(sample_path: Path, tmp_path: Path, flag: str,
                                                                   name: str, room: int) -> None:
    out = tmp_path / name
    out.write_text("the previous export\n")
    result = run_limited(room, "export", str(sample_path), flag, str(out))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "wrote" not in result.stdout and "could not be written whole" in result.stderr, result.stderr
    assert out.read_text() == "the previous export\n"
    assert names(tmp_path) == [name, "sample.dossier"]  # no partial left behind


def test_a_read_only_folder_is_named_not_a_hidden_probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: the refusal the folder would give, given here
        real_open = Path.open

        def refuse(self: Path, *args: object, **kwargs: object) -> object:
            if self.parent == folder:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", refuse)
    else:
        folder.chmod(0o555)
    with pytest.raises(TargetRefused) as refusal:
        check_target(folder / "out.csv")
    assert str(refusal.value) == (f"can't write {folder / 'out.csv'}: the folder {folder} can't be written to "
                                  "(Permission denied).")
    folder.chmod(0o755)


# -- 12 and the rough ones: inputs that are not files ----------------------------------------------


@pytest.mark.timeout(60)
def test_inputs_that_are_pipes_or_devices_are_refused_at_once(sample_path: Path, tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "in.json")
    for source in (str(fifo), "/dev/zero"):
        for command in (("import-annotations", str(sample_path), source), ("import-ftm", str(sample_path), source),
                        ("merge", str(sample_path), source), ("restore", str(sample_path), source),
                        ("info", source)):
            started = time.monotonic()
            result = run(*command)
            assert result.returncode == 1, (command, result.stdout)
            assert ("is a named pipe (FIFO)" if source == str(fifo) else "is a device") in result.stderr, \
                (command, result.stderr)
            assert "folder" not in result.stderr and time.monotonic() - started < 30
    new = tmp_path / "new.dossier"
    assert run("import-ftm", str(new), "/dev/zero").returncode == 1 and not new.exists()  # nothing made for it


@pytest.mark.timeout(60)
def test_a_lock_file_that_is_a_pipe_is_named_and_left_alone(sample_path: Path) -> None:
    lock = _fifo(sample_path.with_name("sample.dossier.lock"))
    with pytest.raises(UnsafeLockFile, match="is a named pipe \\(FIFO\\), not Dossier's lock file"):
        Database.open(sample_path)
    assert stat.S_ISFIFO(os.lstat(lock).st_mode)
    piped = _fifo(sample_path.with_name("piped.dossier"))
    from dossier.store.inspect import needs_upgrade

    assert not needs_upgrade(piped)  # the window asks this first: it must not read the pipe
    with pytest.raises(NotADossier, match="is a named pipe \\(FIFO\\), not a dossier file"):
        Database.open(piped)


def test_publish_refuses_a_port_that_is_no_port(sample_path: Path) -> None:
    for port in ("-1", "0", "70000"):
        result = run("publish", str(sample_path), "--port", port)
        assert result.returncode == 1 and "takes a port number from 1 to 65535" in result.stderr


def test_a_partial_backup_left_by_a_killed_process_goes_at_the_next_start(sample_path: Path, data_dir: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    folder = data_dir / "backups" / "sample-0123456789"
    folder.mkdir(parents=True)
    left = folder / f"sample-20210514T000000000000Z.dossier.{dead.stdout.strip()}.partial"
    left.write_bytes(b"\0" * 4096)
    older = folder / "sample-20210513T000000000000Z.dossier.partial"  # as an earlier version named it
    older.write_bytes(b"\0" * 4096)
    live = folder / f"sample-20210515T000000000000Z.dossier.{os.getpid()}.partial"  # being written now
    live.write_bytes(b"\0" * 4096)
    Database.open(sample_path).close()
    from dossier.store.backups import remove_dead_partials

    assert not left.exists() and not older.exists() and live.exists()
    assert remove_dead_partials() == []


# -- 8: control characters in a graph's labels ------------------------------------------------------


def test_control_characters_in_labels_are_written_the_same_way_in_graphml_and_gexf(tmp_path: Path) -> None:
    import networkx as nx

    from dossier.core.models import NewArticle, NewMention

    text = "Goris and Syunik were named."
    path = tmp_path / "g.dossier"
    with Database.create(path, "G") as store:
        aid = store.articles.add(NewArticle("T", text))
        odd = store.entities.add("Goris\x01\x0b\x1f town\ufffe", "place")
        plain = store.entities.add("Syunik", "place")
        store.entities.add_mentions([NewMention(aid, odd, 0, 5, "Goris"), NewMention(aid, plain, 10, 16, "Syunik")])
    labels = {}
    for kind in ("graphml", "gexf"):
        out = tmp_path / f"g.{kind}"
        result = run("export", str(path), f"--{kind}", str(out))
        assert result.returncode == 0 and "unexpected" not in result.stderr, result.stderr
        graph = nx.read_graphml(out) if kind == "graphml" else nx.read_gexf(out)  # well-formed XML
        labels[kind] = sorted(data.get("label", node) for node, data in graph.nodes(data=True))
    assert labels["graphml"] == labels["gexf"] == ["Goris\u2401\u240b\u241f town\ufffd", "Syunik"]


def test_a_pdf_export_is_kept_only_when_it_reads_back_whole(tmp_path: Path) -> None:
    """The read-back of a written PDF (store.atomic.pdf_reads): a whole PDF passes; a cut one,
    one without pages and one that is no PDF are refused, so the previous export is kept."""
    from pypdf import PdfWriter

    from dossier.store.atomic import pdf_reads

    whole, empty = tmp_path / "whole.pdf", tmp_path / "empty.pdf"
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    writer.write(whole)
    PdfWriter().write(empty)
    pdf_reads(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    text = tmp_path / "text.pdf"
    text.write_text("not a PDF at all\n")
    for refused in (cut, empty, text):
        with pytest.raises(ValueError):
            pdf_reads(refused)

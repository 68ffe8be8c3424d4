"""Look at a file without changing it: is it a dossier, which version, is it intact?

Everything here reads. A connection for writing would switch the file to WAL or replay a hot
journal, which writes; so a file is judged with a read-only connection first, and only a file
that passes is opened for writing. When no WAL file lies beside it (nobody has it open, and
it was closed cleanly) the connection is also `immutable`, so SQLite creates no -wal/-shm files
beside a file that may not even be ours.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dossier.store.backup_names import list_backups
from dossier.store.errors import CorruptDossier, DossierNotFound, NewerDossier, NotADossier
from dossier.store.files import connect, kind_of
from dossier.store.schema import APPLICATION_ID, SCHEMA_VERSION
from dossier.store.verify import schema_problems

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection that never writes to or beside the file."""
    wal = path.with_name(path.name + "-wal")
    flags = {"mode": "ro"} if wal.exists() else {"mode": "ro", "immutable": "1"}
    return connect(path.resolve(), **flags)


def inspect_dossier(path: Path, *, check_integrity: bool = False, backup: Path | None = None) -> int:
    """Return the file's schema version, or raise a DossierError saying what is wrong.

    Its schema must be the one its version promises (store/verify.py); with `check_integrity`,
    SQLite's quick_check must pass too. `backup` is named in the message when the file turns out
    to be damaged (else the newest good one is looked up)."""
    kind = kind_of(path)
    if kind is None:
        raise DossierNotFound(path)
    if kind != "a file":  # a pipe would block the reading below, a device never end
        raise NotADossier(path, f"{path} is {kind}, not a dossier file; it was left unchanged.")
    _check_header(path, backup)
    try:
        conn = connect_readonly(path)
    except sqlite3.Error as exc:
        raise NotADossier(path, f"{path} can't be read as a dossier ({exc}).") from exc
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        except sqlite3.DatabaseError as exc:
            raise _damaged_or_foreign(path, exc, backup) from exc
        if app_id != APPLICATION_ID:
            what = "an empty SQLite database" if not tables else "an SQLite database of another program"
            raise NotADossier(path, f"{path} is not a dossier: it is {what}. It was left unchanged.")
        if version > SCHEMA_VERSION:
            raise NewerDossier(path, version, SCHEMA_VERSION)
        if version == 0:
            held = "other tables" if tables else "no tables at all"
            raise NotADossier(path, f"{path} is marked as a dossier but holds {held}: it was not made by "
                                    "Dossier, or not finished. It was left unchanged.")
        problems = schema_problems(conn, version)
        if problems:
            more = f" (and {len(problems) - 1} more differences)" if len(problems) > 1 else ""
            raise CorruptDossier(path, problems[0] + more, backup or newest_good_backup(path))
        if check_integrity:
            problem = quick_check(conn)
            if problem != "ok":
                raise CorruptDossier(path, problem, backup or newest_good_backup(path))
        return int(version)
    finally:
        conn.close()


def integrity_problem(path: Path) -> str:
    """'ok', or what SQLite's quick_check finds wrong with the file. Reads through its own
    connection, so it can run on a worker thread while the app has the file open."""
    try:
        conn = connect_readonly(path)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        return quick_check(conn)
    finally:
        conn.close()


def newest_good_backup(dossier_path: Path) -> Path | None:
    """The newest of the dossier's backups that passes its check."""
    for backup in list_backups(dossier_path):
        if integrity_problem(backup) == "ok":
            return backup
    return None


def quick_check(conn: sqlite3.Connection) -> str:
    """'ok', or the first problem SQLite's quick_check finds."""
    try:
        row = conn.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return str(row[0]) if row else "no answer from quick_check"


def needs_upgrade(path: Path) -> bool:
    """Whether the file says (in its header, read without opening it) that it is a dossier of an
    older format, which opening will back up and migrate: the window does that on a worker. Any
    doubt (not there, not SQLite) is False: opening then says what is wrong, as always."""
    if kind_of(Path(path)) != "a file":  # a pipe would block the read: opening says what it is
        return False
    try:
        with Path(path).open("rb") as f:
            header = f.read(HEADER_SIZE)
    except OSError:
        return False
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return False
    user_version = int.from_bytes(header[60:64], "big")  # PRAGMA user_version lives here
    return 0 < user_version < SCHEMA_VERSION


def _check_header(path: Path, backup: Path | None) -> None:
    size = path.stat().st_size
    with path.open("rb") as f:
        header = f.read(HEADER_SIZE)
    if not header.startswith(SQLITE_MAGIC):
        from dossier.store.encryption import (  # lazy: only for a file that is not plain SQLite
            PassphraseNeeded,
            is_encrypted,
            is_unlocked,
        )

        if is_encrypted(path):  # its header is encrypted too: the passphrase alone tells what it is
            if is_unlocked(path):
                return
            raise PassphraseNeeded(path)
        what = "an empty file" if size == 0 else "not an SQLite file"
        raise NotADossier(path, f"{path} is not a dossier: it is {what}. It was left unchanged.")
    if size < HEADER_SIZE:
        raise CorruptDossier(path, f"truncated to {size} bytes", backup)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    # The page count in the header is valid only when its two change counters agree.
    counts_valid = header[24:28] == header[92:96]
    if counts_valid and page_count and size < page_size * page_count:
        raise CorruptDossier(
            path, f"truncated: {size} bytes of the {page_size * page_count} its header names", backup
        )


def _damaged_or_foreign(path: Path, exc: sqlite3.DatabaseError, backup: Path | None) -> Exception:
    text = str(exc)
    if "not a database" in text or "file is encrypted" in text:
        return NotADossier(path, f"{path} is not a dossier ({text}). It was left unchanged.")
    return CorruptDossier(path, text, backup)

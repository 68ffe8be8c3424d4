"""Rotating backups of a dossier, made with SQLite's online backup API.

Backups live in the user's data folder (see `dossier.paths`), not beside the dossier, so a
folder synced to a cloud drive doesn't fill up with copies. Each backup is checked with
`quick_check` before it counts; only then are copies beyond the newest ten dropped, so a bad
backup never pushes a good one out.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dossier.paths import backups_dir, data_dir
from dossier.store.backup_names import CLOCK_SLACK, STAMP, SUFFIX, backup_taken_at, list_backups
from dossier.store.errors import CorruptDossier, DossierError
from dossier.store.inspect import connect_readonly, inspect_dossier, integrity_problem, newest_good_backup
from dossier.store.lock import DossierLock

# What the window imports from here (ui/main_window.py, left alone while it is split up):
# the listing lives in backup_names and the newest good backup in inspect, below this module.
__all__ = ["KEEP", "BackupFailed", "backup_is_due", "backup_taken_at", "copy_dossier", "list_backups",
           "make_backup", "newest_good_backup", "remove_dead_partials", "restore_backup"]

KEEP = 10
MAX_AGE = timedelta(days=1)
_PARTIAL = ".partial"


class BackupFailed(OSError):
    """A backup could not be made; the message says where and why."""

    def __str__(self) -> str:
        return str(self.args[0])


def backup_is_due(dossier_path: Path, now: datetime | None = None) -> bool:
    now = now or datetime.now(UTC)
    backups = list_backups(dossier_path, now)
    taken = backup_taken_at(backups[0]) if backups else None
    return taken is None or taken > now + CLOCK_SLACK or now - taken > MAX_AGE


def make_backup(dossier_path: Path, source: sqlite3.Connection | None = None) -> Path:
    """Copy the dossier into its backup folder, verify the copy, then rotate. Returns the copy.

    Uses its own read connection unless `source` is given, so it can run on a worker thread
    while the app goes on writing (WAL readers see one consistent snapshot). The copy is made
    under a name that carries this process's id: a process killed halfway leaves a partial copy
    that the next start recognises as dead and removes (remove_dead_partials)."""
    folder = backups_dir(dossier_path)
    stamp = datetime.now(UTC).strftime(STAMP)
    final = folder / f"{dossier_path.stem}-{stamp}{SUFFIX}"
    partial = final.with_name(f"{final.name}.{os.getpid()}{_PARTIAL}")
    own_source = source is None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src = connect_readonly(dossier_path) if source is None else source
        try:
            _copy(src, partial)
        finally:
            if own_source:
                src.close()
    except (OSError, sqlite3.Error) as error:  # a full or read-only disk: say so, leave no stub
        partial.unlink(missing_ok=True)
        reason = getattr(error, "strerror", None) or str(error)
        raise BackupFailed(f"no backup of {dossier_path.name} could be written to {folder} ({reason}); "
                           "older backups are kept") from error
    problem = integrity_problem(partial)
    if problem != "ok":
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"the backup of {dossier_path} failed its check ({problem}); older backups kept")
    os.replace(partial, final)
    for old in list_backups(dossier_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return final


def remove_dead_partials() -> list[Path]:
    """Remove the partial copies that processes killed while making a backup left in the backups
    folders (a killed upgrade of a large dossier leaves hundreds of MB); a copy still being made
    by a live process is left alone. Returns what was removed."""
    removed = []
    root = data_dir() / "backups"
    for partial in root.glob(f"*/*{_PARTIAL}") if root.is_dir() else ():
        pid = partial.name.removesuffix(_PARTIAL).rpartition(".")[2]
        if pid.isdigit() and (int(pid) == os.getpid() or _alive(int(pid))):
            continue
        try:
            partial.unlink()
            removed.append(partial)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # another user's process, or can't tell: leave its file alone
    return True


def copy_dossier(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of an open dossier to `target` (Save a Copy…), atomically: the
    copy must pass its check before it takes the name."""
    partial = target.with_name(target.name + _PARTIAL)
    try:
        _copy(source, partial)
        problem = integrity_problem(partial)
        if problem != "ok":
            raise BackupFailed(f"the copy of the dossier failed its check ({problem}); {target} was not written")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _copy(source: sqlite3.Connection, target: Path) -> None:
    from dossier.store.files import connect_like  # lazy: not on the start-up path

    target.unlink(missing_ok=True)
    dest = connect_like(source, target)  # a backup of an encrypted dossier is encrypted with its key
    try:
        # Steps of 1,024 pages let a writer on another connection go on between steps.
        source.backup(dest, pages=1024)
        # The copy is a standalone file: no WAL beside it, so it can be mailed or moved as is.
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def restore_backup(dossier_path: Path, backup: Path) -> Path:
    """Put `backup` in place of the dossier. The current file is never deleted: it is moved
    aside (with its -wal/-shm) and that path is returned. Refused while the dossier is open."""
    if _same_file(backup, dossier_path):
        raise DossierError(dossier_path, f"{backup} is the dossier itself; choose one of its backups "
                                         f"(`dossier backups {dossier_path}` lists them).")
    try:  # a dossier this version can open, intact: nothing else may take the dossier's place
        inspect_dossier(backup, check_integrity=True, backup=backup)
    except CorruptDossier as error:
        raise DossierError(dossier_path, f"The backup {backup} is damaged ({error.problem}); choose another one. "
                                         f"{dossier_path} was left unchanged.") from error
    except DossierError as error:
        raise DossierError(dossier_path, f"{backup} can't be restored: {error} {dossier_path} was left "
                                         "unchanged.") from error
    lock = DossierLock(dossier_path)
    lock.acquire()
    try:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = dossier_path.with_name(f"{dossier_path.name}.before-restore-{stamp}")
        if dossier_path.exists():
            os.replace(dossier_path, aside)
        for sidecar in ("-wal", "-shm"):
            old = dossier_path.with_name(dossier_path.name + sidecar)
            if old.exists():
                os.replace(old, aside.with_name(aside.name + sidecar))
        src = connect_readonly(backup)
        try:
            copy_dossier(src, dossier_path)
        finally:
            src.close()
    finally:
        lock.release()
    return aside

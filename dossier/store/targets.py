"""Where a file may be written: a new file, or over a regular file that is nobody's database;
never over a dossier (the one being exported or copied, its companion files, or any other), an
SQLite database, journal or write-ahead log of any program, a link, a folder, a pipe, a device
or a socket; and a clear reason when a place can't be written at all.

Every command that writes a file of its own (an export, Save a Copy, a report) asks here first,
before any work is done, so no export can destroy a dossier, replace /dev/null or block on a
pipe, and no failure surfaces as a stack of Qt warnings halfway through a PDF."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from dossier.store.files import what_it_is
from dossier.store.schema import APPLICATION_ID

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID_AT = 68  # where SQLite's header keeps PRAGMA application_id
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # the first bytes of an SQLite write-ahead log
JOURNAL_MAGIC = b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"  # the first bytes of a rollback journal
# Files SQLite keeps beside a database (and Dossier's lock), named after it.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")


class TargetRefused(ValueError):
    """A target that must not be written; the message says why and what to do."""


def check_target(out: Path, dossier: Path | None = None) -> None:
    """Refuse a target that is (or would overwrite) a dossier or any SQLite file, one that is not
    a regular file, and one that can't be written, with the real reason, before any work is done."""
    if dossier is not None:
        companions = [dossier, *(dossier.with_name(dossier.name + s) for s in COMPANION_SUFFIXES)]
        if any(_same(out, c) for c in companions):
            raise TargetRefused(f"{out} is the dossier itself (or one of its files); choose another name.")
    try:
        info = os.lstat(out)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise TargetRefused(f"can't write {out}: {error.strerror or error}.") from error
    if info is not None and not stat.S_ISREG(info.st_mode):
        what = what_it_is(info.st_mode)
        if stat.S_ISDIR(info.st_mode):
            raise TargetRefused(f"{out} is a folder; give the file a name.")
        raise TargetRefused(f"{out} is {what}, not a file; nothing is written to or over it. Choose another name.")
    if info is not None:
        refusal = _sqlite_file(out)
        if refusal:
            raise TargetRefused(refusal)
    companion = _companion_of_database(out)
    if companion:
        raise TargetRefused(companion)
    if not out.parent.is_dir():
        raise TargetRefused(f"can't write {out}: the folder {out.parent} does not exist.")
    probe = out.with_name(f".{out.name}.probe")  # the export is written beside it, then renamed
    try:
        with probe.open("xb"):
            pass
    except FileExistsError:
        pass  # a probe left behind: the folder is writable enough to have it
    except OSError as error:
        raise TargetRefused(f"can't write {out}: the folder {out.parent} can't be written to "
                            f"({error.strerror or 'error'}).") from error
    finally:
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)


def holds_a_dossier(path: Path) -> bool:
    """Whether `path` is a regular file whose header says it is a dossier."""
    header = _header(path)
    return header.startswith(SQLITE_MAGIC) and header[APPLICATION_ID_AT:APPLICATION_ID_AT + 4] == \
        APPLICATION_ID.to_bytes(4, "big")


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _sqlite_file(path: Path) -> str | None:
    """Why a regular file at `path` must not be replaced: a dossier, another program's SQLite
    database, or an SQLite journal or write-ahead log (their data is someone's committed work)."""
    header = _header(path)
    if header.startswith(SQLITE_MAGIC):
        if holds_a_dossier(path):
            return f"{path} is a dossier; it is never replaced by an export or a copy. Choose another name."
        return f"{path} is an SQLite database; it is never replaced by an export or a copy. Choose another name."
    if header[:4] in WAL_MAGICS or header.startswith(JOURNAL_MAGIC):
        return (f"{path} is an SQLite journal (a database's unsaved or uncheckpointed changes); it is never "
                "replaced. Choose another name.")
    return None


def _companion_of_database(path: Path) -> str | None:
    """A name SQLite (or Dossier's lock) uses beside a database that exists: writing there would
    take the place of that database's journal, log or lock, even while the file is empty."""
    for suffix in COMPANION_SUFFIXES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            database = path.with_name(path.name[:-len(suffix)])
            if _header(database).startswith(SQLITE_MAGIC):
                return (f"{path} belongs to the SQLite database {database} (its {suffix.lstrip('-.')} file); it is "
                        "never written. Choose another name.")
    return None


def _header(path: Path) -> bytes:
    """The first 100 bytes of a regular file (b"" for anything else): opened without blocking or
    following a link, so a pipe or device put there meanwhile is not read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, 100)
    except OSError:
        return b""
    finally:
        os.close(fd)

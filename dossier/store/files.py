"""Paths are paths: what kind of thing a path names, files read within a size, and SQLite URIs.

A named pipe blocks whoever opens it for reading until a writer comes, a device such as
/dev/zero never ends, and a file name may hold "#" or "?", which an SQLite URI reads as the
start of a fragment or of its parameters. Every file that comes from elsewhere (a colleague's
dossier, an FtM or Web Annotation file, a backup to restore) is judged by its type before it is
opened, read with a bound on its size, and every SQLite connection names its file through a URI
that quotes it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import BinaryIO, cast

from dossier.store import encryption
from dossier.store.uri import sqlite_uri


class NotAFile(ValueError):
    """A path that names something other than a regular file; the message says what, and what
    to do."""


def what_it_is(mode: int) -> str:
    """What a file of this st_mode is, in words ("a folder", "a named pipe (FIFO)"…)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISREG(mode):
        return "a file"
    return "not a regular file"


def kind_of(path: Path, *, follow: bool = True) -> str | None:
    """What `path` names ("a file", "a folder", "a named pipe (FIFO)"…), or None if nothing."""
    try:
        mode = os.stat(path).st_mode if follow else os.lstat(path).st_mode
    except (OSError, ValueError):
        return None
    return what_it_is(mode)


def check_input(path: Path, what: str = "file") -> int:
    """Refuse at once, by its type, a path that is not a regular file (nothing is opened, so a
    pipe can't block); returns its size. `what` names the file in the message."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise NotAFile(f"{path} does not exist.") from None
    except (OSError, ValueError) as error:
        raise NotAFile(f"{path} can't be read ({getattr(error, 'strerror', None) or error}).") from None
    if not stat.S_ISREG(info.st_mode):
        raise NotAFile(f"{path} is {what_it_is(info.st_mode)}, not a {what}; nothing was read from it.")
    return info.st_size


def open_regular(path: Path, limit: int, what: str = "file") -> BinaryIO:
    """A regular file of at most `limit` bytes, open for reading in binary; NotAFile if it is
    anything else. Opened without blocking and judged on the open descriptor, so a pipe or a
    device (whose size reads 0) put at the path is never read from."""
    check_input(path, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise NotAFile(f"{path} can't be read ({error.strerror or error}).") from None
    info = os.fstat(fd)
    problem = (f"{path} is {what_it_is(info.st_mode)}, not a {what}" if not stat.S_ISREG(info.st_mode) else
               f"{path} is {info.st_size / 1e6:,.0f} MB; a {what} of up to {limit / 1e6:,.0f} MB is read"
               if info.st_size > limit else None)
    if problem:
        os.close(fd)
        raise NotAFile(f"{problem}; nothing was read from it.")
    return os.fdopen(fd, "rb")


def read_bounded(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or NotAFile saying why not; never
    more than `limit` + 1 bytes are read, whatever the file claims its size is."""
    with open_regular(path, limit, what) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise NotAFile(f"{path} is larger than {limit / 1e6:,.0f} MB, the most a {what} may be; nothing was read "
                       "from it.")
    return data


def connect(path: Path, **parameters: str) -> sqlite3.Connection:
    """An sqlite3 connection to `path` through its quoted URI (see sqlite_uri), in autocommit
    mode (the store opens its transactions itself) and usable from the thread that opened it or
    another (each worker has a connection of its own). An encrypted dossier is opened through
    SQLCipher with its key (store/encryption.py), or refused with PassphraseNeeded."""
    encrypted = encryption.connect_encrypted(Path(path), parameters)  # with the key this process holds
    if encrypted is not None:  # a CipherConnection: sqlite3's calls and errors, SQLCipher underneath
        return cast("sqlite3.Connection", encrypted)
    return sqlite3.connect(sqlite_uri(path, **parameters), uri=True, isolation_level=None, check_same_thread=False)


def connect_like(source: object, target: Path) -> sqlite3.Connection:
    """A connection to the new file `target`, encrypted with `source`'s key when `source` is
    encrypted: what the backup API copies into (backups, merge and share copies), so a copy
    of an encrypted dossier is never written in plain text, and opens with its passphrase."""
    key, salt = getattr(source, "key", None), getattr(source, "salt", None)
    if not key or not salt:
        return connect(target)
    return cast("sqlite3.Connection", encryption.open_with_key(target, key, salt))

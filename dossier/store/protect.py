"""Encrypting a dossier with a passphrase, and taking the encryption off again.

Either is a whole new file written beside the dossier, flushed to disk, checked, and renamed
over it in one step: a process killed at any moment leaves the old file or the new one, never
half of each. Nobody may have the dossier open meanwhile (its writer lock is held). Encrypting
also encrypts the dossier's existing backups, each the same way: a plain copy of what the
analyst has just protected must not stay behind in the backups folder.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from dossier.store import encryption
from dossier.store.atomic import flush_to_disk
from dossier.store.errors import DossierError
from dossier.store.uri import sqlite_uri

MIN_PASSPHRASE = 8  # characters; a short one falls to guessing however slow the derivation


class ProtectRefused(DossierError):
    """Encryption or decryption can't be done; the file is unchanged."""


def passphrase_problem(passphrase: str) -> str | None:
    """Why `passphrase` can't protect a dossier, or None."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"a passphrase of at least {MIN_PASSPHRASE} characters is needed (a few words are best)"
    if passphrase != passphrase.strip():
        return "a passphrase may not begin or end with a space (it would be too easy to mistype)"
    return None


def encrypt_dossier(path: Path, passphrase: str) -> None:
    """Encrypt the plain dossier at `path` with `passphrase` (see the module's docstring), then
    its backups; this process keeps the key, so it can go on opening it."""
    for _step in encrypting(path, passphrase):
        pass


def decrypt_dossier(path: Path) -> None:
    """Write the encrypted dossier at `path` back as a plain SQLite file. Its passphrase must
    have been given (encryption.unlock). Its backups stay encrypted."""
    for _step in decrypting(path):
        pass


def encrypting(path: Path, passphrase: str) -> Iterator[str]:
    """encrypt_dossier as a generator saying what it does before each step (the app runs it on
    a worker)."""
    from dossier.store import cipher_connection  # lazy: only to encrypt or decrypt
    from dossier.store.backups import list_backups  # lazy: only to encrypt or decrypt

    path = Path(path)
    problem = passphrase_problem(passphrase)
    if problem:
        raise ProtectRefused(path, f"{path} was not encrypted: {problem}.")
    if encryption.is_encrypted(path):
        raise ProtectRefused(path, f"{path} is encrypted already; to change its passphrase, decrypt it, then "
                                   "encrypt it again. It was left unchanged.")
    yield "Deriving the key from the passphrase…"
    salt = os.urandom(encryption.SALT_SIZE)
    key = encryption.derive_key(passphrase, salt)
    encryption.remember(salt, key)  # the new file is checked through the key, as any connection
    yield "Writing the encrypted dossier…"
    _replace(path, lambda partial: cipher_connection.export_into(None, sqlite_uri(path, mode="ro"), str(partial),
                                                                 key, salt))
    for backup in list_backups(path):
        if encryption.is_encrypted(backup):
            continue
        yield f"Encrypting the backup {backup.name}…"
        _replace(backup, _exporter(backup, key, salt), lock=False)


def _exporter(source: Path, key: bytes, salt: bytes) -> Callable[[Path], object]:
    """A writer of `source` encrypted into the partial file it is given."""
    from dossier.store import cipher_connection  # lazy: SQLCipher loads only to encrypt

    return lambda partial: cipher_connection.export_into(None, sqlite_uri(source, mode="ro"), str(partial), key, salt)


def decrypting(path: Path) -> Iterator[str]:
    from dossier.store import cipher_connection  # lazy: only to encrypt or decrypt

    path = Path(path)
    if not encryption.is_encrypted(path):
        raise ProtectRefused(path, f"{path} is not encrypted; it was left unchanged.")
    found = encryption.key_for(path)
    if found is None:
        raise encryption.PassphraseNeeded(path)
    key, salt = found

    def write(partial: Path) -> None:
        source = cipher_connection.open_cipher(sqlite_uri(path, mode="ro"), key, salt)
        try:
            cipher_connection.export_into(source, "", str(partial), None, None)
        finally:
            source.close()

    yield "Writing the dossier without encryption…"
    _replace(path, write)


def _replace(path: Path, write: Callable[[Path], object], *, lock: bool = True) -> None:
    """Write the new form of `path` beside it with `write(partial)`, check it, flush it and
    rename it over `path`. The dossier's lock is held throughout (with `lock`): the app or
    another command having it open is refused."""
    from dossier.store.inspect import inspect_dossier, integrity_problem  # lazy: only to encrypt or decrypt
    from dossier.store.lock import DossierLock  # lazy: only to encrypt or decrypt

    inspect_dossier(path, check_integrity=True)  # a dossier, intact, of a format this app knows
    holder = DossierLock(path) if lock else None
    if holder is not None:
        holder.acquire()
    try:
        _fold_in_wal(path)
        remove_dead_partials(path)
        partial = path.with_name(f".{path.name}.{os.getpid()}{PARTIAL}")
        partial.unlink(missing_ok=True)
        try:
            write(partial)
            problem = integrity_problem(partial)
            if problem != "ok":
                raise ProtectRefused(path, f"the new file failed its check ({problem}); {path} was left unchanged.")
            flush_to_disk(partial)
            os.replace(partial, path)
            _fsync_folder(path.parent)
        except BaseException:
            for leftover in (partial, partial.with_name(partial.name + "-journal")):
                leftover.unlink(missing_ok=True)
            raise
    finally:
        if holder is not None:
            holder.release()


PARTIAL = ".protecting"
_PARTIAL_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)" + re.escape(PARTIAL) + "(-journal)?$")


def remove_dead_partials(path: Path) -> None:
    """Remove what an encryption or decryption killed halfway left beside `path` (its process
    is gone): never the dossier, which was still the old file then."""
    try:
        siblings = list(path.parent.iterdir())
    except OSError:
        return
    for sibling in siblings:
        match = _PARTIAL_NAME.match(sibling.name)
        if match and match["name"] == path.name and not _alive(int(match["pid"])):
            sibling.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _fold_in_wal(path: Path) -> None:
    """Put what the write-ahead log holds into the file itself, so the file alone is the
    dossier that is copied, and no -wal of the old file lies beside the new one."""
    from dossier.store.files import connect  # lazy: only to encrypt or decrypt

    wal = path.with_name(path.name + "-wal")
    if not wal.exists():
        return
    conn = connect(path)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise ProtectRefused(path, f"{path} is in use by another program; close it there and try again. "
                                       "It was left unchanged.")
        conn.execute("PRAGMA journal_mode = DELETE")  # the last connection: -wal and -shm go
    except sqlite3.Error as error:
        raise ProtectRefused(path, f"{path} could not be prepared ({error}); it was left unchanged.") from error
    finally:
        conn.close()


def _fsync_folder(folder: Path) -> None:
    """The rename itself is on disk only once the folder is (POSIX); Windows has no such fsync."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

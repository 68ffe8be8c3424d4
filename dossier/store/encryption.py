"""Encryption at rest: which dossiers are encrypted, and the keys this process was given.

An encrypted dossier is an SQLCipher 4 database with SQLCipher's defaults: every 4,096-byte
page encrypted with AES-256 (CBC, a random IV per page) and authenticated with HMAC-SHA512;
the key derived from the passphrase by PBKDF2-HMAC-SHA512 with 256,000 iterations over a random
16-byte salt, which is the first 16 bytes of the file. Its -wal holds encrypted pages too.

Deriving the key takes about a second on purpose (that is what makes guessing slow), and every
connection (the window's, the workers' read-only ones, backups) would pay it again. So the key
is derived once, here, when the passphrase is given (`unlock`), kept in this process's memory
by the file's salt, and each connection opens with the raw key: any file with that salt (the
dossier, its backups, a temporary copy) opens with it, and nothing else needs to be told.
The passphrase itself is not kept.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from pathlib import Path
from typing import Any

from dossier.store.errors import DossierError
from dossier.store.uri import sqlite_uri

SQLITE_MAGIC = b"SQLite format 3\x00"
SALT_SIZE = 16
KEY_SIZE = 32  # AES-256
KDF_ITERATIONS = 256_000  # SQLCipher 4's default
KDF_HASH = "sha512"
PAGE_SIZE = 4096  # SQLCipher 4's default page size: an encrypted file is a whole number of pages
# For scripts and for the app's own child processes (the PDF export): the keys the parent holds,
# "salt:key" in hex, comma-separated. Set by `keys_for_child`, never by a user.
KEYS_VARIABLE = "DOSSIER_KEYS"

_keys: dict[bytes, bytes] = {}  # salt -> key
_keys_lock = threading.Lock()


class PassphraseNeeded(DossierError):
    """The file is encrypted (or not a dossier at all: without the passphrase nobody can tell)
    and this process has not been given its passphrase."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, f"{path} is an encrypted dossier (or not a dossier at all): give its passphrase to "
                               "open it. It was left unchanged.")


class WrongPassphrase(DossierError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path, f"That passphrase does not open {path}: it is not the one the dossier was protected "
                               "with (or the file is not an encrypted dossier). Nothing was written.")


class EncryptionUnavailable(DossierError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path, f"{path} is encrypted, and this installation of Dossier lacks SQLCipher "
                               "(the sqlcipher3-wheels package) to open it. It was left unchanged.")


def salt_of(path: Path) -> bytes | None:
    """The salt at the start of `path` if it may be an encrypted dossier (a regular file of
    whole pages that does not start as a plain SQLite file does), else None. Reads 16 bytes."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size < PAGE_SIZE or info.st_size % PAGE_SIZE:
        return None
    try:
        with open(path, "rb") as stream:
            head = stream.read(len(SQLITE_MAGIC))
    except OSError:
        return None
    if len(head) < SALT_SIZE or head == SQLITE_MAGIC:
        return None
    return head[:SALT_SIZE]


def is_encrypted(path: Path) -> bool:
    """Whether `path` looks like an encrypted dossier (its passphrase alone can prove it)."""
    return salt_of(Path(path)) is not None


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's own derivation: the same key `PRAGMA key = 'passphrase'` would use."""
    return hashlib.pbkdf2_hmac(KDF_HASH, passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_SIZE)


def key_for(path: Path) -> tuple[bytes, bytes] | None:
    """(key, salt) for an encrypted file whose passphrase this process was given, else None."""
    salt = salt_of(Path(path))
    if salt is None:
        return None
    with _keys_lock:
        key = _keys.get(salt)
    return (key, salt) if key is not None else None


def is_unlocked(path: Path) -> bool:
    return key_for(path) is not None


def remember(salt: bytes, key: bytes) -> None:
    with _keys_lock:
        _keys[salt] = key


def forget_all() -> None:
    """Drop every key (tests; a user who locks the app)."""
    with _keys_lock:
        _keys.clear()


def unlock(path: Path, passphrase: str) -> None:
    """Check `passphrase` against the encrypted dossier at `path` (read-only: nothing is
    written) and keep its key for every connection of this process. WrongPassphrase if it
    does not open it."""
    path = Path(path)
    salt = salt_of(path)
    if salt is None:
        return  # a plain file (or none): opening it says what it is
    key = derive_key(passphrase, salt)
    if not key_opens(path, key, salt):
        raise WrongPassphrase(path)
    remember(salt, key)


def key_opens(path: Path, key: bytes, salt: bytes) -> bool:
    import sqlite3

    cipher = _cipher_module(path)
    try:
        conn = cipher.open_cipher(sqlite_uri(path, **_read_only_flags(path)), key, salt)
    except sqlite3.DatabaseError:
        return False
    conn.close()
    return True


def connect_encrypted(path: Path, parameters: dict[str, str]) -> Any | None:
    """files.connect's way to an encrypted file: a CipherConnection with the key this process
    holds; None for a plain file or one not there yet; PassphraseNeeded if the key is unknown."""
    salt = salt_of(path)
    if salt is None:
        return None
    found = key_for(path)
    if found is None:
        raise PassphraseNeeded(path)
    key, salt = found
    return _cipher_module(path).open_cipher(sqlite_uri(path, **parameters), key, salt)


def open_with_key(target: Path, key: bytes, salt: bytes) -> Any:
    """A new file `target` encrypted with this key (files.connect_like)."""
    return _cipher_module(target).open_cipher(sqlite_uri(target), key, salt)


def keys_for_child() -> dict[str, str]:
    """The environment a child process of the app (the PDF export) needs to open the encrypted
    dossiers this process has unlocked; empty when none is."""
    with _keys_lock:
        pairs = [f"{salt.hex()}:{key.hex()}" for salt, key in _keys.items()]
    return {KEYS_VARIABLE: ",".join(pairs)} if pairs else {}


def take_keys_from_environment() -> None:
    """Keep the keys a parent process handed down (keys_for_child), and remove them from the
    environment so no grandchild inherits them."""
    value = os.environ.pop(KEYS_VARIABLE, "")
    for pair in filter(None, value.split(",")):
        salt, _, key = pair.partition(":")
        try:
            remember(bytes.fromhex(salt), bytes.fromhex(key))
        except ValueError:
            continue


def _read_only_flags(path: Path) -> dict[str, str]:
    wal = path.with_name(path.name + "-wal")
    return {"mode": "ro"} if wal.exists() else {"mode": "ro", "immutable": "1"}


def _cipher_module(path: Path) -> Any:
    try:
        from dossier.store import cipher_connection  # lazy: SQLCipher loads only for an encrypted dossier
    except ImportError:
        raise EncryptionUnavailable(path) from None
    return cipher_connection

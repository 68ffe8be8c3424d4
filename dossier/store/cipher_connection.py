"""A connection to an encrypted dossier (SQLCipher) that the store uses as it uses sqlite3's.

SQLCipher comes through the `sqlcipher3` wheel, a module of its own beside the standard `sqlite3`:
its connections are not `sqlite3.Connection`s and its errors are not `sqlite3.Error`s, so the
store's `except sqlite3.IntegrityError` would let them through. These wrappers forward every
call and raise the standard module's error of the same name instead. Imported only when an
encrypted file is met: a plain dossier never loads SQLCipher.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from sqlcipher3 import dbapi2 as cipher

KEY_PRAGMA = "PRAGMA key = \"x'{key}{salt}'\""  # a raw key and the file's salt: no derivation per connection


def _standard(error: cipher.Error) -> sqlite3.Error:
    """The `sqlite3` error of the same kind and message as SQLCipher's `error`."""
    kind = getattr(sqlite3, type(error).__name__, sqlite3.Error)
    if not (isinstance(kind, type) and issubclass(kind, sqlite3.Error)):
        kind = sqlite3.Error
    standard = kind(*error.args)
    for name in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(error, name):
            setattr(standard, name, getattr(error, name))
    return standard


class CipherCursor:
    """A SQLCipher cursor raising `sqlite3` errors."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: cipher.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, parameters: Any = ()) -> CipherCursor:
        try:
            self._cursor.execute(sql, parameters)
        except cipher.Error as error:
            raise _standard(error) from None
        return self

    def executemany(self, sql: str, rows: Any) -> CipherCursor:
        try:
            self._cursor.executemany(sql, rows)
        except cipher.Error as error:
            raise _standard(error) from None
        return self

    def executescript(self, script: str) -> CipherCursor:
        try:
            self._cursor.executescript(script)
        except cipher.Error as error:
            raise _standard(error) from None
        return self

    def fetchone(self) -> Any:
        try:
            return self._cursor.fetchone()
        except cipher.Error as error:
            raise _standard(error) from None

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return list(self._cursor.fetchmany(size) if size is not None else self._cursor.fetchmany())
        except cipher.Error as error:
            raise _standard(error) from None

    def fetchall(self) -> list[Any]:
        try:
            return list(self._cursor.fetchall())
        except cipher.Error as error:
            raise _standard(error) from None

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        try:
            return next(self._cursor)
        except cipher.Error as error:
            raise _standard(error) from None

    def close(self) -> None:
        self._cursor.close()

    # The store reads rows by column name (`cursor.row_factory = sqlite3.Row`): SQLCipher's own
    # Row does the same for its cursors (sqlite3.Row accepts only sqlite3's).
    @property
    def row_factory(self) -> Any:
        return self._cursor.row_factory

    @row_factory.setter
    def row_factory(self, factory: Any) -> None:
        chosen: Any = cipher.Row if factory is sqlite3.Row else factory  # its Row takes its cursor
        self._cursor.row_factory = chosen

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    @property
    def lastrowid(self) -> int | None:
        row: int | None = self._cursor.lastrowid
        return row

    @property
    def arraysize(self) -> int:
        return int(self._cursor.arraysize)

    @property
    def connection(self) -> Any:
        return self._cursor.connection


class CipherConnection:
    """An open encrypted file, with the key it was opened by (copies of it are made with the
    same key, so a backup opens with the same passphrase)."""

    def __init__(self, connection: cipher.Connection, key: bytes, salt: bytes) -> None:
        self._connection = connection
        self.key = key
        self.salt = salt

    def cursor(self) -> CipherCursor:
        return CipherCursor(self._connection.cursor())

    def execute(self, sql: str, parameters: Any = ()) -> CipherCursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, rows: Any) -> CipherCursor:
        return self.cursor().executemany(sql, rows)

    def executescript(self, script: str) -> CipherCursor:
        return self.cursor().executescript(script)

    def commit(self) -> None:
        try:
            self._connection.commit()
        except cipher.Error as error:
            raise _standard(error) from None

    def rollback(self) -> None:
        try:
            self._connection.rollback()
        except cipher.Error as error:
            raise _standard(error) from None

    def close(self) -> None:
        self._connection.close()

    def backup(self, target: Any, *, pages: int = -1, progress: Any = None, name: str = "main",
               sleep: float = 0.250) -> None:
        """Copy into `target`, which must be encrypted with the same key (SQLCipher copies the
        pages as they are): see encryption.connect_like."""
        if not isinstance(target, CipherConnection):
            raise sqlite3.NotSupportedError("an encrypted dossier is copied only into a file encrypted with its key")
        try:
            self._connection.backup(target._connection, pages=pages, progress=progress, name=name, sleep=sleep)
        except cipher.Error as error:
            raise _standard(error) from None

    def __enter__(self) -> CipherConnection:
        self._connection.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._connection.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:  # in_transaction, total_changes, create_function, …
        return getattr(self._connection, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("_connection", "key", "salt"):
            object.__setattr__(self, name, value)
        else:  # row_factory, text_factory, isolation_level: the real connection's
            setattr(self._connection, name, value)


def open_cipher(uri: str, key: bytes, salt: bytes) -> CipherConnection:
    """A connection to the encrypted file at `uri` (a new one is created encrypted with `key`
    and `salt`), in autocommit mode and usable from any thread, like files.connect's. The key
    is checked here: a wrong one raises sqlite3.DatabaseError ("file is not a database")."""
    try:
        connection = cipher.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except cipher.Error as error:
        raise _standard(error) from None
    # SQLCipher writes its own errors ("hmac check failed") to stderr; ours say what they mean.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(KEY_PRAGMA.format(key=key.hex(), salt=salt.hex()))
    wrapped = CipherConnection(connection, key, salt)
    try:
        wrapped.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        wrapped.close()
        raise
    return wrapped


def export_into(source: CipherConnection | None, plain_uri: str, target: str, key: bytes | None,
                salt: bytes | None) -> None:
    """Copy a whole database into a new file with `sqlcipher_export`: from `plain_uri` (a plain
    dossier, `source` None) into `target` encrypted with key and salt, or from the encrypted
    `source` into a plain `target` (key None). The format marks (application_id, user_version)
    that sqlcipher_export leaves behind are copied too."""
    own = source is None
    conn = source if source is not None else CipherConnection(
        cipher.connect(plain_uri, uri=True, isolation_level=None, check_same_thread=False), b"", b"")
    try:
        key_clause = f"x'{key.hex()}{salt.hex()}'" if key is not None and salt is not None else ""  # '': plain
        conn.execute("ATTACH DATABASE ? AS copy KEY ?", (target, key_clause))
        try:
            conn.execute("SELECT sqlcipher_export('copy')").fetchone()
            for mark in ("application_id", "user_version"):
                value = int(conn.execute(f"PRAGMA main.{mark}").fetchone()[0])
                conn.execute(f"PRAGMA copy.{mark} = {value}")
        finally:
            conn.execute("DETACH DATABASE copy")
    finally:
        if own:
            conn.close()

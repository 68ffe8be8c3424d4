"""The open connection and its transactions: what every query object of the store is given."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from dossier.store.errors import ReadOnlyDossier

T = TypeVar("T")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Transactions:
    """One write connection and its transactions. The query objects (db.articles, db.tags …)
    read through `conn` and write inside `write()`; `author` is whose edits these are, stamped
    on every annotation, assessment, evidence link and rating (the app sets it from Preferences)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.author = ""
        self.verified = True  # new and read-only files need no check; `Database.open` says otherwise
        self.depth = 0

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One atomic write. Nested calls join the outer transaction as savepoints: an edit made
        of several store calls commits once or not at all, and a nested part that fails (one
        file of an import batch) is rolled back alone."""
        if not self.verified:
            raise ReadOnlyDossier(self.path, f"{self.path.name} is still being checked; it can be changed as "
                                             "soon as the check has passed (a moment).")
        if self.depth:  # inside a transaction: a savepoint, so a failure here undoes only this part
            name = f"nested_{self.depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            self.depth += 1
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self.depth -= 1
            return
        self.depth = 1
        try:
            with transaction(self.conn):
                yield self.conn
        finally:
            self.depth = 0


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # some errors (a full disk) have rolled it back already
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def named_rows(conn: sqlite3.Connection, sql: str, args: Sequence[object] = ()) -> sqlite3.Cursor:
    """A query whose rows are read by column name (`row["title"]`): records are made from
    them by name, never by position."""
    cursor = conn.execute(sql, args)
    cursor.row_factory = sqlite3.Row
    return cursor


def record(make: Callable[..., T], row: sqlite3.Row, **extra: object) -> T:
    """A record from a row whose columns are named as the record's fields (plus `extra`)."""
    return make(**{key: row[key] for key in row.keys()}, **extra)  # noqa: SIM118 - a Row iterates its values

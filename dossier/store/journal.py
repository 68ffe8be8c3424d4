"""Exact undo for any edit: while an operation runs, temporary triggers write down the SQL that
puts back every row it inserts, changes or deletes (cascades and triggers included).

Undo runs those statements newest first, with the triggers watching again, which writes down
how to redo: redo brings back the same rows with the same ids, and undo leaves the tables as they
were, byte for byte. No edit needs its own snapshot code, so none can forget a column.

The triggers live in the connection's temp schema (never in the file) and log only while an
operation is being recorded; the rest of the time a one-row flag keeps them quiet.
Text is logged as hex, because SQL's quote() stops at a NUL character. Columns that triggers
derive (`entities.mention_count`) are not logged: replaying the mentions derives them again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from dossier.store.schema import DERIVED_COLUMNS


def _value(row: str, column: str) -> str:
    """SQL that, inside a trigger, renders `row.column` (OLD or NEW) as an SQL literal."""
    ref = f'{row}."{column}"'
    return (f"CASE typeof({ref}) WHEN 'text' THEN 'CAST(X''' || hex({ref}) || ''' AS TEXT)' "
            f"ELSE quote({ref}) END")


def _triggers(table: str, columns: Sequence[str]) -> list[str]:
    quiet = "(SELECT active FROM temp.journal_on)"
    names = ", ".join(f'"{c}"' for c in columns)
    values = " || ',' || ".join(_value("OLD", c) for c in columns)
    changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns)
    sets = " || ".join(f"""CASE WHEN OLD."{c}" IS NOT NEW."{c}" THEN ',"{c}"=' || {_value("OLD", c)} ELSE '' END"""
                       for c in columns)
    log = "INSERT INTO journal (statement) VALUES"
    insert = (f'CREATE TEMP TRIGGER "journal_{table}_insert" AFTER INSERT ON main."{table}" WHEN {quiet} BEGIN '
              f"""{log} ('DELETE FROM "{table}" WHERE rowid=' || NEW.rowid); END""")
    update = (f'CREATE TEMP TRIGGER "journal_{table}_update" AFTER UPDATE ON main."{table}" WHEN {quiet} AND ({changed}) '
              f"""BEGIN {log} ('UPDATE "{table}" SET ' || substr({sets}, 2) || ' WHERE rowid=' || OLD.rowid); END""")
    # AFTER: a cascade deletes (and logs) the children first, so undo puts the parent back first.
    delete = (f'CREATE TEMP TRIGGER "journal_{table}_delete" AFTER DELETE ON main."{table}" WHEN {quiet} BEGIN '
              f"""{log} ('INSERT INTO "{table}" (rowid, {names.replace("'", "''")}) VALUES (' || OLD.rowid || ','"""
              f" || {values} || ')'); END")
    return [insert, update, delete]


class Journal:
    """The undo triggers of one writing connection, installed on first use."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._installed = False

    def _install(self) -> None:
        conn = self._conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY, statement TEXT NOT NULL)")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS journal_on (active INTEGER NOT NULL)")
        conn.execute("INSERT INTO temp.journal_on SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.journal_on)")
        for table in journaled_tables(conn):
            columns = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')
                       if r[1] not in DERIVED_COLUMNS.get(table, ())]
            for sql in _triggers(table, columns):
                conn.execute(sql)
        self._installed = True

    @contextmanager
    def recording(self) -> Iterator[list[str]]:
        """Log what the block changes; the list holds the undo statements, newest first, once the
        block ends. Must run inside the caller's transaction, so a failure rolls the log back too."""
        if not self._installed:
            self._install()
        statements: list[str] = []
        self._conn.execute("DELETE FROM temp.journal")
        self._conn.execute("UPDATE temp.journal_on SET active = 1")
        try:
            yield statements
        finally:
            self._conn.execute("UPDATE temp.journal_on SET active = 0")
        statements.extend(r[0] for r in self._conn.execute("SELECT statement FROM temp.journal ORDER BY seq DESC"))
        self._conn.execute("DELETE FROM temp.journal")

    def replay(self, statements: Sequence[str]) -> list[str]:
        """Run logged statements (inside the caller's transaction); returns their own undo."""
        with self.recording() as inverse:
            for statement in statements:
                self._conn.execute(statement)
        return inverse


def journaled_tables(conn: sqlite3.Connection) -> list[str]:
    """The dossier's own tables: not SQLite's, not the full-text index (its triggers follow the
    tables it indexes), not the temp schema."""
    rows = conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return sorted(name for name, _sql in rows
                  if not name.startswith("sqlite_") and name not in virtual
                  and not any(name.startswith(v + "_") for v in virtual))

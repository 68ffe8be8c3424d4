"""A migration step, and running a step's SQL inside the runner's transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        # executescript() would COMMIT the runner's transaction first; run statement by statement.
        for statement in _statements(sql):
            conn.execute(statement)

    return apply


def _statements(sql: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (which contain ';') whole."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement: {current[:80]!r}")
    return statements

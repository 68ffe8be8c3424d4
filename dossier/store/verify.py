"""Is a file's schema the one its `user_version` promises? Read-only, and cheap (sqlite_master).

A file that says "Doss" in its header but whose tables, columns, indexes or triggers differ from
what the migrations up to its version create (a forged or half-made file, a dropped trigger that
kept article text immutable or the search index in step) is refused for writing: writing into it
would build on what isn't there, or add our tables beside a stranger's. The expected schema is
made by running the migrations into an in-memory database, so it can never drift from them.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache

from dossier.store.schema import MIGRATIONS

# What must be there for the file's promises to hold, named in the message when missing.
PROTECTIVE = {"articles_text_immutable": "article text can't be changed",
              "articles_fts_insert": "new articles are searchable",
              "annotations_fts_insert": "new annotations are searchable",
              "annotations_fts_claim_update": "rationales are searchable",
              "annotations_fts_tagged": "tags are searchable"}


def _normal(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def schema_objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(type, name) -> normalised SQL of every table, index, trigger and view, leaving out
    SQLite's own objects and the full-text index's shadow tables (SQLite makes those itself,
    and their form depends on its version)."""
    rows = conn.execute("SELECT type, name, sql FROM main.sqlite_master").fetchall()
    virtual = [name for _type, name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return {(kind, name): _normal(sql) for kind, name, sql in rows
            if not name.startswith("sqlite_")
            and not (kind == "table" and any(name.startswith(v + "_") for v in virtual))}


@cache
def expected_objects(version: int) -> dict[tuple[str, str], str]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in MIGRATIONS[:version]:
            step.apply(conn)
        return schema_objects(conn)
    finally:
        conn.close()


def schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """What differs from the schema of `version`, in words; empty when all is as it should be.
    Extra tables, indexes and views of the user's own are allowed; an extra trigger is not: it
    would run inside every write this app makes."""
    actual, expected = schema_objects(conn), expected_objects(version)
    problems = []
    order = {"table": 0, "trigger": 1, "index": 2, "view": 3}
    for (kind, name), sql in sorted(expected.items(), key=lambda item: (order.get(item[0][0], 4), item[0][1])):
        if (kind, name) not in actual:
            why = f" (it makes sure {PROTECTIVE[name]})" if name in PROTECTIVE else ""
            problems.append(f"the {kind} {name} is missing{why}")
        elif actual[(kind, name)] != sql:
            problems.append(f"the {kind} {name} is not as this format defines it")
    for kind, name in sorted(set(actual) - set(expected)):
        if kind == "trigger":
            problems.append(f"it has a trigger of its own ({name})")
    return problems

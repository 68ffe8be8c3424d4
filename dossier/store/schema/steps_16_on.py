"""The SQL of the migration steps from 16 on (released: never edit one, append the next)."""

# Copies of one story carried by several outlets (analysis.copies): each copy names its group's
# origin (the origin itself has no row), the share of its sentences found in the origin, and the
# wire the group carries when one is credited or is the origin's outlet. `copy_decisions` are the
# analyst's: two articles that are copies, or that are not (a group split), which finding copies
# again never overrules.
_V16_COPIES = """
CREATE TABLE copy_of (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    origin_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    shared REAL NOT NULL CHECK (shared BETWEEN 0 AND 1),
    wire TEXT,
    CHECK (article_id != origin_id)
);
CREATE INDEX copy_of_origin ON copy_of (origin_id);
CREATE TABLE copy_decisions (
    first_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    second_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('copies', 'distinct')),
    author TEXT NOT NULL DEFAULT '',
    decided_at TEXT,
    PRIMARY KEY (first_id, second_id),
    CHECK (first_id < second_id)
);
CREATE INDEX copy_decisions_second ON copy_decisions (second_id);
"""

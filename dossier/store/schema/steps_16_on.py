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


# Pages read by OCR (screenshots, scans, PDF pages without a text layer): where each page's text
# stands in its article, the picture it was read from (in `attachments`, stored once by sha256,
# and listed in `article_files` with the role 'page' so it goes with its last article), the
# engine and languages it was read with, and its words as JSON
# [[start, end, left, top, width, height, confidence], …]: article offsets and pixel boxes.
_V17_OCR_PAGES = """
CREATE TABLE ocr_pages (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    of_pages INTEGER NOT NULL DEFAULT 0,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    engine TEXT NOT NULL,
    languages TEXT NOT NULL,
    confidence REAL,
    words TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (article_id, page)
);
"""


# Telegram messages say more of where they came from: the forwarded outlet's Telegram id ("channel1001",
# which stays when the outlet is renamed) and where the message's words link ([[start, end, url], …]
# as JSON: offsets into the article's text, which keeps the words and never the address).
_V18_PROVENANCE_LINKS = """
ALTER TABLE provenance ADD COLUMN forwarded_from_id TEXT;
ALTER TABLE provenance ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
CREATE INDEX provenance_forwarded_from_id ON provenance (forwarded_from_id) WHERE forwarded_from_id IS NOT NULL;
"""

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


# Where the analyst put a place entity on the map, or that it is not on the map ("the front");
# positions found in the gazetteer are not stored (they are found again), only these decisions.
# Degrees WGS84; a merge of entities keeps the target's decision, else the source's.
_V18_PLACE_POSITIONS = """
CREATE TABLE place_positions (
    entity_id INTEGER PRIMARY KEY REFERENCES entities (id) ON DELETE CASCADE,
    latitude REAL CHECK (latitude BETWEEN -90 AND 90),
    longitude REAL CHECK (longitude BETWEEN -180 AND 180),
    off_map INTEGER NOT NULL DEFAULT 0 CHECK (off_map IN (0, 1)),
    author TEXT NOT NULL DEFAULT '',
    set_at TEXT,
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (off_map = 1 OR latitude IS NOT NULL)
);
"""

# Screening: watchlists of names (each with its kind, aliases written "a|b", and a note), the places
# articles name them (`watch_hits`: offsets of the words matched, the surface and the sentence
# around it, kept whole so the panel and `dossier hits` show it without reading the article), and
# what the analyst made of each: 'new', 'seen', or 'dismissed' ("not this person", remembered: a
# re-screen never brings that passage back for that name). Saved searches remember the last
# article whose results the analyst saw, so each can say how many of its results are new.
_V19_SCREENING = """
CREATE TABLE watchlists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
CREATE TABLE watch_names (
    id INTEGER PRIMARY KEY,
    list_id INTEGER NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'person',
    aliases TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (list_id, name)
);
CREATE TABLE watch_hits (
    id INTEGER PRIMARY KEY,
    name_id INTEGER NOT NULL REFERENCES watch_names (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    surface TEXT NOT NULL,
    passage TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'seen', 'dismissed')),
    found TEXT NOT NULL,
    UNIQUE (name_id, article_id, start)
);
CREATE INDEX watch_hits_article ON watch_hits (article_id);
CREATE INDEX watch_hits_state ON watch_hits (state);
CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY,
    query TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    seen_through INTEGER NOT NULL DEFAULT 0
);
"""

# Telegram messages say more of where they came from: the forwarded outlet's Telegram id ("channel1001",
# which stays when the outlet is renamed) and where the message's words link ([[start, end, url], …]
# as JSON: offsets into the article's text, which keeps the words and never the address).
_V20_PROVENANCE_LINKS = """
ALTER TABLE provenance ADD COLUMN forwarded_from_id TEXT;
ALTER TABLE provenance ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
CREATE INDEX provenance_forwarded_from_id ON provenance (forwarded_from_id) WHERE forwarded_from_id IS NOT NULL;
"""

"""The dossier file's schema as append-only migration steps.

`PRAGMA user_version` is the number of steps applied, and alone decides whether this app can
open a file. Never edit a released step: add a new one. Each step runs in one transaction with
foreign keys off (so a step may rebuild a table, e.g. with sqlite-utils' `transform()`), and the
runner checks `PRAGMA foreign_key_check` before committing. A step that uses sqlite-utils must
not use `with conn:` blocks: they would commit the runner's transaction half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import NamedTuple

from dossier.core.vocabulary import (
    ANCHOR_STATES,
    ANNOTATION_KINDS,
    CLAIM_STATUSES,
    ENTITY_KINDS,
    EVENT_PRECISIONS,
    EVIDENCE_RELATIONS,
    ORIGINS,
    PROVENANCE_KINDS,
    PUBLISHED_PRECISIONS,
)

# "Doss" in the SQLite header: tells a dossier from any other SQLite database.
APPLICATION_ID = 0x446F7373


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"CHECK ({column} IN ({quoted}))"


_V1_TABLES = f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    reliability TEXT CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    rationale TEXT NOT NULL DEFAULT ''
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    published_precision TEXT NOT NULL DEFAULT 'unknown'
        {_one_of("published_precision", PUBLISHED_PRECISIONS)},
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    language TEXT,
    original_name TEXT
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source ON articles (source COLLATE NOCASE);
CREATE INDEX articles_title ON articles (title COLLATE NOCASE);
-- The source text is evidence: nothing may change it once stored.
CREATE TRIGGER articles_text_immutable BEFORE UPDATE OF text, sha256 ON articles
WHEN NEW.text IS NOT OLD.text OR NEW.sha256 IS NOT OLD.sha256
BEGIN
    SELECT RAISE(ABORT, 'article text is immutable');
END;
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL {_one_of("kind", ENTITY_KINDS)},
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);
CREATE TABLE aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX aliases_alias ON aliases (alias COLLATE NOCASE);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    surface TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'auto' {_one_of("origin", ORIGINS)},
    CHECK (0 <= start_offset AND start_offset < end_offset)
);
CREATE INDEX mentions_article ON mentions (article_id, start_offset);
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    title TEXT NOT NULL,
    date_text TEXT NOT NULL,
    earliest TEXT,
    latest TEXT,
    precision TEXT NOT NULL {_one_of("precision", EVENT_PRECISIONS)},
    origin TEXT NOT NULL DEFAULT 'auto' {_one_of("origin", ORIGINS)},
    CHECK (0 <= start_offset AND start_offset <= end_offset),
    CHECK (earliest IS NULL OR latest IS NULL OR earliest <= latest)
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_earliest ON events (earliest);
CREATE TABLE event_entities (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, entity_id)
);
CREATE INDEX event_entities_entity ON event_entities (entity_id);
CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL {_one_of("kind", ANNOTATION_KINDS)},
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    anchor_state TEXT NOT NULL DEFAULT 'anchored' {_one_of("anchor_state", ANCHOR_STATES)},
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    CHECK (0 <= start_offset AND start_offset < end_offset)
);
CREATE INDEX annotations_article ON annotations (article_id, start_offset);
CREATE TABLE claims (
    annotation_id INTEGER PRIMARY KEY REFERENCES annotations (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'unverified' {_one_of("status", CLAIM_STATUSES)},
    reliability TEXT CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    credibility INTEGER CHECK (credibility BETWEEN 1 AND 6),
    rationale TEXT NOT NULL DEFAULT ''
);
CREATE TABLE evidence (
    claim_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    relation TEXT NOT NULL {_one_of("relation", EVIDENCE_RELATIONS)},
    PRIMARY KEY (claim_id, annotation_id),
    CHECK (claim_id <> annotation_id)
);
CREATE INDEX evidence_annotation ON evidence (annotation_id);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    parent_id INTEGER REFERENCES tags (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX tags_unique_name ON tags (ifnull(parent_id, 0), name COLLATE NOCASE);
CREATE TABLE annotation_tags (
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (annotation_id, tag_id)
);
CREATE INDEX annotation_tags_tag ON annotation_tags (tag_id);
"""

# Full-text search over article title/text and annotation quote/note. External-content FTS5
# tables hold only the index; triggers keep them in step with every write, so no code path can
# forget to. remove_diacritics lets "Kelbecer" find "Kəlbəcər".
_V2_SEARCH = """
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', OLD.id, OLD.title, OLD.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', OLD.id, OLD.title, OLD.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
END;
CREATE VIRTUAL TABLE annotations_fts USING fts5 (
    exact, note, content='annotations', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
    INSERT INTO annotations_fts (rowid, exact, note) VALUES (NEW.id, NEW.exact, NEW.note);
END;
CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
    INSERT INTO annotations_fts (annotations_fts, rowid, exact, note)
    VALUES ('delete', OLD.id, OLD.exact, OLD.note);
END;
CREATE TRIGGER annotations_fts_update AFTER UPDATE OF exact, note ON annotations BEGIN
    INSERT INTO annotations_fts (annotations_fts, rowid, exact, note)
    VALUES ('delete', OLD.id, OLD.exact, OLD.note);
    INSERT INTO annotations_fts (rowid, exact, note) VALUES (NEW.id, NEW.exact, NEW.note);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
INSERT INTO annotations_fts (annotations_fts) VALUES ('rebuild');
"""


# What the user has told us is wrong, so that re-extraction never brings it back: names that
# are "not an entity", and single mentions removed by hand.
_V3_REJECTIONS = """
CREATE TABLE rejected_names (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    rejected_at TEXT NOT NULL
);
CREATE TABLE rejected_mentions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    surface TEXT NOT NULL,
    PRIMARY KEY (article_id, start_offset, end_offset)
);
"""


# Each entity's number of mentions, kept by triggers: the sidebar shows counts for every entity
# as a dossier opens, and counting 2 million mentions there took 150 ms of a 1 s budget.
_V4_MENTION_COUNTS = """
ALTER TABLE entities ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET mention_count = (SELECT count(*) FROM mentions WHERE entity_id = entities.id);
CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions BEGIN
    UPDATE entities SET mention_count = mention_count + 1 WHERE id = NEW.entity_id;
END;
CREATE TRIGGER mentions_count_delete AFTER DELETE ON mentions BEGIN
    UPDATE entities SET mention_count = mention_count - 1 WHERE id = OLD.entity_id;
END;
CREATE TRIGGER mentions_count_move AFTER UPDATE OF entity_id ON mentions
WHEN NEW.entity_id IS NOT OLD.entity_id
BEGIN
    UPDATE entities SET mention_count = mention_count - 1 WHERE id = OLD.entity_id;
    UPDATE entities SET mention_count = mention_count + 1 WHERE id = NEW.entity_id;
END;
"""


# The file each article was imported from, byte for byte: provenance, and a way to re-read
# it if a reader improves. Kept apart from articles so listing articles never reads them.
_V5_ORIGINALS = """
CREATE TABLE originals (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    file_name TEXT,
    content BLOB NOT NULL
);
"""


# Annotations read from W3C Web Annotation files, by the id they had there: importing the same
# file again adds nothing.
_V6_ANNOTATION_IMPORTS = """
CREATE TABLE annotation_imports (
    external_id TEXT PRIMARY KEY,
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE
);
"""


# Automatic events the user deleted: re-extraction never brings them back.
_V7_REJECTED_EVENTS = """
CREATE TABLE rejected_events (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    date_text TEXT NOT NULL,
    PRIMARY KEY (article_id, start_offset, end_offset, date_text)
);
"""


# Search finds annotations by their quote, note, a claim's rationale and their tags' names. The
# index keeps its own copy of those words (an index "over" the annotations table alone could not
# hold the rationale and the tag names), kept in step by triggers on the four tables they come from.
_TAGS_OF = "ifnull((SELECT group_concat(t.name, ' · ') FROM annotation_tags x JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = {id}), '')"
_V8_ANNOTATION_SEARCH = f"""
DROP TRIGGER annotations_fts_insert;
DROP TRIGGER annotations_fts_delete;
DROP TRIGGER annotations_fts_update;
DROP TABLE annotations_fts;
CREATE VIRTUAL TABLE annotations_fts USING fts5 (
    exact, note, rationale, tags, tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO annotations_fts (rowid, exact, note, rationale, tags)
SELECT a.id, a.exact, a.note, ifnull(c.rationale, ''), {_TAGS_OF.format(id="a.id")}
FROM annotations a LEFT JOIN claims c ON c.annotation_id = a.id;
CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
    INSERT INTO annotations_fts (rowid, exact, note, rationale, tags) VALUES (NEW.id, NEW.exact, NEW.note, '', '');
END;
CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
    DELETE FROM annotations_fts WHERE rowid = OLD.id;
END;
CREATE TRIGGER annotations_fts_update AFTER UPDATE OF exact, note ON annotations BEGIN
    UPDATE annotations_fts SET exact = NEW.exact, note = NEW.note WHERE rowid = NEW.id;
END;
CREATE TRIGGER annotations_fts_claim_insert AFTER INSERT ON claims BEGIN
    UPDATE annotations_fts SET rationale = NEW.rationale WHERE rowid = NEW.annotation_id;
END;
CREATE TRIGGER annotations_fts_claim_update AFTER UPDATE OF rationale ON claims BEGIN
    UPDATE annotations_fts SET rationale = NEW.rationale WHERE rowid = NEW.annotation_id;
END;
CREATE TRIGGER annotations_fts_claim_delete AFTER DELETE ON claims BEGIN
    UPDATE annotations_fts SET rationale = '' WHERE rowid = OLD.annotation_id;
END;
CREATE TRIGGER annotations_fts_tagged AFTER INSERT ON annotation_tags BEGIN
    UPDATE annotations_fts SET tags = {_TAGS_OF.format(id="NEW.annotation_id")} WHERE rowid = NEW.annotation_id;
END;
CREATE TRIGGER annotations_fts_untagged AFTER DELETE ON annotation_tags BEGIN
    UPDATE annotations_fts SET tags = {_TAGS_OF.format(id="OLD.annotation_id")} WHERE rowid = OLD.annotation_id;
END;
CREATE TRIGGER annotations_fts_tag_renamed AFTER UPDATE OF name ON tags BEGIN
    UPDATE annotations_fts SET tags = {_TAGS_OF.format(id="annotations_fts.rowid")}
    WHERE rowid IN (SELECT annotation_id FROM annotation_tags WHERE tag_id = NEW.id);
END;
"""


# Claims across sources. An article may repeat what other outlets said (the sample quotes Reuters
# and Interfax): its passages are then not independent of theirs. Sentences are stored as spans
# (their text stays in `articles.text`) and indexed for related-passage search, with English
# stemming ("withdrawal" meets "withdraw"); the index keeps no copy of the text, so a deletion
# hands it the words to remove, read from the article while it still exists.
_V9_CLAIMS_ACROSS_SOURCES = """
CREATE TABLE article_reports (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    PRIMARY KEY (article_id, outlet)
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    CHECK (0 <= start_offset AND start_offset < end_offset)
);
CREATE INDEX sentences_article ON sentences (article_id, start_offset);
CREATE VIRTUAL TABLE sentences_fts USING fts5 (
    text, content='', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts (rowid, text)
    SELECT NEW.id, substr(a.text, NEW.start_offset + 1, NEW.end_offset - NEW.start_offset)
    FROM articles a WHERE a.id = NEW.article_id;
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences
WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id)
BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text)
    SELECT 'delete', OLD.id, substr(a.text, OLD.start_offset + 1, OLD.end_offset - OLD.start_offset)
    FROM articles a WHERE a.id = OLD.article_id;
END;
CREATE TRIGGER sentences_fts_article_delete BEFORE DELETE ON articles BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text)
    SELECT 'delete', s.id, substr(OLD.text, s.start_offset + 1, s.end_offset - s.start_offset)
    FROM sentences s WHERE s.article_id = OLD.id;
END;
"""


# Analysis of competing hypotheses: the hypotheses, the annotations chosen as its evidence rows,
# and the rating of each row against each hypothesis (core.ach scores them).
_V11_HYPOTHESES = """
CREATE TABLE hypotheses (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE ach_rows (
    id INTEGER PRIMARY KEY,
    annotation_id INTEGER NOT NULL UNIQUE REFERENCES annotations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL
);
CREATE TABLE ach_ratings (
    row_id INTEGER NOT NULL REFERENCES ach_rows (id) ON DELETE CASCADE,
    hypothesis_id INTEGER NOT NULL REFERENCES hypotheses (id) ON DELETE CASCADE,
    rating TEXT NOT NULL CHECK (rating IN ('CC', 'C', 'N', 'I', 'II', 'NA')),
    PRIMARY KEY (row_id, hypothesis_id)
);
CREATE INDEX ach_ratings_hypothesis ON ach_ratings (hypothesis_id);
"""


# Who wrote what: the analyst name of the app that made each annotation, claim assessment,
# evidence link and hypothesis rating, and when. "" (and no time) for rows made before this
# step: the file never said, and guessing the present user would be wrong for a merged file.
_V12_AUTHORSHIP = """
ALTER TABLE annotations ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN assessed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN assessed_at TEXT;
ALTER TABLE evidence ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN created TEXT;
ALTER TABLE ach_ratings ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE ach_ratings ADD COLUMN rated_at TEXT;
"""


# Merging another analyst's dossier, and two captures of one story. `quoted_as` keeps the quote
# as first written when an annotation moved onto another capture of its article (its `exact` is
# re-cut from the text it now stands on). A conflict is another analyst's assessment of a
# passage this dossier assessed differently, kept whole until the user chooses. A capture is
# the text and original file of an article joined into another as the same story. Story keys
# (core.stories) find such pairs; `distinct_stories` are pairs the user said are not one.
_V13_TEAMS = f"""
ALTER TABLE annotations ADD COLUMN quoted_as TEXT;
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    status TEXT NOT NULL {_one_of("status", CLAIM_STATUSES)},
    reliability TEXT CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    credibility INTEGER CHECK (credibility BETWEEN 1 AND 6),
    rationale TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    assessed_by TEXT NOT NULL DEFAULT '',
    assessed_at TEXT,
    created TEXT,
    merged_from TEXT NOT NULL,
    found_at TEXT NOT NULL
);
CREATE INDEX conflicts_annotation ON conflicts (annotation_id);
CREATE TABLE captures (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    published_precision TEXT NOT NULL DEFAULT 'unknown',
    language TEXT,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    file_name TEXT,
    content BLOB,
    joined_at TEXT NOT NULL
);
CREATE INDEX captures_article ON captures (article_id);
CREATE TABLE story_keys (
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
);
CREATE INDEX story_keys_article ON story_keys (article_id);
CREATE TABLE distinct_stories (
    first_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    second_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (first_id, second_id),
    CHECK (first_id < second_id)
);
"""


# The sentence index without triggers: each kept it in step by reading its article's text again
# and walking it with substr, per sentence, which made storing or deleting a long article
# quadratic in its length (a 4 MB report took two minutes). The store keeps it instead, cutting
# each article's sentences once (store/sentence_index.py).
_V14_SENTENCE_INDEX = """
DROP TRIGGER sentences_fts_insert;
DROP TRIGGER sentences_fts_delete;
DROP TRIGGER sentences_fts_article_delete;
"""


def _teams(conn: sqlite3.Connection) -> None:
    from dossier.core.stories import story_keys

    _script(_V13_TEAMS)(conn)
    for article_id, text in conn.execute("SELECT id, text FROM articles ORDER BY id").fetchall():
        conn.executemany("INSERT INTO story_keys (key, article_id) VALUES (?, ?)",
                         [(key, article_id) for key in story_keys(text)])


def _claims_across_sources(conn: sqlite3.Connection) -> None:
    from dossier.core.sentences import sentence_spans

    _script(_V9_CLAIMS_ACROSS_SOURCES)(conn)
    for article_id, text in conn.execute("SELECT id, text FROM articles ORDER BY id").fetchall():
        conn.executemany("INSERT INTO sentences (article_id, start_offset, end_offset) VALUES (?, ?, ?)",
                         [(article_id, start, end) for start, end in sentence_spans(text)])


# Where an article came from when its file held many: a Telegram export (one article per message)
# or a web archive (one per archived page). `identity` names the message or capture for good
# ("telegram:<chat id>:<message id>", "warc:<record id>"), so importing it again adds nothing;
# one article may have several (the same page captured twice). `capture_id` is set when the
# text came in as another capture of the article. Attachments (a message's photos and files)
# are stored once by their sha256, however many messages carry them.
_V15_PROVENANCE = f"""
CREATE TABLE provenance (
    identity TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    capture_id INTEGER REFERENCES captures (id) ON DELETE SET NULL,
    kind TEXT NOT NULL {_one_of("kind", PROVENANCE_KINDS)},
    collection TEXT NOT NULL DEFAULT '',
    item TEXT NOT NULL DEFAULT '',
    posted_at TEXT,
    author TEXT,
    forwarded_from TEXT,
    reply_to TEXT,
    edited_at TEXT,
    target_url TEXT,
    captured_at TEXT,
    digest TEXT,
    archive TEXT
);
CREATE INDEX provenance_article ON provenance (article_id);
CREATE INDEX provenance_target ON provenance (target_url) WHERE target_url IS NOT NULL;
CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY,
    content BLOB NOT NULL,
    media_type TEXT
);
CREATE TABLE article_files (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'file',
    sha256 TEXT NOT NULL REFERENCES attachments (sha256),
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_files_sha256 ON article_files (sha256);
-- An attachment no article carries any more goes with the last one.
CREATE TRIGGER attachments_unused AFTER DELETE ON article_files
WHEN NOT EXISTS (SELECT 1 FROM article_files WHERE sha256 = OLD.sha256)
BEGIN
    DELETE FROM attachments WHERE sha256 = OLD.sha256;
END;
"""


# Pages read by OCR (screenshots, scans, PDF pages without a text layer): where each page's text
# stands in its article, the picture it was read from (in `attachments`, stored once by sha256,
# and listed in `article_files` with the role 'page' so it goes with its last article), the
# engine and languages it was read with, and its words as JSON
# [[start, end, left, top, width, height, confidence], …]: article offsets and pixel boxes.
_V16_OCR_PAGES = """
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


def _create_tables(conn: sqlite3.Connection) -> None:
    _script(_V1_TABLES)(conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, entities, events, annotations, claims, tags, sources", _create_tables),
    Migration(2, "full-text search over articles and annotations", _script(_V2_SEARCH)),
    Migration(3, "names and mentions the user rejected", _script(_V3_REJECTIONS)),
    Migration(4, "mention counts kept by triggers", _script(_V4_MENTION_COUNTS)),
    Migration(5, "the original file of each article", _script(_V5_ORIGINALS)),
    Migration(6, "ids of annotations imported from Web Annotation files", _script(_V6_ANNOTATION_IMPORTS)),
    Migration(7, "automatic events the user deleted", _script(_V7_REJECTED_EVENTS)),
    Migration(8, "search over notes, rationales and tag names", _script(_V8_ANNOTATION_SEARCH)),
    Migration(9, "outlets an article repeats; sentences, indexed", _claims_across_sources),
    # The list filters and sorts by language; at 100,000 articles a scan would be felt.
    Migration(10, "articles by language", _script("CREATE INDEX articles_language ON articles (language);")),
    Migration(11, "competing hypotheses: hypotheses, evidence rows and ratings", _script(_V11_HYPOTHESES)),
    Migration(12, "who made each annotation, assessment, evidence link and rating, and when",
              _script(_V12_AUTHORSHIP)),
    Migration(13, "merging dossiers: conflicts, captures of one story, story keys", _teams),
    Migration(14, "the sentence index kept by the store, at a cost linear in an article's length",
              _script(_V14_SENTENCE_INDEX)),
    Migration(15, "where each message or archived page came from; attachments stored once",
              _script(_V15_PROVENANCE)),
    Migration(16, "pages read by OCR: their pictures, languages, confidence and word boxes",
              _script(_V16_OCR_PAGES)),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

# Columns that triggers keep in step with other tables. The undo journal leaves them out: replaying
# the rows they count makes the triggers derive them again.
DERIVED_COLUMNS = {"entities": ("mention_count",)}

# The tables of the public format, in the order `dossier info` reports them.
PUBLIC_TABLES = (
    "meta", "sources", "articles", "entities", "aliases", "mentions", "events", "event_entities",
    "annotations", "claims", "evidence", "tags", "annotation_tags", "rejected_names",
    "rejected_mentions", "originals", "annotation_imports", "rejected_events", "article_reports", "sentences",
    "hypotheses", "ach_rows", "ach_ratings", "conflicts", "captures", "story_keys", "distinct_stories",
    "provenance", "attachments", "article_files", "ocr_pages",
)

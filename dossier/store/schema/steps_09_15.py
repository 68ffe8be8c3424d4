"""Migration steps 9 to 15, as released: sentences and outlets repeated, competing hypotheses,
authorship, teams, the store-kept sentence index, provenance and attachments.
Released SQL: never edited (add a step instead)."""

from __future__ import annotations

import sqlite3

from dossier.core.vocabulary import (
    CLAIM_STATUSES,
    PROVENANCE_KINDS,
)
from dossier.store.schema.runner import _script
from dossier.store.schema.steps_01_08 import _one_of

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
# and the rating of each row against each hypothesis (analysis.ach scores them).
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
    from dossier.core.stories import story_keys  # lazy: this migration step only

    _script(_V13_TEAMS)(conn)
    for article_id, text in conn.execute("SELECT id, text FROM articles ORDER BY id").fetchall():
        conn.executemany("INSERT INTO story_keys (key, article_id) VALUES (?, ?)",
                         [(key, article_id) for key in story_keys(text)])


def _claims_across_sources(conn: sqlite3.Connection) -> None:
    from dossier.core.sentences import sentence_spans  # lazy: this migration step only

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

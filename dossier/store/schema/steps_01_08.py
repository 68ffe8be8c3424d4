"""Migration steps 1 to 8, as released: the tables of the first format, search, rejections,
mention counts, originals, imported annotations' ids, rejected events, annotation search.
Released SQL: never edited (add a step instead)."""

from __future__ import annotations

from dossier.core.vocabulary import (
    ANCHOR_STATES,
    ANNOTATION_KINDS,
    CLAIM_STATUSES,
    ENTITY_KINDS,
    EVENT_PRECISIONS,
    EVIDENCE_RELATIONS,
    ORIGINS,
    PUBLISHED_PRECISIONS,
)


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

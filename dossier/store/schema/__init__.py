"""The dossier file's schema as append-only migration steps.

`PRAGMA user_version` is the number of steps applied, and alone decides whether this app can
open a file. Never edit a released step: add a new one. Each step runs in one transaction with
foreign keys off (so a step may rebuild a table, e.g. with sqlite-utils' `transform()`), and the
runner checks `PRAGMA foreign_key_check` before committing. A step that uses sqlite-utils must
not use `with conn:` blocks: they would commit the runner's transaction half-way.
"""

from __future__ import annotations

import sqlite3

from dossier.store.schema.runner import Migration, _script, _statements
from dossier.store.schema.steps_01_08 import (
    _V1_TABLES,
    _V2_SEARCH,
    _V3_REJECTIONS,
    _V4_MENTION_COUNTS,
    _V5_ORIGINALS,
    _V6_ANNOTATION_IMPORTS,
    _V7_REJECTED_EVENTS,
    _V8_ANNOTATION_SEARCH,
)
from dossier.store.schema.steps_09_15 import (
    _V11_HYPOTHESES,
    _V12_AUTHORSHIP,
    _V14_SENTENCE_INDEX,
    _V15_PROVENANCE,
    _claims_across_sources,
    _teams,
)
from dossier.store.schema.steps_16_on import (
    _V16_COPIES,
    _V17_OCR_PAGES,
    _V18_PLACE_POSITIONS,
    _V19_SCREENING,
    _V20_PROVENANCE_LINKS,
)

__all__ = [
    "APPLICATION_ID",
    "DERIVED_COLUMNS",
    "MIGRATIONS",
    "PUBLIC_TABLES",
    "SCHEMA_VERSION",
    "Migration",
    "_statements",
]

# "Doss" in the SQLite header: tells a dossier from any other SQLite database.
APPLICATION_ID = 0x446F7373


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
    Migration(16, "copies of one story: each copy's origin and the analyst's decisions", _script(_V16_COPIES)),
    Migration(17, "pages read by OCR: their pictures, languages, confidence and word boxes",
              _script(_V17_OCR_PAGES)),
    Migration(18, "where the analyst put a place on the map, or that it is not on it", _script(_V18_PLACE_POSITIONS)),
    Migration(19, "screening: watchlists, their hits and what the analyst made of them; saved searches",
              _script(_V19_SCREENING)),
    Migration(20, "a forwarded message's outlet id, and the addresses its words link to",
              _script(_V20_PROVENANCE_LINKS)),
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
    "provenance", "attachments", "article_files", "copy_of", "copy_decisions",
    "ocr_pages", "place_positions", "watchlists", "watch_names", "watch_hits", "saved_searches",
)

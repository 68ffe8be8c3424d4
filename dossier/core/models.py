"""Records the store returns and takes: plain data, no database or Qt references.

Named tuples rather than dataclasses: they are as readable and immutable, and the two dozen of
them cost a tenth of the start-up time (dataclasses compile code for every class at import).
"""

from __future__ import annotations

from typing import NamedTuple


def publication_day(published: str | None, precision: str) -> str | None:
    """The day relative dates ("yesterday", "last Tuesday") count from: the published date, when
    it is known to the day. The one rule for import, re-resolution and events made by hand."""
    return published[:10] if published and precision == "day" else None


class Article(NamedTuple):
    id: int
    title: str
    source: str | None
    url: str | None
    published: str | None
    published_precision: str
    text: str
    sha256: str
    imported_at: str
    language: str | None = None
    original_name: str | None = None

    @property
    def publication_day(self) -> str | None:
        return publication_day(self.published, self.published_precision)


class ArticleSummary(NamedTuple):
    """One row of the article list: everything but the text."""

    id: int
    title: str
    source: str | None
    published: str | None
    published_precision: str
    language: str | None = None


class NewArticle(NamedTuple):
    """An article about to be stored; the store computes sha256 and imported_at."""

    title: str
    text: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_precision: str = "unknown"
    language: str | None = None
    original_name: str | None = None


class Source(NamedTuple):
    id: int
    name: str
    reliability: str | None
    rationale: str


class Entity(NamedTuple):
    id: int
    name: str
    kind: str
    notes: str = ""
    aliases: tuple[str, ...] = ()


class Mention(NamedTuple):
    id: int
    article_id: int
    entity_id: int
    start: int
    end: int
    surface: str
    origin: str


class NewMention(NamedTuple):
    article_id: int
    entity_id: int
    start: int
    end: int
    surface: str
    origin: str = "auto"


class NewEvent(NamedTuple):
    article_id: int
    start: int
    end: int
    title: str
    date_text: str
    earliest: str | None
    latest: str | None
    precision: str
    origin: str = "auto"
    entity_ids: tuple[int, ...] = ()


class EntityRow(NamedTuple):
    """One row of the entity sidebar."""

    id: int
    name: str
    kind: str
    mentions: int
    aliases: tuple[str, ...] = ()


class MentionContext(NamedTuple):
    """A mention with a little text around it, for the sidebar's list."""

    mention_id: int
    article_id: int
    article_title: str
    start: int
    end: int
    before: str
    surface: str
    after: str


class MentionMark(NamedTuple):
    """What the article pane needs to underline a mention."""

    mention_id: int
    entity_id: int
    start: int
    end: int
    kind: str


class Event(NamedTuple):
    id: int
    article_id: int
    start: int
    end: int
    title: str
    date_text: str
    earliest: str | None
    latest: str | None
    precision: str
    origin: str
    entity_ids: tuple[int, ...] = ()


class FuzzyDate(NamedTuple):
    """A date as precisely as the words give it: the inclusive ISO range they can mean (None
    when they can't be resolved, e.g. "yesterday" in an undated article), and the words."""

    earliest: str | None
    latest: str | None
    precision: str
    text: str


class Claim(NamedTuple):
    status: str = "unverified"
    reliability: str | None = None
    credibility: int | None = None
    rationale: str = ""


class Made(NamedTuple):
    """Who made an annotation and when, and who last assessed it (a claim) and when: the store's
    own author and clock for an edit made here, the original's for one brought in (a merge, a
    Web Annotation file)."""

    author: str
    created: str
    modified: str
    assessed_by: str = ""
    assessed_at: str | None = None


class Annotation(NamedTuple):
    id: int
    article_id: int
    kind: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str
    anchor_state: str
    created: str
    modified: str
    claim: Claim | None = None
    tag_ids: tuple[int, ...] = ()
    # Who made it and who last assessed it (a claim), as the analyst name of the app that wrote
    # it: "" where the file did not record it (made before authorship was kept, schema 12).
    author: str = ""
    assessed_by: str = ""
    assessed_at: str | None = None
    # The quote as first written, when the annotation was moved onto another capture of its
    # article whose typography differs: `exact` is re-cut from the text it now stands on.
    quoted_as: str | None = None


class Tag(NamedTuple):
    id: int
    name: str
    color: str
    parent_id: int | None


class EvidenceLink(NamedTuple):
    claim_id: int
    annotation_id: int
    relation: str
    author: str = ""
    created: str | None = None


# Marks around matched terms in search snippets: private-use characters, which never occur in
# article text and can't be mistaken for markup when the snippet is shown as plain text.
MATCH_START = "\ue000"
MATCH_END = "\ue001"


class SearchHit(NamedTuple):
    article_id: int
    title: str
    source: str | None
    published: str | None
    snippet: str
    rank: float

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for plain-text display with emphasis."""
        parts: list[tuple[str, bool]] = []
        rest = self.snippet
        while rest:
            before, sep, after = rest.partition(MATCH_START)
            if before:
                parts.append((before, False))
            if not sep:
                break
            match, _, rest = after.partition(MATCH_END)
            parts.append((match, True))
        return parts


class AnnotationHit(NamedTuple):
    annotation_id: int
    article_id: int
    kind: str
    exact: str
    note: str
    rank: float
    where: str = "quote"  # where the words were found: quote, note, rationale or tags
    snippet: str = ""  # those words in context, matches between MATCH_START and MATCH_END
    article_title: str = ""

    def snippet_parts(self) -> list[tuple[str, bool]]:
        return SearchHit(0, "", None, None, self.snippet, 0.0).snippet_parts()


class DossierInfo(NamedTuple):
    """What `dossier info` reports."""

    schema_version: int
    counts: dict[str, int]
    integrity: str = "ok"
    left_out: str | None = None  # a shared copy: what was left out of it, and when

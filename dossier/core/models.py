"""Dataclasses the store returns and takes: plain data, no database or Qt references."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
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


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the article list: everything but the text."""

    id: int
    title: str
    source: str | None
    published: str | None
    published_precision: str


@dataclass(frozen=True)
class NewArticle:
    """An article about to be stored; the store computes sha256 and imported_at."""

    title: str
    text: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_precision: str = "unknown"
    language: str | None = None
    original_name: str | None = None


@dataclass(frozen=True)
class Source:
    id: int
    name: str
    reliability: str | None
    rationale: str


@dataclass(frozen=True)
class Entity:
    id: int
    name: str
    kind: str
    notes: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    id: int
    article_id: int
    entity_id: int
    start: int
    end: int
    surface: str
    origin: str


@dataclass(frozen=True)
class NewMention:
    article_id: int
    entity_id: int
    start: int
    end: int
    surface: str
    origin: str = "auto"

@dataclass(frozen=True)
class NewEvent:
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

@dataclass(frozen=True)
class EntityRow:
    """One row of the entity sidebar."""

    id: int
    name: str
    kind: str
    mentions: int
    aliases: tuple[str, ...] = ()

@dataclass(frozen=True)
class MentionContext:
    """A mention with a little text around it, for the sidebar's list."""

    mention_id: int
    article_id: int
    article_title: str
    start: int
    end: int
    before: str
    surface: str
    after: str

@dataclass(frozen=True)
class MentionMark:
    """What the article pane needs to underline a mention."""

    mention_id: int
    entity_id: int
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Event:
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


@dataclass(frozen=True)
class FuzzyDate:
    """A date as precisely as the words give it: the inclusive ISO range they can mean (None
    when they can't be resolved, e.g. "yesterday" in an undated article), and the words."""

    earliest: str | None
    latest: str | None
    precision: str
    text: str


@dataclass(frozen=True)
class Claim:
    status: str = "unverified"
    reliability: str | None = None
    credibility: int | None = None
    rationale: str = ""


@dataclass(frozen=True)
class Annotation:
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


@dataclass(frozen=True)
class Tag:
    id: int
    name: str
    color: str
    parent_id: int | None


@dataclass(frozen=True)
class EvidenceLink:
    claim_id: int
    annotation_id: int
    relation: str


# Marks around matched terms in search snippets: private-use characters, which never occur in
# article text and can't be mistaken for markup when the snippet is shown as plain text.
MATCH_START = "\ue000"
MATCH_END = "\ue001"


@dataclass(frozen=True)
class SearchHit:
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


@dataclass(frozen=True)
class AnnotationHit:
    annotation_id: int
    article_id: int
    kind: str
    exact: str
    note: str
    rank: float


@dataclass(frozen=True)
class DossierInfo:
    """What `dossier info` reports."""

    schema_version: int
    counts: dict[str, int] = field(default_factory=dict)
    integrity: str = "ok"

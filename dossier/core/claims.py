"""A claim as the store fetches it for analysis: its article, grade, tags and entities, and each
passage linked to it as evidence with what independence needs to know of that passage's article.
analysis.corroboration counts the evidence by independent source."""

from __future__ import annotations

import re
from typing import NamedTuple

from dossier.core.grading import Grade
from dossier.core.models import Annotation

# Related passages: the sentences fetched per word query, and the most ranked on by their score.
RELATED_CANDIDATES = 200
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)  # a word that may say what a sentence is about


class EvidenceLink(NamedTuple):
    """One passage linked to a claim."""

    annotation_id: int
    relation: str  # supports | contradicts | context
    article_id: int
    article_title: str
    outlet: str | None
    exact: str
    reports: tuple[str, ...]  # outlets whose reporting that article repeats
    reliability: str | None  # its outlet's grade
    author: str = ""  # who linked it ("" where the file did not record it)
    origins: tuple[str, ...] = ()  # keys of the story it is a copy of ("article:12", the wire "reuters")
    origin_name: str = ""  # how that origin is named ("Reuters"), "" when it is not a copy


class ClaimFacts(NamedTuple):
    """One claim with everything the claims board shows of it, before its evidence is counted."""

    annotation: Annotation
    article_title: str
    outlet: str | None
    reports: tuple[str, ...]  # outlets whose reporting the claim's article repeats
    published: str | None
    published_precision: str
    grade: Grade
    evidence: tuple[EvidenceLink, ...]
    entities: tuple[str, ...]
    tags: tuple[str, ...]
    origins: tuple[str, ...] = ()  # keys of the story the claim's article is a copy of


class RelatedSentence(NamedTuple):
    """A sentence of another article that may bear on a claim."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    article_title: str
    outlet: str | None


class RelatedFacts(NamedTuple):
    """What the store finds for a claim's related passages; analysis.related ranks it (the words
    the best share, the store's text_stems says)."""

    claim_hits: tuple[tuple[int, float], ...]  # (sentence id, bm25) for the claim's own words, best first
    context_hits: tuple[tuple[int, float], ...]  # the same for the words around the claim
    searched: dict[str, str]  # stem searched for: the word as the claim has it
    names: dict[int, list[str]]  # sentence id: the claim's rarer entities it names
    sentences: dict[int, RelatedSentence]  # every sentence above
    same_days: frozenset[int]  # sentences dated within the days the claim's sentence dates
    linked: tuple[tuple[int, int, int, str], ...]  # (article id, start, end, relation) of its evidence

"""How far other, independent sources bear a claim out, and the credibility that suggests.

Two passages come from independent sources when their outlets differ (ignoring case in any
script) and neither article is marked as reporting what the other's outlet said. Evidence from
the claim's own article, from its own outlet, from an article without an outlet, or from an
article that repeats the claim's outlet (or that the claim's article repeats) is listed but not
counted. Sources are counted, not passages: three passages from Reuters are one source, and an
outlet repeating another's report is one source with it. So are copies of one story (a wire
story carried by several outlets, analysis.copies): `origins` names what each article is a copy
of, and the line says how many outlets carried the evidence and from how many independent
origins it comes ("supported by 3 outlets, 1 independent origin (Reuters as repeated by …)").

The suggested Admiralty credibility (never written over the analyst's own):

| suggestion | independent support | independent contradiction |
| --- | --- | --- |
| 1 confirmed | two or more sources | none |
| 2 probably true | one source | none |
| 3 possibly true | one or more | one or more |
| 4 doubtful | none | one source at least as reliable as the claim's |
| 5 improbable | none | two or more such sources |
| none | no independent evidence, or only less reliable contradiction | |

"At least as reliable": graded A–E no worse than the claim's source; an ungraded source, one
graded F, or a claim whose own source is ungraded or F counts as not known to be less reliable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from dossier.core.claims import ClaimFacts
from dossier.core.grading import Grade
from dossier.core.models import Annotation

RELIABILITY_ORDER = "ABCDE"  # F: reliability cannot be judged, not a rank


class EvidenceSource(NamedTuple):
    """One passage linked to a claim, with what independence needs to know of its article."""

    relation: str  # supports | contradicts | context
    article_id: int
    outlet: str | None
    reports: tuple[str, ...]  # outlets whose reporting that article repeats
    reliability: str | None  # its outlet's grade
    origins: tuple[str, ...] = ()  # keys of what it is a copy of ("article:12", the wire "reuters")
    origin_name: str = ""  # how that origin is named ("Reuters"), "" when it is not a copy


class Corroboration(NamedTuple):
    supporting: tuple[str, ...]  # independent outlets, as first written
    contradicting: tuple[str, ...]
    context: tuple[str, ...]
    not_independent: int  # passages shown but not counted
    suggestion: int | None  # Admiralty credibility 1–5, or None
    outlets: tuple[int, int, int] = (0, 0, 0)  # outlets behind supporting, contradicting, context

    @property
    def line(self) -> str:
        """ "supported by 2 independent sources (Azatutyun, News.am); contradicted by 1 (APA)" """
        if not (self.supporting or self.contradicting or self.context or self.not_independent):
            return "no evidence linked"
        parts = []
        if self.supporting:
            parts.append(f"supported by {_sources(self.supporting, self.outlets[0])}")
        if self.contradicting:
            parts.append(f"contradicted by {_sources(self.contradicting, self.outlets[1])}")
        if self.context:
            parts.append(f"context from {_sources(self.context, self.outlets[2])}")
        if not parts:
            parts.append("no independent evidence")
        if self.not_independent:
            passages = "passage" if self.not_independent == 1 else "passages"
            parts.append(f"{self.not_independent} {passages} not independent")
        return "; ".join(parts)

    @property
    def contested(self) -> bool:
        return bool(self.contradicting)


def _sources(origins: Sequence[str], outlets: int = 0) -> str:
    """"2 independent sources (A, B)", or, when fewer origins than outlets stand behind them,
    "3 outlets, 1 independent origin (Reuters as repeated by …)"."""
    count = len(origins)
    if outlets > count:
        noun = "independent origin" if count == 1 else "independent origins"
        return f"{outlets} outlets, {count} {noun} ({', '.join(origins)})"
    noun = "independent source" if count == 1 else "independent sources"
    return f"{count} {noun} ({', '.join(origins)})"


def _key(outlet: str | None) -> str:
    return (outlet or "").strip().casefold()


def dependence(claim_article: int, claim_outlet: str | None, claim_reports: Iterable[str],
               evidence: EvidenceSource, claim_origins: Iterable[str] = ()) -> str:
    """Why a piece of evidence is not independent of the claim, in a few words ("outlet
    unknown"); "" when it is independent."""
    if evidence.article_id == claim_article:
        return "the claim's own article"
    if not _key(evidence.outlet):
        return "outlet unknown"
    if not _key(claim_outlet):
        return "the claim's outlet is unknown"
    if _key(evidence.outlet) == _key(claim_outlet):
        return "the claim's own outlet"
    if _key(evidence.outlet) in {_key(o) for o in claim_reports}:
        return f"the claim's article repeats {evidence.outlet}"
    if _key(claim_outlet) in {_key(o) for o in evidence.reports}:
        return f"it repeats {claim_outlet}"
    claim_origins = set(claim_origins)
    if claim_origins & set(evidence.origins) or _key(evidence.outlet) in claim_origins:
        return f"a copy of the same story ({evidence.origin_name or evidence.outlet})"
    if _key(claim_outlet) in evidence.origins:
        return f"it carries {claim_outlet}'s story"
    return ""


def independent(claim_article: int, claim_outlet: str | None, claim_reports: Iterable[str],
                evidence: EvidenceSource, claim_origins: Iterable[str] = ()) -> bool:
    return not dependence(claim_article, claim_outlet, claim_reports, evidence, claim_origins)


def not_less_reliable(source: str | None, claim: str | None) -> bool:
    """A contradicting source at least as reliable as the claim's (unknowns count as such)."""
    if not source or not claim or source not in RELIABILITY_ORDER or claim not in RELIABILITY_ORDER:
        return True
    return RELIABILITY_ORDER.index(source) <= RELIABILITY_ORDER.index(claim)


def corroborate(claim_article: int, claim_outlet: str | None, claim_reports: Iterable[str],
                claim_reliability: str | None, evidence: Iterable[EvidenceSource],
                claim_origins: Iterable[str] = ()) -> Corroboration:
    claim_reports, claim_origins = tuple(claim_reports), tuple(claim_origins)
    counted: dict[str, list[EvidenceSource]] = {"supports": [], "contradicts": [], "context": []}
    not_independent = 0
    for e in evidence:
        if independent(claim_article, claim_outlet, claim_reports, e, claim_origins):
            counted[e.relation].append(e)
        else:
            not_independent += 1
    groups = {relation: _one_source_each(items) for relation, items in counted.items()}
    strong_against = [g for g in groups["contradicts"]
                      if any(not_less_reliable(e.reliability, claim_reliability) for e in g)]
    return Corroboration(
        tuple(_name(g) for g in groups["supports"]), tuple(_name(g) for g in groups["contradicts"]),
        tuple(_name(g) for g in groups["context"]), not_independent,
        suggest(len(groups["supports"]), len(groups["contradicts"]), len(strong_against)),
        (_outlets(counted["supports"]), _outlets(counted["contradicts"]), _outlets(counted["context"])))


def _outlets(evidence: list[EvidenceSource]) -> int:
    return len({_key(e.outlet) for e in evidence})


def _one_source_each(evidence: list[EvidenceSource]) -> list[list[EvidenceSource]]:
    """Evidence grouped into sources: passages of one outlet are one source, and so is an outlet
    that repeats another's reporting together with that other (OC Media citing Azatutyun is not a
    second confirmation). Groups keep the order evidence was given in; the original comes first."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    present = {_key(e.outlet) for e in evidence}
    for e in evidence:
        for repeated in e.reports:
            if _key(repeated) in present:
                parent[root(_key(e.outlet))] = root(_key(repeated))
        for origin in e.origins:  # copies of one story are one source with it, and with its wire
            if root(origin) != root(_key(e.outlet)):
                parent[root(origin)] = root(_key(e.outlet))
    groups: dict[str, list[EvidenceSource]] = {}
    for e in evidence:
        groups.setdefault(root(_key(e.outlet)), []).append(e)
    return [sorted(g, key=lambda e: bool(e.reports) and _key(e.outlet) != root(_key(e.outlet))) for g in groups.values()]


def _name(group: list[EvidenceSource]) -> str:
    """"Azatutyun" or "Azatutyun as repeated by OC Media"."""
    outlets = list(dict.fromkeys((e.outlet or "").strip() for e in group))
    origin = next((e.origin_name for e in group if e.origin_name), "")
    if origin:  # the story's origin first, the outlets that carried it after
        outlets = [origin, *(o for o in outlets if _key(o) != _key(origin))]
    if len(outlets) == 1:
        return outlets[0]
    return f"{outlets[0]} as repeated by {' and '.join(outlets[1:])}"


def suggest(supporting: int, contradicting: int, strong_contradicting: int) -> int | None:
    """The table above, in code."""
    if supporting and contradicting:
        return 3
    if supporting >= 2:
        return 1
    if supporting == 1:
        return 2
    if strong_contradicting >= 2:
        return 5
    if strong_contradicting == 1:
        return 4
    return None


class EvidenceItem(NamedTuple):
    annotation_id: int
    relation: str
    article_id: int
    article_title: str
    outlet: str | None
    exact: str
    independent: bool
    author: str = ""  # who linked it ("" where the file did not record it)
    dependence: str = ""  # why it is not independent ("outlet unknown"), "" if it is


class ClaimRow(NamedTuple):
    """One line of the claims board: a claim with its evidence counted."""

    annotation: Annotation
    article_title: str
    outlet: str | None
    published: str | None
    published_precision: str
    grade: Grade
    corroboration: Corroboration
    evidence: tuple[EvidenceItem, ...]
    entities: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def disagrees(self) -> bool:
        """The analyst's credibility and the suggestion from the evidence differ."""
        suggested = self.corroboration.suggestion
        return suggested is not None and self.grade.credibility is not None and suggested != self.grade.credibility


def corroborated(claims: Iterable[ClaimFacts]) -> list[ClaimRow]:
    """Each claim the store fetched, its evidence counted by independent source."""
    rows = []
    for c in claims:
        sources = [EvidenceSource(e.relation, e.article_id, e.outlet, e.reports, e.reliability, e.origins,
                                  e.origin_name) for e in c.evidence]
        why = [dependence(c.annotation.article_id, c.outlet, c.reports, s, c.origins) for s in sources]
        items = tuple(EvidenceItem(e.annotation_id, e.relation, e.article_id, e.article_title, e.outlet, e.exact,
                                   not reason, e.author, reason) for e, reason in zip(c.evidence, why, strict=True))
        rows.append(ClaimRow(
            c.annotation, c.article_title, c.outlet, c.published, c.published_precision, c.grade,
            corroborate(c.annotation.article_id, c.outlet, c.reports, c.grade.reliability, sources, c.origins),
            items, c.entities, c.tags))
    return rows

"""The corroboration rule alone (analysis.corroboration): independence, sources counted not
passages, the suggested credibility, the line, and a fetched claim's row — no store."""

from __future__ import annotations

import pytest

from dossier.analysis.corroboration import (
    EvidenceSource,
    corroborate,
    corroborated,
    dependence,
    independent,
    suggest,
)
from dossier.core.claims import ClaimFacts, EvidenceLink
from dossier.core.grading import Grade
from dossier.core.models import Annotation, Claim

# The rule, case by case -------------------------------------------------------------------------

@pytest.mark.parametrize(("supporting", "contradicting", "strong", "expected"), [
    (2, 0, 0, 1), (3, 0, 0, 1), (1, 0, 0, 2), (1, 1, 1, 3), (2, 2, 0, 3),
    (0, 1, 1, 4), (0, 2, 2, 5), (0, 3, 1, 4), (0, 1, 0, None), (0, 0, 0, None),
])
def test_the_suggestion_follows_the_table(supporting: int, contradicting: int, strong: int,
                                          expected: int | None) -> None:
    assert suggest(supporting, contradicting, strong) == expected


def E(relation: str, article: int, outlet: str | None, reports: tuple[str, ...] = (),
      reliability: str | None = None) -> EvidenceSource:
    return EvidenceSource(relation, article, outlet, reports, reliability)


def test_independence_needs_two_outlets_neither_repeating_the_other() -> None:
    claim = (1, "SouthFront", ("Reuters", "Interfax"))
    assert independent(*claim, E("supports", 2, "News.am"))
    assert not independent(*claim, E("supports", 1, "SouthFront"))  # its own article
    assert not independent(*claim, E("supports", 2, "southfront "))  # its own outlet, however written
    assert not independent(*claim, E("supports", 2, "REUTERS"))  # an outlet the claim's article repeats
    assert not independent(*claim, E("supports", 2, "OC Media", ("SouthFront",)))  # repeats the claim's outlet
    assert not independent(*claim, E("supports", 2, None))  # nobody knows who wrote it
    assert not independent(1, None, (), E("supports", 2, "News.am"))


def test_evidence_that_is_not_independent_says_why() -> None:
    claim = (1, "SouthFront", ("Reuters",))
    assert [dependence(*claim, e) for e in (
        E("supports", 2, "News.am"), E("supports", 1, "SouthFront"), E("supports", 2, "southfront"),
        E("supports", 2, "Reuters"), E("supports", 2, "OC Media", ("SouthFront",)), E("supports", 2, " "),
    )] == ["", "the claim's own article", "the claim's own outlet", "the claim's article repeats Reuters",
           "it repeats SouthFront", "outlet unknown"]
    assert dependence(1, None, (), E("supports", 2, "News.am")) == "the claim's outlet is unknown"


def test_an_outlet_repeating_another_is_one_source_with_it() -> None:
    evidence = [E("supports", 3, "OC Media", ("Azatutyun",)), E("supports", 2, "Azatutyun"),
                E("supports", 4, "Azatutyun"), E("supports", 5, "News.am")]
    found = corroborate(1, "SouthFront", (), None, evidence)
    assert found.supporting == ("Azatutyun as repeated by OC Media", "News.am")
    assert found.suggestion == 1
    # Alone, the outlet repeating is one source: the other's report reached the dossier through it.
    assert corroborate(1, "SouthFront", (), None, evidence[:1]).supporting == ("OC Media",)
    assert corroborate(1, "SouthFront", (), None, evidence[:1]).suggestion == 2


def test_contradiction_counts_only_from_sources_not_known_to_be_less_reliable() -> None:
    against = [E("contradicts", 2, "APA", reliability="E")]
    assert corroborate(1, "Reuters", (), "B", against).suggestion is None  # E is worse than B
    assert corroborate(1, "Reuters", (), "B", [against[0]._replace(reliability="B")]).suggestion == 4
    assert corroborate(1, "Reuters", (), "B", [against[0]._replace(reliability="F")]).suggestion == 4
    assert corroborate(1, "Reuters", (), "B", [against[0]._replace(reliability=None)]).suggestion == 4
    assert corroborate(1, "Reuters", (), None, against).suggestion == 4  # the claim's own grade unknown
    two = [E("contradicts", 2, "APA"), E("contradicts", 3, "Trend")]
    found = corroborate(1, "Reuters", (), "B", two)
    assert (found.suggestion, found.contested) == (5, True)
    assert found.line == "contradicted by 2 independent sources (APA, Trend)"


def test_the_line_says_what_was_not_counted() -> None:
    found = corroborate(1, "SouthFront", ("Reuters",), None,
                        [E("supports", 2, "News.am"), E("supports", 3, "Reuters"), E("context", 4, "TASS")])
    assert found.line == ("supported by 1 independent source (News.am); context from 1 independent source (TASS); "
                          "1 passage not independent")
    assert corroborate(1, "SouthFront", (), None, []).line == "no evidence linked"


def test_a_fetched_claim_gets_its_evidence_counted_and_each_passage_judged() -> None:
    claim = Annotation(7, 1, "claim", 0, 10, "Troops left", "", "", "", "anchored", "", "", claim=Claim(credibility=2))
    links = (EvidenceLink(20, "supports", 2, "Yerevan", "News.am", "left", (), "B"),
             EvidenceLink(21, "supports", 3, "Baku", "OC Media", "left", ("Azatutyun",), None, "ana"),
             EvidenceLink(22, "supports", 4, "Same", "southfront", "left", (), None),
             EvidenceLink(23, "supports", 5, "Radio", "Azatutyun", "left", (), "C"))
    facts = ClaimFacts(claim, "Withdrawal", "SouthFront", ("Reuters",), "2021-05-14", "day",
                       Grade("D", 2, True), links, ("Syunik",), ("border",))
    (row,) = corroborated([facts])
    assert row.corroboration.supporting == ("News.am", "Azatutyun as repeated by OC Media")
    assert (row.corroboration.suggestion, row.corroboration.not_independent) == (1, 1)
    assert row.disagrees  # the analyst said 2, the evidence 1
    assert [(i.annotation_id, i.independent, i.dependence, i.author) for i in row.evidence] == [
        (20, True, "", ""), (21, True, "", "ana"), (22, False, "the claim's own outlet", ""), (23, True, "", "")]
    assert (row.article_title, row.outlet, row.entities, row.tags) == ("Withdrawal", "SouthFront", ("Syunik",), ("border",))
    assert corroborated([facts._replace(evidence=())])[0].corroboration.line == "no evidence linked"

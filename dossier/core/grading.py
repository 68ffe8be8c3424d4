"""A claim's grade: the one rule for which source reliability applies, and the one wording.

Doctrine puts reliability on the source and credibility on the item of information, so a claim
without its own reliability inherits its outlet's default. The outlet is found by name ignoring
case in every script ("ТАСС" and "тасс" are one outlet; SQLite's NOCASE folds only ASCII); of
two spellings, the exact one if it is graded, else the graded one. The editor, the lists and every export ask this module, so a claim has
one grade everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from dossier.core.models import Claim, Source
from dossier.core.vocabulary import CREDIBILITY, RELIABILITY

RELIABILITY_NOT_GRADED = "reliability not graded"
CREDIBILITY_NOT_GRADED = "credibility not graded"


class Grade(NamedTuple):
    reliability: str | None  # the claim's own, else its source's default
    credibility: int | None
    inherited: bool  # the reliability is the source's

    @property
    def label(self) -> str:
        """ "D2"; "D, credibility not graded"; "reliability not graded, 2"; or both phrases."""
        if self.reliability and self.credibility:
            return f"{self.reliability}{self.credibility}"
        reliability = self.reliability or RELIABILITY_NOT_GRADED
        credibility = str(self.credibility) if self.credibility else CREDIBILITY_NOT_GRADED
        return f"{reliability}, {credibility}"

    @property
    def words(self) -> str:
        """The grade for a reader: "B2 — usually reliable; probably true", "D (the outlet's
        grade) — not usually reliable; credibility not graded", "reliability not graded; 3 —
        possibly true"."""
        whose = " (the outlet's grade)" if self.inherited else ""
        if self.reliability and self.credibility:
            return (f"{self.reliability}{self.credibility}{whose} — {RELIABILITY[self.reliability].lower()}; "
                    f"{CREDIBILITY[self.credibility].lower()}")
        reliability = (f"{self.reliability}{whose} — {RELIABILITY[self.reliability].lower()}" if self.reliability
                       else RELIABILITY_NOT_GRADED)
        credibility = (f"{self.credibility} — {CREDIBILITY[self.credibility].lower()}" if self.credibility
                       else CREDIBILITY_NOT_GRADED)
        return f"{reliability}; {credibility}"

class SourceGrades:
    """Every outlet's default reliability, looked up by name as the grading rule says."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self._exact: dict[str, str | None] = {}
        self._folded: dict[str, str | None] = {}
        for source in sources:
            self._exact[source.name] = source.reliability
            key = source.name.casefold()
            if self._folded.get(key) is None:  # of two spellings, the graded one counts
                self._folded[key] = source.reliability

    def reliability(self, source_name: str | None) -> str | None:
        if not source_name:
            return None
        exact = self._exact.get(source_name)
        return exact if exact is not None else self._folded.get(source_name.casefold())

    def grade(self, claim: Claim, source_name: str | None) -> Grade:
        if claim.reliability:
            return Grade(claim.reliability, claim.credibility, False)
        inherited = self.reliability(source_name)
        return Grade(inherited, claim.credibility, inherited is not None)

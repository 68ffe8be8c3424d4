"""Analysis of Competing Hypotheses (Heuer, *Psychology of Intelligence Analysis*, ch. 8), as
arithmetic over a matrix of ratings: rows are items of evidence, columns hypotheses.

A cell says how consistent the evidence is with the hypothesis: CC (very consistent), C, N
(neutral), I, II (very inconsistent), NA (not applicable), or nothing yet. Heuer's point is that
evidence refutes better than it confirms, so a hypothesis is scored by its *inconsistency*: each I
counts 1 and each II 2, and the least inconsistent hypothesis is the most likely. With weighting on,
each row counts by how much its source and information are to be believed: a reliability factor
(A 1.0, B 0.8, C 0.6, D 0.4, E 0.2, F or not graded 0.5) times a credibility factor (1 1.0, 2 0.8,
3 0.6, 4 0.4, 5 0.2, 6 or not graded 0.5).

A row is *diagnostic* when its ratings differ across the hypotheses; evidence consistent with
all of them helps to judge none. The *sensitivity* of the conclusion is the rows whose removal
alone would change which hypothesis is least inconsistent: the ones to check twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

INCONSISTENCY = {"I": 1.0, "II": 2.0}
# How consistent a rating says the evidence is, to tell how much a row's ratings differ.
CONSISTENCY = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
RELIABILITY_FACTOR = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
CREDIBILITY_FACTOR = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}
NOT_GRADED_FACTOR = 0.5


def weight(reliability: str | None, credibility: int | None) -> float:
    """How much a row counts when weighting is on."""
    return (RELIABILITY_FACTOR.get(reliability or "", NOT_GRADED_FACTOR)
            * CREDIBILITY_FACTOR.get(credibility or 0, NOT_GRADED_FACTOR))


@dataclass(frozen=True)
class Matrix:
    rows: Sequence[int]  # row ids, in the order the user added them
    hypotheses: Sequence[int]  # hypothesis ids, in the user's order
    ratings: Mapping[tuple[int, int], str]  # (row, hypothesis) -> rating; unrated cells absent
    weights: Mapping[int, float]  # row -> weight (used when weighting is on)


class GradedRow(Protocol):
    """A row of the matrix as the store gives it: its id and its evidence's grades."""

    @property
    def id(self) -> int: ...
    @property
    def reliability(self) -> str | None: ...
    @property
    def credibility(self) -> int | None: ...


def matrix(rows: Sequence[GradedRow], hypotheses: Sequence[int],
           ratings: Mapping[tuple[int, int], str]) -> Matrix:
    """The matrix of these rows (in the user's order) and hypotheses, each row weighted by its
    grades."""
    return Matrix([r.id for r in rows], list(hypotheses), ratings,
                  {r.id: weight(r.reliability, r.credibility) for r in rows})


def inconsistency(m: Matrix, weighted: bool = False, without: int | None = None) -> dict[int, float]:
    """Each hypothesis's inconsistency score: the sum of I (1) and II (2) over the rows (each
    times its weight when `weighted`), leaving out the row `without`."""
    scores = {h: 0.0 for h in m.hypotheses}
    for row in m.rows:
        if row == without:
            continue
        factor = m.weights.get(row, NOT_GRADED_FACTOR * NOT_GRADED_FACTOR) if weighted else 1.0
        for h in m.hypotheses:
            scores[h] += INCONSISTENCY.get(m.ratings.get((row, h), ""), 0.0) * factor
    return scores


def ranking(m: Matrix, weighted: bool = False, without: int | None = None) -> list[int]:
    """Hypotheses, least inconsistent first; ties keep the user's order."""
    scores = inconsistency(m, weighted, without)
    order = {h: i for i, h in enumerate(m.hypotheses)}
    return sorted(m.hypotheses, key=lambda h: (round(scores[h], 9), order[h]))


def leaders(m: Matrix, weighted: bool = False, without: int | None = None) -> frozenset[int]:
    """The hypotheses sharing the lowest score (more than one when tied)."""
    scores = inconsistency(m, weighted, without)
    if not scores:
        return frozenset()
    best = min(round(s, 9) for s in scores.values())
    return frozenset(h for h, s in scores.items() if round(s, 9) == best)


def diagnosticity(m: Matrix, row: int) -> int:
    """How much a row's ratings differ across the hypotheses: the spread between its most and
    least consistent rating (0 to 4). NA and unrated cells say nothing; a row with fewer than two
    rated cells tells hypotheses apart not at all."""
    values = [CONSISTENCY[r] for h in m.hypotheses if (r := m.ratings.get((row, h), "")) in CONSISTENCY]
    return max(values) - min(values) if len(values) > 1 else 0


def rows_by_diagnosticity(m: Matrix) -> list[int]:
    """Rows, the most diagnostic first; ties keep the order they were added in."""
    order = {r: i for i, r in enumerate(m.rows)}
    return sorted(m.rows, key=lambda r: (-diagnosticity(m, r), order[r]))


def sensitive_rows(m: Matrix, weighted: bool = False) -> list[int]:
    """Rows whose removal alone would change which hypotheses are least inconsistent."""
    now = leaders(m, weighted)
    return [row for row in m.rows if leaders(m, weighted, without=row) != now]

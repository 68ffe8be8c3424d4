"""Heuer's arithmetic (analysis.ach) against hand-computed matrices: scores, weights, ties, rows all
NA, diagnosticity, sensitivity, and a matrix built from graded rows. No store."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from dossier.analysis import ach
from dossier.analysis.ach import Matrix

H1, H2, H3 = 1, 2, 3
# Rows 10-14 against three hypotheses, by hand:
#        H1   H2   H3
#   10   I    C    II      inconsistency: H1 1 + 2 = 3 (rows 10, 12 II… see below)
#   11   C    C    C       not diagnostic (all alike)
#   12   II   N    I
#   13   NA   NA   NA      all NA: counts for nothing, not diagnostic
#   14   CC   I    C
RATINGS = {(10, H1): "I", (10, H2): "C", (10, H3): "II",
           (11, H1): "C", (11, H2): "C", (11, H3): "C",
           (12, H1): "II", (12, H2): "N", (12, H3): "I",
           (13, H1): "NA", (13, H2): "NA", (13, H3): "NA",
           (14, H1): "CC", (14, H2): "I", (14, H3): "C"}
WEIGHTS = {10: ach.weight("A", 1), 11: ach.weight("B", 2), 12: ach.weight("E", 5), 13: ach.weight(None, None),
           14: ach.weight("C", 3)}
M = Matrix([10, 11, 12, 13, 14], [H1, H2, H3], RATINGS, WEIGHTS)


def test_inconsistency_counts_i_as_one_and_ii_as_two() -> None:
    # H1: I (10) + II (12) = 3; H2: I (14) = 1; H3: II (10) + I (12) = 3.
    assert ach.inconsistency(M) == {H1: 3.0, H2: 1.0, H3: 3.0}
    assert ach.ranking(M) == [H2, H1, H3]  # the tie of H1 and H3 keeps the user's order
    assert ach.leaders(M) == {H2}


def test_weights_follow_the_grades() -> None:
    assert (ach.weight("A", 1), ach.weight("B", 2), ach.weight("E", 5)) == (1.0, pytest.approx(0.64), pytest.approx(0.04))
    assert ach.weight("F", 6) == ach.weight(None, None) == 0.25 and ach.weight("C", None) == pytest.approx(0.3)
    # H1: 1 × 1.0 (row 10) + 2 × 0.04 (row 12) = 1.08; H2: 1 × 0.36 (row 14); H3: 2 × 1.0 + 1 × 0.04 = 2.04.
    scores = ach.inconsistency(M, weighted=True)
    assert scores == {H1: pytest.approx(1.08), H2: pytest.approx(0.36), H3: pytest.approx(2.04)}
    assert ach.ranking(M, weighted=True) == [H2, H1, H3]


def test_diagnosticity_is_the_spread_of_a_rows_ratings() -> None:
    assert [ach.diagnosticity(M, r) for r in M.rows] == [3, 0, 2, 0, 3]  # C(1)-II(-2); alike; N(0)-II; NA; CC(2)-I
    assert ach.rows_by_diagnosticity(M) == [10, 14, 12, 11, 13]
    assert ach.diagnosticity(Matrix([1], [H1, H2], {(1, H1): "I"}, {}), 1) == 0  # one rated cell tells nothing


def test_sensitivity_names_the_rows_the_leader_rests_on() -> None:
    # H2 leads with 1 (row 14's I). Without row 14 H2 scores 0 and still leads; without row 10,
    # H1 = 2, H2 = 1, H3 = 1: a tie, so the leaders change. Without 12: H1 1, H2 1, H3 2: a tie.
    assert ach.sensitive_rows(M) == [10, 12]
    tied = Matrix([1, 2], [H1, H2], {(1, H1): "I", (2, H2): "I"}, {})
    assert ach.leaders(tied) == {H1, H2} and ach.sensitive_rows(tied) == [1, 2]
    empty = Matrix([], [H1, H2], {}, {})
    assert ach.inconsistency(empty) == {H1: 0.0, H2: 0.0} and ach.sensitive_rows(empty) == []


class Row(NamedTuple):
    id: int
    reliability: str | None
    credibility: int | None


def test_a_matrix_from_graded_rows_weighs_each_by_its_grades() -> None:
    built = ach.matrix([Row(10, "A", 1), Row(12, "E", 5), Row(13, None, None)], [H2, H1], {(10, H1): "I"})
    assert (built.rows, built.hypotheses, built.ratings) == ([10, 12, 13], [H2, H1], {(10, H1): "I"})
    assert built.weights == {10: 1.0, 12: pytest.approx(0.04), 13: 0.25}
    assert ach.ranking(built, weighted=True) == [H2, H1]

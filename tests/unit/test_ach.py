"""Heuer's arithmetic against hand-computed matrices (scores, weights, ties, rows all NA,
diagnosticity, sensitivity), and the matrix as stored: hypotheses, rows and ratings, each edit undone."""

from __future__ import annotations

import pytest

from dossier.core import ach
from dossier.core.ach import Matrix
from dossier.core.models import Claim, NewArticle
from dossier.operations import Refused, perform, undo
from dossier.operations.ach import (
    AddHypothesis, AddRows, AddSelectionRow, DeleteHypothesis, EditHypothesis, MoveHypothesis, Rate, RemoveRow,
)
from dossier.store import Database

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


def _claims(store: Database) -> tuple[int, list[int]]:
    article = store.articles.add(NewArticle("Withdrawal", "Troops left in part. Others stayed. Talks go on.",
                                           source="Reuters"))
    store.sources.set_grade("Reuters", "B")
    ids = [store.annotations.add(article, "claim", 0, 20, claim=Claim(credibility=2)),
           store.annotations.add(article, "highlight", 21, 35)]
    return article, ids


def test_the_matrix_as_stored_and_every_edit_undone(store: Database) -> None:
    article, (claim, passage) = _claims(store)
    first, second = AddHypothesis("Azerbaijan never meant to withdraw"), AddHypothesis("The line on the ground is disputed")
    perform(store, first)
    perform(store, second)
    h1, h2 = first.result, second.result
    rows = AddRows([claim, passage, claim])
    perform(store, rows)
    row_claim, row_passage = [r.id for r in store.ach.rows()]
    perform(store, Rate(row_claim, h1, "II"))
    rated = perform(store, Rate(row_claim, h2, "C"))
    data = store.ach.data()
    assert [r.quote for r in data.rows] == ["Troops left in part.", "Others stayed."]
    assert (data.rows[0].reliability, data.rows[0].credibility) == ("B", 2)  # the outlet's reliability
    assert data.rows[1].credibility is None and data.matrix.weights[row_passage] == pytest.approx(0.4)
    assert ach.ranking(data.matrix) == [h2, h1]
    undo(store, rated)
    assert (row_claim, h2) not in store.ach.ratings()
    perform(store, Rate(row_claim, h2, None))  # clearing an unrated cell is no error
    renamed = perform(store, EditHypothesis(h2, "  The line is disputed "))
    assert store.ach.hypotheses()[1].title == "The line is disputed"
    undo(store, renamed)
    moved = perform(store, MoveHypothesis(h2, -1))
    assert [h.id for h in store.ach.hypotheses()] == [h2, h1]
    undo(store, moved)
    deleted = perform(store, DeleteHypothesis(h1))
    assert store.ach.ratings() == {}
    undo(store, deleted)
    assert store.ach.ratings() == {(row_claim, h1): "II"}
    removed = perform(store, RemoveRow(row_passage))
    assert [r.id for r in store.ach.rows()] == [row_claim]
    undo(store, removed)
    selected = perform(store, AddSelectionRow(article, 36, 48))  # a highlight and a row, one step
    assert store.annotations.get(store.ach.rows()[-1].annotation_id).exact == "Talks go on."
    undo(store, selected)
    assert len(store.annotations.all(article)) == 2 and len(store.ach.rows()) == 2
    with pytest.raises(Refused, match="not a rating"):
        perform(store, Rate(row_claim, h1, "maybe"))
    with pytest.raises(Refused, match="can't be empty"):
        perform(store, AddHypothesis("   "))
    assert len(rows.result) == 2  # the claim named twice is one row


def test_deleting_an_annotation_takes_its_row_and_ratings(store: Database) -> None:
    article, (claim, _passage) = _claims(store)
    perform(store, AddHypothesis("H"))
    perform(store, AddRows([claim]))
    perform(store, Rate(store.ach.rows()[0].id, store.ach.hypotheses()[0].id, "I"))
    store.annotations.delete(claim)
    assert store.ach.rows() == [] and store.ach.ratings() == {}
    assert article

"""The competing-hypotheses matrix as stored: hypotheses, rows and ratings, each edit undone
(its arithmetic: test_analysis_ach)."""

from __future__ import annotations

import pytest

from dossier.analysis import ach
from dossier.core.models import Claim, NewArticle
from dossier.operations import Refused, perform, undo
from dossier.operations.ach import (
    AddHypothesis,
    AddRows,
    AddSelectionRow,
    DeleteHypothesis,
    EditHypothesis,
    MoveHypothesis,
    Rate,
    RemoveRow,
)
from dossier.store import Database


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
    matrix = ach.matrix(data.rows, [h.id for h in data.hypotheses], data.ratings)
    assert data.rows[1].credibility is None and matrix.weights[row_passage] == pytest.approx(0.4)
    assert ach.ranking(matrix) == [h2, h1]
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

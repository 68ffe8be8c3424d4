"""Edits of the competing-hypotheses matrix: hypotheses (add, rename, reorder, delete), its
evidence rows (annotations, or a selection made a highlight and a row in one step) and the
rating of each cell. Every one is one step of Undo."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.core import limits
from dossier.core.changes import ALL, Changes
from dossier.core.vocabulary import ACH_RATING_WORDS, ACH_RATINGS
from dossier.operations import Edit, Operation, Refused, existing, non_empty, within
from dossier.operations.annotations import AddAnnotation
from dossier.store import Database

MATRIX = Changes(hypotheses=ALL)


def _hypothesis(store: Database, hypothesis_id: int) -> None:
    if all(h.id != hypothesis_id for h in store.ach.hypotheses()):
        raise Refused("That hypothesis is no longer in the dossier.")


def _row(store: Database, row_id: int) -> None:
    if all(r.id != row_id for r in store.ach.rows()):
        raise Refused("That row is no longer in the matrix.")


class AddHypothesis(Operation[int]):
    text = "Add hypothesis"

    def __init__(self, title: str, description: str = "") -> None:
        self.title, self.description = title.strip(), description.strip()

    def validate(self, store: Database) -> None:
        non_empty(self.title, "A hypothesis")
        within(self.description, "A hypothesis's description", limits.NOTE)

    def apply(self, store: Database) -> Changes:
        self.result = store.ach.add_hypothesis(self.title, self.description)
        return MATRIX


class EditHypothesis(Edit):
    text = "Rename hypothesis"

    def __init__(self, hypothesis_id: int, title: str, description: str = "") -> None:
        self.hypothesis_id, self.title, self.description = hypothesis_id, title.strip(), description.strip()

    def validate(self, store: Database) -> None:
        _hypothesis(store, self.hypothesis_id)
        non_empty(self.title, "A hypothesis")
        within(self.description, "A hypothesis's description", limits.NOTE)

    def apply(self, store: Database) -> Changes:
        store.ach.edit_hypothesis(self.hypothesis_id, self.title, self.description)
        return MATRIX


class MoveHypothesis(Edit):
    """One place left (-1) or right (1) in the user's order."""

    text = "Move hypothesis"

    def __init__(self, hypothesis_id: int, step: int) -> None:
        self.hypothesis_id, self.step = hypothesis_id, step

    def validate(self, store: Database) -> None:
        _hypothesis(store, self.hypothesis_id)

    def apply(self, store: Database) -> Changes:
        ids = [h.id for h in store.ach.hypotheses()]
        at = ids.index(self.hypothesis_id)
        to = max(0, min(len(ids) - 1, at + self.step))
        ids.insert(to, ids.pop(at))
        store.ach.order_hypotheses(ids)
        return MATRIX


class DeleteHypothesis(Edit):
    text = "Delete hypothesis"

    def __init__(self, hypothesis_id: int) -> None:
        self.hypothesis_id = hypothesis_id

    def validate(self, store: Database) -> None:
        _hypothesis(store, self.hypothesis_id)

    def apply(self, store: Database) -> Changes:
        store.ach.delete_hypothesis(self.hypothesis_id)  # its ratings go with it (and come back on undo)
        return MATRIX


class AddRows(Operation[list[int]]):
    """Annotations (claims, evidence passages, highlights) as rows of the matrix."""

    text = "Add evidence to the matrix"

    def __init__(self, annotation_ids: Sequence[int]) -> None:
        self.annotation_ids = list(dict.fromkeys(annotation_ids))

    def validate(self, store: Database) -> None:
        for annotation_id in self.annotation_ids:
            existing(store, "annotation", store.annotations.get, annotation_id)

    def apply(self, store: Database) -> Changes:
        self.result = store.ach.add_rows(self.annotation_ids)
        return MATRIX


class AddSelectionRow(Operation[int]):
    """A passage selected in an article: made a highlight, and that a row, in one step."""

    text = "Add selection to the matrix"

    def __init__(self, article_id: int, start: int, end: int) -> None:
        self._highlight = AddAnnotation(article_id, "highlight", start, end)

    def validate(self, store: Database) -> None:
        self._highlight.validate(store)

    def apply(self, store: Database) -> Changes:
        changes = self._highlight.apply(store)
        self.result = store.ach.add_rows([self._highlight.result])[0]
        return changes | MATRIX


class RemoveRow(Edit):
    text = "Remove evidence from the matrix"

    def __init__(self, row_id: int) -> None:
        self.row_id = row_id

    def validate(self, store: Database) -> None:
        _row(store, self.row_id)

    def apply(self, store: Database) -> Changes:
        store.ach.remove_row(self.row_id)
        return MATRIX


class Rate(Edit):
    """One cell: how consistent the row's evidence is with the hypothesis (None: unrated)."""

    def __init__(self, row_id: int, hypothesis_id: int, rating: str | None) -> None:
        self.row_id, self.hypothesis_id, self.rating = row_id, hypothesis_id, rating
        self.text = f"Rate {ACH_RATING_WORDS[rating]}" if rating in ACH_RATING_WORDS else "Clear rating"

    def validate(self, store: Database) -> None:
        if self.rating is not None and self.rating not in ACH_RATINGS:
            raise Refused(f"“{self.rating}” is not a rating (CC, C, N, I, II or NA).")
        _row(store, self.row_id)
        _hypothesis(store, self.hypothesis_id)

    def apply(self, store: Database) -> Changes:
        store.ach.rate(self.row_id, self.hypothesis_id, self.rating)
        return MATRIX

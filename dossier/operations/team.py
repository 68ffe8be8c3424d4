"""Edits of a dossier worked on by more than one analyst: merging another's dossier (one undo
step), settling a conflict the merge found, and joining two captures of one story."""

from __future__ import annotations

from pathlib import Path

from dossier.core.changes import ALL, EVERYTHING, Changes
from dossier.operations import Edit, Operation, Refused, existing
from dossier.store import Database, DossierError
from dossier.store.merge_report import MergeReport
from dossier.store.team import CHOICES, KEEP_BOTH, KEEP_MINE, KEEP_THEIRS, Joined

CHOICE_TEXT = {KEEP_MINE: "Keep mine", KEEP_THEIRS: "Keep theirs", KEEP_BOTH: "Keep both"}


class MergeDossier(Operation[MergeReport]):
    """Everything of another analyst's dossier this one lacks, in one step; `result` is the
    MergeReport."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.text = f"Merge {self.path.name}"

    def validate(self, store: Database) -> None:
        from dossier.store.foreign import check_mergeable  # lazy: not on the start-up path


        try:
            check_mergeable(store, self.path)
        except DossierError as error:
            raise Refused(str(error)) from None

    def apply(self, store: Database) -> Changes:
        from dossier.ingest.screening import screen_merged  # lazy: a merge only
        from dossier.store.merging import merge_dossier  # lazy: not on the start-up path

        self.result = merge_dossier(store, self.path)
        screen_merged(store, self.result)  # the hits of what came, in the same undo step
        if self.result.new_article_ids:  # their articles may carry stories of mine: one step with the merge
            from dossier.operations.copies import FindCopies  # lazy: a merge only

            FindCopies(article_ids=self.result.new_article_ids).apply(store)
        return EVERYTHING


class ResolveConflict(Operation[int | None]):
    def __init__(self, conflict_id: int, choice: str) -> None:
        self.conflict_id, self.choice = conflict_id, choice
        self.text = CHOICE_TEXT.get(choice, "Resolve conflict")

    def validate(self, store: Database) -> None:
        if self.choice not in CHOICES:
            raise Refused(f"“{self.choice}” is not a way to settle a conflict.")
        existing(store, "conflict", store.team.conflict, self.conflict_id)

    def apply(self, store: Database) -> Changes:
        conflict = store.team.conflict(self.conflict_id)
        article_id = store.annotations.get(conflict.annotation_id).article_id
        self.result = store.team.resolve_conflict(self.conflict_id, self.choice)
        made = [self.result] if self.result is not None else []
        return Changes(annotations=[conflict.annotation_id, *made], content=[article_id], tags=ALL)


class JoinCaptures(Operation[Joined]):
    """Two captures of one story become one article: `keep` stays, `other` is kept beside it
    (text and original file) and its annotations move across. `result` says what moved."""

    text = "Join as one article"

    def __init__(self, keep_id: int, other_id: int) -> None:
        self.keep_id, self.other_id = keep_id, other_id

    def validate(self, store: Database) -> None:
        if self.keep_id == self.other_id:
            raise Refused("An article can't be joined into itself.")
        existing(store, "article", store.articles.get, self.keep_id)
        existing(store, "article", store.articles.get, self.other_id)

    def apply(self, store: Database) -> Changes:
        self.result = store.team.join_capture(self.keep_id, self.other_id)
        if self.other_id in store.pending_extraction():
            store.forget_pending_extraction([self.other_id])
        return Changes(articles=[self.keep_id, self.other_id], content=[self.keep_id, self.other_id],
                       annotations=ALL, entities=ALL, events=ALL, sources=ALL, tags=ALL, hypotheses=ALL)


class KeepApart(Edit):
    """The user says two articles proposed as one story are not: never proposed again."""

    text = "Not the same story"

    def __init__(self, first_id: int, second_id: int) -> None:
        self.first_id, self.second_id = first_id, second_id

    def validate(self, store: Database) -> None:
        existing(store, "article", store.articles.get, self.first_id)
        existing(store, "article", store.articles.get, self.second_id)

    def apply(self, store: Database) -> Changes:
        store.team.mark_distinct_stories(self.first_id, self.second_id)
        return Changes(articles=[self.first_id, self.second_id])

"""Merging another analyst's competing hypotheses: a step of the merge (store/merging.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from dossier.core import limits
from dossier.core.validity import RATINGS, text_problem
from dossier.store import foreign
from dossier.store.foreign import about
from dossier.store.merge_report import MergeReport

if TYPE_CHECKING:
    from dossier.store.database import Database


class MergeInProgress(Protocol):
    """What a step of the merge is given: both dossiers, their annotations' ids here, the report,
    and the two ways a step writes (leaving a thing out, or writing it in a savepoint)."""

    mine: Database
    theirs: Database
    annotations: dict[int, int]
    report: MergeReport

    def leave_out(self, what: str, why: str) -> None: ...

    def alone(self, what: str, write: Callable[[], object]) -> bool: ...


def merge_hypotheses(merge: MergeInProgress) -> None:
    """Their hypotheses (matched by title), the rows of annotations that came across, and their
    ratings where this dossier has none; a rating that differs is counted, ours kept."""
    m, t = merge.mine, merge.theirs
    mine_by_title = {h.title.casefold(): h.id for h in m.ach.hypotheses()}
    hypotheses: dict[int, int] = {}
    for h in t.ach.hypotheses():
        problem = foreign.hypothesis_problem(h.title, h.description)
        if problem:
            merge.leave_out(about("Their hypothesis", h.title), problem)
            continue
        found = mine_by_title.get(h.title.casefold())
        if found is None:
            if not merge.alone(about("Their hypothesis", h.title),
                               lambda: mine_by_title.__setitem__(h.title.casefold(),
                                                                 m.ach.add_hypothesis(h.title, h.description))):
                continue
            found = mine_by_title[h.title.casefold()]
            merge.report.hypotheses_new += 1
        hypotheses[h.id] = found
    their_rows = {r.id: r.annotation_id for r in t.ach.rows()}
    wanted = [merge.annotations[a] for a in their_rows.values() if a in merge.annotations]
    m.ach.add_rows(wanted)
    mine_rows = {r.annotation_id: r.id for r in m.ach.rows()}
    mine_ratings = m.ach.ratings()
    raters = t.ach.raters()
    for (row_id, hypothesis_id), rating in t.ach.ratings().items():
        annotation = merge.annotations.get(their_rows.get(row_id, -1))
        if annotation is None or hypothesis_id not in hypotheses:
            continue
        author, rated_at = raters.get((row_id, hypothesis_id), ("", None))
        what = f"Their rating of row {row_id} against hypothesis {hypothesis_id}"
        problem = ((None if rating in RATINGS else f"“{str(rating)[:40]}” is not a rating")
                   or text_problem(author, limits.NAME, "its author")
                   or text_problem(rated_at, foreign.STAMP_CHARS, "its time", none_allowed=True))
        if problem:
            merge.leave_out(what, problem)
            continue
        cell = (mine_rows[annotation], hypotheses[hypothesis_id])
        if cell not in mine_ratings:
            if merge.alone(what, lambda: m.ach.rate(*cell, rating, author=author, rated_at=rated_at)):
                merge.report.ratings_added += 1
        elif mine_ratings[cell] != rating:
            merge.report.ratings_differ += 1

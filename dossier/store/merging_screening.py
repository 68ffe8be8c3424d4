"""Merging another analyst's screening: their watchlists (matched by name), the names on them
(matched by list and name, aliases united), what they made of their hits, and their saved
searches (matched by query). A step of the merge (store/merging.py), run once their articles
have a place here.

A hit of theirs marked seen or "not this person" keeps that mark here when its article came
across with the same words at the same place (a dismissal holds for that passage and name); a
mark never goes back (new < seen < dismissed), and it holds for a hit here of the same name over
the same words (store.screening.Hits.spread_marks, once the merged articles are screened). The hits themselves are found by screening the
merged articles against the merged lists, above the store (ingest.screening.screen_merged):
`report.screen_name_ids` names the names that are new or gained a spelling.
"""

from __future__ import annotations

from typing import Protocol

from dossier.core import limits
from dossier.core.validity import is_int, text_problem
from dossier.core.vocabulary import ENTITY_KINDS
from dossier.store.foreign import about
from dossier.store.merging_ach import MergeInProgress
from dossier.store.screening import ALIAS_SEPARATOR, DISMISSED, NEW, SEEN, FoundHit, NameRow, WatchName

_RANK = {NEW: 0, SEEN: 1, DISMISSED: 2}
SAVED_QUERY = limits.NAME * 4  # as the Save Search edit allows


class MergeWithScreening(MergeInProgress, Protocol):
    """What this step is given besides: their articles' ids here."""

    articles: dict[int, int]


def merge_screening(merge: MergeWithScreening) -> None:
    names = _watchlists(merge)
    if names:
        _decisions(merge, names)
    _saved_searches(merge)


def _watchlists(merge: MergeWithScreening) -> dict[int, int]:
    """Their lists and names; returns their name id -> the name's id here."""
    m, t = merge.mine, merge.theirs
    mapped: dict[int, int] = {}
    by_list: dict[str, list[WatchName]] = {}
    for name in t.watchlists.names():
        by_list.setdefault(name.list_name, []).append(name)
    for list_name, theirs in by_list.items():
        problem = text_problem(list_name, limits.NAME, "its name", empty_allowed=False)
        if problem:
            merge.leave_out(about("Their watchlist", list_name), problem)
            continue
        list_id = m.watchlists.by_name(list_name)
        if list_id is None:
            if not merge.alone(about("Their watchlist", list_name),
                               lambda: m.watchlists.add_list(list_name)):
                continue
            list_id = m.watchlists.by_name(list_name)
            merge.report.watchlists_new += 1
        assert list_id is not None
        here = {n.name: n for n in m.watchlists.names(list_id)}
        for name in theirs:
            what = about(f"Their watched name on “{limits.shortened(list_name, 40)}”", name.name)
            problem = _name_problem(name)
            if problem:
                merge.leave_out(what, problem)
                continue
            row = _united(here.get(name.name), name)
            if row is None:  # here already with all their spellings
                mapped[name.id] = here[name.name].id
                continue
            if not merge.alone(what, lambda: m.watchlists.set_names(list_id, [row], keep_others=True)):
                continue
            merge.report.watch_names_new += name.name not in here
            merge.report.watch_names_widened += name.name in here
            here = {n.name: n for n in m.watchlists.names(list_id)}
            mapped[name.id] = here[name.name].id
            merge.report.screen_name_ids.append(here[name.name].id)
    return mapped


def _name_problem(name: WatchName) -> str | None:
    return ((None if name.kind in ENTITY_KINDS else f"“{str(name.kind)[:40]}” is not a kind of entity")
            or text_problem(name.name, limits.NAME, "its name", empty_allowed=False)
            or text_problem(name.aliases, limits.NAME * 20, "its aliases")
            or text_problem(name.note, limits.NOTE, "its note"))


def _united(mine: WatchName | None, theirs: WatchName) -> NameRow | None:
    """The name as it is to be here: theirs when new, ours with their spellings added (our kind
    and note kept, theirs if we have none); None when nothing would change."""
    if mine is None:
        return NameRow(theirs.name, theirs.kind, theirs.aliases, theirs.note)
    known = set(mine.spellings)
    more = [s for s in theirs.spellings if s not in known]
    note = mine.note or theirs.note
    if not more and note == mine.note:
        return None
    aliases = ALIAS_SEPARATOR.join(s for s in (*mine.spellings[1:], *dict.fromkeys(more)) if s)
    return NameRow(mine.name, mine.kind, aliases, note)


def _decisions(merge: MergeWithScreening, names: dict[int, int]) -> None:
    """Their hits marked seen or "not this person", on the same passage here."""
    m, t = merge.mine, merge.theirs
    texts: dict[int, str] = {}
    for hit in t.hits.all((SEEN, DISMISSED), limit=10_000_000):
        name_id, article_id = names.get(hit.name_id), merge.articles.get(hit.article_id)
        if name_id is None or article_id is None or hit.state not in _RANK:
            continue  # a name or article left out (and named), or a name of a list left out
        if article_id not in texts:
            texts[article_id] = m.articles.get(article_id).text
        text = texts[article_id]
        what = about(f"Their mark on a hit of “{limits.shortened(hit.name, 40)}” in their article {hit.article_id}",
                     hit.surface)
        if not (is_int(hit.start) and is_int(hit.end) and 0 <= hit.start < hit.end <= len(text)
                and text[hit.start:hit.end] == hit.surface):
            merge.leave_out(what, "its words are not at that place in the article here")
            continue
        problem = text_problem(hit.passage, limits.NOTE, "its passage")
        if problem:
            merge.leave_out(what, problem)
            continue
        here = m.hits.strongest_mark(name_id, article_id, hit.start, hit.end)
        if here is not None and _RANK.get(here, 0) >= _RANK[hit.state]:
            continue  # marked so here already (on these words, or on more of them)
        found = FoundHit(name_id, article_id, hit.start, hit.end, hit.surface, hit.passage)
        if merge.alone(what, lambda: m.hits.keep_mark(found, hit.state)):
            merge.report.hit_marks += 1
            merge.report.marked_article_ids.append(article_id)


def _saved_searches(merge: MergeWithScreening) -> None:
    """Their saved searches this dossier lacks; what counts as new in each starts from now."""
    m = merge.mine
    for saved in merge.theirs.saved_searches.all():
        problem = text_problem(saved.query, SAVED_QUERY, "its query", empty_allowed=False)
        if problem:
            merge.leave_out(about("Their saved search", saved.query), problem)
        elif m.saved_searches.by_query(saved.query) is None and merge.alone(
                about("Their saved search", saved.query), lambda: m.saved_searches.add(saved.query)):
            merge.report.saved_searches_new += 1


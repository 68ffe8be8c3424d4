"""Finding copies of one story (at import, for the whole dossier on demand, after a merge) and the
analyst's say over them: split an article from its group, mark two articles as copies. Reads
through the store, decides with analysis.copies, writes through store.copies; every change one
undo step."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from dossier.analysis.copies import CopyLink, Fingerprint, are_copies, components, fingerprint, links_of_groups
from dossier.core.changes import ALL, Changes
from dossier.operations import Edit, Operation, Refused, existing, perform
from dossier.store import Database
from dossier.store.copies import COPIES, DISTINCT, CopyRecords, CopyRow

FINGERPRINTS_KEPT = 400  # texts' fingerprints held at once while finding copies: memory stays bounded


class CopyPlan(NamedTuple):
    """What finding copies decided: the groups of `members` become `links`."""

    members: tuple[int, ...]
    links: tuple[CopyLink, ...]
    examined: int  # pairs of articles compared sentence by sentence


class _Fingerprints:
    """Fingerprints of the texts, the most recently used kept."""

    def __init__(self, records: CopyRecords, size: int = FINGERPRINTS_KEPT) -> None:
        self._records, self._size = records, size
        self._kept: OrderedDict[int, Fingerprint] = OrderedDict()
        self.details: dict[int, tuple[str | None, str | None]] = {}

    def __getitem__(self, article_id: int) -> Fingerprint:
        found = self._kept.get(article_id)
        if found is None:
            self.load([article_id])
            found = self._kept[article_id]
        self._kept.move_to_end(article_id)
        return found

    def load(self, article_ids: Iterable[int]) -> None:
        for article_id, text, outlet, published in self._records.texts(
                [i for i in article_ids if i not in self._kept]):
            self._kept[article_id] = fingerprint(text)
            self.details[article_id] = (outlet, published)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)


def find_copies(store: Database, article_ids: Sequence[int] | None = None) -> CopyPlan:
    """The groups of copies the articles (all of them when None) belong to. Reads only: it may
    run on a worker's own connection, and its plan is written by FindCopies."""
    records = store.copies
    everything = article_ids is None
    new = records.article_ids() if article_ids is None else sorted(set(article_ids))
    decisions = records.decisions(None if everything else new)
    prints = _Fingerprints(records)
    pairs: list[tuple[int, int]] = []
    examined = 0
    for article_id in new:
        candidates = records.candidates(article_id)
        for other in sorted(candidates):
            if everything and other < article_id:
                continue  # a pass over all: each pair once
            if decisions.get((min(article_id, other), max(article_id, other))) == DISTINCT:
                continue
            examined += 1
            if are_copies(prints[article_id], prints[other]):
                pairs.append((article_id, other))
    touched = {i for pair in pairs for i in pair} | set(new)
    old_rows = records.rows_of_groups(touched)
    kept = [] if everything else [(r.article_id, r.origin_id) for r in old_rows]  # a pass over all finds them again
    users = [pair for pair, decision in records.decisions(touched).items() if decision == COPIES]
    groups = components([*pairs, *kept, *users])
    members = touched | {i for r in old_rows for i in (r.article_id, r.origin_id)} | {i for g in groups for i in g}
    return CopyPlan(tuple(sorted(members)), tuple(_links(groups, prints)), examined)


def _links(groups: Sequence[Sequence[int]], prints: _Fingerprints) -> list[CopyLink]:
    links: list[CopyLink] = []
    for group in groups:  # a group at a time: its fingerprints are held together, and only then
        prints.load(group)
        fingerprints = {i: prints[i] for i in group}
        links += links_of_groups([group], fingerprints, prints.details)
    return links


class FindCopies(Operation[CopyPlan]):
    """Write a plan of find_copies (or find it here): the groups of its articles are replaced."""

    text = "Find copies"

    def __init__(self, plan: CopyPlan | None = None, article_ids: Sequence[int] | None = None) -> None:
        self.plan, self.article_ids = plan, article_ids

    def apply(self, store: Database) -> Changes:
        plan = self.plan or find_copies(store, self.article_ids)
        self.result = plan
        changed = store.copies.replace_groups(plan.members, [CopyRow(*link) for link in plan.links])
        return _changed(changed) if changed else Changes()  # nothing new: no view reads again


def _changed(article_ids: Iterable[int]) -> Changes:
    """The articles' copy lines changed, and with them every claim's count of origins."""
    return Changes(articles=sorted(article_ids), annotations=ALL)


def _regroup(store: Database, members: Iterable[int]) -> list[CopyLink]:
    group = sorted(set(members))
    if len(group) < 2:
        return []
    return _links([group], _Fingerprints(store.copies))


class SplitCopy(Edit):
    """Take an article out of its group of copies: it is not a copy of any of them, nor they of
    it, and finding copies again keeps it so. The others stay one group."""

    text = "Not a copy"

    def __init__(self, article_id: int, author: str = "") -> None:
        self.article_id, self.author = article_id, author

    def validate(self, store: Database) -> None:
        existing(store, "article", store.articles.get, self.article_id)
        if store.copies.group_of(self.article_id) is None:
            raise Refused("That article is not in a group of copies.")

    def apply(self, store: Database) -> Changes:
        records = store.copies
        group = records.group_of(self.article_id)
        assert group is not None
        everyone = [m.article_id for m in group.members]
        others = [i for i in everyone if i != self.article_id]
        for other in others:
            records.decide(self.article_id, other, DISTINCT, self.author or getattr(store, "author", ""))
        records.replace_groups(everyone, [CopyRow(*link) for link in _regroup(store, others)])
        return _changed(everyone)


class MarkCopies(Edit):
    """The analyst says two articles are copies of one story: their groups become one."""

    text = "Mark as copies"

    def __init__(self, first_id: int, second_id: int, author: str = "") -> None:
        self.first_id, self.second_id, self.author = first_id, second_id, author

    def validate(self, store: Database) -> None:
        if self.first_id == self.second_id:
            raise Refused("An article can't be a copy of itself.")
        existing(store, "article", store.articles.get, self.first_id)
        existing(store, "article", store.articles.get, self.second_id)

    def apply(self, store: Database) -> Changes:
        records = store.copies
        members = {self.first_id, self.second_id}
        for article_id in (self.first_id, self.second_id):
            group = records.group_of(article_id)
            if group is not None:
                members |= {m.article_id for m in group.members}
        # Whoever was split from one of them and is now joined by the analyst's word: that word wins.
        records.decide(self.first_id, self.second_id, COPIES, self.author or getattr(store, "author", ""))
        records.replace_groups(members, [CopyRow(*link) for link in _regroup(store, members)])
        return _changed(members)


def copies_in_file(path: object, article_ids: Sequence[int] | None = None) -> CopyPlan:
    """find_copies through a read-only connection of its own: the window asks on a worker, after
    an import or a merge, and writes the plan with FindCopies."""
    from pathlib import Path

    with Database.reading(Path(str(path))) as reader:  # the window opened and checked it
        return find_copies(reader, article_ids)


def record_copies(store: Database, article_ids: Sequence[int]) -> int:
    """Find and keep the copies among newly imported articles (the command line's import); how
    many of them are now in a group."""
    if not article_ids:
        return 0
    perform(store, FindCopies(article_ids=article_ids))
    origins = store.copies.origins_of(article_ids)
    return len(origins)

"""Watchlists, hits and saved searches as edits: each one undo step. Making or changing a list
re-screens the stored articles for it when asked (the command line); the window re-screens on a
worker instead and stores the hits when it is done (ui.controllers.screening)."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.core import limits
from dossier.core.changes import ALL, Changes
from dossier.operations import Edit, Operation, Refused, non_empty, within
from dossier.store import Database
from dossier.store.screening import DISMISSED, NEW, SEEN, FoundHit, NameRow

STATE_TEXT = {SEEN: "Mark Hits Seen", DISMISSED: "Not This Person", NEW: "Mark Hits New"}


class SetWatchlist(Operation[tuple[int, int, int, int]]):
    """Make the list `name` (created if new) hold `rows`: with `keep_others`, only add and update;
    else names the rows leave out go. Result: (list id, added, changed, removed)."""

    def __init__(self, name: str, rows: Sequence[NameRow], keep_others: bool = False, rescreen: bool = False) -> None:
        self.name, self.rows, self.keep_others, self.rescreen = name, list(rows), keep_others, rescreen
        self.text = f"Watchlist “{name.strip()[:40]}”"
        self.new_hits = 0

    def validate(self, store: Database) -> None:
        non_empty(self.name, "A watchlist's name")
        for row in self.rows:
            non_empty(row.name, "A watched name")
            within(row.aliases, "Aliases", limits.NAME * 20)
            within(row.note, "A note", limits.NOTE)

    def apply(self, store: Database) -> Changes:
        name = self.name.strip()
        list_id = store.watchlists.by_name(name)
        if list_id is None:
            list_id = store.watchlists.add_list(name)
        added, changed, removed = store.watchlists.set_names(list_id, self.rows, self.keep_others)
        if self.rescreen:
            from dossier.ingest.screening import rescreen  # lazy: reading articles is this edit's only

            self.new_hits = rescreen(store, list_id)
        self.result = (list_id, added, changed, removed)
        return Changes(screening=ALL)


class DeleteWatchlist(Edit):
    def __init__(self, list_id: int) -> None:
        self.list_id = list_id
        self.text = "Delete Watchlist"

    def validate(self, store: Database) -> None:
        if not any(w.id == self.list_id for w in store.watchlists.lists()):
            raise Refused("That watchlist is no longer in the dossier.")

    def apply(self, store: Database) -> Changes:
        store.watchlists.delete_list(self.list_id)
        return Changes(screening=ALL)


class DeleteWatchedName(Edit):
    def __init__(self, name_id: int) -> None:
        self.name_id = name_id
        self.text = "Remove Watched Name"

    def apply(self, store: Database) -> Changes:
        store.watchlists.delete_name(self.name_id)
        return Changes(screening=ALL)


class MarkHits(Edit):
    """Mark hits seen, new again, or "not this person" (dismissed: a re-screen never brings that
    passage back for that name)."""

    def __init__(self, hit_ids: Sequence[int], state: str) -> None:
        self.hit_ids, self.state = list(hit_ids), state
        self.text = STATE_TEXT[state]

    def validate(self, store: Database) -> None:
        if not self.hit_ids:
            raise Refused("Choose the hits to mark first.")

    def apply(self, store: Database) -> Changes:
        return Changes(screening=store.hits.set_state(self.hit_ids, self.state))


class SaveSearch(Operation[int]):
    def __init__(self, query: str) -> None:
        self.query = query.strip()
        self.text = "Save Search"

    def validate(self, store: Database) -> None:
        non_empty(self.query, "A saved search", limits.NAME * 4)
        if store.saved_searches.by_query(self.query) is not None:
            raise Refused(f"“{self.query}” is saved already.")

    def apply(self, store: Database) -> Changes:
        self.result = store.saved_searches.add(self.query)
        return Changes(screening=ALL)


class DeleteSavedSearch(Edit):
    def __init__(self, search_id: int) -> None:
        self.search_id = search_id
        self.text = "Delete Saved Search"

    def apply(self, store: Database) -> Changes:
        store.saved_searches.delete(self.search_id)
        return Changes(screening=ALL)


class StoreScreening(Operation[int]):
    """What a re-screen found (on a worker) for some names, stored: not the user's edit to undo on
    its own (the window commits it after the list change it follows). Names gone meanwhile (the
    list changed again, or the change was undone) are left out. Result: how many hits are new."""

    def __init__(self, name_ids: Sequence[int], found: Sequence[FoundHit]) -> None:
        self.name_ids, self.found = list(name_ids), list(found)
        self.text = "Screen Articles"

    def apply(self, store: Database) -> Changes:
        present = {n.id for n in store.watchlists.names()} & set(self.name_ids)
        present_articles = {a for a in {f.article_id for f in self.found} if store.articles.exists(a)}
        found = [f for f in self.found if f.name_id in present and f.article_id in present_articles]
        self.result = store.hits.replace_for_names(sorted(present), found)
        return Changes(screening=ALL)

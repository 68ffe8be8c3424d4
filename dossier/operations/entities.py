"""Edits of entities from the sidebar: rename, kind, merge, delete, remove a mention, add one."""

from __future__ import annotations

from dossier.core.changes import ALL, Changes
from dossier.core.models import Entity
from dossier.core.vocabulary import ENTITY_KINDS
from dossier.operations import Edit, Operation, Refused, existing, non_empty
from dossier.store import Database


def _entity(store: Database, entity_id: int) -> Entity:
    return existing(store, "entity", store.entities.get, entity_id)


def _check_kind(kind: str) -> None:
    if kind not in ENTITY_KINDS:
        raise Refused(f"“{kind}” is not a kind of entity.")


class RenameEntity(Operation[int]):
    """The old name stays as an alias, so later mentions of it still link here."""

    text = "Rename entity"

    def __init__(self, entity_id: int, name: str) -> None:
        self.entity_id, self.name = entity_id, name.strip()

    def validate(self, store: Database) -> None:
        _entity(store, self.entity_id)
        non_empty(self.name, "An entity's name")

    def apply(self, store: Database) -> Changes:
        store.entities.rename(self.entity_id, self.name)
        self.result = self.entity_id
        return Changes(entities=[self.entity_id], events=ALL)  # the timeline names lanes by entity


class SetEntityKind(Operation[int]):
    text = "Change entity kind"

    def __init__(self, entity_id: int, kind: str) -> None:
        self.entity_id, self.kind = entity_id, kind

    def validate(self, store: Database) -> None:
        _entity(store, self.entity_id)
        _check_kind(self.kind)

    def apply(self, store: Database) -> Changes:
        store.entities.set_kind(self.entity_id, self.kind)
        self.result = self.entity_id
        return Changes(entities=[self.entity_id], content=ALL)  # underlined in the kind's colour


class MergeEntities(Operation[int]):
    """`source` folds into `target`: its mentions, events and names move there."""

    text = "Merge entities"

    def __init__(self, source_id: int, target_id: int) -> None:
        self.source_id, self.target_id = source_id, target_id

    def validate(self, store: Database) -> None:
        _entity(store, self.source_id)
        _entity(store, self.target_id)
        if self.source_id == self.target_id:
            raise Refused("An entity can't be merged into itself.")

    def apply(self, store: Database) -> Changes:
        store.entities.merge(self.source_id, self.target_id)
        self.result = self.target_id
        return Changes(entities=[self.source_id, self.target_id], events=ALL, content=ALL)


class DeleteEntity(Edit):
    """Not an entity: it and its mentions go, and extraction won't propose the name again."""

    text = "Delete entity"

    def __init__(self, entity_id: int) -> None:
        self.entity_id = entity_id

    def validate(self, store: Database) -> None:
        _entity(store, self.entity_id)

    def apply(self, store: Database) -> Changes:
        store.entities.delete(self.entity_id)
        return Changes(entities=[self.entity_id], events=ALL, content=ALL)


class RemoveMention(Operation[int]):
    """One wrong mention goes, remembered so re-extraction leaves it out."""

    text = "Remove mention"

    def __init__(self, mention_id: int) -> None:
        self.mention_id = mention_id

    def validate(self, store: Database) -> None:
        if store.entities.mention(self.mention_id) is None:
            raise Refused("That mention is no longer in the dossier.")

    def apply(self, store: Database) -> Changes:
        mention = store.entities.mention(self.mention_id)
        assert mention is not None
        store.entities.remove_mention(self.mention_id)
        self.result = mention.entity_id
        return Changes(entities=[mention.entity_id], content=[mention.article_id])


class AddEntityFromSelection(Operation[int]):
    """The user marks a passage as an entity: linked to one of that name (or alias) if there is
    one, else a new one; the mention is the user's."""

    text = "Add entity"

    def __init__(self, article_id: int, start: int, end: int, name: str, kind: str) -> None:
        self.article_id, self.start, self.end, self.name, self.kind = article_id, start, end, name.strip(), kind

    def validate(self, store: Database) -> None:
        article = existing(store, "article", store.articles.get, self.article_id)
        if not 0 <= self.start < self.end <= len(article.text):
            raise Refused("Select the name in the article first.")
        non_empty(self.name, "An entity's name")
        _check_kind(self.kind)

    def apply(self, store: Database) -> Changes:
        self.result = store.entities.add_from_selection(self.article_id, self.start, self.end, self.name, self.kind)
        return Changes(entities=[self.result], content=[self.article_id])

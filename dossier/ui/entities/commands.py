"""Undo commands for the entity sidebar's edits. Each snapshots the entities it touches (with
their aliases, mentions, event links and rejections) and puts them back exactly on undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from dossier.store import Store
from dossier.store.entities import EntityState

Refresh = Callable[[int | None], None]  # after a change: which entity to select


class EntityEditCommand(QUndoCommand):
    """An edit of some entities, undone by restoring their snapshot."""

    def __init__(self, text: str, store: Store, refresh: Refresh, ids: tuple[int, ...],
                 edit: Callable[[], int | None]) -> None:
        super().__init__(text)
        self._store, self._refresh, self._ids, self._edit = store, refresh, ids, edit
        self._before: EntityState | None = None
        self.result: int | None = None

    def redo(self) -> None:
        self._before = self._store.entity_state(self._ids)
        self.result = self._edit()
        self._refresh(self.result)

    def undo(self) -> None:
        assert self._before is not None
        self._store.restore_entity_state(self._before)
        self._refresh(self._ids[0] if self._ids else None)


class RemoveMentionCommand(QUndoCommand):
    def __init__(self, store: Store, refresh: Refresh, mention_id: int, entity_id: int) -> None:
        super().__init__("Remove mention")
        self._store, self._refresh, self._mention, self._entity = store, refresh, mention_id, entity_id
        self._before: EntityState | None = None
        self._span: tuple[int, int, int] | None = None

    def redo(self) -> None:
        self._before = self._store.entity_state([self._entity])
        m = next(m for m in self._store.mentions_of_entity(self._entity) if m.id == self._mention)
        self._span = (m.article_id, m.start, m.end)
        self._store.remove_mention(self._mention)
        self._refresh(self._entity)

    def undo(self) -> None:
        assert self._before is not None and self._span is not None
        self._store.restore_entity_state(self._before, forget_rejected_mentions=[self._span])
        self._refresh(self._entity)


class AddEntityFromSelectionCommand(QUndoCommand):
    def __init__(self, store: Store, refresh: Refresh, article_id: int, start: int, end: int, name: str,
                 kind: str) -> None:
        super().__init__("Add entity")
        self._store, self._refresh = store, refresh
        self._args = (article_id, start, end, name, kind)
        self._existing = tuple(store.entity_ids_by_name(name))
        self._name_was_rejected = store.is_rejected_name(name)  # marking it again lifts that
        self._before: EntityState | None = None
        self.entity_id: int | None = None

    def redo(self) -> None:
        self._before = self._store.entity_state(self._existing)
        self.entity_id = self._store.add_entity_from_selection(*self._args)
        self._refresh(self.entity_id)

    def undo(self) -> None:
        assert self._before is not None
        made = () if self.entity_id in self._existing else (self.entity_id,)
        with self._store.transaction():
            self._store.restore_entity_state(self._before, also_remove=made)  # type: ignore[arg-type]
            if self._name_was_rejected:
                self._store.reject_name(self._args[3])
        self._refresh(self._existing[0] if self._existing else None)

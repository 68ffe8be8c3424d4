"""Undo commands: each user edit is one command, one store transaction, one change notice.

A command keeps what it needs to go back exactly: a deleted annotation's snapshot is restored
with its id, claim, tags and evidence links, so a redo after an undo finds the same objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from dossier.core.models import Claim, Tag
from dossier.store import Store
from dossier.store.annotations import AnnotationSnapshot

# Called after every change: (what changed, the ids concerned). Views refresh only that.
Notify = Callable[[str, Sequence[int]], None]


class SetValueCommand(QUndoCommand):
    """One field changed from `old` to `new` through `apply`; undo applies `old` again."""

    def __init__(self, text: str, apply: Callable[[Any], None], old: Any, new: Any, changed: Callable[[], None]) -> None:
        super().__init__(text)
        self._apply, self._old, self._new, self._changed = apply, old, new, changed

    def redo(self) -> None:
        self._apply(self._new)
        self._changed()

    def undo(self) -> None:
        self._apply(self._old)
        self._changed()


def edit_note(store: Store, notify: Notify, annotation_id: int, old: str, new: str) -> SetValueCommand:
    return SetValueCommand("Edit note", lambda v: store.set_note(annotation_id, v), old, new,
                           lambda: notify("annotations", [annotation_id]))


def edit_claim(store: Store, notify: Notify, annotation_id: int, old: Claim, new: Claim,
                     what: str) -> SetValueCommand:
    return SetValueCommand(f"Change {what}", lambda v: store.set_claim(annotation_id, v), old, new,
                           lambda: notify("annotations", [annotation_id]))


def rename_tag(store: Store, notify: Notify, tag_id: int, old: str, new: str) -> SetValueCommand:
    return SetValueCommand("Rename tag", lambda v: store.rename_tag(tag_id, v), old, new,
                           lambda: notify("tags", [tag_id]))


def recolor_tag(store: Store, notify: Notify, tag_id: int, old: str, new: str) -> SetValueCommand:
    return SetValueCommand("Change tag colour", lambda v: store.set_tag_color(tag_id, v), old, new,
                           lambda: notify("tags", [tag_id]))


def nest_tag(store: Store, notify: Notify, tag_id: int, old_parent: int | None,
                   new_parent: int | None) -> SetValueCommand:
    return SetValueCommand("Nest tag", lambda v: store.set_tag_parent(tag_id, v), old_parent, new_parent,
                           lambda: notify("tags", [tag_id]))


class AddAnnotationCommand(QUndoCommand):
    def __init__(self, store: Store, notify: Notify, article_id: int, kind: str, start: int, end: int,
                 tag_ids: Sequence[int] = ()) -> None:
        super().__init__(f"Add {kind}")
        self._store, self._notify = store, notify
        self._args = (article_id, kind, start, end, tuple(tag_ids))
        self._snapshot: AnnotationSnapshot | None = None
        self.annotation_id: int | None = None

    def redo(self) -> None:
        if self._snapshot is None:
            article_id, kind, start, end, tags = self._args
            self.annotation_id = self._store.add_annotation(article_id, kind, start, end, tag_ids=tags)
        else:
            self._store.restore_annotation(self._snapshot)
        self._notify("annotations", [self.annotation_id])  # type: ignore[list-item]

    def undo(self) -> None:
        assert self.annotation_id is not None
        self._snapshot = self._store.snapshot_annotation(self.annotation_id)
        self._store.delete_annotation(self.annotation_id)
        self._notify("annotations", [self.annotation_id])


class DeleteAnnotationCommand(QUndoCommand):
    def __init__(self, store: Store, notify: Notify, annotation_id: int) -> None:
        super().__init__("Delete annotation")
        self._store, self._notify, self._id = store, notify, annotation_id
        self._snapshot: AnnotationSnapshot | None = None

    def redo(self) -> None:
        self._snapshot = self._store.snapshot_annotation(self._id)
        self._store.delete_annotation(self._id)
        self._notify("annotations", [self._id])

    def undo(self) -> None:
        assert self._snapshot is not None
        self._store.restore_annotation(self._snapshot)
        self._notify("annotations", [self._id])


class SetTagsCommand(QUndoCommand):
    """Set an annotation's tags by name; names not yet tags become new tags (and go on undo)."""

    def __init__(self, store: Store, notify: Notify, annotation_id: int, names: Sequence[str],
                 pick_color: Callable[[int], str]) -> None:
        super().__init__("Tag annotation")
        self._store, self._notify, self._id = store, notify, annotation_id
        self._names = [n.strip() for n in names if n.strip()]
        self._pick_color = pick_color
        self._old = store.annotation(annotation_id).tag_ids
        self._created: list[Tag] = []

    def redo(self) -> None:
        with self._store.transaction():
            wanted: list[int] = []
            for name in dict.fromkeys(self._names):
                tag = self._store.tag_by_name(name)
                if tag is None:
                    earlier = next((t for t in self._created if t.name == name), None)
                    if earlier is not None:
                        self._store.restore_tag(earlier, [])
                        tag = earlier
                    else:
                        new_id = self._store.add_tag(name, self._pick_color(len(self._store.tags())))
                        tag = self._store.tag_by_name(name)
                        assert tag is not None and tag.id == new_id
                        self._created.append(tag)
                wanted.append(tag.id)
            self._replace_tags(wanted)
        self._notify("tags", [self._id])

    def undo(self) -> None:
        with self._store.transaction():
            self._replace_tags(self._old)
            for tag in self._created:
                self._store.delete_tag(tag.id)
        self._notify("tags", [self._id])

    def _replace_tags(self, tag_ids: Sequence[int]) -> None:
        for old in self._store.annotation(self._id).tag_ids:
            self._store.untag_annotation(self._id, old)
        for tag_id in tag_ids:
            self._store.tag_annotation(self._id, tag_id)


class AddEvidenceCommand(QUndoCommand):
    """Link a passage to a claim; a plain selection first becomes a highlight (in one step)."""

    def __init__(self, store: Store, notify: Notify, claim_id: int, relation: str, annotation_id: int | None = None,
                 passage: tuple[int, int, int] | None = None) -> None:
        super().__init__(f"Add evidence ({relation})")
        self._store, self._notify = store, notify
        self._claim, self._relation, self._target = claim_id, relation, annotation_id
        self._passage = passage  # (article id, start, end) when a highlight is to be made
        self._made: AddAnnotationCommand | None = None

    def redo(self) -> None:
        with self._store.transaction():
            if self._passage is not None:
                if self._made is None:
                    self._made = AddAnnotationCommand(self._store, self._notify, *self._passage[:1], "highlight",
                                                      *self._passage[1:])
                self._made.redo()
                self._target = self._made.annotation_id
            assert self._target is not None
            self._store.add_evidence(self._claim, self._target, self._relation)
        self._notify("evidence", [self._claim])

    def undo(self) -> None:
        with self._store.transaction():
            assert self._target is not None
            self._store.remove_evidence(self._claim, self._target)
            if self._made is not None:
                self._made.undo()
        self._notify("evidence", [self._claim])


class RemoveEvidenceCommand(QUndoCommand):
    def __init__(self, store: Store, notify: Notify, claim_id: int, annotation_id: int, relation: str) -> None:
        super().__init__("Remove evidence")
        self._store, self._notify = store, notify
        self._claim, self._target, self._relation = claim_id, annotation_id, relation

    def redo(self) -> None:
        self._store.remove_evidence(self._claim, self._target)
        self._notify("evidence", [self._claim])

    def undo(self) -> None:
        self._store.add_evidence(self._claim, self._target, self._relation)
        self._notify("evidence", [self._claim])


def _snapshot_tags(store: Store, tag_id: int) -> list[tuple[Tag, list[int]]]:
    """A tag subtree, parents first, each with the annotations carrying it: what a delete removes."""
    tags = {t.id: t for t in store.tags()}
    return [(tags[i], store.tagged_with(i)) for i in store.tag_subtree(tag_id)]


def _restore_tags(store: Store, snapshot: list[tuple[Tag, list[int]]]) -> None:
    with store.transaction():
        for tag, annotation_ids in snapshot:  # parents first
            store.restore_tag(tag, annotation_ids)


class MergeTagsCommand(QUndoCommand):
    """Everything tagged `source` becomes tagged `target`; `source` goes (its children move)."""

    def __init__(self, store: Store, notify: Notify, source_id: int, target_id: int) -> None:
        super().__init__("Merge tags")
        self._store, self._notify, self._source, self._target = store, notify, source_id, target_id
        self._before: tuple[Tag, list[int], list[int], list[int]] | None = None

    def redo(self) -> None:
        tag = next(t for t in self._store.tags() if t.id == self._source)
        children = [t.id for t in self._store.tags() if t.parent_id == self._source]
        target_had = self._store.tagged_with(self._target)
        self._before = (tag, self._store.tagged_with(self._source), children, target_had)
        self._store.merge_tags(self._source, self._target)
        self._notify("tags", [self._source, self._target])

    def undo(self) -> None:
        assert self._before is not None
        tag, had, children, target_had = self._before
        with self._store.transaction():
            self._store.restore_tag(tag, had)
            for child in children:
                self._store.set_tag_parent(child, tag.id)
            for annotation_id in set(self._store.tagged_with(self._target)) - set(target_had):
                self._store.untag_annotation(annotation_id, self._target)
        self._notify("tags", [self._source, self._target])


class DeleteTagCommand(QUndoCommand):
    """Delete a tag and the tags nested under it; the annotations stay, untagged."""

    def __init__(self, store: Store, notify: Notify, tag_id: int) -> None:
        super().__init__("Delete tag")
        self._store, self._notify, self._id = store, notify, tag_id
        self._snapshot: list[tuple[Tag, list[int]]] = []

    def redo(self) -> None:
        self._snapshot = _snapshot_tags(self._store, self._id)
        self._store.delete_tag(self._id)
        self._notify("tags", [self._id])

    def undo(self) -> None:
        _restore_tags(self._store, self._snapshot)
        self._notify("tags", [self._id])


class NewTagCommand(QUndoCommand):
    def __init__(self, store: Store, notify: Notify, name: str, color: str, parent_id: int | None = None) -> None:
        super().__init__("New tag")
        self._store, self._notify = store, notify
        self._name, self._color, self._parent = name, color, parent_id
        self.tag_id: int | None = None

    def redo(self) -> None:
        if self.tag_id is None:
            self.tag_id = self._store.add_tag(self._name, self._color, self._parent)
        else:
            self._store.restore_tag(Tag(self.tag_id, self._name, self._color, self._parent), [])
        self._notify("tags", [self.tag_id])

    def undo(self) -> None:
        assert self.tag_id is not None
        self._store.delete_tag(self.tag_id)
        self._notify("tags", [self.tag_id])

"""Edits of the tag tree: new, rename, colour, nest, merge, delete.

Names are unique among siblings ignoring case in any script; every edit that would break that,
or make the tree loop, is refused before anything is written.
"""

from __future__ import annotations

import re

from dossier.core import limits
from dossier.core.changes import ALL, Changes
from dossier.core.models import Tag
from dossier.operations import Edit, Operation, Refused, non_empty
from dossier.store import Database

COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def _tag(store: Database, tag_id: int) -> Tag:
    tag = next((t for t in store.tags.all() if t.id == tag_id), None)
    if tag is None:
        raise Refused("That tag is no longer in the dossier.")
    return tag


def _check_free(store: Database, name: str, parent_id: int | None, *, leaving: frozenset[int] = frozenset()) -> None:
    """No other tag under `parent_id` has this name (tags in `leaving` are moving away)."""
    clash = store.tags.by_name(name, parent_id)
    if clash is not None and clash.id not in leaving:
        where = f"under “{_tag(store, parent_id).name}”" if parent_id is not None else "at the top level"
        raise Refused(f"There is already a tag “{clash.name}” {where}.")


def _check_color(color: str) -> None:
    if not COLOR.fullmatch(color):
        raise Refused(f"“{color}” is not a colour (#rrggbb).")


# A change to the tree recolours passages and renames what the lists show: every view re-reads.
TREE_CHANGED = Changes(tags=ALL, annotations=ALL, content=ALL)


class NewTag(Operation[int]):
    text = "New tag"

    def __init__(self, name: str, color: str, parent_id: int | None = None) -> None:
        self.name, self.color, self.parent_id = name.strip(), color, parent_id

    def validate(self, store: Database) -> None:
        non_empty(self.name, "A tag's name", limits.TAG_NAME)
        _check_color(self.color)
        if self.parent_id is not None:
            _tag(store, self.parent_id)
        _check_free(store, self.name, self.parent_id)

    def apply(self, store: Database) -> Changes:
        self.result = store.tags.add(self.name, self.color, self.parent_id)
        return Changes(tags=[self.result])


class RenameTag(Edit):
    text = "Rename tag"

    def __init__(self, tag_id: int, name: str) -> None:
        self.tag_id, self.name = tag_id, name.strip()

    def validate(self, store: Database) -> None:
        non_empty(self.name, "A tag's name", limits.TAG_NAME)
        tag = _tag(store, self.tag_id)
        _check_free(store, self.name, tag.parent_id, leaving=frozenset({tag.id}))  # a change of case is fine

    def apply(self, store: Database) -> Changes:
        store.tags.rename(self.tag_id, self.name)
        return Changes(tags=[self.tag_id], annotations=ALL)


class RecolorTag(Edit):
    text = "Change tag colour"

    def __init__(self, tag_id: int, color: str) -> None:
        self.tag_id, self.color = tag_id, color

    def validate(self, store: Database) -> None:
        _tag(store, self.tag_id)
        _check_color(self.color)

    def apply(self, store: Database) -> Changes:
        store.tags.set_color(self.tag_id, self.color)
        return Changes(tags=[self.tag_id], content=ALL)


class NestTag(Edit):
    text = "Nest tag"

    def __init__(self, tag_id: int, parent_id: int | None) -> None:
        self.tag_id, self.parent_id = tag_id, parent_id

    def validate(self, store: Database) -> None:
        tag = _tag(store, self.tag_id)
        if self.parent_id is not None:
            _tag(store, self.parent_id)
            if self.parent_id in store.tags.subtree(self.tag_id):
                raise Refused(f"“{tag.name}” can't go under itself or one of its own tags.")
        _check_free(store, tag.name, self.parent_id, leaving=frozenset({tag.id}))

    def apply(self, store: Database) -> Changes:
        store.tags.set_parent(self.tag_id, self.parent_id)
        return TREE_CHANGED


class MergeTags(Edit):
    """Everything tagged `source` gets `target`; `source` goes, its nested tags move under
    `target`. A target nested inside the source takes the source's place."""

    text = "Merge tags"

    def __init__(self, source_id: int, target_id: int) -> None:
        self.source_id, self.target_id = source_id, target_id

    def validate(self, store: Database) -> None:
        source, target = _tag(store, self.source_id), _tag(store, self.target_id)
        if source.id == target.id:
            raise Refused("A tag can't be merged into itself.")
        if target.id in store.tags.subtree(source.id):
            _check_free(store, target.name, source.parent_id, leaving=frozenset({source.id, target.id}))
        target_children = {t.name.casefold(): t for t in store.tags.all() if t.parent_id == target.id}
        for child in store.tags.all():
            if child.parent_id == source.id and child.id != target.id and child.name.casefold() in target_children:
                raise Refused(f"“{target.name}” already has a tag “{child.name}”; rename one of them first.")

    def apply(self, store: Database) -> Changes:
        store.tags.merge(self.source_id, self.target_id)
        return TREE_CHANGED


class DeleteTag(Edit):
    """The tag and those nested under it go; the annotations stay, without them."""

    text = "Delete tag"

    def __init__(self, tag_id: int) -> None:
        self.tag_id = tag_id

    def validate(self, store: Database) -> None:
        _tag(store, self.tag_id)

    def apply(self, store: Database) -> Changes:
        store.tags.delete(self.tag_id)
        return TREE_CHANGED

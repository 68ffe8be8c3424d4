"""Every edit of a dossier, as plain Python: checked, applied in one transaction, undone exactly.

An Operation says what it is (`text`, for the Undo menu), checks itself against the dossier
before anything is written (`validate`, raising Refused with a sentence a user can read) and
makes its change with store methods (`apply`), returning the Changes that views refresh from.
`perform` runs it inside the store's recording transaction, so undo and redo need no code of
the operation's own: they replay what the journal wrote down (see store/journal.py). The Qt
undo command is a thin adapter over this (ui/session.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from dossier.core import limits
from dossier.core.changes import Changes
from dossier.store import Database


class Refused(Exception):
    """An edit that can't be made, and why, in words for the user."""


T = TypeVar("T")
R = TypeVar("R")


class Operation(Generic[T]):
    """An edit whose `apply` sets `result: T`, what the edit made (the new annotation's id, the
    entity an edit leaves chosen); an edit that makes nothing to hand back is an `Edit`."""

    text = "Edit"
    result: T

    def validate(self, store: Database) -> None:
        """Raise Refused if the edit can't be made as asked. Writes nothing."""

    def apply(self, store: Database) -> Changes:
        raise NotImplementedError


class Edit(Operation[None]):
    """An operation with no result."""

    result: None = None


@dataclass
class Done:
    """An applied edit: what it changed and the statements that take it back (or bring it back)."""

    text: str
    changes: Changes
    undo: list[str]
    redo: list[str] = field(default_factory=list)


def perform(store: Database, operation: Operation[T]) -> Done:
    """Validate, then apply in one transaction. Raises Refused (nothing written) or the error
    that rolled the transaction back."""
    operation.validate(store)
    with store.recording() as undo:
        changes = operation.apply(store)
    return Done(operation.text, changes, undo)


def undo(store: Database, done: Done) -> None:
    done.redo = store.replay(done.undo)


def redo(store: Database, done: Done) -> None:
    done.undo = store.replay(done.redo)


def combined(text: str, parts: Sequence[Done]) -> Done:
    """Several edits made one after another (an import's batches) as one undo step."""
    changes = Changes()
    undo_statements: list[str] = []
    for part in parts:
        changes = changes | part.changes
        undo_statements = part.undo + undo_statements  # the last made is the first undone
    return Done(text, changes, undo_statements)


def existing(store: Database, what: str, getter: Callable[[int], R], row_id: int) -> R:
    """The row, or Refused saying it is gone (deleted meanwhile, or by an undo)."""
    try:
        return getter(row_id)
    except KeyError:
        raise Refused(f"That {what} is no longer in the dossier.") from None


def non_empty(text: str, what: str, limit: int = limits.NAME) -> str:
    """`text` without the spaces at its ends, or Refused: empty, or longer than `limit`."""
    text = text.strip()
    if not text:
        raise Refused(f"{what} can't be empty.")
    within(text, what, limit)
    return text


def within(text: str, what: str, limit: int) -> str:
    """`text`, or Refused saying it is longer than `limit` (or holds a NUL, which no string of a
    dossier does)."""
    problem = limits.too_long(text, limit, what)
    if problem:
        raise Refused(problem)
    if "\x00" in text:
        raise Refused(f"{what} can't contain a NUL character.")
    return text

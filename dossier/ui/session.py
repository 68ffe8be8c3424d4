"""DossierSession: one open dossier's store, its undo stack and its one change signal.

Every edit comes here as an Operation (dossier.operations). It is validated against the store
before anything is written; a refused edit never reaches the undo stack and `refused` says why.
An accepted edit commits in one transaction, goes on the stack already done, and `changed`
carries its Changes once, after the commit and after the undo stack has settled, so a view that
reacts by saving its own pending typing starts a new edit cleanly. Undo and redo replay the
journal the store wrote (exact rows, same ids) and announce the same Changes.

Views that hold unsaved typing (the annotation editor) register a flush; it runs before any
other edit, undo or redo, so typing is saved in order and never dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from dossier.core.changes import Changes
from dossier.operations import Done, Operation, Refused, perform, redo, undo
from dossier.store import Database


class _DoneCommand(QUndoCommand):
    """The undo stack's view of an edit that is already applied: its first redo does nothing."""

    def __init__(self, session: DossierSession, done: Done) -> None:
        super().__init__(done.text)
        self._session, self._done, self._applied = session, done, True

    def redo(self) -> None:
        if self._applied:
            return
        if self._session._replay(self._done, redo, f"redo “{self.text()}”"):
            self._applied = True

    def undo(self) -> None:
        if self._session._replay(self._done, undo, f"undo “{self.text()}”"):
            self._applied = False


class DossierSession(QObject):
    changed = Signal(object)  # Changes: what one committed edit (or its undo) changed
    refused = Signal(str)  # an edit that could not be made, and why, for the user
    became_writable = Signal()  # the file passed its integrity check: edits are possible

    def __init__(self, store: Database, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = undo_stack
        self._flushes: list[Callable[[], None]] = []
        self._flushing = False
        self._unannounced = Changes()
        self.last_error = ""  # why the last edit was refused or failed

    # -- edits --------------------------------------------------------------------------------

    def push(self, operation: Operation) -> bool:
        """Make an edit the user can undo. False (and `refused`) if it could not be made."""
        if not self.store.is_open:
            return False
        self.flush_pending()
        done = self._perform(operation)
        if done is None:
            return False
        self.undo_stack.push(_DoneCommand(self, done))
        self._announce(done.changes)
        return True

    def commit(self, operation: Operation) -> Done | None:
        """Make an edit that is not the user's to undo on its own (extraction), or whose Done the
        caller records later (an import's batches, see `record`)."""
        if not self.store.is_open:
            return None
        done = self._perform(operation)
        if done is not None:
            self._announce(done.changes)
        return done

    def record(self, done: Done) -> None:
        """Put an edit made through `commit` on the undo stack (it is not applied again)."""
        if self.store.is_open and done.undo:
            self.undo_stack.push(_DoneCommand(self, done))

    def adopt(self, done: Done) -> None:
        """An edit made and committed elsewhere (a merge, on a worker's own connection): onto the
        undo stack as it is, and announced."""
        if self.store.is_open:
            self.record(done)
            self._announce(done.changes)

    def undo(self) -> None:
        self.flush_pending()
        self.undo_stack.undo()
        self._announce_pending()

    def redo(self) -> None:
        self.flush_pending()
        self.undo_stack.redo()
        self._announce_pending()

    @property
    def writable(self) -> bool:
        return self.store.is_open and self.store.verified

    def mark_writable(self) -> None:
        """The integrity check (run off the GUI thread) passed."""
        if self.store.is_open and not self.store.verified:
            self.store.mark_verified()
            self.became_writable.emit()

    def when_writable(self, then: Callable[[], None]) -> None:
        """Call `then` now if the dossier may be written, else once its check has passed."""
        if self.writable:
            then()
            return

        def once() -> None:
            self.became_writable.disconnect(once)
            then()

        self.became_writable.connect(once)

    def _perform(self, operation: Operation) -> Done | None:
        if not self.store.verified:
            self.last_error = "The dossier is still being checked; it can be changed in a moment."
            self.refused.emit(self.last_error)
            return None
        try:
            return perform(self.store, operation)
        except Refused as refusal:
            self.last_error = str(refusal)
        except Exception as error:  # rolled back: nothing was written
            self.last_error = f"{operation.text} could not be done: {error}"
        self.refused.emit(self.last_error)
        return None

    def _replay(self, done: Done, step: Callable[[Database, Done], None], what: str) -> bool:
        """Undo or redo on behalf of the stack. If the rows it needs have changed meanwhile (an
        import reused an id), nothing is written, the user is told, and the history is cleared:
        its older steps may depend on this one."""
        try:
            step(self.store, done)
        except Exception as error:
            self.refused.emit(f"Could not {what}: the dossier has changed since ({error}). Nothing was "
                              "changed; the undo history is cleared.")
            QTimer.singleShot(0, self.undo_stack.clear)
            return False
        self._unannounced = self._unannounced | done.changes
        QTimer.singleShot(0, self._announce_pending)  # if the stack was driven without us
        return True

    # -- announcing ---------------------------------------------------------------------------

    def _announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

    def _announce_pending(self) -> None:
        changes, self._unannounced = self._unannounced, Changes()
        if self.store.is_open:
            self._announce(changes)

    # -- typing not yet saved ---------------------------------------------------------------

    def add_flush(self, flush: Callable[[], None]) -> None:
        """`flush` saves a view's pending typing; it runs before every other edit and at close."""
        self._flushes.append(flush)

    def remove_flush(self, flush: Callable[[], None]) -> None:
        if flush in self._flushes:
            self._flushes.remove(flush)

    def flush_pending(self) -> None:
        if self._flushing:
            return  # a flush is itself pushing its edit
        self._flushing = True
        try:
            for flush in list(self._flushes):
                flush()
        finally:
            self._flushing = False

    # -- closing ------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.store.is_open

    def close(self) -> None:
        """Save pending typing, forget the history (it belongs to this file), close the file."""
        if not self.store.is_open:
            return
        self.flush_pending()
        self._flushes.clear()
        self.undo_stack.clear()
        self.store.close()

"""Events by hand: add one from a selection, edit its title, date words and precision, delete it
— each an undo step. Date words are resolved like import's, against the article's date."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from dossier.core.models import Event, FuzzyDate, NewEvent
from dossier.core.vocabulary import EVENT_PRECISIONS
from dossier.store import Store
from dossier.ui.timeline.view import describe

Changed = Callable[[], None]


def resolve_words(words: str, published: str | None, precision: str) -> FuzzyDate:
    """The user's date words as a range; a chosen precision other than "inferred" wins."""
    from dossier.ingest.dates import base_date, resolve

    found = resolve(words, base_date(published)) if words.strip() else None
    fuzzy = found or FuzzyDate(None, None, "approximate", words)
    if precision != "inferred":
        fuzzy = fuzzy._replace(precision=precision)
    return fuzzy


class EventDialog(QDialog):
    def __init__(self, title: str, words: str, precision: str, published: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Event"))
        self._published = published
        self.title_edit = QLineEdit(title)
        self.words_edit = QLineEdit(words, placeholderText=self.tr("e.g. yesterday, 14 May 2021, last year"))
        self.precision_box = QComboBox()
        self.precision_box.addItem(self.tr("As the words say"), "inferred")
        for value in EVENT_PRECISIONS:
            self.precision_box.addItem(self.tr(value), value)
        self.precision_box.setCurrentIndex(max(0, self.precision_box.findData(precision)))
        self.resolved = QLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Date words"), self.words_edit)
        form.addRow(self.tr("Precision"), self.precision_box)
        form.addRow(self.tr("Means"), self.resolved)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.words_edit.textChanged.connect(self._show)
        self.precision_box.currentIndexChanged.connect(self._show)
        self._show()
        self.resize(480, 0)

    def date(self) -> FuzzyDate:
        return resolve_words(self.words_edit.text(), self._published, str(self.precision_box.currentData()))

    def _show(self) -> None:
        d = self.date()
        self.resolved.setText(describe(d.earliest, d.latest, d.precision))


class AddEventCommand(QUndoCommand):
    def __init__(self, store: Store, changed: Changed, event: NewEvent) -> None:
        super().__init__("Add event")
        self._store, self._changed, self._new = store, changed, event
        self._made: Event | None = None
        self.event_id: int | None = None

    def redo(self) -> None:
        if self._made is None:
            (self.event_id,) = self._store.add_events([self._new])
        else:
            self._store.restore_event(self._made)
        self._changed()

    def undo(self) -> None:
        assert self.event_id is not None
        self._made = self._store.event(self.event_id)
        self._store.delete_event(self.event_id)
        self._changed()


class EditEventCommand(QUndoCommand):
    def __init__(self, store: Store, changed: Changed, before: Event, title: str, date: FuzzyDate) -> None:
        super().__init__("Edit event")
        self._store, self._changed, self._before = store, changed, before
        self._after = (title, date.text, date.earliest, date.latest, date.precision)

    def redo(self) -> None:
        self._store.update_event(self._before.id, *self._after)
        self._changed()

    def undo(self) -> None:
        self._store.restore_event(self._before)
        self._changed()


class DeleteEventCommand(QUndoCommand):
    def __init__(self, store: Store, changed: Changed, event_id: int) -> None:
        super().__init__("Delete event")
        self._store, self._changed, self._id = store, changed, event_id
        self._before: Event | None = None

    def redo(self) -> None:
        self._before = self._store.event(self._id)
        self._store.delete_event(self._id)
        self._changed()

    def undo(self) -> None:
        assert self._before is not None
        self._store.restore_event(self._before)
        self._changed()

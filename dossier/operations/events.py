"""Events by hand: add one with a sentence as its evidence, correct one, delete one."""

from __future__ import annotations

from dossier.core import limits
from dossier.core.changes import Changes
from dossier.core.models import Event, FuzzyDate, NewEvent
from dossier.core.vocabulary import EVENT_PRECISIONS
from dossier.operations import Edit, Operation, Refused, existing, non_empty, within
from dossier.store import Database


def _check_date(date: FuzzyDate) -> None:
    if date.precision not in EVENT_PRECISIONS:
        raise Refused(f"“{date.precision}” is not a date precision.")
    if date.earliest and date.latest and date.earliest > date.latest:
        raise Refused(f"The event can't end ({date.latest}) before it begins ({date.earliest}).")


def _event(store: Database, event_id: int) -> Event:
    return existing(store, "event", store.events.get, event_id)


class AddEvent(Operation[int]):
    text = "Add event"

    def __init__(self, event: NewEvent) -> None:
        self.event = event

    def validate(self, store: Database) -> None:
        e = self.event
        article = existing(store, "article", store.articles.get, e.article_id)
        if not 0 <= e.start <= e.end <= len(article.text):
            raise Refused("Select the sentence that dates the event first.")
        non_empty(e.title, "An event's title", limits.TITLE)
        within(e.date_text, "The date words", limits.TITLE)
        _check_date(FuzzyDate(e.earliest, e.latest, e.precision, e.date_text))

    def apply(self, store: Database) -> Changes:
        (self.result,) = store.events.add_many([self.event])
        return Changes(events=[self.result])


class EditEvent(Edit):
    """The user's correction: the event becomes theirs (re-extraction leaves it alone)."""

    text = "Edit event"

    def __init__(self, event_id: int, title: str, date: FuzzyDate) -> None:
        self.event_id, self.title, self.date = event_id, title.strip(), date

    def validate(self, store: Database) -> None:
        _event(store, self.event_id)
        non_empty(self.title, "An event's title", limits.TITLE)
        within(self.date.text, "The date words", limits.TITLE)
        _check_date(self.date)

    def apply(self, store: Database) -> Changes:
        d = self.date
        store.events.update(self.event_id, self.title, d.text, d.earliest, d.latest, d.precision)
        return Changes(events=[self.event_id])


class DeleteEvent(Edit):
    """An automatic event deleted is remembered, so re-extraction never brings it back."""

    text = "Delete event"

    def __init__(self, event_id: int) -> None:
        self.event_id = event_id

    def validate(self, store: Database) -> None:
        _event(store, self.event_id)

    def apply(self, store: Database) -> Changes:
        store.events.delete(self.event_id)
        return Changes(events=[self.event_id])

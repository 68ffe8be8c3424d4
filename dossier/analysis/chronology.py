"""The chronology's entries: one per sentence and day.

Extraction finds a date for each date phrase, so a sentence naming a day twice ("Yerevan, May
20 … said on Thursday") held two events of the same day, and one with "yesterday … today" an
event on each day: the chronology printed the sentence twice. Here the events of one sentence
make one entry: those of the same dates merge, and days merge into one span ("13–14 May 2021").
Dates of other precisions (a month, a year) stay entries of their own, each printed once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from dossier.core.models import Event


class ChronologyEntry(NamedTuple):
    events: tuple[Event, ...]  # in the order they were found; the first one's sentence is printed
    earliest: str | None
    latest: str | None
    precision: str

    @property
    def first(self) -> Event:
        return self.events[0]

    @property
    def entity_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(i for e in self.events for i in e.entity_ids))


def chronology_entries(events: Iterable[Event]) -> list[ChronologyEntry]:
    """The entries for these events, each sentence's merged as the module says, in the events'
    order (the caller sorts)."""
    by_sentence: dict[tuple[int, int, int], list[Event]] = {}
    for e in events:
        by_sentence.setdefault((e.article_id, e.start, e.end), []).append(e)
    entries = []
    for group in by_sentence.values():
        days = [e for e in group if e.earliest and e.precision == "day"]
        if days:
            earliest = min(e.earliest or "" for e in days)  # each has one (see `days`)
            latest = max(e.latest or e.earliest or "" for e in days)
            entries.append(ChronologyEntry(tuple(days), earliest, latest, "day" if earliest == latest else "range"))
        same: dict[tuple[str | None, str | None, str], list[Event]] = {}
        for e in group:
            if e not in days:
                same.setdefault((e.earliest, e.latest, e.precision), []).append(e)
        entries += [ChronologyEntry(tuple(items), *key) for key, items in same.items()]
    return entries

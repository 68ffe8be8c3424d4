"""The chronology's one-entry rule: one entry per sentence and day, two days of one sentence as a span."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dossier.analysis.chronology import chronology_entries
from dossier.core.citation import format_span
from dossier.core.models import Event


def ev(i: int, start: int, earliest: str | None, precision: str = "day", latest: str | None = None,
       entities: tuple[int, ...] = ()) -> Event:
    return Event(i, 1, start, start + 50, "t", "words", earliest, latest or earliest, precision, "auto", entities)


def test_one_sentence_naming_one_day_twice_is_one_entry() -> None:
    (entry,) = chronology_entries([ev(1, 0, "2021-05-20", entities=(7,)), ev(2, 0, "2021-05-20", entities=(8, 7))])
    assert format_span(entry.earliest, entry.latest, entry.precision) == "20 May 2021"
    assert entry.entity_ids == (7, 8) and entry.first.id == 1


def test_yesterday_and_today_in_one_sentence_read_as_a_span() -> None:
    (entry,) = chronology_entries([ev(1, 0, "2021-05-14"), ev(2, 0, "2021-05-13")])
    assert format_span(entry.earliest, entry.latest, entry.precision) == "13–14 May 2021"


def test_other_sentences_and_other_precisions_stay_apart() -> None:
    entries = chronology_entries([ev(1, 0, "2021-05-14"), ev(2, 60, "2021-05-14"),
                                  ev(3, 0, "2021-05-01", "month", "2021-05-31"), ev(4, 0, "2021-05-01", "month", "2021-05-31"),
                                  ev(5, 0, None, "unknown"), ev(6, 0, None, "unknown")])
    shown = sorted((e.first.start, format_span(e.earliest, e.latest, e.precision), len(e.events)) for e in entries)
    assert shown == [(0, "14 May 2021", 1), (0, "May 2021", 2), (0, "date not known", 2), (60, "14 May 2021", 1)]


days = st.dates().map(lambda d: d.isoformat())


@given(st.lists(st.tuples(st.integers(0, 3), days), min_size=1, max_size=12))
def test_every_event_is_in_exactly_one_entry_and_no_sentence_and_day_twice(found: list[tuple[int, str]]) -> None:
    events = [ev(i, sentence * 100, day) for i, (sentence, day) in enumerate(found)]
    entries = chronology_entries(events)
    assert sorted(e.id for entry in entries for e in entry.events) == [e.id for e in events]
    assert len(entries) == len({sentence for sentence, _day in found})  # days of one sentence: one entry
    for entry in entries:
        assert entry.earliest == min(e.earliest for e in entry.events)
        assert entry.latest == max(e.latest for e in entry.events)

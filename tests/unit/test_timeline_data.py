"""The timeline's data: spans per lane, range queries, density, and axis ticks per zoom."""

from __future__ import annotations

from datetime import date

from dossier.core.models import Event
from dossier.core.timeline import TimelineData, tick_unit, ticks


def ev(i: int, earliest: str | None, latest: str | None, precision: str) -> Event:
    return Event(i, 1, 0, 1, f"e{i}", "words", earliest, latest, precision, "auto")


def test_spans_queries_and_density() -> None:
    events = [ev(1, "2020-01-01", "2020-12-31", "year"), ev(2, "2020-11-10", "2020-11-10", "day"),
              ev(3, "2021-05-10", "2021-05-14", "range"), ev(4, None, None, "day")]
    data = TimelineData(events, {1: [0], 2: [0], 3: [1], 4: [1]}, ["A", "B"])
    assert data.count == 3  # the undated one is not placed
    d = date.fromisoformat
    assert [s.event_id for s in data.visible(0, d("2020-06-01").toordinal(), d("2020-06-02").toordinal())] == [1]
    assert [s.event_id for s in data.visible(0, d("2020-11-10").toordinal(), d("2020-11-10").toordinal())] == [1, 2]
    assert data.visible(1, d("2020-01-01").toordinal(), d("2021-05-09").toordinal()) == []
    assert data.density(0, d("2020-01-01").toordinal(), 200, 2) == [1, 1]
    assert [s.event_id for s in data.in_time_order] == [1, 2, 3]


def test_ticks_adapt_from_decades_to_days() -> None:
    assert [tick_unit(p) for p in (0.001, 0.02, 0.2, 1, 3, 10, 100)] == [
        "century", "decade", "year", "quarter", "month", "week", "day"]
    first, last = date(2020, 1, 1).toordinal(), date(2021, 12, 31).toordinal()
    assert [t.label for t in ticks(first, last, 0.3)] == ["2020", "2021"]
    assert [t.label for t in ticks(first, date(2020, 4, 1).toordinal(), 3)] == ["Jan 2020", "Feb 2020", "Mar 2020", "Apr 2020"]
    weeks = ticks(date(2021, 5, 12).toordinal(), date(2021, 5, 31).toordinal(), 10)
    assert [t.label for t in weeks] == ["10 May 2021", "17 May 2021", "24 May 2021", "31 May 2021"]  # Mondays
    days = ticks(date(2021, 5, 10).toordinal(), date(2021, 5, 12).toordinal(), 100)
    assert [t.label for t in days] == ["10 May", "11 May", "12 May"]


def test_the_timeline_says_where_extraction_placed_a_date_without_a_year() -> None:
    from dossier.core.timeline import placement

    day = "2021-05-28"
    assert placement("2021-06-20", "2021-06-20", "June 20", day) == "after publication"
    assert placement("2020-11-10", "2020-11-10", "November 10", day) == "before publication"
    assert placement("2021-05-24", "2021-05-24", "on Monday", day) == "before publication"
    assert placement(None, None, "Monday", day) == ("not placed: its sentence does not say whether before or after "
                                                    "publication")
    assert placement(None, None, "yesterday", None) == "not placed: the article has no published day"
    # The words fix the date, or say which way themselves: nothing to add.
    for words in ("20 June 2021", "last year", "last Friday", "next month", "yesterday", "the 1990s"):
        assert placement("2020-01-01", "2020-12-31", words, day) == "", words
    assert placement("2021-05-01", "2021-05-31", "in May", day) == ""  # the published month itself

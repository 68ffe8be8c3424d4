"""The timeline's data: spans per lane, range queries, density, and axis ticks per zoom."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.models import Event
from dossier.core.timeline import MAX_ROWS, Span, TimelineData, tick_unit, ticks


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


def reference_lanes(events: list[Event], lane_of: dict[int, list[int]], lanes: int) -> tuple[list[list[Span]], list[int]]:
    """The timeline's spans and rows as first written (a Span per event and lane, sorted, then
    each given the first row whose last day is before its first): the fast build must agree."""
    spans: list[list[Span]] = [[] for _ in range(lanes)]
    for e in events:
        if e.earliest:
            first = date.fromisoformat(e.earliest).toordinal()
            last = date.fromisoformat(e.latest or e.earliest).toordinal()
            for lane in lane_of.get(e.id, ()):
                spans[lane].append(Span(first, last, e.id, lane, e.precision))
    out, rows = [], []
    for lane_spans in spans:
        row_ends: list[int] = []
        placed = []
        for span in sorted(lane_spans):
            row = next((i for i, end in enumerate(row_ends) if end < span.first), None)
            if row is None:
                if len(row_ends) < MAX_ROWS:
                    row_ends.append(span.last)
                    row = len(row_ends) - 1
                else:
                    row = MAX_ROWS - 1
            row_ends[row] = max(row_ends[row], span.last)
            placed.append(span._replace(row=row))
        out.append(placed)
        rows.append(max(1, len(row_ends)))
    return out, rows


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 40), st.sampled_from(["day", "month", "range", "approximate"]),
                          st.lists(st.integers(0, 3), max_size=3), st.booleans()), max_size=60))
def test_the_fast_build_stacks_as_the_first_one_did(rows: list[tuple[int, int, str, list[int], bool]]) -> None:
    base = date(2021, 1, 1).toordinal()
    events, lane_of = [], {}
    for i, (start, length, precision, lanes, dated) in enumerate(rows):
        first = date.fromordinal(base + start).isoformat()
        last = date.fromordinal(base + start + length).isoformat() if length else None
        events.append(ev(i, first if dated else None, last if dated else None, precision))
        if lanes:
            lane_of[i] = lanes
    data = TimelineData(events, lane_of, ["A", "B", "C", "D"])
    spans, lane_rows = reference_lanes(events, lane_of, 4)
    assert data.lanes == spans and data.rows == lane_rows
    assert all(type(s) is Span for lane in data.lanes for s in lane)
    assert data.count == len({s.event_id for lane in spans for s in lane})
    placed = [s for lane in spans for s in lane]
    if placed:
        assert (data.first_day, data.last_day) == (min(s.first for s in placed), max(s.last for s in placed))
    for lane in range(4):
        for day in range(base - 1, base + 102, 7):
            assert data.visible(lane, day, day + 3) == [s for s in spans[lane] if s.last >= day and s.first <= day + 3]

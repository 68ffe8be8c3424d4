"""What the timeline shows, in plain Python: events as day numbers in lanes, and the ticks of an
axis at any zoom. The widget only paints what these give it."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise
from operator import itemgetter, sub
from typing import NamedTuple

from dossier.core.models import Event


class Span(NamedTuple):
    # In this order, so that plain tuple sorting is time order (no key function: 100,000 spans).
    first: int  # date.toordinal() of earliest
    last: int  # of latest (inclusive)
    event_id: int
    lane: int
    precision: str
    row: int = 0  # the row of its lane it is drawn in: events of the same days are stacked


# Events of the same days are stacked in up to this many rows per lane; more than that share the
# last row, where the drawing counts them (a badge) instead of stacking a lane a screen high.
MAX_ROWS = 6
_first, _last = itemgetter(0), itemgetter(1)  # of a span, or of the (first, last, …) it is made from


def stacked(lane: int, in_lane: list[tuple[int, int, int, str]]) -> tuple[list[Span], int]:
    """The spans of a lane from its (first, last, event id, precision), sorted by start, each
    in the first row free before its first day, so that spans sharing a day never share a row
    (up to MAX_ROWS; the rest share the last); and the number of rows used."""
    row_ends: list[int] = []  # the last day taken in each row
    spans: list[Span] = []
    append, make = spans.append, tuple.__new__  # Span(...) without keyword handling: 100,000 of them
    for first, last, event_id, precision in in_lane:
        if row_ends and row_ends[0] < first:  # the common case, first: the top row is free
            if row_ends[0] < last:
                row_ends[0] = last
            append(make(Span, (first, last, event_id, lane, precision, 0)))
            continue
        for row, end in enumerate(row_ends):
            if end < first:
                if end < last:
                    row_ends[row] = last
                break
        else:
            if len(row_ends) < MAX_ROWS:
                row = len(row_ends)
                row_ends.append(last)
            else:
                row = MAX_ROWS - 1
                if row_ends[row] < last:
                    row_ends[row] = last
        append(make(Span, (first, last, event_id, lane, precision, row)))
    return spans, max(1, len(row_ends))


class TimelineData:
    """Events with dates, each in a lane, sorted by start within each lane for range queries,
    and stacked in rows within their lane.

    Built in one pass over the events and one over each lane (100,000 events in a fraction of
    a second): plain tuples are sorted, and each span is made once, with its row."""

    def __init__(self, events: Iterable[Event], lane_of: dict[int, list[int]], lane_labels: Sequence[str]) -> None:
        self.lane_labels = list(lane_labels)
        keys: list[list[tuple[int, int, int, str]]] = [[] for _ in self.lane_labels]
        days: dict[str, int] = {}  # a few thousand distinct dates among many events: parse each once
        placed: set[int] = set()
        for e in events:
            if not e.earliest:
                continue  # "yesterday" in an undated article: nothing to place
            in_lanes = lane_of.get(e.id, ())
            if not in_lanes:
                continue
            first = days.get(e.earliest)
            if first is None:
                first = days[e.earliest] = date.fromisoformat(e.earliest).toordinal()
            latest = e.latest or e.earliest
            last = days.get(latest)
            if last is None:
                last = days[latest] = date.fromisoformat(latest).toordinal()
            key = (first, last, e.id, e.precision)
            for lane in in_lanes:
                keys[lane].append(key)
            placed.add(e.id)
        # Events, not marks: in lanes by entity one event is drawn in the lane of each entity.
        self.count = len(placed)
        self.rows: list[int] = []
        self.lanes: list[list[Span]] = []
        self._starts: list[list[int]] = []
        self._longest: list[int] = []
        last_days: list[int] = []
        for lane, in_lane in enumerate(keys):
            in_lane.sort()  # the lane is the same for all: sorted as the spans would be
            spans, rows = stacked(lane, in_lane)
            self.lanes.append(spans)
            self.rows.append(rows)
            starts, lasts = list(map(_first, in_lane)), list(map(_last, in_lane))
            self._starts.append(starts)
            self._longest.append(max(map(sub, lasts, starts), default=0))
            last_days.append(max(lasts, default=0))
        self.first_day = min((starts[0] for starts in self._starts if starts), default=date.today().toordinal())
        self.last_day = max(last_days) if self.count else self.first_day
        self._in_time_order: list[Span] | None = None

    @property
    def in_time_order(self) -> list[Span]:
        """Every span by time (for stepping with the arrow keys): sorted when first asked."""
        if self._in_time_order is None:
            self._in_time_order = sorted(s for spans in self.lanes for s in spans)
        return self._in_time_order

    def visible(self, lane: int, first: int, last: int) -> list[Span]:
        """Spans of a lane that overlap days [first, last]."""
        starts = self._starts[lane]
        lo = bisect_left(starts, first - self._longest[lane])
        hi = bisect_right(starts, last)
        return [s for s in self.lanes[lane][lo:hi] if s.last >= first]

    def density(self, lane: int, first: int, days_per_bin: float, bins: int) -> list[int]:
        """How many spans start in each of `bins` equal slices from day `first` (zoomed out)."""
        starts = self._starts[lane]
        edges = [bisect_left(starts, first + i * days_per_bin) for i in range(bins + 1)]
        return [b - a for a, b in pairwise(edges)]


class Tick(NamedTuple):
    day: int
    label: str
    major: bool


def tick_unit(px_per_day: float) -> str:
    """The axis unit for a zoom: labels stay at least ~60 px apart."""
    for unit, days in (("day", 1), ("week", 7), ("month", 30.4), ("quarter", 91.3), ("year", 365.25),
                       ("decade", 3652.5)):
        if px_per_day * days >= 60:
            return unit
    return "century"


def ticks(first_day: int, last_day: int, px_per_day: float) -> list[Tick]:
    unit = tick_unit(px_per_day)
    start, end = date.fromordinal(max(1, first_day)), date.fromordinal(max(1, last_day))
    out: list[Tick] = []
    if unit in ("day", "week"):
        step = 1 if unit == "day" else 7
        d = start.toordinal()
        if unit == "week":
            d -= date.fromordinal(d).weekday()  # weeks start on Monday
        while d <= end.toordinal():
            day = date.fromordinal(d)
            out.append(Tick(d, day.strftime("%d %b" if unit == "day" else "%d %b %Y"), day.day == 1))
            d += step
        return out
    if unit in ("month", "quarter"):
        step = 1 if unit == "month" else 3
        y, m = start.year, ((start.month - 1) // step) * step + 1
        while date(y, m, 1) <= end:
            out.append(Tick(date(y, m, 1).toordinal(), date(y, m, 1).strftime("%b %Y"), m == 1))
            m += step
            if m > 12:
                y, m = y + 1, m - 12
        return out
    step = {"year": 1, "decade": 10, "century": 100}[unit]
    y = (start.year // step) * step
    while y <= end.year:
        if y >= 1:
            out.append(Tick(date(y, 1, 1).toordinal(), str(y), y % (step * 10) == 0))
        y += step
    return out


YEAR_WORDS = re.compile(r"\b\d{4}s?\b")
# Words that name a month or weekday but no year: before or after publication is the sentence's
# tense (ingest.tense), so the timeline says which was chosen. "last Friday", "next month" say it.
_CALENDAR_NAME = re.compile(r"\b(" + "|".join(
    name for name in (*calendar.month_name, *calendar.month_abbr, "Sept", *calendar.day_name) if name) + r")\b",
    re.IGNORECASE)
_SAYS_WHICH = re.compile(r"\b(last|next|this|ago|yesterday|tomorrow|today|earlier|later)\b", re.IGNORECASE)


def placement(earliest: str | None, latest: str | None, date_text: str, publication_day: str | None) -> str:
    """Where an event's date words put it against its article's published day, when the words
    alone did not ("June 20" in an article of 28 May 2021): what extraction chose, or why it
    chose nothing. "" for dates the words fix ("20 June 2021", "2020")."""
    if not earliest:
        if publication_day:
            return "not placed: its sentence does not say whether before or after publication"
        return "not placed: the article has no published day"
    if (not publication_day or YEAR_WORDS.search(date_text) or not _CALENDAR_NAME.search(date_text)
            or _SAYS_WHICH.search(date_text)):
        return ""
    if earliest > publication_day:
        return "after publication"
    if (latest or earliest) < publication_day:
        return "before publication"
    return ""

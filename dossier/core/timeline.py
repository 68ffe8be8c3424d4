"""What the timeline shows, in plain Python: events as day numbers in lanes, and the ticks of an
axis at any zoom. The widget only paints what these give it."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise
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


def stack(spans: list[Span]) -> tuple[list[Span], int]:
    """Rows for spans sorted by start, so that spans sharing a day never share a row; returns
    the spans with their rows and the number of rows used."""
    row_ends: list[int] = []  # the last day taken in each row
    stacked = []
    for span in spans:
        row = next((i for i, end in enumerate(row_ends) if end < span.first), None)
        if row is None:
            if len(row_ends) < MAX_ROWS:
                row_ends.append(span.last)
                row = len(row_ends) - 1
            else:
                row = MAX_ROWS - 1
        row_ends[row] = max(row_ends[row], span.last)
        stacked.append(span._replace(row=row))
    return stacked, max(1, len(row_ends))


class TimelineData:
    """Events with dates, each in a lane, sorted by start within each lane for range queries,
    and stacked in rows within their lane."""

    def __init__(self, events: Iterable[Event], lane_of: dict[int, list[int]], lane_labels: Sequence[str]) -> None:
        self.lane_labels = list(lane_labels)
        lanes: list[list[Span]] = [[] for _ in self.lane_labels]
        days: dict[str, int] = {}  # a few thousand distinct dates among many events: parse each once

        def day(iso: str) -> int:
            found = days.get(iso)
            if found is None:
                found = days[iso] = date.fromisoformat(iso).toordinal()
            return found

        make = Span._make
        for e in events:
            if not e.earliest:
                continue  # "yesterday" in an undated article: nothing to place
            first, last = day(e.earliest), day(e.latest or e.earliest)
            for lane in lane_of.get(e.id, ()):
                lanes[lane].append(make((first, last, e.id, lane, e.precision, 0)))
        self.rows: list[int] = []
        for n, spans in enumerate(lanes):
            spans.sort()
            lanes[n], rows = stack(spans)
            self.rows.append(rows)
        self.lanes = lanes
        self._starts = [[s[0] for s in spans] for spans in lanes]
        self._longest = [max((s[1] - s[0] for s in spans), default=0) for spans in lanes]
        # Events, not marks: in lanes by entity one event is drawn in the lane of each entity.
        self.count = len({s.event_id for spans in lanes for s in spans})
        self.first_day = min((starts[0] for starts in self._starts if starts), default=date.today().toordinal())
        self.last_day = max((max(s[1] for s in spans) for spans in lanes if spans), default=self.first_day)
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

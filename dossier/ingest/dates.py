"""Date words to honest date ranges: "yesterday", "earlier this week", "last year", "March 15".

A resolved date is a FuzzyDate: the inclusive range [earliest, latest] the words can mean, its
precision, and the words themselves. Relative words are resolved against the article's
published date; without one they stay unresolved (no range) rather than guessed. Common forms
are read here directly (fast, and exact about what they mean); anything else goes to dateparser
(English only: without `languages=["en"]` it reads this sample as Catalan).

Weeks start on Monday. A date that names no year ("November 10", "in June", "mid-May", "on
Friday") lies before or after publication as its sentence's tense says (ingest.tense): before,
the latest one on or before the published day; after, the first one on or after it. When the
sentence does not tell and the two differ, the date stays unresolved. A weekday is the
published day itself when it names it ("said on Tuesday", "will meet on Tuesday", in Tuesday's
paper); "next Tuesday" is a week on.

Spans: "from July 22 to July 27", "between July and September" and "on Thursday and Friday" (two
days in a row) are one range, the second end placed after the first; "since X" runs from X to
the published day. Periods of the news: "over the weekend" (the Saturday and Sunday before, or
after in a future sentence; "last weekend" before, "next weekend" after), "in two days" (after publication in a future sentence; a duration,
no date, in a past one), "within three months" (from publication to three months on), "since the
start of the year"; "this week" is Monday to the published day in a past sentence, the published
day to Sunday in a future one, the whole week when the tense is not told. "That same day" is the
day of the previous dated sentence, when the caller knows it (`previous_day`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple, TypeVar

from dossier.core.models import FuzzyDate
from dossier.ingest.tense import Tense

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
T = TypeVar("T")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "a": 1, "an": 1}
_COUNT = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)"

# One expression each; a DATE span from the tagger may hold several ("November 10 ending last
# year's"), so spans are searched for every one of these.
_PATTERNS = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    ("month_day_year", _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    ("day_month_year", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>\d{4})\b"),
    ("month_day", _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b"),
    ("day_month", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH),
    ("part_month_year", r"\b(?P<part>early|mid|late|end of|beginning of)[-\s]+" + _MONTH + r"(?:\s+(?P<y>\d{4}))?"),
    ("month_year", _MONTH + r",?\s+(?P<y>\d{4})\b"),
    ("part_year", r"\b(?P<part>early|mid|late|end of|beginning of)[-\s]+(?P<y>\d{4})\b"),
    ("decade", r"\b(?:the\s+)?(?P<y>\d{3}0)s\b"),
    ("since_start", r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?P<unit>week|month|year)\b"),
    ("weekend", r"\b(?:(?:over|during|at|on)\s+the|(?P<which>this|last|next|past))\s+weekend\b"),
    ("same_day", r"\b(?:that|the)\s+same\s+day\b"),
    ("in_count", r"\bin\s+" + _COUNT + r"\s+(?P<unit>day|week|month|year)s?(?:'|’)?(?:\s+time)?\b"),
    ("within", r"\bwithin\s+(?:the\s+next\s+)?" + _COUNT + r"\s+(?P<unit>day|week|month|year)s?\b"),
    ("relative_day", r"\b(?P<word>the day before yesterday|yesterday|today|tonight|tomorrow|this morning|"
                     r"this afternoon|this evening|last night)\b"),
    ("earlier_this", r"\b(?:earlier|so far)\s+this\s+(?P<unit>week|month|year)\b"),
    ("later_this", r"\blater\s+this\s+(?P<unit>week|month|year)\b"),
    ("this_last_next", r"\b(?P<which>this|last|next|past|previous)\s+(?P<unit>week|month|year)(?:'s)?\b"),
    ("ago", r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b"),
    ("weekday", r"\b(?:on\s+|last\s+|next\s+|this\s+coming\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"),
    ("month_alone", r"\b(?:in\s+)?" + _MONTH + r"\b"),
    ("year", r"\b(?:in\s+)?(?P<y>(?:19|20)\d{2})\b"),
]
# All forms in one scan, earliest-listed form first where two match at the same place; the
# inner groups are unnamed here (names can't repeat across alternatives) and read again below.
_COMBINED = re.compile(
    "|".join(f"(?P<form_{name}>{re.sub(r'[(][?]P<[a-z]+>', '(?:', pattern)})" for name, pattern in _PATTERNS),
    re.IGNORECASE,
)
_COMPILED = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _PATTERNS}


def find_dates(text: str, published: date | None, tense: Tense = "past",
               previous_day: date | None = None) -> list[tuple[int, int, FuzzyDate]]:
    """Every date expression in `text`: (start, end, date), in order. Expressions that name no
    date (durations like "two years", counts) are left out. `tense` places the dates that name
    no year (see above); words alone, as a user types them, are read as the past. Ranges and
    "since X" come out as one date each (see above); "that same day" is `previous_day`."""
    found: list[_Found] = []
    for match in _COMBINED.finditer(text):
        kind = (match.lastgroup or "").removeprefix("form_")
        words = match.group(0)
        detail = _COMPILED[kind].fullmatch(words) or _COMPILED[kind].search(words)
        if detail is None:
            continue
        if kind == "same_day":
            day = previous_day if published is not None else None
            fuzzy: FuzzyDate | None = _day(day, words) if day else FuzzyDate(None, None, "day", words)
        else:
            fuzzy = _resolve(kind, detail, words, published, tense)
        if fuzzy is not None:
            found.append(_Found(match.start(), match.end(), kind, detail, fuzzy))
    return [(f.start, f.end, f.fuzzy) for f in _joined(text, found, published)]


class _Found(NamedTuple):
    start: int
    end: int
    kind: str
    detail: re.Match[str]
    fuzzy: FuzzyDate


_RANGE_OPEN = re.compile(r"\b(?P<open>from|between)\s+$", re.IGNORECASE)
_RANGE_LINK = re.compile(r"^\s*(?:to|until|till|through|and|-|–)\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s+and\s+$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
# Forms whose year (or week) is chosen by where they lie: the end of a range lies after its start.
_PLACED_FORMS = {"month_day", "day_month", "weekday", "month_alone", "part_month_year"}


def _joined(text: str, found: list[_Found], base: date | None) -> list[_Found]:
    """Two dates that make one span ("from … to …", "between … and …", "on Thursday and Friday")
    joined into one range; "since X" stretched from X to the published day."""
    out: list[_Found] = []
    i = 0
    while i < len(found):
        first = found[i]
        second = found[i + 1] if i + 1 < len(found) else None
        if second is not None and _RANGE_LINK.match(text[first.end:second.start]):
            opened = _RANGE_OPEN.search(text[:first.start])
            days_in_a_row = (first.kind == second.kind == "weekday" and _AND.match(text[first.end:second.start])
                             and (WEEKDAYS[second.detail.group("weekday").lower()]
                                  - WEEKDAYS[first.detail.group("weekday").lower()]) % 7 == 1)
            if opened or days_in_a_row:
                start = opened.start() if opened else first.start
                out.append(_Found(start, second.end, "range", first.detail,
                                  _range(first, second, text[start:second.end])))
                i += 2
                continue
        since = _SINCE.search(text[:first.start])
        if since and base is not None and first.kind not in ("since_start", "same_day") \
                and first.fuzzy.earliest and first.fuzzy.earliest <= base.isoformat():
            words = text[since.start():first.end]
            first = _Found(since.start(), first.end, "since", first.detail,
                           FuzzyDate(first.fuzzy.earliest, base.isoformat(), "range", words))
        out.append(first)
        i += 1
    return out


def _range(first: _Found, second: _Found, words: str) -> FuzzyDate:
    """The span from the first date to the second, the second placed on or after the first."""
    if first.fuzzy.earliest is None:
        return FuzzyDate(None, None, "range", words)
    end = second.fuzzy
    if second.kind in _PLACED_FORMS and not second.detail.groupdict().get("y"):
        start = date.fromisoformat(first.fuzzy.earliest)
        end = _resolve(second.kind, second.detail, second.detail.group(0), start, "future") or end
    if end.latest is None or end.latest < first.fuzzy.earliest:
        return FuzzyDate(None, None, "range", words)
    return FuzzyDate(first.fuzzy.earliest, end.latest, "range", words)


def resolve(words: str, published: date | None) -> FuzzyDate | None:
    """The date `words` name, read whole: a known form first, else dateparser."""
    found = find_dates(words, published)
    if found:
        _start, _end, fuzzy = found[0]
        return fuzzy
    return _dateparser(words, published)


def _resolve(kind: str, m: re.Match[str], words: str, base: date | None, tense: Tense = "past") -> FuzzyDate | None:
    g = m.groupdict()
    words = words.strip()
    try:
        if kind == "iso":
            return _day(date(int(g["y"]), int(g["m"]), int(g["d"])), words)
        if kind in ("month_day_year", "day_month_year"):
            return _day(date(int(g["y"]), MONTHS[g["month"].lower()], int(g["d"])), words)
        if kind in ("month_day", "day_month"):
            if base is None:
                return FuzzyDate(None, None, "day", words)
            month, day = MONTHS[g["month"].lower()], int(g["d"])
            date(2000, month, day)  # refuses February 30 (2000 has a February 29)
            return _either(_nearest_day(month, day, base, -1), _nearest_day(month, day, base, 1),
                           tense, "day", words, _day)
        if kind == "month_year":
            return _month(int(g["y"]), MONTHS[g["month"].lower()], words)
        if kind == "part_month_year":
            month = MONTHS[g["month"].lower()]

            def part_of(year: int, _words: str) -> FuzzyDate:
                lo, hi = _part(g["part"].lower(), *_month_bounds(year, month))
                return FuzzyDate(lo.isoformat(), hi.isoformat(), "approximate", words)

            if g.get("y"):
                return part_of(int(g["y"]), words)
            if base is None:
                return FuzzyDate(None, None, "approximate", words)
            return _either(_year_of_month(month, base, -1), _year_of_month(month, base, 1), tense, "approximate",
                           words, part_of)
        if kind == "part_year":
            lo, hi = _part(g["part"].lower(), date(int(g["y"]), 1, 1), date(int(g["y"]), 12, 31))
            return FuzzyDate(lo.isoformat(), hi.isoformat(), "approximate", words)
        if kind == "decade":
            y = int(g["y"])
            return FuzzyDate(date(y, 1, 1).isoformat(), date(y + 9, 12, 31).isoformat(), "range", words)
        if kind == "year":
            y = int(g["y"])
            return FuzzyDate(date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat(), "year", words)
        if kind == "month_alone":
            if base is None:
                return FuzzyDate(None, None, "month", words)
            month = MONTHS[g["month"].lower()]
            return _either(_year_of_month(month, base, -1), _year_of_month(month, base, 1), tense, "month", words,
                           lambda year, w: _month(year, month, w))
    except ValueError:
        return None  # an impossible date such as February 30
    return _relative(kind, g, words, base, tense)


def _either(before: T, after: T, tense: Tense, precision: str, words: str,
            make: Callable[[T, str], FuzzyDate]) -> FuzzyDate:
    """The date before or after publication, as the tense says; the one date if both are the
    same (a date of the published day or month); unresolved if the tense is not known."""
    if before == after or tense == "past":
        return make(before, words)
    if tense == "future":
        return make(after, words)
    return FuzzyDate(None, None, precision, words)


def _nearest_day(month: int, day: int, base: date, direction: int) -> date:
    """The latest (direction -1) such day on or before `base`, or the first (1) on or after it;
    February 29 only in leap years."""
    year = base.year
    while True:
        try:
            candidate = date(year, month, day)
        except ValueError:
            year += direction
            continue
        if (direction < 0 and candidate <= base) or (direction > 0 and candidate >= base):
            return candidate
        year += direction


def _year_of_month(month: int, base: date, direction: int) -> int:
    if direction < 0:
        return base.year if month <= base.month else base.year - 1
    return base.year if month >= base.month else base.year + 1


def _relative(kind: str, g: dict[str, str], words: str, base: date | None, tense: Tense = "past") -> FuzzyDate | None:
    if kind == "relative_day":
        word = g["word"].lower()
        shift = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        if word == "last night":
            shift = 0 if base is None else -1
        return _day(base + timedelta(days=shift), words) if base else FuzzyDate(None, None, "day", words)
    if kind in ("earlier_this", "later_this", "this_last_next"):
        unit = g["unit"].lower()
        which = g.get("which", "this").lower() if kind == "this_last_next" else ("earlier" if kind == "earlier_this" else "later")
        if base is None:
            return FuzzyDate(None, None, "range" if which in ("earlier", "later") else unit, words)
        first, last = _period(unit, base, {"last": -1, "past": -1, "previous": -1, "next": 1}.get(which, 0))
        if which == "this" and unit == "week" and tense != "unknown":
            # What happened this week has happened by publication; what will, happens after it.
            which = "earlier" if tense == "past" else "later"
        if which == "earlier":
            return FuzzyDate(first.isoformat(), base.isoformat(), "range", words)
        if which == "later":
            return FuzzyDate(base.isoformat(), last.isoformat(), "range", words)
        return FuzzyDate(first.isoformat(), last.isoformat(), unit, words)
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
        unit = g["unit"].lower()
        if base is None:
            return FuzzyDate(None, None, unit if unit != "day" else "day", words)
        if unit == "day":
            return _day(base - timedelta(days=n), words)
        if unit == "week":
            first, last = _period("week", base - timedelta(weeks=n), 0)
            return FuzzyDate(first.isoformat(), last.isoformat(), "week", words)
        if unit == "month":
            y, m = divmod(base.year * 12 + base.month - 1 - n, 12)
            return _month(y, m + 1, words)
        return FuzzyDate(date(base.year - n, 1, 1).isoformat(), date(base.year - n, 12, 31).isoformat(), "year", words)
    if kind == "weekday":
        if base is None:
            return FuzzyDate(None, None, "day", words)
        weekday = WEEKDAYS[g["weekday"].lower()]
        back = (base.weekday() - weekday) % 7
        ahead = (weekday - base.weekday()) % 7
        if words.lower().startswith("last"):
            return _day(base - timedelta(days=back or 7), words)
        if words.lower().startswith("next"):
            return _day(base + timedelta(days=ahead or 7), words)
        # "on Friday" in a Friday's paper is that day, told of or announced.
        return _either(base - timedelta(days=back), base + timedelta(days=ahead), tense, "day", words, _day)
    return _period_of_the_news(kind, g, words, base, tense)


def _period_of_the_news(kind: str, g: dict[str, str], words: str, base: date | None,
                        tense: Tense) -> FuzzyDate | None:
    """"over the weekend", "in two days", "within three months", "since the start of the year"."""
    if kind == "since_start":
        if base is None:
            return FuzzyDate(None, None, "range", words)
        first, _last = _period(g["unit"].lower(), base, 0)
        return FuzzyDate(first.isoformat(), base.isoformat(), "range", words)
    if kind == "weekend":
        if base is None:
            return FuzzyDate(None, None, "range", words)
        saturday_before = base - timedelta(days=(base.weekday() - 5) % 7 or 7)
        saturday_after = base + timedelta(days=(5 - base.weekday()) % 7)
        which = (g.get("which") or "").lower()
        tense = {"last": "past", "past": "past", "next": "future"}.get(which, tense)  # type: ignore[assignment]  # the words name one of Tense's values
        return _either(saturday_before, saturday_after, tense, "range", words,
                       lambda sat, w: FuzzyDate(sat.isoformat(), (sat + timedelta(days=1)).isoformat(), "range", w))
    if kind in ("in_count", "within"):
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
        unit = g["unit"].lower()
        if tense == "past":
            return None  # "took the town in two days": how long, not when
        if base is None or (tense != "future" and kind == "in_count"):
            return FuzzyDate(None, None, unit if kind == "in_count" else "range", words)
        later = _later(base, n, unit)
        if kind == "within":
            return FuzzyDate(base.isoformat(), later.isoformat(), "range", words)
        if unit == "day":
            return _day(later, words)
        first, last = _period(unit, later, 0)
        return FuzzyDate(first.isoformat(), last.isoformat(), unit, words)
    return None


def _later(base: date, n: int, unit: str) -> date:
    """`n` days, weeks, months or years after `base` (the month's last day where it is shorter)."""
    if unit in ("day", "week"):
        return base + timedelta(days=n * (7 if unit == "week" else 1))
    months = n * (12 if unit == "year" else 1)
    y, m = divmod(base.year * 12 + base.month - 1 + months, 12)
    return date(y, m + 1, min(base.day, calendar.monthrange(y, m + 1)[1]))


def _day(d: date, words: str) -> FuzzyDate:
    return FuzzyDate(d.isoformat(), d.isoformat(), "day", words)


def _month(year: int, month: int, words: str) -> FuzzyDate:
    first, last = _month_bounds(year, month)
    return FuzzyDate(first.isoformat(), last.isoformat(), "month", words)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _period(unit: str, base: date, shift: int) -> tuple[date, date]:
    """The week (Monday to Sunday), month or year containing `base`, moved by `shift` periods."""
    if unit == "week":
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=shift)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        y, m = divmod(base.year * 12 + base.month - 1 + shift, 12)
        return _month_bounds(y, m + 1)
    return date(base.year + shift, 1, 1), date(base.year + shift, 12, 31)


def _part(part: str, first: date, last: date) -> tuple[date, date]:
    """Early / mid / late thirds of a period; "end of" / "beginning of" its last / first third."""
    span = (last - first).days + 1
    third = span // 3
    if part in ("early", "beginning of"):
        return first, first + timedelta(days=third - 1)
    if part == "mid":
        return first + timedelta(days=third), last - timedelta(days=third)
    return last - timedelta(days=third - 1), last


_parsers: dict[str, object] = {}


def _dateparser(words: str, base: date | None) -> FuzzyDate | None:
    """Anything the forms above don't cover ("the 14th of this month", "a fortnight ago")."""
    from datetime import datetime

    from dateparser.date import DateDataParser  # heavy: loaded on first use

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    key = repr(sorted(settings.items()))
    parser = _parsers.get(key)
    if parser is None:
        parser = _parsers[key] = DateDataParser(languages=["en"], settings=settings)
    try:
        data = parser.get_date_data(words)  # type: ignore[attr-defined]  # dateparser's stubs lack the method
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    if base is None and _looks_relative(words):
        return None  # resolved against today, which is a guess: leave it unresolved
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return FuzzyDate(date(d.year, 1, 1).isoformat(), date(d.year, 12, 31).isoformat(), "year", words)
    if period == "month":
        return _month(d.year, d.month, words)
    if period == "week":
        first, last = _period("week", d, 0)
        return FuzzyDate(first.isoformat(), last.isoformat(), "week", words)
    return _day(d, words)


def _looks_relative(words: str) -> bool:
    return not re.search(r"\b\d{4}\b", words)


def parse_published(text: str) -> tuple[str, str] | None:
    """A published date as given on a command line or in metadata: (ISO date, precision).
    "2021-05-14" / "14 May 2021" -> day, "2021-05" / "May 2021" -> month, "2021" -> year;
    a timestamp keeps the date of its own offset."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text):
        try:
            return date(*map(int, m.groups())).isoformat(), "day"
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        if 1 <= int(m.group(2)) <= 12:
            return f"{m.group(1)}-{m.group(2)}", "month"
        return None
    if re.fullmatch(r"\d{4}", text):
        return text, "year"
    found = find_dates(text, None)
    # The words must all be the date: "2021/05/14" read as the year 2021 would be stored wrong.
    if len(found) == 1 and found[0][2].earliest and (found[0][0], found[0][1]) == (0, len(text)):
        fuzzy, earliest = found[0][2], found[0][2].earliest
        if fuzzy.precision == "day":
            return earliest, "day"
        if fuzzy.precision == "month":
            return earliest[:7], "month"
        if fuzzy.precision == "year":
            return earliest[:4], "year"
    return None


def base_date(day: str | None) -> date | None:
    """`Article.publication_day` as a date (None when the day is not known)."""
    if not day:
        return None
    try:
        return date.fromisoformat(day[:10])
    except ValueError:
        return None

"""Date phrases found and read in the article's own language: "вчера", "մայիսի 14-ին", "mayın 14-də".

English dates go through spaCy's DATE entities and `ingest.dates`; nothing there finds a date
in Cyrillic, Armenian or Arabic script. Here each language's words (`ingest.date_words`) make
one pattern per way of writing a date, and each phrase found is read by the same arithmetic as
English ones: the same precision (a month phrase is the month, never its first day), the same
rule for dates that name no year (before or after publication as the sentence's tense says,
`ingest.tense`), unresolved rather than guessed.

Where two phrases overlap, the longer wins ("в мае 2021 года" over "2021 года"). Persian news counts in the Solar Hijri calendar ("۲۴ اردیبهشت ۱۴۰۰"), read here into
the Gregorian range it covers. Digits of any script are digits (`\\d` and `int` take "۱۴" and "١٤").

dateparser reads "вчера" and "երեկ" rightly but not "у понеділок", "мае 2021 года" or "mayın
14-də", and can't say where in a sentence a phrase is; it checks this module's readings in the
tests. Natasha's DatesExtractor found no Russian phrase these patterns miss, raised KeyError on
"к маю 2021 года" and read "2019-2021 годы" as 2021, so it is not used for dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dossier.core.models import FuzzyDate
from dossier.core.sentences import sentence_spans
from dossier.ingest.date_words import BY_LANGUAGE, DateWords
from dossier.ingest.dates import _day, _either, _month, _nearest_day, _period, _year_of_month
from dossier.ingest.tense import Tense, tense_of

LANGUAGES = frozenset(BY_LANGUAGE)  # read here; English and the rest go through ingest.dates
# A day's number, with what a language writes onto it after a hyphen or an apostrophe: "14-го",
# "14-ին", "14-də", "14'ünde".
_DAY = r"(?P<d>\d{1,2})(?:[-'’][^\W\d_]{1,6})?"
_YEAR = r"(?P<y>\d{4})"


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    date: FuzzyDate
    sentence: tuple[int, int] = (0, 0)  # the sentence it stands in (its evidence); the phrase alone if read alone


def find_local_dates(text: str, language: str, published: date | None,
                     tense: Tense | None = None) -> list[FoundDate]:
    """Every date phrase of `text` in `language`, in order. Dates that name no year are placed
    by the tense of their sentence, or by `tense` when given (words read alone: past)."""
    if language not in BY_LANGUAGE:
        return []
    words = BY_LANGUAGE[language]
    found: list[tuple[int, int, str, dict[str, str]]] = []
    for match in _patterns(language).finditer(text):
        kind = (match.lastgroup or "").removeprefix("form_")
        detail = _detail(language, kind).match(text, match.start(), match.end())
        if detail is not None:
            found.append((match.start(), match.end(), kind, detail.groupdict()))
    found = _longest_first(found)
    out = []
    spans = sentence_spans(text) if tense is None else []
    for start, end, kind, groups in found:
        sentence = next(((s, e) for s, e in spans if s <= start and end <= e), (start, end))
        said = tense if tense is not None else \
            tense_of(text[sentence[0]:sentence[1]], start - sentence[0], end - sentence[0], language)
        fuzzy = read(kind, groups, text[start:end], words, published, said)
        if fuzzy is not None:
            out.append(FoundDate(start, end, fuzzy, sentence))
    return out


def resolve_local(words_text: str, language: str, published: date | None, tense: Tense) -> FuzzyDate | None:
    """The date `words_text` names, read whole (an event's date words, read again)."""
    found = find_local_dates(words_text, language, published, tense)
    return found[0].date if found else None


def dated_sentences(text: str, language: str, published: date | None) -> Iterator[tuple[int, int, FuzzyDate]]:
    """(sentence start, sentence end, date) for each date phrase: the sentence is its evidence."""
    for found in find_local_dates(text, language, published):  # the text split into sentences once
        yield found.sentence[0], found.sentence[1], found.date


def _longest_first(found: list[tuple[int, int, str, dict[str, str]]]) -> list[tuple[int, int, str, dict[str, str]]]:
    kept: list[tuple[int, int, str, dict[str, str]]] = []
    for item in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if not any(s < item[1] and item[0] < e for s, e, _k, _g in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f[0])


# -- patterns ------------------------------------------------------------------------------------

def _alternation(forms: dict[str, int] | list[str]) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))


def _forms(language: str) -> list[tuple[str, str]]:
    """(kind, pattern) for `language`, earliest listed first where two match at one place."""
    w = BY_LANGUAGE[language]
    month = rf"(?P<month>{_alternation(w.months)}){w.month_suffix}"
    if language == "ar":  # "مايو/أيار": the Levantine name after the other
        month += rf"(?:\s*[/(]\s*(?:{_alternation(w.months)})\s*\)?)?"
    year = rf"(?:{w.year_before})?{_YEAR}(?:{w.year_after})?" if w.year_before else rf"{_YEAR}(?:{w.year_after})?"
    orders = {
        "dmy": rf"{_DAY}\s+{month},?\s+{year}",
        "ymd": rf"{_YEAR}{w.year_after}\s+{month}\s+{_DAY}",
        "md": rf"{month}\s+{_DAY}(?!\d)",
        "dm": rf"{_DAY}\s+{month}",
        "ym": rf"{_YEAR}{w.year_after}\s+{month}",
        "my": rf"{month}\s+{year}",
    }
    forms = [("numeric", r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)")]
    if w.solar_months:
        solar = rf"(?P<month>{_alternation(w.solar_months)})"
        forms += [("solar_dmy", rf"{_DAY}\s+{solar}\s+{year}"), ("solar_dm", rf"{_DAY}\s+{solar}"),
                  ("solar_my", rf"{solar}\s+{year}")]
    forms += [(order, orders[order]) for order in w.orders]
    if w.month_alone:  # "в мае", "у травні 2021 року"
        forms.append(("month_alone", w.month_alone.replace("{M}", _alternation(w.months)) + rf"(?:\s+{year})?"))
    # A year alone only with the word a year takes ("2020 году", "عام 2020"): "2020 человек" is none.
    forms.append(("year", rf"{_YEAR}{w.year_after}"))
    if w.year_before:
        forms.append(("year_before", rf"{w.year_before}{_YEAR}(?:{w.year_after})?"))
    if w.periods:
        forms += [(f"period_{i}", pattern) for i, (pattern, _unit, _shift) in enumerate(w.periods)]
    if w.days:
        forms.append(("relative_day", rf"(?P<word>{_alternation(w.days)})"))
    if w.weekdays:
        which = "|".join(p for p in (w.last and rf"(?P<last>{w.last})\s+", w.next and rf"(?P<next>{w.next})\s+") if p)
        prefix = {"ru": r"(?:во?\s+)?", "uk": r"(?:у\s+|в\s+)?", "ar": r"(?:يوم\s+)?", "fa": r"(?:روز\s+)?"}.get(
            language, "")
        forms.append(("weekday", rf"(?:{which})?{prefix}(?P<weekday>{_alternation(w.weekdays)})"
                      if which else rf"{prefix}(?P<weekday>{_alternation(w.weekdays)})"))
    return forms


_cache: dict[tuple[str, str], re.Pattern[str]] = {}


def _start(language: str) -> str:
    """Where a phrase may start: not inside a word; in Arabic also after a letter written onto it."""
    prefix = BY_LANGUAGE[language].word_prefix
    return rf"(?:(?<!\w)|(?<=(?<!\w)[{prefix}]))" if prefix else r"(?<!\w)"


def _patterns(language: str) -> re.Pattern[str]:
    key = (language, "")
    if key not in _cache:
        unnamed = [(kind, re.sub(r"\(\?P<[a-z]+>", "(?:", pattern)) for kind, pattern in _forms(language)]
        body = "|".join(f"(?P<form_{kind}>{pattern})" for kind, pattern in unnamed)
        _cache[key] = re.compile(rf"{_start(language)}(?:{body})(?!\w)", re.IGNORECASE)
    return _cache[key]


def _detail(language: str, kind: str) -> re.Pattern[str]:
    key = (language, kind)
    if key not in _cache:
        pattern = dict(_forms(language))[kind]
        _cache[key] = re.compile(rf"(?:{pattern})(?!\w)", re.IGNORECASE)
    return _cache[key]


# -- reading -------------------------------------------------------------------------------------

def read(kind: str, g: dict[str, Any], words: str, w: DateWords, base: date | None, tense: Tense) -> FuzzyDate | None:
    words = words.strip()
    try:
        if kind == "numeric":
            return _day(date(int(g["y"]), int(g["m"]), int(g["d"])), words)
        if kind.startswith("solar_"):
            return _read_solar(kind, g, words, w, base, tense)
        if kind in ("dmy", "ymd", "md", "dm", "ym", "my", "month_alone"):
            month = w.months[_month_key(g["month"], w.months)]
            return _read_parts(int(g["y"]) if g.get("y") else None, month, int(g["d"]) if g.get("d") else None,
                               words, base, tense)
        if kind in ("year", "year_before"):
            y = int(g["y"])
            if w.solar_months and 1300 <= y < 1500:  # "سال ۱۴۰۰": a Solar Hijri year
                first, last = solar_to_gregorian(y, 1, 1), solar_to_gregorian(y + 1, 1, 1) - timedelta(days=1)
                return FuzzyDate(first.isoformat(), last.isoformat(), "range", words)
            return FuzzyDate(date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat(), "year", words)
    except (ValueError, KeyError):
        return None  # "31 февраля", a month form the table lacks
    if kind.startswith("period_"):
        _pattern, unit, shift = w.periods[int(kind.removeprefix("period_"))]
        if base is None:
            return FuzzyDate(None, None, unit, words)
        first, last = _period(unit, base, shift)
        return FuzzyDate(first.isoformat(), last.isoformat(), unit, words)
    if kind == "relative_day":
        if base is None:
            return FuzzyDate(None, None, "day", words)
        shift = w.days[_month_key(g["word"], w.days)]
        return _day(base + timedelta(days=shift), words)
    if kind == "weekday":
        if base is None:
            return FuzzyDate(None, None, "day", words)
        weekday = w.weekdays[_month_key(g["weekday"], w.weekdays)]
        back = (base.weekday() - weekday) % 7
        ahead = (weekday - base.weekday()) % 7 or 7
        if g.get("last"):
            return _day(base - timedelta(days=back or 7), words)
        if g.get("next"):
            return _day(base + timedelta(days=ahead), words)
        return _either(base - timedelta(days=back), base + timedelta(days=ahead), tense, "day", words, _day)
    return None


def _month_key(written: str, forms: dict[str, int]) -> str:
    """The listed form a matched word is: case and spacing aside, and without the suffix an
    agglutinative language added ("mayın" -> "may")."""
    key = " ".join(written.lower().split())
    if key in forms:
        return key
    for form in sorted(forms, key=len, reverse=True):
        if key.startswith(form):
            return form
    raise KeyError(written)


def _read_parts(y: int | None, month: int | None, d: int | None, words: str, base: date | None,
                tense: Tense) -> FuzzyDate | None:
    """A date given by some of year, month and day, as precisely as they give it."""
    if y is not None and month is not None and d is not None:
        return _day(date(y, month, d), words)
    if y is not None and month is not None:
        return _month(y, month, words)
    if y is not None:
        return FuzzyDate(date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat(), "year", words)
    if month is None:
        return None
    if d is not None:
        date(2000, month, d)  # refuses 31 April (2000 has a 29 February)
        if base is None:
            return FuzzyDate(None, None, "day", words)
        return _either(_nearest_day(month, d, base, -1), _nearest_day(month, d, base, 1), tense, "day", words, _day)
    if base is None:
        return FuzzyDate(None, None, "month", words)
    return _either(_year_of_month(month, base, -1), _year_of_month(month, base, 1), tense, "month", words,
                   lambda year, text: _month(year, month, text))


# -- the Solar Hijri calendar --------------------------------------------------------------------

# 1 Farvardin 1400 was 21 March 2021. Years are counted from there by the 33-year arithmetic
# rule (a year is leap when (25y + 11) mod 33 < 8), which agrees with the observed calendar
# across the years news is written in.
_ANCHOR_YEAR, _ANCHOR_DAY = 1400, date(2021, 3, 21)


def _solar_leap(year: int) -> bool:
    return (25 * year + 11) % 33 < 8


def _solar_year_length(year: int) -> timedelta:
    return timedelta(days=366 if _solar_leap(year) else 365)


def _solar_year_start(year: int) -> date:
    """The Gregorian day of 1 Farvardin of `year`."""
    day = _ANCHOR_DAY
    for y in range(_ANCHOR_YEAR, year):
        day += _solar_year_length(y)
    for y in range(year, _ANCHOR_YEAR):
        day -= _solar_year_length(y)
    return day


def solar_to_gregorian(year: int, month: int, day: int) -> date:
    length = 31 if month <= 6 else 30 if month <= 11 else (30 if _solar_leap(year) else 29)
    if not (1 <= month <= 12 and 1 <= day <= length):
        raise ValueError(f"no day {day} in month {month} of {year}")
    before = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    return _solar_year_start(year) + timedelta(days=before + day - 1)


def gregorian_to_solar_year(day: date) -> int:
    year = day.year - 621
    return year if day >= _solar_year_start(year) else year - 1


def _solar_month_range(year: int, month: int) -> tuple[date, date]:
    first = solar_to_gregorian(year, month, 1)
    following = solar_to_gregorian(year + 1, 1, 1) if month == 12 else solar_to_gregorian(year, month + 1, 1)
    return first, following - timedelta(days=1)


def _read_solar(kind: str, g: dict[str, Any], words: str, w: DateWords, base: date | None, tense: Tense) -> FuzzyDate | None:
    month = w.solar_months[_month_key(g["month"], w.solar_months)]
    if g.get("y"):
        year = int(g["y"])
        if kind == "solar_dmy":
            return _day(solar_to_gregorian(year, month, int(g["d"])), words)
        first, last = _solar_month_range(year, month)
        return FuzzyDate(first.isoformat(), last.isoformat(), "range", words)
    if base is None:
        return FuzzyDate(None, None, "day", words)
    this_year = gregorian_to_solar_year(base)
    day_of = int(g["d"])
    candidates = [solar_to_gregorian(y, month, day_of) for y in (this_year - 1, this_year, this_year + 1)
                  if day_of <= 29 or month <= 11 or _solar_leap(y)]
    before = max((c for c in candidates if c <= base), default=None)
    after = min((c for c in candidates if c >= base), default=None)
    if before is None or after is None:
        return None
    return _either(before, after, tense, "day", words, _day)

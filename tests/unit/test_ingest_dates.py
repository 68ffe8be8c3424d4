"""Date words to ranges, honest about what is not known."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core.models import FuzzyDate, publication_day
from dossier.ingest.dates import base_date, find_dates, parse_published, resolve

PUBLISHED = date(2021, 5, 14)  # a Friday


@pytest.mark.parametrize("words, expected", [
    ("the day before yesterday", ("2021-05-12", "2021-05-12", "day")),
    ("last week", ("2021-05-03", "2021-05-09", "week")),
    ("this month", ("2021-05-01", "2021-05-31", "month")),
    ("earlier this year", ("2021-01-01", "2021-05-14", "range")),
    ("last month", ("2021-04-01", "2021-04-30", "month")),
    ("three days ago", ("2021-05-11", "2021-05-11", "day")),
    ("on Monday", ("2021-05-10", "2021-05-10", "day")),
    ("last Friday", ("2021-05-07", "2021-05-07", "day")),
    ("May 14, 2021", ("2021-05-14", "2021-05-14", "day")),
    ("14 May 2021", ("2021-05-14", "2021-05-14", "day")),
    ("December 25", ("2020-12-25", "2020-12-25", "day")),  # the latest past one
    ("May 2021", ("2021-05-01", "2021-05-31", "month")),
    ("in September", ("2020-09-01", "2020-09-30", "month")),
    ("2020", ("2020-01-01", "2020-12-31", "year")),
    ("the 1990s", ("1990-01-01", "1999-12-31", "range")),
    ("mid-2020", ("2020-05-02", "2020-08-31", "approximate")),  # the middle third
])
def test_forms(words: str, expected: tuple[str, str, str]) -> None:
    ((_, _, found),) = find_dates(words, PUBLISHED)
    assert (found.earliest, found.latest, found.precision) == expected


def test_joined_expressions_are_split() -> None:
    found = find_dates("November 10 ending last year's", PUBLISHED)
    assert [(f.text, f.earliest) for _, _, f in found] == [("November 10", "2020-11-10"), ("last year's", "2020-01-01")]


def test_durations_and_counts_are_not_dates() -> None:
    for words in ("two years", "hundreds", "44 days", "decades"):
        assert find_dates(words, PUBLISHED) == []


def test_without_a_published_date_relative_words_stay_unresolved() -> None:
    for words in ("yesterday", "earlier this week", "last year", "November 10", "on Monday"):
        ((_, _, found),) = find_dates(words, None)
        assert (found.earliest, found.latest) == (None, None)
    ((_, _, absolute),) = find_dates("March 15, 2021", None)
    assert absolute.earliest == "2021-03-15"


def test_impossible_dates_are_not_invented() -> None:
    assert find_dates("February 30, 2021", PUBLISHED) == []


def test_dateparser_takes_what_the_forms_miss() -> None:
    assert resolve("a fortnight ago", PUBLISHED) == FuzzyDate("2021-04-26", "2021-05-02", "week", "a fortnight ago")


def test_published_dates_from_the_command_line_or_metadata() -> None:
    assert parse_published("2021-05-14") == ("2021-05-14", "day")
    assert parse_published("2021-05-13T23:30:00-05:00") == ("2021-05-13", "day")  # its own offset's date
    assert parse_published("14 May 2021") == ("2021-05-14", "day")
    assert parse_published("May 2021") == ("2021-05", "month")
    assert parse_published("2021") == ("2021", "year")
    assert parse_published("2021-13-01") is None and parse_published("soon") is None
    assert base_date(publication_day("2021-05", "month")) is None
    assert base_date(publication_day("2021-05-14", "day")) == PUBLISHED

"""Dates as the news of anywhere writes them (issue 34): the published day named by its weekday,
spans, "since", the weekend, "that same day", "in two days", "within three months", "this week",
each with the publication day and the tense of its sentence; and the same read from whole
articles through the English pipeline."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.ingest.dates import find_dates
from dossier.ingest.extract import analyse, sentence_tense
from dossier.ingest.nlp import load_pipeline

TUESDAY = date(2024, 4, 30)  # a Tuesday


def read(words: str, tense: str, published: date = TUESDAY, previous_day: date | None = None
         ) -> tuple[str | None, str | None, str] | None:
    found = find_dates(words, published, tense, previous_day)  # type: ignore[arg-type]
    if not found:
        return None
    ((_, _, fuzzy),) = found
    return fuzzy.earliest, fuzzy.latest, fuzzy.precision


@pytest.mark.parametrize("tense", ["past", "future", "unknown"])
def test_a_weekday_naming_the_published_day_is_that_day(tense: str) -> None:
    assert read("on Tuesday", tense) == ("2024-04-30", "2024-04-30", "day")


def test_other_weekdays_forward_in_future_sentences_back_in_past_ones() -> None:
    assert read("on Thursday", "future") == ("2024-05-02", "2024-05-02", "day")
    assert read("on Thursday", "past") == ("2024-04-25", "2024-04-25", "day")
    assert read("on Thursday", "unknown") == (None, None, "day")  # not guessed
    assert read("next Tuesday", "future") == ("2024-05-07", "2024-05-07", "day")
    assert read("last Tuesday", "past") == ("2024-04-23", "2024-04-23", "day")


def test_a_day_fixed_for_a_weekday_lies_ahead_whatever_the_tense_of_the_fixing() -> None:
    sentence = "The ministry called a meeting of the council for Thursday."
    assert sentence_tense(sentence, "Thursday") == "future"
    assert sentence_tense("The council met on Thursday.", "Thursday") == "past"


@pytest.mark.parametrize(("words", "tense", "expected"), [
    ("from April 22 to May 10", "past", ("2024-04-22", "2024-05-10", "range")),  # May 10 after April 22
    ("from July 22 to July 27", "future", ("2024-07-22", "2024-07-27", "range")),
    ("between November 23 and November 25", "future", ("2024-11-23", "2024-11-25", "range")),
    ("between July and September", "future", ("2024-07-01", "2024-09-30", "range")),
    ("between 2019 and 2021", "past", ("2019-01-01", "2021-12-31", "range")),
    ("on Thursday and Friday", "future", ("2024-05-02", "2024-05-03", "range")),
    ("on Saturday and Sunday", "past", ("2024-04-27", "2024-04-28", "range")),
])
def test_a_span_is_one_range(words: str, tense: str, expected: tuple[str, str, str]) -> None:
    assert read(words, tense) == expected


def test_two_days_that_are_not_a_span_stay_two() -> None:
    found = find_dates("on Monday and Thursday", TUESDAY, "past")
    assert [f.earliest for _, _, f in found] == ["2024-04-29", "2024-04-25"]
    found = find_dates("in 2019 and 2021", TUESDAY, "past")
    assert [f.precision for _, _, f in found] == ["year", "year"]


@pytest.mark.parametrize(("words", "expected"), [
    ("since Sunday", ("2024-04-28", "2024-04-30", "range")),
    ("since January", ("2024-01-01", "2024-04-30", "range")),
    ("since May", ("2023-05-01", "2024-04-30", "range")),  # the May before publication
    ("since 2006", ("2006-01-01", "2024-04-30", "range")),
    ("since February 2021", ("2021-02-01", "2024-04-30", "range")),
    ("since the start of the year", ("2024-01-01", "2024-04-30", "range")),
])
def test_since_runs_from_the_date_to_publication(words: str, expected: tuple[str, str, str]) -> None:
    assert read(words, "past") == expected


def test_since_a_date_after_publication_is_no_span() -> None:
    assert read("since 2030", "past") == ("2030-01-01", "2030-12-31", "year")


def test_the_weekend_before_or_after_as_the_tense_says() -> None:
    assert read("over the weekend", "past") == ("2024-04-27", "2024-04-28", "range")
    assert read("over the weekend", "future") == ("2024-05-04", "2024-05-05", "range")
    assert read("over the weekend", "unknown") == (None, None, "range")
    assert read("at the weekend", "future") == ("2024-05-04", "2024-05-05", "range")
    assert read("last weekend", "unknown") == ("2024-04-27", "2024-04-28", "range")
    assert read("next weekend", "past") == ("2024-05-04", "2024-05-05", "range")
    # In Sunday's paper the weekend told of is the one ending that day.
    assert read("over the weekend", "past", date(2024, 5, 5)) == ("2024-05-04", "2024-05-05", "range")


def test_that_same_day_is_the_day_named_before() -> None:
    assert read("that same day", "past", previous_day=date(2024, 4, 27)) == ("2024-04-27", "2024-04-27", "day")
    assert read("that same day", "past") == (None, None, "day")  # nothing named before: not guessed


def test_in_two_days_is_after_publication_only_in_a_future_sentence() -> None:
    assert read("in two days", "future") == ("2024-05-02", "2024-05-02", "day")
    assert read("in two weeks", "future") == ("2024-05-13", "2024-05-19", "week")
    assert read("in two days", "past") is None  # "took the town in two days": how long, not when
    assert read("in two days", "unknown") == (None, None, "day")
    assert read("in two weeks", "unknown") == (None, None, "week")


def test_within_three_months_runs_from_publication() -> None:
    assert read("within three months", "future") == ("2024-04-30", "2024-07-30", "range")
    assert read("within a week", "unknown") == ("2024-04-30", "2024-05-07", "range")
    assert read("within three months", "past") is None
    assert read("within a month", "future", date(2024, 1, 31)) == ("2024-01-31", "2024-02-29", "range")


def test_this_week_is_split_at_publication_by_the_tense() -> None:
    assert read("this week", "past") == ("2024-04-29", "2024-04-30", "range")
    assert read("this week", "future") == ("2024-04-30", "2024-05-05", "range")
    assert read("this week", "unknown") == ("2024-04-29", "2024-05-05", "week")


def events(text: str, published: str) -> dict[str, tuple[str | None, str | None, str]]:
    (proposal,) = analyse(load_pipeline(), [text], [published])
    return {e.date.text: (e.date.earliest, e.date.latest, e.date.precision) for e in proposal.events}


def test_an_article_reads_its_dateline_spans_and_that_same_day() -> None:
    text = ("YANGON, Nov 1 (AP) - Rebels said on Wednesday they had taken the town.\n\n"
            "The ship was boarded in the afternoon on Sunday, its operator said. The navy called it a grave "
            "incident that same day.\n\nMinisters are due to meet between November 23 and November 25. "
            "Talks have been held in Geneva since Sunday.")
    text += "\n\nShops shut at the weekend, traders said."
    found = events(text, "2023-11-01")
    assert found["Nov 1"] == ("2023-11-01", "2023-11-01", "day")
    assert found["that same day"] == ("2023-10-29", "2023-10-29", "day")
    assert found["between November 23 and November 25"] == ("2023-11-23", "2023-11-25", "range")
    assert found["since Sunday"] == ("2023-10-29", "2023-11-01", "range")
    assert found["at the weekend"] == ("2023-10-28", "2023-10-29", "range")


def test_a_reporting_verb_after_the_next_comma_does_not_decide_the_tense() -> None:
    found = events("Presidents Kagame and Tshisekedi are due to attend a summit of the East African Community "
                   "on Wednesday, Kenya's president said.", "2025-01-28")
    assert found["Wednesday"] == ("2025-01-29", "2025-01-29", "day")
    found = events("On March 15, two border guards were killed.", "2021-05-28")
    assert found["March 15"] == ("2021-03-15", "2021-03-15", "day")  # with nothing nearer, the clause after tells


def test_what_the_sentence_does_not_date_stays_unresolved() -> None:
    found = events("Talks in Moscow on Thursday.", "2024-04-30")
    assert found["Thursday"] == (None, None, "day")


def test_since_a_date_when_something_happened_dates_what_happened() -> None:
    found = events("The border incident is the first escalation since last year, when Azerbaijan launched an "
                   "offensive. Talks have stalled since last year.", "2021-05-14")
    assert found["last year"] == ("2020-01-01", "2020-12-31", "year")
    assert found["since last year"] == ("2020-01-01", "2021-05-14", "range")

"""Dates that name no year, placed before or after publication as their sentence's tense says,
and left unresolved when it does not say. Published Friday 28 May 2021."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dossier.ingest.dates import find_dates
from dossier.ingest.extract import sentence_tense

PUBLISHED = date(2021, 5, 28)
ELECTIONS = Path(__file__).resolve().parents[1] / "data" / "tense" / "elections.txt"  # of 28 May 2021

PAST = [
    ("On March 15, two Azerbaijani border guards were killed.", "March 15", "2021-03-15"),
    ("The battle ended on November 10 with a Russian-brokered ceasefire.", "November 10", "2020-11-10"),
    ("The ministry said on Thursday that the troops had withdrawn.", "Thursday", "2021-05-27"),
    ("Pashinyan met Putin in Moscow on April 7.", "April 7", "2021-04-07"),
    ("The agreement was signed in January.", "January", "2021-01"),
    ("Protesters gathered outside parliament on Monday.", "Monday", "2021-05-24"),
    ("Fighting broke out again on September 27.", "September 27", "2020-09-27"),
    ("The border has been closed since June 1.", "June 1", "2020-06-01"),
    ("In June, the government announced new elections.", "June", "2020-06"),
    ("Two soldiers were wounded in a shooting on 12 May.", "12 May", "2021-05-12"),
    ("Azerbaijani units entered Syunik on May 12, officials said.", "May 12", "2021-05-12"),
    ("The talks collapsed in mid-June after three rounds.", "mid-June", "2020-06"),
    ("Yerevan recalled its ambassador on Wednesday.", "Wednesday", "2021-05-26"),
    ("The prime minister resigned in April and stayed on as acting head.", "April", "2021-04"),
    ("The OSCE observers arrived on December 3 and left a week later.", "December 3", "2020-12-03"),
]
FUTURE = [
    ("Parliamentary elections are due on June 20.", "June 20", "2021-06-20"),
    ("Campaigning will begin on June 7.", "June 7", "2021-06-07"),
    ("The summit is scheduled for July 14 in Brussels.", "July 14", "2021-07-14"),
    ("Lavrov is to visit Baku on Tuesday.", "Tuesday", "2021-06-01"),
    ("The commission plans to publish its findings in September.", "September", "2021-09"),
    ("Talks are expected to resume on June 3.", "June 3", "2021-06-03"),
    ("The ceasefire monitors will leave in early June.", "early June", "2021-06"),
    ("A second round, if needed, is set for July 4.", "July 4", "2021-07-04"),
    ("The next meeting of the working group is on June 11.", "June 11", "2021-06-11"),
    # In Friday's paper "on Friday" is that day, announced or told of; "next Friday" a week on.
    ("Ministers will meet again on Friday.", "Friday", "2021-05-28"),
    ("Ministers will meet again next Friday.", "next Friday", "2021-06-04"),
    ("The deadline for the withdrawal is June 30.", "June 30", "2021-06-30"),
    ("The upcoming vote on April 25 is expected to be close.", "April 25", "2022-04-25"),
]
UNDECIDABLE = [
    ("Talks in Moscow on Monday.", "Monday"),
    ("Officials would not say whether the meeting on June 10 goes ahead.", "June 10"),
    ("The vote may take place on May 30.", "May 30"),
    ("Border crossing hours: 8:00 to 20:00, except on Sundays and on January 1.", "January 1"),
    ("Negotiations on the border commission in June.", "June"),
    ("The court could rule on July 2.", "July 2"),
]


def placed(sentence: str, words: str) -> str | None:
    tense = sentence_tense(sentence, words)
    ((_, _, found),) = find_dates(words, PUBLISHED, tense)
    if found.earliest is None:
        return None
    return found.earliest if found.precision == "day" else found.earliest[:7]


@pytest.mark.parametrize(("sentence", "words", "expected"), PAST)
def test_a_reported_date_lies_before_publication(sentence: str, words: str, expected: str) -> None:
    assert placed(sentence, words) == expected


@pytest.mark.parametrize(("sentence", "words", "expected"), FUTURE)
def test_an_announced_date_lies_after_publication(sentence: str, words: str, expected: str) -> None:
    assert placed(sentence, words) == expected


@pytest.mark.parametrize(("sentence", "words"), UNDECIDABLE)
def test_when_the_sentence_does_not_tell_the_date_is_not_guessed(sentence: str, words: str) -> None:
    assert placed(sentence, words) is None


def test_at_least_thirty_sentences() -> None:
    assert len(PAST) + len(FUTURE) + len(UNDECIDABLE) >= 30


def test_a_date_the_same_either_way_needs_no_tense() -> None:
    """The published day or month is that day or month, before or after."""
    for words in ("May 28", "in May", "late May"):
        ((_, _, found),) = find_dates(words, PUBLISHED, "unknown")
        assert found.earliest is not None and found.earliest.startswith("2021-05"), words


def test_february_29_goes_to_the_nearest_leap_year() -> None:
    ((_, _, before),) = find_dates("February 29", PUBLISHED, "past")
    ((_, _, after),) = find_dates("February 29", PUBLISHED, "future")
    assert (before.earliest, after.earliest) == ("2020-02-29", "2024-02-29")


def test_the_whole_pipeline_reads_an_article_of_announcements(tmp_path: Path) -> None:
    """The issue's own case: an article of 28 May 2021 whose elections are due on June 20."""
    from dossier.ingest.pipeline import ImportOptions, run_import
    from dossier.store import Database

    with Database.create(tmp_path / "t.dossier", "t") as store:
        run_import(store, [ELECTIONS], ImportOptions(published=("2021-05-28", "day")))
        events = {e.date_text: e.earliest for e in store.events.all(1)}
    assert events["June 20"] == "2021-06-20" and events["June 7"] == "2021-06-07"
    assert events["Thursday"] == "2021-05-27" and events["May 12"] == "2021-05-12"
    assert events["April"] == "2021-04-01"
    assert events["Monday"] is None  # no tense to tell: kept, not guessed

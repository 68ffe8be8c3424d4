"""Whether values are what the dossier format allows, each answered with None or a sentence.

What comes from another file (a colleague's dossier, FollowTheMoney, Web Annotation JSON) is
asked here before it is written: an offset outside its text, a date that is no date or a grade
that is no grade would otherwise be stored, and fail later where it is shown."""

from __future__ import annotations

import re
from datetime import date
from typing import TypeGuard

from dossier.core import limits
from dossier.core.vocabulary import (
    ANCHOR_STATES,
    ANNOTATION_KINDS,
    CLAIM_STATUSES,
    EVENT_PRECISIONS,
    ORIGINS,
    PUBLISHED_PRECISIONS,
    RELIABILITY,
)

ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
DIGITS_NEEDED = {"day": 10, "month": 7, "year": 4, "unknown": 4}
COLOR = re.compile(r"#[0-9a-fA-F]{6}")
RATINGS = ("CC", "C", "N", "I", "II", "NA")


def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def span_problem(start: object, end: object, length: int, *, empty_allowed: bool = False) -> str | None:
    """Why [start, end) is not a passage of a text of `length` characters (None if it is)."""
    if not (is_int(start) and is_int(end)):
        return f"its passage {start!r}–{end!r} is not given in characters"
    assert isinstance(start, int) and isinstance(end, int)
    if start < 0 or (end < start if empty_allowed else end <= start):
        return f"its passage {start:,}–{end:,} ends before it begins"
    if end > length:
        return f"its passage {start:,}–{end:,} lies outside its article's text ({length:,} characters)"
    return None


def text_problem(value: object, limit: int, what: str, *, empty_allowed: bool = True,
                 none_allowed: bool = False) -> str | None:
    """Why `value` is not a string `what` may be (None if it is)."""
    if value is None and none_allowed:
        return None
    if not isinstance(value, str):
        return f"{what} is not text"
    if not empty_allowed and not value.strip():
        return f"{what} is empty"
    if "\x00" in value:
        return f"{what} holds a NUL character"
    return limits.too_long(value, limit, what)


def published_problem(published: object, precision: object) -> str | None:
    """Why a published date and its precision are not ISO (2021-05-14, 2021-05 or 2021), in the
    calendar and at least as precise as the precision says."""
    if precision not in PUBLISHED_PRECISIONS:
        return f"“{str(precision)[:40]}” is not a precision of a published date"
    if published is None:
        return None
    if not isinstance(published, str) or not ISO_DATE.fullmatch(published):
        return f"“{str(published)[:40]}” is not a date (2021-05-14, 2021-05 or 2021)"
    if len(published) < DIGITS_NEEDED[str(precision)]:
        return f"“{published}” is not known to the {precision}"
    try:
        date.fromisoformat((published + "-01-01")[:10])
    except ValueError:
        return f"“{published}” is not a date in the calendar"
    return None


def day_problem(value: object, what: str) -> str | None:
    """Why `value` is not an ISO day (or None, meaning not known)."""
    if value is None:
        return None
    try:
        date.fromisoformat(value)  # type: ignore[arg-type]  # whatever a file holds: a non-string is a TypeError
    except (TypeError, ValueError):
        return f"{what} “{str(value)[:40]}” is not a day (2021-05-14)"
    return None


def event_problem(start: object, end: object, length: int, title: object, date_text: object, earliest: object,
                  latest: object, precision: object, origin: object) -> str | None:
    problem = (span_problem(start, end, length, empty_allowed=True)
               or text_problem(title, limits.TITLE, "its title", empty_allowed=False)
               or text_problem(date_text, limits.TITLE, "its date words")
               or day_problem(earliest, "its first day") or day_problem(latest, "its last day"))
    if problem:
        return problem
    if precision not in EVENT_PRECISIONS:
        return f"“{str(precision)[:40]}” is not a date precision"
    if origin not in ORIGINS:
        return f"“{str(origin)[:40]}” is not an origin (auto or user)"
    if earliest is not None and latest is not None and str(earliest) > str(latest):
        return f"it ends ({latest}) before it begins ({earliest})"
    return None


def claim_problem(status: object, reliability: object, credibility: object, rationale: object) -> str | None:
    if status not in CLAIM_STATUSES:
        return f"“{str(status)[:40]}” is not a claim status"
    if reliability is not None and reliability not in RELIABILITY:
        return f"source reliability is graded A to F, not “{str(reliability)[:40]}”"
    if credibility is not None and not (is_int(credibility) and 1 <= credibility <= 6):
        return f"credibility is graded 1 to 6, not “{str(credibility)[:40]}”"
    return text_problem(rationale, limits.NOTE, "its rationale")


def annotation_kind_problem(kind: object, anchor_state: object) -> str | None:
    if kind not in ANNOTATION_KINDS:
        return f"“{str(kind)[:40]}” is not a kind of annotation"
    if anchor_state not in ANCHOR_STATES:
        return f"“{str(anchor_state)[:40]}” is not an anchor state"
    return None

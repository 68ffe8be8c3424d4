"""The dates of an English article, sentence by sentence, as the model and the news's own phrases
mark them.

The model's DATE (and TIME: "Monday night", "late on Saturday") spans anchor each date, so that
"may" the verb or "2,000" soldiers are never read as one. A few phrases the model does not mark
are found by their words alone: "over the weekend", "that same day", "in two days", "within three
months", "since the start of the year", and the date of a wire copy's dateline ("YANGON, Aug 5
(AP) -"). Each anchor is widened to the words that make it a span ("since", "from", "between"),
and two anchors linked by "to", "until" or "and" are read together, so "from July 22 to July 27"
is one range (ingest.dates joins them). "Since X, when …" is X: the sentence tells what happened
then ("the first escalation since last year, when Azerbaijan attacked" dates the attack).
"That same day" is the last day named in the previous dated sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from dossier.core.models import FuzzyDate
from dossier.ingest.dates import MONTHS, find_dates
from dossier.ingest.tense import tense_of

_MONTH_WORDS = "|".join(sorted((m for m in MONTHS if len(m) >= 3), key=len, reverse=True))
# "KYIV, Aug 8 (Reuters) -", "GOMA, Democratic Republic of Congo, Jan 28 (Reuters) -": the place
# in capitals at a paragraph's start, maybe its country, and the day the copy was filed.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]*(?:[ -][A-Z][A-Z'’.\-]*)*)(?:,\s+[A-Z][\w .'’-]{1,40}?)?,\s+"
    r"(?P<date>(?i:" + _MONTH_WORDS + r")\.?\s+\d{1,2})\s+\((?P<agency>[^()\n]{2,40})\)",
    re.MULTILINE,
)
_PHRASES = re.compile(
    r"\b(?:(?:over|during|at|on|this|last|next|past)\s+(?:the\s+)?weekend|(?:that|the)\s+same\s+day|since\s+the\s+(?:start|beginning)\s+of\s+"
    r"(?:the|this)\s+(?:week|month|year)|(?:in|within)\s+(?:the\s+next\s+)?(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|a|an)\s+(?:day|week|month|year)s?)\b",
    re.IGNORECASE,
)
_OPENING = re.compile(r"\b(?:since|from|between)\s+$", re.IGNORECASE)
_WHEN = re.compile(r",?\s+when\b", re.IGNORECASE)
_LINK = re.compile(r"^\s*(?:to|until|till|through|and|-|–)\s*$", re.IGNORECASE)
DATE_LABELS = ("DATE", "TIME")


def dated_sentences(doc: Any, base: date | None) -> Iterator[tuple[int, int, FuzzyDate]]:
    """(sentence start, end, date) for each date of the document, in order."""
    text = doc.text
    datelines = [m.span("date") for m in DATELINE.finditer(text)]
    dated = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in DATE_LABELS]
    previous_day: date | None = None
    for sent in doc.sents:
        sent = _trimmed(sent)
        start, end = sent.start_char, sent.end_char
        anchors = [(s, e) for s, e in dated if start <= s < end]
        anchors += [(s, e) for s, e in datelines if start <= s < end]
        anchors += [(start + m.start(), start + m.end()) for m in _PHRASES.finditer(sent.text)]
        last_day = None
        for words_start, words_end in _windows(text, start, _merged(anchors)):
            tense = tense_of(sent.text, words_start - start, words_end - start)
            for _s, _e, fuzzy in find_dates(text[words_start:words_end], base, tense, previous_day):
                if fuzzy.precision == "day" and fuzzy.earliest:
                    last_day = date.fromisoformat(fuzzy.earliest)
                yield start, end, fuzzy
        previous_day = last_day or previous_day


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one, in order."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(set(spans)):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _windows(text: str, sentence_start: int, anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The anchors widened to "since" / "from" / "between" before them, and joined when a link
    word is all that stands between two."""
    out: list[tuple[int, int]] = []
    for s, e in anchors:
        opening = _OPENING.search(text[max(sentence_start, s - 12):s])
        # "since last year, when Azerbaijan attacked": the sentence tells what happened then.
        if opening and not (opening.group(0).lower().startswith("since") and _WHEN.match(text[e:])):
            s = s - (len(text[max(sentence_start, s - 12):s]) - opening.start())
        if out and _LINK.match(text[out[-1][1]:s]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _trimmed(sent: Any) -> Any:
    """The sentence without the line breaks around it: the evidence is the words."""
    start, end = 0, len(sent)
    while start < end - 1 and sent[start].is_space:
        start += 1
    while end > start + 1 and sent[end - 1].is_space:
        end -= 1
    return sent[start:end]

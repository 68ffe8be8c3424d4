"""Whether a date in a sentence lies before or after the article was published, told by the words.

"June 20" in an article of 28 May 2021 is 20 June 2021 when "elections are due on June 20" and
20 June 2020 when "the ceasefire was signed on June 20". The word that tells is the tense cue
nearest to the date in its sentence: a future one ("will", "is due", "scheduled for", "next",
"plans to"), a past one ("was", "said", "ended", "ago", a verb in -ed), or a doubtful one
("would", "could", "may"), which tells nothing. No cue, or a doubtful one, and the date is left
unresolved: a chronology that moves the future into the past is worse than a gap.

Plain rules: the pipeline keeps only spaCy's entity recogniser (no tagger, no parser), and these
cues are what an English news sentence marks its tense with.
"""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "future", "unknown"]

_FUTURE = [
    r"will", r"shall", r"won't", r"\w+'ll", r"(?:is|are|am)\s+(?:not\s+)?(?:due|scheduled|set|slated|expected|planned|"
    r"supposed|going|poised|about)", r"(?:is|are)\s+to\s+(?:be\s+)?\w+", r"due\s+(?:on|in|by|to|for)",
    r"scheduled\s+(?:for|on|to|in)", r"set\s+(?:for|to\s+(?:be|take|begin|start|open|hold|meet))",
    r"slated\s+(?:for|to)", r"planned\s+for", r"to\s+be\s+held", r"to\s+take\s+place", r"next", r"upcoming",
    r"coming", r"forthcoming", r"(?:plans?|intends?|aims?|hopes?|expects?|promises?|pledges?|vows?|threatens?|"
    r"wants?|seeks?|prepares?|is\s+preparing)\s+to", r"deadline", r"from\s+now",
]
_PAST = [
    r"was", r"were", r"had", r"did", r"has\s+been", r"have\s+been", r"has\s+\w+ed", r"have\s+\w+ed", r"ago",
    r"earlier", r"previously", r"last", r"since",
    # A small word in -ed (not a capitalised name: "Ahmed"), less the adjectives and participles
    # that go with the future ("scheduled", "expected") or with no tense ("armed forces").
    r"(?-i:(?!(?:scheduled|expected|planned|supposed|armed|based|united|"
    r"related|alleged|so-called|advanced|limited|detailed|interested|concerned|disputed|occupied|"
    r"self-proclaimed|unrecognized|unrecognised|proposed|intended|needed|required|seed|speed|need|feed|"
    r"bleed|breed|creed|deed|greed|red|bed|shed|wed|fled)\b)[a-z]+ed)",
    # Irregular past tenses a news sentence reports with.
    r"said|told|met|took|came|went|left|began|held|fought|brought|sent|saw|gave|won|lost|struck|shot|fled|withdrew|"
    r"drew|wrote|spoke|rose|fell|broke|led|hit|sought|thought|felt|kept|knew|made|paid|ran|sat|stood|threw|"
    r"understood|became|chose|forgot|froze|got|grew|hung|hid|lay|meant|rode|rang|sang|sank|slept|slid|spent|"
    r"stole|stuck|swore|swept|swam|taught|tore|woke|wore|wound|overran|overtook|undertook|seized|agreed",
]
_DOUBT = [r"would", r"could", r"might", r"(?-i:may)", r"should", r"must", r"if", r"unless"]  # "May" is a month

_CUES = re.compile(
    "|".join(f"(?P<{name}>\\b(?:{'|'.join(group)})\\b)" for name, group in
             (("future", _FUTURE), ("past", _PAST), ("doubt", _DOUBT))),
    re.IGNORECASE,
)


def tense_of(sentence: str, date_start: int, date_end: int) -> Tense:
    """The tense the nearest cue gives the date at [date_start, date_end) of `sentence`; a cue
    inside the date's own words ("next Tuesday") counts first."""
    inside = [m for m in _CUES.finditer(sentence[date_start:date_end])]
    if inside:
        return _tense(inside[0])
    best: tuple[int, Tense] | None = None
    for match in _CUES.finditer(sentence):
        if match.start() < date_end and match.end() > date_start:
            continue
        distance = date_start - match.end() if match.end() <= date_start else match.start() - date_end
        # Before the date, a cue reaches a little further: "will hold the vote on June 20".
        distance = distance if match.end() <= date_start else distance + 8
        if best is None or distance < best[0]:
            best = (distance, _tense(match))
    return best[1] if best else "unknown"


def _tense(match: re.Match[str]) -> Tense:
    if match.lastgroup == "future":
        return "future"
    if match.lastgroup == "past":
        return "past"
    return "unknown"

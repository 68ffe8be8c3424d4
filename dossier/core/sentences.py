"""Where the sentences of a text are, as code-point spans: what related-passage search indexes and
the entity network counts co-occurrences in.

Plain rules, no model: a paragraph break always ends a sentence; inside a paragraph a sentence
ends at ".", "!", "?", "…", the Armenian full stop "։", the Arabic question mark "؟" or "。"
(closing quotes and brackets included) followed by a space and then anything but a small letter
(a capital, a digit, a quote, an emoji, a letter of a script without capitals: Arabic, Persian,
Georgian…), unless the word before a "." is a known abbreviation or a single capital (an initial). Good
enough for news prose in the dossier's languages, the same at import and in the backfill, and
fast: no spaCy is needed to store an article.
"""

from __future__ import annotations

import re

# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "st", "jr", "sr", "vs", "etc", "no", "nos", "approx", "dept", "est", "fig", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "i.e", "e.g"]
)
_STOP = re.compile(r"[.!?…։؟。]+[\"'”’»)\]]*(?=\s)")
_OPENING = "\"'“‘«([„"
_SPACE = re.compile(r"\s")
_LEAD = re.compile(r"\s*[" + re.escape(_OPENING) + r"]*")  # what str.lstrip() then .lstrip(_OPENING) take
_NEAR = 200  # characters before a stop that hold the word before it


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, end exclusive, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        start = 0
        for match in _STOP.finditer(paragraph):
            if _ends_sentence(paragraph, match.start(), match.end()):
                _add(spans, paragraph, offset, start, match.end())
                start = match.end()
        _add(spans, paragraph, offset, start, len(paragraph))
        offset += len(paragraph) + 2
    return spans


def _ends_sentence(paragraph: str, stop: int, after: int) -> bool:
    # Looks only near the stop (never at the whole paragraph before or after it), so a paragraph
    # of a million characters with no blank line (a PDF's text) is read once, not once per stop.
    first = _LEAD.match(paragraph, after).end()  # type: ignore[union-attr]  # a pattern of stars: it always matches
    if first >= len(paragraph):
        return False
    if paragraph[first].islower():  # "e.g. the", "3 p.m. yesterday": the sentence goes on
        return False
    if paragraph[stop] != ".":
        return True
    return not _abbreviation_or_initial(_word_before(paragraph, stop))


def _word_before(paragraph: str, stop: int) -> str:
    """The last word before `stop` (what `paragraph[:stop].split()[-1]` is), read from the few
    characters before it."""
    window = max(0, stop - _NEAR)
    before = paragraph[window:stop].rstrip()
    word = before.rsplit(None, 1)[-1] if before else ""
    if window and (len(word) == len(before)):  # the word (or the white space) may reach further back
        before = paragraph[:stop].rstrip()
        word = before.rsplit(None, 1)[-1] if before else ""
    return word


def _abbreviation_or_initial(word: str) -> bool:
    return word.casefold().rstrip(".") in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _add(spans: list[tuple[int, int]], paragraph: str, offset: int, start: int, end: int) -> None:
    while start < end and _SPACE.match(paragraph[start]):
        start += 1
    while end > start and _SPACE.match(paragraph[end - 1]):
        end -= 1
    if end > start:
        spans.append((offset + start, offset + end))

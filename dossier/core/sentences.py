"""Where the sentences of a text are, as code-point spans: what related-passage search indexes and
the entity network counts co-occurrences in.

Plain rules, no model: a paragraph break always ends a sentence; inside a paragraph a sentence
ends at ".", "!" or "?" (closing quotes and brackets included) followed by a space and a capital,
a digit or an opening quote, unless the word before the stop is a known abbreviation or a single
capital (an initial). Good enough for news prose, the same at import and in the backfill, and
fast: no spaCy is needed to store an article.
"""

from __future__ import annotations

import re

# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt maj capt sgt st jr sr vs etc no nos approx dept est fig inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m i.e e.g".split()
)
_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-ZА-ЯЁԱ-ՖƏÇĞİÖŞÜ0-9])")
_SPACE = re.compile(r"\s")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, end exclusive, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        start = 0
        for match in _END.finditer(paragraph):
            word = paragraph[:match.start()].rsplit(None, 1)[-1] if paragraph[:match.start()].strip() else ""
            if word.casefold().rstrip(".") in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue
            _add(spans, paragraph, offset, start, match.end())
            start = match.end()
        _add(spans, paragraph, offset, start, len(paragraph))
        offset += len(paragraph) + 2
    return spans


def _add(spans: list[tuple[int, int]], paragraph: str, offset: int, start: int, end: int) -> None:
    while start < end and _SPACE.match(paragraph[start]):
        start += 1
    while end > start and _SPACE.match(paragraph[end - 1]):
        end -= 1
    if end > start:
        spans.append((offset + start, offset + end))

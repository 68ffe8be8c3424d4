"""Text anchors: a passage is stored as its exact quote, its context and its offsets.

Offsets are code points, end exclusive, so ``text[start:end] == exact`` always holds for an
anchored passage. The 32-character prefix and suffix let a passage be found again if offsets
stop matching (re-anchoring is built on these fields).
"""

from __future__ import annotations

from typing import NamedTuple

CONTEXT_CHARS = 32


class TextQuote(NamedTuple):
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def quote_at(text: str, start: int, end: int) -> TextQuote:
    """The anchor of ``text[start:end]``; refuses empty or out-of-range passages."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"passage {start}:{end} is empty or outside a text of {len(text)} characters")
    return TextQuote(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def find_quote(text: str, exact: str, occurrence: int = 1) -> TextQuote:
    """The anchor of the n-th occurrence of `exact` in `text` (1-based)."""
    start = -1
    for _ in range(occurrence):
        start = text.find(exact, start + 1)
        if start < 0:
            raise ValueError(f"{exact!r} occurs fewer than {occurrence} times")
    return quote_at(text, start, start + len(exact))

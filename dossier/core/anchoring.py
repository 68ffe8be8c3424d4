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


class Anchor(NamedTuple):
    """Where a passage was found again, and how: anchored (where it was), moved (found
    elsewhere, or found changed by its context), or None for orphaned."""

    start: int
    end: int
    state: str


def reanchor(text: str, exact: str, prefix: str, suffix: str, start: int) -> Anchor | None:
    """Find a stored passage in `text` again. Never guesses: a passage that can't be found with
    confidence is orphaned (None), which is better than a note on the wrong words."""
    if not exact:
        return None
    if text[start : start + len(exact)] == exact:
        return Anchor(start, start + len(exact), "anchored")
    hits = _occurrences(text, exact)
    if hits:
        # The occurrence whose surroundings match the stored context best; the nearest on a tie.
        best = max(hits, key=lambda i: (_context_score(text, i, i + len(exact), prefix, suffix), -abs(i - start)))
        if len(hits) == 1 or _context_score(text, best, best + len(exact), prefix, suffix) > 0:
            return Anchor(best, best + len(exact), "moved")
        return None  # several equal candidates and no context to choose: don't guess
    return _by_context(text, exact, prefix, suffix)


def _occurrences(text: str, exact: str) -> list[int]:
    found, i = [], text.find(exact)
    while i >= 0:
        found.append(i)
        i = text.find(exact, i + 1)
    return found


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored context still stand next to the passage."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(prefix)):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix):
        if a != b:
            break
        score += 1
    return score


def _by_context(text: str, exact: str, prefix: str, suffix: str) -> Anchor | None:
    """The quote itself was edited: find the words between its unchanged context, and accept
    them only if they still read mostly like the quote."""
    from difflib import SequenceMatcher

    if len(prefix) < 8 and len(suffix) < 8:
        return None  # too little context to place anything
    candidates = []
    for p in _occurrences(text, prefix) if len(prefix) >= 8 else []:
        s = p + len(prefix)
        window_end = text.find(suffix, s) if len(suffix) >= 8 else -1
        if window_end < 0 or window_end - s > 3 * len(exact) + 20:
            window_end = min(len(text), s + len(exact))
        candidates.append((s, window_end))
    for q in _occurrences(text, suffix) if len(suffix) >= 8 else []:
        candidates.append((max(0, q - len(exact)), q))
    best: tuple[float, int, int] | None = None
    for s, e in candidates:
        if e <= s:
            continue
        ratio = SequenceMatcher(None, exact, text[s:e], autojunk=False).ratio()
        if best is None or ratio > best[0]:
            best = (ratio, s, e)
    if best is None or best[0] < 0.6:
        return None
    return Anchor(best[1], best[2], "moved")

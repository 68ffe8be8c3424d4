"""Text anchors: a passage is stored as its exact quote, its context and its offsets.

Offsets are code points, end exclusive, so ``text[start:end] == exact`` always holds for an
anchored passage. The 32-character prefix and suffix let a passage be found again if offsets
stop matching (re-anchoring is built on these fields).
"""

from __future__ import annotations

from functools import lru_cache
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
    whole_context = len(prefix) + len(suffix)
    if (text[start : start + len(exact)] == exact
            and _context_score(text, start, start + len(exact), prefix, suffix) == whole_context):
        return Anchor(start, start + len(exact), "anchored")
    hits = _occurrences(text, exact)
    if hits:
        found = _best_of(text, hits, len(exact), prefix, suffix, start)
        if found is not None and found.start == start:
            found = found._replace(state="anchored")  # where it was, its surroundings changed
        score = _context_score(text, found.start, found.end, prefix, suffix) if found else 0
        if found is not None and score == whole_context:
            return found
        # The same words stand elsewhere, without all of the passage's context: another capture
        # may have the passage itself, typeset differently, where more of its context still is.
        typeset = _by_typography(text, exact, prefix, suffix, start, better_than=score)
        return typeset if isinstance(typeset, Anchor) else found
    typeset = _by_typography(text, exact, prefix, suffix, start)
    if typeset is not False:
        return typeset
    return _by_context(text, exact, prefix, suffix)


def _best_of(text: str, hits: list[int], length: int, prefix: str, suffix: str, start: int) -> Anchor | None:
    """The occurrence whose surroundings match the stored context best; the nearest on a tie;
    None when several are equally good and there is no context to choose by."""
    best = max(hits, key=lambda i: (_context_score(text, i, i + length, prefix, suffix), -abs(i - start)))
    if len(hits) == 1 or _context_score(text, best, best + length, prefix, suffix) > 0:
        return Anchor(best, best + length, "moved")
    return None  # several equal candidates and no context to choose: don't guess


# What two captures of one text write differently (a web page and a pasted copy): curly and
# straight quotes, dashes, an ellipsis character or three dots, no-break and ordinary spaces, a
# line wrapped anew, soft hyphens. Folded before comparing; everything else must match exactly.
_FOLDS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@lru_cache(maxsize=16)  # re-anchoring thousands of passages of one article folds it once
def folded(text: str) -> tuple[str, list[int]]:
    """The text with typography folded (see _FOLDS), every run of white space one space and no
    space around a dash; and, for each character of it, the index in `text` it came from."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1  # where a run of white space began, written only if a word follows
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        piece = _FOLDS.get(ch, ch)
        if pending_space >= 0:
            if out and piece != "-" and out[-1] != "-":
                out.append(" ")
                origin.append(pending_space)
            pending_space = -1
        for part in piece:
            out.append(part)
            origin.append(i)
    return "".join(out), origin


def _by_typography(text: str, exact: str, prefix: str, suffix: str, start: int,
                   better_than: int | None = None) -> Anchor | None | bool:
    """The quote as written in another capture of the text: found where it reads the same once
    typography and white space are folded, and mapped back onto this text's own characters.
    False when it isn't there at all (the next way may try); None when it is there several times
    and the context can't choose (or when no more of the context than `better_than` characters
    stands by it)."""
    text_f, origin = folded(text)
    exact_f = folded(exact)[0].strip()
    if not exact_f:
        return False
    # A quote cut inside "..." ("agreement.") may meet an ellipsis character there: it is mapped
    # back onto the whole character ("agreement…").
    hits = _occurrences(text_f, exact_f)
    if not hits:
        return False
    from bisect import bisect_left

    near = bisect_left(origin, start)
    prefix_f = folded(prefix)[0]
    # A stored context that ended in white space folds to a trailing space, which the text's
    # own folding puts before the next word: the same, so compare them alike.
    # White space at the quote's own edges (stripped above) stands between it and its context.
    suffix_f = folded(suffix)[0]
    # (Folding writes no space beside a dash.)
    if ((exact[-1].isspace() or suffix[:1].isspace()) and suffix_f and not exact_f.endswith("-")
            and not suffix_f.startswith((" ", "-"))):
        suffix_f = " " + suffix_f
    if ((exact[0].isspace() or prefix[-1:].isspace()) and prefix_f and not exact_f.startswith("-")
            and not prefix_f.endswith((" ", "-"))):
        prefix_f += " "
    found = _best_of(text_f, hits, len(exact_f), prefix_f, suffix_f, near)
    if found is None or (better_than is not None
                         and _context_score(text_f, found.start, found.end, prefix_f, suffix_f) <= better_than):
        return None
    first, last = origin[found.start], origin[found.end - 1]
    return Anchor(first, last + 1, "moved")


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

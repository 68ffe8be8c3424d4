"""Text anchors: a passage is stored as its exact quote, its context and its offsets.

Offsets are code points, end exclusive, so ``text[start:end] == exact`` always holds for an
anchored passage. The 32-character prefix and suffix let a passage be found again if offsets
stop matching (re-anchoring is built on these fields).

Re-anchoring has a bounded cost, whatever the text and the quote (a colleague's file or a Web
Annotation file may bring a 4,000-character quote of near-identical characters for a 200,000
character article): at most MAX_HITS occurrences of the quote are looked at (more, and only its
whole context can place it), and an edited quote is compared (core.likeness, bounded in length)
with at most MAX_CANDIDATES places, found where a rare piece of it or of its context stands
(each searched for once, and given up when it stands more than RARE_HITS times). What can't be
placed with confidence is orphaned, never put on other words. `Work` counts what a call did.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from dossier.core.likeness import likeness

CONTEXT_CHARS = 32
MAX_HITS = 1_000  # occurrences of a quote weighed by their context; more: too common to place by its words
RARE_HITS = 4  # a piece of a quote or of its context standing more often than this places nothing
KGRAM = 12  # the length of the pieces of a quote looked for
KGRAMS_TRIED = 12  # pieces of a quote looked for, spread over it
MAX_CANDIDATES = 12  # places an edited quote is compared with
LIKE_ENOUGH = 0.6  # an edited quote between its own context
LIKE_ENOUGH_ALONE = 0.8  # an edited quote found by its own words only, its context gone too
CLEAR_LEAD = 0.05  # the best place must read more alike than any other by this much


@dataclass
class Work:
    """What one re-anchoring did: searches through the text, occurrences weighed, places compared
    and the characters those comparisons stepped through. Tests bound these, not the time."""

    searches: int = 0
    hits: int = 0
    compared: int = 0
    compared_chars: int = 0


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


def reanchor(text: str, exact: str, prefix: str, suffix: str, start: int, work: Work | None = None) -> Anchor | None:
    """Find a stored passage in `text` again. Never guesses: a passage that can't be found with
    confidence is orphaned (None), which is better than a note on the wrong words."""
    if not exact:
        return None
    work = work if work is not None else Work()
    whole_context = len(prefix) + len(suffix)
    if (text[start : start + len(exact)] == exact
            and _context_score(text, start, start + len(exact), prefix, suffix) == whole_context):
        return Anchor(start, start + len(exact), "anchored")
    hits = _occurrences(text, exact, work)
    if len(hits) > MAX_HITS:  # too common to weigh each: only the quote with its whole context places it
        return _by_whole_context(text, exact, prefix, suffix, start, work)
    if hits:
        found = _best_of(text, hits, len(exact), prefix, suffix, start)
        if found is not None and found.start == start:
            found = found._replace(state="anchored")  # where it was, its surroundings changed
        score = _context_score(text, found.start, found.end, prefix, suffix) if found else 0
        if found is not None and score == whole_context:
            return found
        # The same words stand elsewhere, without all of the passage's context: another capture
        # may have the passage itself, typeset differently, where more of its context still is.
        typeset = _by_typography(text, exact, prefix, suffix, start, work, better_than=score)
        return typeset if isinstance(typeset, Anchor) else found
    typeset = _by_typography(text, exact, prefix, suffix, start, work)
    if typeset is not False:
        return typeset
    return _by_likeness(text, exact, prefix, suffix, work)


def _by_whole_context(text: str, exact: str, prefix: str, suffix: str, start: int, work: Work) -> Anchor | None:
    """A quote that stands too often to weigh each place: placed only where it stands once with
    its whole stored context."""
    if not prefix and not suffix:
        return None
    places = _occurrences(text, prefix + exact + suffix, work, limit=1)
    if len(places) != 1:
        return None
    begin = places[0] + len(prefix)
    return Anchor(begin, begin + len(exact), "anchored" if begin == start else "moved")


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


def _by_typography(text: str, exact: str, prefix: str, suffix: str, start: int, work: Work,
                   better_than: int | None = None) -> Anchor | Literal[False] | None:
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
    hits = _occurrences(text_f, exact_f, work)
    if not hits:
        return False
    if len(hits) > MAX_HITS:
        return None  # too common to choose among
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


def _occurrences(text: str, needle: str, work: Work, limit: int = MAX_HITS) -> list[int]:
    """Where `needle` stands in `text`, the first `limit` + 1 places at most (one more than
    `limit` says "more than that")."""
    work.searches += 1
    found, i = [], text.find(needle)
    while i >= 0:
        found.append(i)
        if len(found) > limit:
            break
        i = text.find(needle, i + 1)
    work.hits += len(found)
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


def _by_likeness(text: str, exact: str, prefix: str, suffix: str, work: Work) -> Anchor | None:
    """The quote itself was edited: compare it with the few places where a rare piece of its
    context or of itself stands, and accept the one that reads most like it, clearly, if it reads
    enough like it (more so when its context is gone too)."""
    candidates: dict[tuple[int, int], bool] = {}  # (start, end) -> stands by its own context
    if len(prefix) >= 8:
        for p in _rare(text, prefix, work):
            s = p + len(prefix)
            after = -1
            if len(suffix) >= 8:  # its suffix close behind: the edited words lie between the two
                work.searches += 1
                after = text.find(suffix, s, s + 3 * len(exact) + 20 + len(suffix))
            candidates[(s, after if after > s else min(len(text), s + len(exact)))] = True
    if len(suffix) >= 8:
        for q in _rare(text, suffix, work):
            candidates[(max(0, q - len(exact)), q)] = True
    for offset, piece in _pieces(exact):
        for hit in _rare(text, piece, work):
            begin = max(0, hit - offset)
            candidates.setdefault((begin, min(len(text), begin + len(exact))), False)
        if len(candidates) >= MAX_CANDIDATES:
            break
    scored = []
    for (s, e), by_context in list(candidates.items())[:MAX_CANDIDATES]:
        if e <= s:
            continue
        alike, steps = likeness(exact, text[s:e])
        work.compared += 1
        work.compared_chars += steps
        scored.append((alike, s, e, by_context))
    if not scored:
        return None
    scored.sort(reverse=True)
    alike, s, e, by_context = scored[0]
    if alike < (LIKE_ENOUGH if by_context else LIKE_ENOUGH_ALONE):
        return None
    rivals = [x for x in scored[1:] if x[0] > alike - CLEAR_LEAD and (x[2] <= s or x[1] >= e)]
    return None if rivals else Anchor(s, e, "moved")


def _rare(text: str, piece: str, work: Work) -> list[int]:
    """Where `piece` stands, if it stands at most RARE_HITS times (else nowhere: it tells no place)."""
    places = _occurrences(text, piece, work, limit=RARE_HITS)
    return places if len(places) <= RARE_HITS else []


def _pieces(exact: str) -> list[tuple[int, str]]:
    """(offset, piece) of KGRAM characters spread evenly over the quote: its ends first, then the
    middle, so a quote edited at one end is still found by the other."""
    if len(exact) <= KGRAM:
        return [(0, exact)] if len(exact) >= 8 else []
    last = len(exact) - KGRAM
    steps = min(KGRAMS_TRIED, last // KGRAM + 1)
    offsets = sorted({round(i * last / max(1, steps - 1)) for i in range(steps)},
                     key=lambda o: min(o, last - o))
    return [(o, exact[o:o + KGRAM]) for o in offsets]

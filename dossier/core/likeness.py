"""How alike two passages read, at a cost bounded by their lengths.

Re-anchoring an edited quote compares it with a few candidate passages. difflib's
SequenceMatcher, used before, has no such bound: "abc" repeated against "acb" repeated takes a
second for 200 by 600 characters and ten for 400 by 1,200, and a hostile file can give it a
thousand such pairs. Here the likeness is one minus the edit distance over the longer length,
the distance computed with Myers' bit-parallel algorithm (as Hyyrö writes it for the whole of two
strings): one pass over the candidate, each step a few operations on an integer as wide as the
quote. Quotes longer than FUZZY_CHARS are compared by their head and tail, which bounds each
comparison to about 2 × FUZZY_CHARS steps.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

FUZZY_CHARS = 1_000  # the most of a quote one comparison reads: its head and tail beyond that


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between `a` and `b` (insertions, deletions, substitutions)."""
    if len(a) > len(b):
        a, b = b, a  # the shorter is the bit vector
    last = deque(_scores(a, b), maxlen=1)  # the distance between the whole of both
    return last[0] if last else len(a)


def _scores(a: str, b: str) -> Iterator[int]:
    """The edit distance between `a` and each beginning of `b`, longest last (b[:1], b[:2]…)."""
    m = len(a)
    if m == 0:
        yield from range(1, len(b) + 1)
        return
    peq: dict[str, int] = {}
    for i, ch in enumerate(a):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    last = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for ch in b:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & last:
            score += 1
        elif mh & last:
            score -= 1
        ph = ((ph << 1) | 1) & mask  # the top row grows by one per character of b: a whole match
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        yield score


def likeness(a: str, b: str) -> tuple[float, int]:
    """How alike `a` (a quote) and `b` (a passage) read, from 0 to 1, and the characters the
    comparison stepped through (its work). A long quote is judged by its head and its tail."""
    if not a or not b:
        return (1.0 if a == b else 0.0), 0
    if len(a) <= FUZZY_CHARS and len(b) <= 3 * FUZZY_CHARS:
        return 1 - edit_distance(a, b) / max(len(a), len(b)), len(b)
    half = FUZZY_CHARS // 2
    head_b = b[: half + half // 2]
    tail_b = b[-(half + half // 2):]
    # The fewest edits that make each end of the quote an end of the passage.
    head = 1 - min(_scores(a[:half], head_b)) / half
    tail = 1 - min(_scores(a[-half:][::-1], tail_b[::-1])) / half
    # The two ends alike, and the lengths alike: the middle may have been edited, not replaced.
    lengths = min(len(a), len(b)) / max(len(a), len(b))
    return min(head, tail, lengths), len(head_b) + len(tail_b)

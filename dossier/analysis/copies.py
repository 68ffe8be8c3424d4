"""Copies of one story: telling a wire story carried by another outlet (a new headline, paragraphs
cut or moved, a local sentence added, the credit taken off) from a report of the same event
written independently, and naming each group's origin.

A text is cut into sentences of MIN_WORDS words or more, each kept as the hashes of its word
3-grams (case, punctuation and quotes play no part). A sentence of one text is *found* in another
when one sentence there holds SENTENCE_MATCH of its 3-grams: a copy editor's changed word, a
credit cut from a dateline or "the Associated Press reported" added keep a sentence found; two
reporters writing the same fact in their own words do not. Two texts are copies when at least
MIN_SHARED sentences and COPY_SHARE of the shorter's sentences are found in the other, counted
over the shorter (an article that carries a wire story in part is a copy of it; the wire is not
a copy of a long analysis that quotes three of its sentences and says much else). One official
statement quoted by two reporters is two sentences at most, and never half of a story.

The candidates come from the sentence keys the store already keeps (core.stories), so the work
is one indexed look-up and a few comparisons per new article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

MIN_WORDS = 6  # "Share this article." says too little
SENTENCE_MATCH = 0.6
COPY_SHARE = 0.6
CREDITED_SHARE = 0.45  # when both name the same wire, a little less shared text is enough
MIN_SHARED = 3

_SENTENCE_END = re.compile(r"(?<=[.!?…։؟。])[\"'”’»)\]]*\s+|\n\s*\n")
_WORD = re.compile(r"\w+")

# Wire agencies and the names their copies credit them by. The key is the name shown.
WIRES: dict[str, tuple[str, ...]] = {
    "Reuters": ("reuters",),
    "AP": ("ap", "associated press", "the associated press"),
    "AFP": ("afp", "agence france-presse", "agence france presse"),
    "dpa": ("dpa",),
    "EFE": ("efe",),
    "ANSA": ("ansa",),
    "Xinhua": ("xinhua",),
    "TASS": ("tass",),
    "Interfax": ("interfax",),
    "RIA Novosti": ("ria novosti",),
    "Anadolu": ("anadolu", "anadolu agency"),
    "Kyodo": ("kyodo",),
    "Yonhap": ("yonhap",),
    "PTI": ("pti",),
    "UPI": ("upi",),
    "Bloomberg": ("bloomberg",),
    "Armenpress": ("armenpress",),
    "APA": ("apa",),
    "Azertac": ("azertac",),
}
_BY_NAME = {alias: wire for wire, aliases in WIRES.items() for alias in aliases}
_FIRST_WORDS = frozenset(alias.removeprefix("the ").split()[0].split("-")[0] for alias in _BY_NAME)
_NAMES = "|".join(sorted((re.escape(a) for a in _BY_NAME), key=len, reverse=True))
# "(Reuters)", "(AP) —" in a dateline or after a sentence; "— AP" or "Reuters" alone at the end.
_BRACKETED = re.compile(rf"\((?:{_NAMES})\)", re.IGNORECASE)
_SIGN_OFF = re.compile(rf"(?:^|\n)\s*(?:[—–-]+\s*)?\(?(?:{_NAMES})\)?\s*$", re.IGNORECASE)
# "AFP reports", "the Associated Press reported", "according to Reuters", "Reuters said".
_CITED = re.compile(rf"(?:according to\s+(?:{_NAMES})\b|\b(?:{_NAMES})\s+(?:reports|reported|said|says|writes|wrote)\b)",
                    re.IGNORECASE)
_DATELINE_CHARS = 200


class Fingerprint(NamedTuple):
    """What comparing a text needs: its sentences' 3-gram hashes, and the wire it credits."""

    sentences: tuple[frozenset[int], ...]
    credit: str | None


class Match(NamedTuple):
    found: int  # sentences of the shorter found in the other
    of: int  # sentences of the shorter
    share: float


def fingerprint(text: str) -> Fingerprint:
    """The text's sentences as sets of word-triple hashes (Python's own: fingerprints are compared
    within one run and never stored), and the wire it credits."""
    sentences = []
    seen: set[str] = set()
    for sentence in _SENTENCE_END.split(text):
        words = _WORD.findall(sentence.casefold())
        seen.update(words)
        if len(words) >= MIN_WORDS:
            sentences.append(frozenset(hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2)))
    # The credit's patterns are slow to run over every text: only where a wire's name is a word.
    return Fingerprint(tuple(sentences), wire_credit(text) if seen & _FIRST_WORDS else None)


def wire_credit(text: str) -> str | None:
    """The wire the text says it carries: "(Reuters)" or "(AP)" in its dateline or after a
    sentence, "— AFP" at its end, "AFP reports", "according to the Associated Press"."""
    for pattern in (_BRACKETED, _SIGN_OFF, _CITED):
        match = pattern.search(text)
        if match:
            return _wire_named(match.group(0))
    return None


def dateline_credit(text: str) -> str | None:
    """A credit that says the whole article is the wire's ("YEREVAN, May 13 (Reuters) -" at its
    start, "— Reuters" at its end), not a citation of one fact inside it."""
    head = _BRACKETED.search(text[:_DATELINE_CHARS])
    if head:
        return _wire_named(head.group(0))
    tail = _SIGN_OFF.search(text[-_DATELINE_CHARS:])
    return _wire_named(tail.group(0)) if tail else None


def _wire_named(words: str) -> str | None:
    lowered = " ".join(_WORD.findall(words.casefold().replace("-", " ")))
    for alias in sorted(_BY_NAME, key=len, reverse=True):
        if re.search(rf"\b{re.escape(alias.replace('-', ' '))}\b", lowered):
            return _BY_NAME[alias]
    return None


def wire_of_outlet(outlet: str | None) -> str | None:
    """The wire an outlet is ("Associated Press" is AP), or None."""
    return _BY_NAME.get(" ".join((outlet or "").casefold().split()))


def match(a: Fingerprint, b: Fingerprint) -> Match:
    """How much of the shorter text (by sentences) is found in the other."""
    shorter, longer = (a, b) if len(a.sentences) <= len(b.sentences) else (b, a)
    found = _count_found(shorter, longer)
    return Match(found, len(shorter.sentences), found / len(shorter.sentences) if shorter.sentences else 0.0)


def found_in(copy: Fingerprint, origin: Fingerprint) -> float:
    """The share of the copy's sentences found in the origin ("94% of its sentences")."""
    return _count_found(copy, origin) / len(copy.sentences) if copy.sentences else 0.0


def _count_found(text: Fingerprint, other: Fingerprint) -> int:
    """How many of the text's sentences are found in the other's."""
    where: dict[int, list[int]] = {}  # word triple -> the other's sentences holding it
    for index, shingles in enumerate(other.sentences):
        for shingle in shingles:
            where.setdefault(shingle, []).append(index)
    return sum(_found(shingles, where) for shingles in text.sentences)


def _found(shingles: frozenset[int], where: dict[int, list[int]]) -> bool:
    hits: dict[int, int] = {}
    for shingle in shingles:
        for index in where.get(shingle, ()):
            hits[index] = hits.get(index, 0) + 1
    return bool(hits) and max(hits.values()) >= SENTENCE_MATCH * len(shingles)


def are_copies(a: Fingerprint, b: Fingerprint) -> Match | None:
    """The match when the two texts are copies of one story, else None."""
    found = match(a, b)
    credited = a.credit is not None and a.credit == b.credit
    needed = CREDITED_SHARE if credited else COPY_SHARE
    if found.found >= MIN_SHARED and found.share >= needed:
        return found
    return None


class Member(NamedTuple):
    """An article of a group, with what choosing the origin needs."""

    article_id: int
    outlet: str | None
    published: str | None  # ISO date or None
    credit: str | None


def choose_origin(members: Sequence[Member]) -> tuple[int, str | None]:
    """The origin of a group of copies, and the wire it is: the wire's own article when the
    group has one; else the earliest published (unknown dates last; then the first stored). The
    wire is the one the members credit most, or the origin's outlet when that is a wire."""
    credits: dict[str, int] = {}
    for m in members:
        if m.credit:
            credits[m.credit] = credits.get(m.credit, 0) + 1
    wire = max(credits, key=lambda w: (credits[w], w)) if credits else None
    if wire is not None:
        own = [m for m in members if wire_of_outlet(m.outlet) == wire]
        if own:
            return min(own, key=_age).article_id, wire
    origin = min(members, key=_age)
    return origin.article_id, wire or wire_of_outlet(origin.outlet)


def _age(m: Member) -> tuple[bool, str, int]:
    return (m.published is None, m.published or "", m.article_id)


def components(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Groups of articles joined by pairs of copies (each sorted; groups by their first id)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in list(parent):
        groups.setdefault(root(x), []).append(x)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


class CopyLink(NamedTuple):
    """One copy in its group: the row the dossier keeps."""

    article_id: int
    origin_id: int
    shared: float  # share of the copy's sentences found in the origin, to 4 places
    wire: str | None


def links_of_groups(groups: Iterable[Sequence[int]], fingerprints: Mapping[int, Fingerprint],
                    details: Mapping[int, tuple[str | None, str | None]]) -> list[CopyLink]:
    """Each group's origin (choose_origin) and a link from every other member to it.
    `details` holds each article's (outlet, published)."""
    links: list[CopyLink] = []
    for group in groups:
        members = [Member(i, details[i][0], details[i][1], fingerprints[i].credit) for i in group]
        origin, wire = choose_origin(members)
        for m in members:
            if m.article_id != origin:
                share = found_in(fingerprints[m.article_id], fingerprints[origin])
                links.append(CopyLink(m.article_id, origin, round(share, 4), wire))
    return links

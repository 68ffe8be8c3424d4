"""Screening: every place an article names someone on a watchlist, in any script and case form.

A watched name and its aliases are compared with an article word by word through the keys the
cross-script proposals use (`core.names.script_key`): "Pashinyan", "Пашинян", "Փաշինյան" and
"Paşinyan" all give "pasinan". A word of the article matches a word of a name when its key is
the name word's key followed by a case ending or suffix ("Пашиняна", "Փաշինյանին", "Paşinyanın",
"Pashinyan's"), the name word's stem when the name ends in a vowel Russian replaces
("Захаровой" for "Захарова"), or a spelling within a bounded edit distance ("Əliyev" for
"Aliyev", "Pashinian" for "Pashinyan").

One Aho-Corasick automaton holds every word of every watched name, so an article is read once
however many names are watched; the edit-distance lookups are made only for capitalised words,
through a file of one-letter deletions (as `core.names.KeyIndex` does), never name by name.
A name's first word must be written as a name is (not in lower case, where the script has case):
"pashinyan" in a URL slug or "aliev" in running lower-case text is not a mention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import Any

from dossier.core.names import edit_distance, script_key

# Endings and suffixes a name may carry, as script_key writes them: Russian and Ukrainian cases
# (Пашиняна, -у, -ом, -е; Захаровой, -ою; Алиевым), Armenian cases (Փաշինյանը, -ի, -ին, -ից, -ում;
# a name ending in a vowel takes -ն), Azerbaijani and Turkish ones (Paşinyanın, -a, -da, -dan, -la,
# -ı; after a vowel -nın, -ya, -nı), and the English possessive ("Pashinyan's"). Not "ov", "ev",
# "enko", "yan": those make another name ("Ivanov" is not "Ivan").
SUFFIXES = frozenset({
    "", "s", "a", "u", "e", "i", "o", "om", "im", "em", "oi", "ei", "ou", "eu", "ami", "ah", "ih",
    "in", "un", "ic", "um", "n", "ni", "nu", "nin", "nun", "na", "ne", "ia", "ie", "da", "de", "dan",
    "den", "la", "le", "ta", "te", "tan", "ten", "dir", "dur", "ida", "ide",
})
_LONGEST_SUFFIX = max(len(s) for s in SUFFIXES)
_VOWELS = "aeiou"
# Georgian writes names in Mkhedruli, whose letters Unicode counts as small: a name there has no capital.
_GEORGIAN, _GEORGIAN_END = "\u10d0", "\u10ff"
MIN_KEY = 3  # a name word with a shorter key ("Li", "U") matches only as written, whole
CLOSE_KEPT = 200_000  # words whose close name words are remembered (a bounded memory)
MIN_FUZZY = 5  # names shorter than this are matched by key only: "Iran" is not "Ivan"

# A word: letters and marks, with apostrophes inside ("Paşinyan'ın", "O’Brien").
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # splits a text into [between, word, between, …, between]


@dataclass(frozen=True)
class Watched:
    """A name on a watchlist: its row id and every way it is written (name first, then aliases)."""

    name_id: int
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """Where an article names a watched name: code-point offsets of the whole words matched."""

    name_id: int
    start: int
    end: int


def fuzzy_allowance(key: str) -> int:
    """Edits a word's key may differ by from a name word's and still match it."""
    if len(key) < MIN_FUZZY:
        return 0
    return 1 if len(key) < 10 else 2


class Screener:
    """All watched names at once, ready to screen any number of articles."""

    def __init__(self, names: Iterable[Watched]) -> None:
        import ahocorasick  # lazy: loaded with the first watchlist, never at start-up

        self._word_ids: dict[str, int] = {}  # a name word's key -> its id
        self._sequences: dict[tuple[int, ...], set[int]] = {}  # first two word ids -> name ids
        self._rest: dict[int, list[tuple[int, ...]]] = {}  # name id -> its spellings' word ids
        self._lowercase_ok: set[int] = set()  # first words written in lower case by the list itself
        for watched in names:
            for spelling in watched.spellings:
                words = _WORD.findall(spelling)
                keys = [script_key(w).replace(" ", "") for w in words]
                if not keys or not all(keys) or sum(len(k) for k in keys) < MIN_KEY:
                    continue  # Arabic script, or nothing to match by
                ids = tuple(self._word_ids.setdefault(k, len(self._word_ids)) for k in keys)
                self._sequences.setdefault(ids[:2], set()).add(watched.name_id)
                self._rest.setdefault(watched.name_id, []).append(ids)
                if words[0][:1].islower():
                    self._lowercase_ok.add(ids[0])
        automaton: Any = ahocorasick.Automaton()
        patterns: dict[str, list[tuple[int, bool]]] = {}  # " key" -> (word id, a stem?)
        self._deletions: dict[str, set[int]] = {}
        for key, word_id in self._word_ids.items():
            patterns.setdefault(" " + key, []).append((word_id, False))
            if len(key) >= MIN_FUZZY and key[-1] in _VOWELS:  # Захарова -> Захаровой: the ending replaced
                patterns.setdefault(" " + key[:-1], []).append((word_id, True))
            if fuzzy_allowance(key):
                for variant in _deletions(key):
                    self._deletions.setdefault(variant, set()).add(word_id)
        for pattern, values in patterns.items():
            automaton.add_word(pattern, tuple(values))
        self._automaton: Any = automaton if self._word_ids else None
        if self._automaton is not None:
            automaton.make_automaton()
        self._keys = {word_id: key for key, word_id in self._word_ids.items()}
        self._close: dict[str, frozenset[int]] = {}  # a word's key -> name words it is close to (words recur)
        self._words: dict[str, tuple[str, bool, frozenset[int]]] = {}  # see _learn

    def __len__(self) -> int:
        return len(self._rest)

    def screen(self, text: str) -> list[Match]:
        """Every place `text` names a watched name, in text order; overlapping matches of one
        name (its name and an alias) give the longest."""
        if self._automaton is None:
            return []
        # Each word looked up once in what earlier words taught (its key, whether it is written
        # as a name is, the name words it is close to): an article's words recur in the next, and
        # most match nothing. Done a word at a time in C (a split, a map, a transpose) where it can
        # be: a Python step per word is most of the cost of a re-screen of thousands of articles.
        parts = _WORD_SPLIT.split(text)  # the text between words, a word, the text between, …
        words = parts[1::2]
        abouts = list(map(self._words.get, words))
        if None in abouts:
            abouts = [about or self._learn(word) for word, about in zip(words, abouts)]
        if not abouts:
            return []
        keys, capitalised, close = zip(*abouts)
        matched: dict[int, set[int]] = {i: set(close[i]) for i in compress(range(len(close)), close)}
        self._word_matches(keys, matched)
        if not matched:
            return []
        return self._names(list(accumulate(map(len, parts))), matched, capitalised)

    def _learn(self, word: str) -> tuple[str, bool, frozenset[int]]:
        """A word's key, whether it is written as a name is, and the name words it is close to
        (a capitalised word at most one letter shorter than a name word), remembered in a
        bounded memory."""
        if len(self._words) > CLOSE_KEPT:
            self._words.clear()
        key = script_key(word).replace(" ", "")
        first = word[0]
        capitalised = not first.islower() or _GEORGIAN <= first <= _GEORGIAN_END
        close = self._close_words(key) if capitalised and len(key) >= MIN_FUZZY - 1 else frozenset()
        about = self._words[word] = (key, capitalised, close)
        return about

    def _word_matches(self, keys: Sequence[str], matched: dict[int, set[int]]) -> None:
        """Add to `matched` the name words whose key each word's is, with an ending or without:
        the automaton reads the words' keys as one line, each key after a space, and every
        pattern starts with a space, so a match always starts at the start of a word."""
        line = " " + " ".join(keys) + " "
        starts: list[int] = []  # where each word's key starts in the line (and the line's end)
        for end, values in self._automaton.iter(line):
            if not starts:
                starts = list(accumulate(map((1).__add__, map(len, keys)), initial=1))
            i = bisect_right(starts, end) - 1  # the word in which the match ends
            tail = keys[i][end - starts[i] + 1:]
            if tail not in SUFFIXES:
                continue
            for word_id, stem in values:
                if stem and not tail:
                    continue  # a replaced ending must be there: "Захаров" is not "Захарова"
                if tail and len(self._keys[word_id]) < MIN_KEY + 1:
                    continue  # a short name takes no ending: "Ali" is not "Alia"
                matched.setdefault(i, set()).add(word_id)

    def _close_words(self, key: str) -> frozenset[int]:
        """Name words within the allowed edits of a word's key, or of the key less an ending."""
        known = self._close.get(key)
        if known is None:
            if len(self._close) > CLOSE_KEPT:
                self._close.clear()
            known = self._close[key] = frozenset(self._look_up_close(key))
        return known

    def _look_up_close(self, key: str) -> set[int]:
        found: set[int] = set()
        bases = [key] + [key[:-n] for n in range(1, _LONGEST_SUFFIX + 1)
                         if len(key) - n >= MIN_FUZZY - 1 and key[-n:] in SUFFIXES]
        for base in bases:
            for variant in _deletions(base):
                for word_id in self._deletions.get(variant, ()):
                    name_key = self._keys[word_id]
                    limit = fuzzy_allowance(name_key)
                    if limit and _within(base, name_key, limit):
                        found.add(word_id)
        return found

    def _names(self, ends: Sequence[int], matched: dict[int, set[int]], capitalised: Sequence[bool]) -> list[Match]:
        """The names whose words follow one another from a matched word (`ends`: where each
        piece of the split text ends, so word i runs from ends[2i] to ends[2i + 1])."""
        best: dict[tuple[int, int], Match] = {}  # (name, start) -> the longest match there
        nothing: set[int] = set()
        for i in sorted(matched):
            here, after = matched[i], matched.get(i + 1, nothing)
            candidates: set[int] = set()
            for first in here:
                if not capitalised[i] and first not in self._lowercase_ok:
                    continue
                candidates |= self._sequences.get((first,), nothing)
                for second in after:
                    candidates |= self._sequences.get((first, second), nothing)
            for name_id in candidates:
                for ids in self._rest[name_id]:
                    if i + len(ids) <= len(capitalised) and all(ids[j] in matched.get(i + j, nothing)
                                                          for j in range(len(ids))):
                        match = Match(name_id, ends[2 * i], ends[2 * (i + len(ids)) - 1])
                        known = best.get((name_id, match.start))
                        if known is None or match.end > known.end:
                            best[(name_id, match.start)] = match
        return _without_inner(sorted(best.values(), key=lambda m: (m.start, -m.end, m.name_id)))


def _without_inner(matches: list[Match]) -> list[Match]:
    """Drop a name's match lying inside a longer match of the same name ("Pashinyan" inside
    "Nikol Pashinyan", when both are spellings of it)."""
    kept: list[Match] = []
    reach: dict[int, int] = {}
    for match in matches:
        if reach.get(match.name_id, -1) >= match.end:
            continue
        kept.append(match)
        reach[match.name_id] = max(reach.get(match.name_id, -1), match.end)
    return kept


def _within(a: str, b: str, limit: int) -> bool:
    """Whether two keys are at most `limit` edits apart; one edit is checked in a single pass."""
    if limit > 1:
        return edit_distance(a, b, limit) <= limit
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


PASSAGE_LIMIT = 400  # characters of a hit's sentence kept: a sentence without stops can be a page


def passage(text: str, start: int, end: int, sentences: Sequence[tuple[int, int]]) -> str:
    """The sentence around text[start:end] (`sentences` as core.sentences gives them), cut to
    PASSAGE_LIMIT characters around the match when longer, with "…" where it was cut."""
    i = bisect_right([s for s, _e in sentences], start) - 1
    sentence_start, sentence_end = sentences[i] if i >= 0 and sentences[i][1] >= end else (start, end)
    if sentence_end - sentence_start <= PASSAGE_LIMIT:
        return text[sentence_start:sentence_end]
    room = max(0, PASSAGE_LIMIT - (end - start)) // 2
    left, right = max(sentence_start, start - room), min(sentence_end, end + room)
    return ("…" if left > sentence_start else "") + text[left:right] + ("…" if right < sentence_end else "")

"""One story, two captures: telling that two article texts are the same article brought in twice
(a web page with its site's chrome, and a pasted copy with straight quotes and lines wrapped
anew), without ever taking two different articles for one.

Each text is cut into sentences, and each sentence of six words or more becomes a key: a hash of
its last twelve words alone (case, punctuation, quotes, dashes and line breaks play no part; a
page's breadcrumb or a headline without a full stop runs into the first sentence, but not into
its end). Two captures share most of their keys; chrome at the edges ("Share this article", a
newsletter box) adds a few keys to one side only, and a first line taken for the title takes one
away. Two articles are proposed as one when the keys they share are 70% or more of the shorter's
and at least half of the longer's: an analysis that quotes a short report whole shares all of the
report's keys but few of its own, and is not proposed.
"""

from __future__ import annotations

import hashlib
import re

# The keys are stored (the story_keys table): a change to how they are made needs a migration
# step that makes them again for every article.
MIN_WORDS = 6  # a shorter sentence ("Share this article.") says too little to match by
KEY_WORDS = 12
SHARED_OF_SHORTER = 0.7
SHARED_OF_LONGER = 0.5
MIN_SHARED = 2
# A key that many articles have is boilerplate (an outlet's sign-off), not a sign of one story.
COMMON_KEY_ARTICLES = 20

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+|\n\s*\n")
_WORD = re.compile(r"\w+")


def story_keys(text: str) -> set[int]:
    """The keys of a text's sentences of MIN_WORDS words or more (signed 64-bit, as SQLite keeps
    integers)."""
    keys = set()
    for sentence in _SENTENCE_END.split(text):
        words = _WORD.findall(sentence.casefold())
        if len(words) >= MIN_WORDS:
            digest = hashlib.blake2b(" ".join(words[-KEY_WORDS:]).encode("utf-8"), digest_size=8).digest()
            keys.add(int.from_bytes(digest, "big", signed=True))
    return keys


def one_story(shared: int, keys_a: int, keys_b: int) -> bool:
    """Whether two texts sharing `shared` keys, with `keys_a` and `keys_b` keys of their own,
    are one story captured twice."""
    shorter, longer = min(keys_a, keys_b), max(keys_a, keys_b)
    return (shared >= MIN_SHARED and shared >= SHARED_OF_SHORTER * shorter
            and shared >= SHARED_OF_LONGER * longer)

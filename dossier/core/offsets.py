"""The one place where code-point offsets (the dossier's) and UTF-16 offsets (Qt's) convert.

Article offsets in the dossier count Unicode code points, so Python slicing works directly.
Qt's QString positions count UTF-16 code units: every character outside the Basic Multilingual
Plane (emoji, flags, some CJK) takes two. Combining marks are separate code points in both
systems, so they need no special care here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Converts offsets for one text. Cost is O(log n) per conversion in the number of astral
    characters, so a long article with a thousand highlights converts instantly."""

    __slots__ = ("_astral", "_astral_utf16", "_length")

    def __init__(self, text: str) -> None:
        # Code-point positions of astral characters; for most articles this list is empty.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        # The UTF-16 position of each astral character (its first surrogate).
        self._astral_utf16 = [pos + k for k, pos in enumerate(self._astral)]
        self._length = len(text)

    def to_utf16(self, offset: int) -> int:
        """UTF-16 position of code-point `offset` (0 <= offset <= len(text))."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside text of length {self._length}")
        return offset + bisect_left(self._astral, offset)

    def to_codepoint(self, position: int) -> int:
        """Code-point offset of UTF-16 `position`. A position between the two halves of a
        surrogate pair (which Qt never produces for a cursor) rounds down to the character."""
        if position < 0:
            raise ValueError(f"negative position {position}")
        before = bisect_right(self._astral_utf16, position - 1)
        offset = position - before
        if offset > self._length:
            raise ValueError(f"position {position} beyond the text")
        return offset

    @property
    def utf16_length(self) -> int:
        return self._length + len(self._astral)


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units (Qt's QString length)."""
    return len(text) + len(_ASTRAL.findall(text))

"""Code points <-> UTF-16 conversion, with emoji, flags and combining marks before a passage."""

from __future__ import annotations

import pytest

from dossier.core.anchoring import find_quote, quote_at
from dossier.core.offsets import OffsetMap, utf16_length

TRICKY = "🇦🇲 Armenia’s e\u0301lite 👩‍👩‍👧 units, Kəlbəcər: the agreement was not implemented in full."


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_positions_after_astral_characters_shift_by_their_extra_units() -> None:
    m = OffsetMap(TRICKY)
    for offset in range(len(TRICKY) + 1):
        expected = utf16_units(TRICKY[:offset])
        assert m.to_utf16(offset) == expected
        assert m.to_codepoint(expected) == offset


def test_combining_marks_count_as_their_own_code_points() -> None:
    text = "e\u0301 passage"
    m = OffsetMap(text)
    assert m.to_utf16(2) == 2  # the combining acute is one code point and one UTF-16 unit
    assert text[m.to_codepoint(3) :] == "passage"


def test_plain_ascii_is_the_identity() -> None:
    m = OffsetMap("plain text")
    assert [m.to_utf16(i) for i in range(11)] == list(range(11))
    assert m.utf16_length == 10


def test_utf16_length_matches_the_encoder() -> None:
    assert utf16_length(TRICKY) == utf16_units(TRICKY) == OffsetMap(TRICKY).utf16_length


def test_out_of_range_offsets_are_refused() -> None:
    m = OffsetMap("abc")
    with pytest.raises(ValueError):
        m.to_utf16(4)
    with pytest.raises(ValueError):
        m.to_codepoint(-1)


def test_a_quote_after_emoji_slices_back_exactly() -> None:
    q = find_quote(TRICKY, "the agreement was not implemented in full")
    assert TRICKY[q.start : q.end] == q.exact
    assert q.prefix == TRICKY[q.start - 32 : q.start] and len(q.prefix) == 32
    assert q.suffix == "."


def test_empty_or_out_of_range_passages_are_refused() -> None:
    with pytest.raises(ValueError):
        quote_at("abc", 2, 2)
    with pytest.raises(ValueError):
        quote_at("abc", 1, 9)

"""Re-anchoring: moved passages found, edited context tolerated, lost passages orphaned."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.anchoring import KGRAMS_TRIED, MAX_CANDIDATES, MAX_HITS, RARE_HITS, Work, find_quote, reanchor
from dossier.core.likeness import FUZZY_CHARS

TEXT = ("Azerbaijan accepted to withdraw its troops under an initial agreement with Armenia. However, "
        "the agreement was not implemented in full. In response, Armenian caretaker Prime Minister "
        "Nikol Pashinyan opted to request assassinate from Russia.")


def test_unchanged_text_keeps_its_anchor() -> None:
    q = find_quote(TEXT, "the agreement was not implemented in full")
    assert reanchor(TEXT, q.exact, q.prefix, q.suffix, q.start) == (q.start, q.end, "anchored")


def test_a_moved_passage_is_found_where_it_went() -> None:
    q = find_quote(TEXT, "the agreement was not implemented in full")
    moved = "A new first paragraph was added above.\n\n" + TEXT
    found = reanchor(moved, q.exact, q.prefix, q.suffix, q.start)
    assert found is not None and found.state == "moved" and moved[found.start:found.end] == q.exact


def test_the_right_one_of_two_occurrences_is_chosen_by_context() -> None:
    q = find_quote(TEXT, "agreement", occurrence=2)  # "However, the agreement was not…"
    shifted = "Preface. " + TEXT
    found = reanchor(shifted, q.exact, q.prefix, q.suffix, q.start)
    assert found is not None and shifted[found.start - 13:found.start] == "However, the "


def test_an_edited_quote_is_still_found_between_its_context() -> None:
    q = find_quote(TEXT, "request assassinate")
    corrected = TEXT.replace("request assassinate", "request assistance")
    found = reanchor(corrected, q.exact, q.prefix, q.suffix, q.start)
    assert found is not None and found.state == "moved"
    assert corrected[found.start:found.end].startswith("request assist")


def test_edited_context_around_an_unchanged_quote() -> None:
    q = find_quote(TEXT, "Nikol Pashinyan")
    edited = TEXT.replace("caretaker Prime Minister", "acting premier").replace("opted to", "chose to")
    found = reanchor(edited, q.exact, q.prefix, q.suffix, q.start)
    assert found is not None and edited[found.start:found.end] == "Nikol Pashinyan"


def test_a_deleted_passage_is_orphaned_not_guessed() -> None:
    q = find_quote(TEXT, "the agreement was not implemented in full")
    gone = "An entirely different article about the weather in Yerevan, which was sunny all week long."
    assert reanchor(gone, q.exact, q.prefix, q.suffix, q.start) is None


def test_several_equal_candidates_without_context_are_not_guessed() -> None:
    assert reanchor("x troops y troops z", "troops", "aaaaaaaa", "bbbbbbbb", 50) is None


# -- a bounded cost, whatever the text and the quote (issue 32) ----------------------------------

# Searches one call may make: the quote, with its whole context, folded; a rare prefix, the
# suffix after each of its places, a rare suffix; the pieces of the quote.
MOST_SEARCHES = 3 + 1 + RARE_HITS + 1 + KGRAMS_TRIED


def within_bounds(work: Work) -> None:
    assert work.searches <= MOST_SEARCHES, work
    assert work.hits <= 3 * (MAX_HITS + 1) + (2 + KGRAMS_TRIED) * (RARE_HITS + 1), work
    assert work.compared <= MAX_CANDIDATES, work
    assert work.compared_chars <= MAX_CANDIDATES * 3 * FUZZY_CHARS, work


def test_a_long_quote_of_near_identical_characters_is_orphaned_within_bounds() -> None:
    """The attack of the issue: a 200,000-character article and a 4,000-character quote that
    differs from it in one character, its context standing everywhere."""
    text = "ab" * 100_000
    work = Work()
    assert reanchor(text, "ab" * 1999 + "ac", "ab" * 16, "ab" * 16, 5000, work) is None
    within_bounds(work)
    work = Work()  # standing 100,000 times, with a context that stands everywhere too: not guessed
    assert reanchor(text, "ab" * 50, "ab" * 16, "ab" * 16, 7, work) is None
    within_bounds(work)
    work = Work()  # "abc" against "acb", which took difflib seconds per comparison
    assert reanchor("acb" * 70_000, "abc" * 1_300, "acb" * 10, "acb" * 10, 0, work) is None
    within_bounds(work)


def test_a_common_quote_is_placed_by_its_whole_context() -> None:
    text = "the " * 5_000 + "unique words here the end " + "the " * 5_000
    start = text.index("the end")
    work = Work()
    found = reanchor(text, "the", text[start - 32:start], text[start + 3:start + 35], 0, work)
    assert found == (start, start + 3, "moved")
    within_bounds(work)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab c.", min_size=0, max_size=3_000), st.text(alphabet="ab c.", min_size=1, max_size=1_500),
       st.text(alphabet="ab c.", max_size=32), st.text(alphabet="ab c.", max_size=32), st.integers(0, 3_000),
       st.integers(1, 3))
def test_the_work_of_re_anchoring_is_bounded(text: str, quote: str, prefix: str, suffix: str, start: int,
                                             times: int) -> None:
    """Texts of few letters (every piece repeats), quotes cut from them or not: the searches, the
    occurrences weighed, the places compared and the characters compared never pass their bounds,
    however long the text."""
    text = text * times * 20  # up to 180,000 characters of the same few letters
    work = Work()
    found = reanchor(text, quote, prefix, suffix, start, work)
    within_bounds(work)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=30, max_size=150), st.integers(2, 4), st.data())
def test_many_near_copies_of_an_edited_quote_are_compared_a_bounded_number_of_times(
        words: list[str], copies: int, data: st.DataObject) -> None:
    """An edited quote whose pieces each stand a few times, in several near copies of it: every
    rare piece names a place, and still only MAX_CANDIDATES places are compared."""
    quote = " ".join(words)

    def edited(text: str, edits: int = 1) -> str:
        for _ in range(edits):  # a character replaced, or a few put in (which shifts what follows)
            at = data.draw(st.integers(0, len(text) - 1))
            text = text[:at] + data.draw(st.sampled_from(["#", "##", "#####", "##########"])) + text[at + 1:]
        return text

    text = " filler ".join(edited(quote, 4) for _ in range(copies))
    work = Work()
    reanchor(text, edited(quote), "", "", 0, work)
    within_bounds(work)

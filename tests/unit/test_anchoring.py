"""Re-anchoring: moved passages found, edited context tolerated, lost passages orphaned."""

from __future__ import annotations

from dossier.core.anchoring import find_quote, reanchor

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

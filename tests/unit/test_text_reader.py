"""The plain-text reader: headline, verbatim body, chrome removed only at the edges."""

from __future__ import annotations

import pytest

from dossier.ingest.text_reader import read_text

LONG = "A paragraph long enough to count as body text rather than chrome, " * 2


def test_headline_is_the_first_non_empty_line_and_not_part_of_the_text() -> None:
    doc = read_text(f"\n\n  Headline here  \n\n{LONG}\n")
    assert doc.title == "Headline here"
    assert doc.text == LONG


def test_chrome_above_and_below_goes_but_the_body_stays_verbatim() -> None:
    body = f"Short caption line.\n\n{LONG}\n\nSupport SouthFront\n\n{LONG}  \n\nLast short line."
    content = (
        f"Title\r\n\r\nSupport SouthFront\r\n\r\nTitle\r\n\r\n{body.replace(chr(10), chr(13) + chr(10))}"
        "\r\n\r\nSupport SouthFront\r\n\r\nLeave a Reply\r\n\r\n"
        "Your email address will not be published. Required fields are marked *"
    )
    doc = read_text(content)
    # Newlines are normalised; "Support SouthFront" inside the body is kept, and so is the
    # trailing space of a body line.
    assert doc.text == body


def test_a_line_is_only_chrome_at_the_edges() -> None:
    content = f"Title\n\n{LONG}\n\nLeave a Reply\n\n{LONG}"
    assert "Leave a Reply" in read_text(content).text


def test_a_short_line_found_only_on_one_side_is_kept() -> None:
    content = f"Title\n\nPhoto: Reuters\n\n{LONG}\n\nEditor's note"
    doc = read_text(content)
    assert doc.text.startswith("Photo: Reuters") and doc.text.endswith("Editor's note")


@pytest.mark.parametrize("line", [
    "Support SouthFront", "Support us", "Donate now", "Subscribe to our newsletter", "Subscribe to The Insider",
    "Follow us on Telegram, Twitter & Facebook", "Follow SouthFront on VK", "Join us on Telegram!",
    "Sign up for our daily briefing", "Become a patron", "Get our newsletter", "Share this:", "Leave a Reply",
])
def test_a_call_to_action_at_one_edge_is_chrome(line: str) -> None:
    """The issue's case: "Support SouthFront" above the body and nowhere below it."""
    above = read_text(f"Title\n\n{line}\n\n{LONG}\n\nEditor's note")
    below = read_text(f"Title\n\nPhoto: Reuters\n\n{LONG}\n\n{line}")
    assert above.text == f"{LONG}\n\nEditor's note" and below.text == f"Photo: Reuters\n\n{LONG}"


@pytest.mark.parametrize("line", [
    "Screen grab from Sputnik Armenia video.", "Support for the ceasefire grows in Yerevan", "Reuters",
    "Follow-up talks are planned", "Subscribers in Baku reported outages",
])
def test_a_line_that_only_names_an_outlet_or_reads_as_news_is_kept(line: str) -> None:
    doc = read_text(f"Title\n\n{line}\n\n{LONG}")
    assert doc.text.startswith(line)


def test_a_call_to_action_inside_the_body_is_the_body() -> None:
    content = f"Title\n\n{LONG}\n\nSupport SouthFront\n\n{LONG}"
    assert "Support SouthFront" in read_text(content).text


def test_empty_and_headline_only_files_are_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        read_text(" \n\n")
    with pytest.raises(ValueError, match="no text"):
        read_text("Only a title\n\nLeave a Reply\n")


def test_a_byte_order_mark_is_not_part_of_the_headline() -> None:
    assert read_text(f"\ufeffTitle\n{LONG}").title == "Title"

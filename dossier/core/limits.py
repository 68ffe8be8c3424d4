"""How long the strings a user (or another analyst's file) gives may be.

Generous for anything an analyst writes, far below what would make a window stall or a text
layout fail: a tag name of half a million characters, brought by a merge, once crashed the
window when the annotation carrying it was opened. Each limit is checked where the string comes
in (an edit, a merge, an import), refused with a sentence that says the limit and the length.
"""

from __future__ import annotations

TAG_NAME = 200  # a tag
NAME = 1_000  # an entity's name or alias, an outlet, a hypothesis, an analyst
TITLE = 5_000  # an article's or an event's title, the words a date was written in
NOTE = 200_000  # a note, a rationale, an entity's notes, a hypothesis's description
URL = 10_000
# An article's text: import refuses files over 10 MB; a merge or FtM file may bring what an
# import could have made, and not a hundred times more.
ARTICLE_TEXT = 32_000_000


def too_long(text: str, limit: int, what: str) -> str | None:
    """A sentence saying that `what` is longer than `limit` characters, or None if it is not."""
    if len(text) <= limit:
        return None
    return f"{what} can be up to {limit:,} characters; this one has {len(text):,}."


def shortened(text: str, limit: int = 80) -> str:
    """`text` cut to `limit` characters with an ellipsis, to name a long string in a message."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def words_of(error: BaseException) -> str:
    """An error's words on one line, cut short: a message may quote the very string that was
    too long."""
    return shortened(" ".join(str(error).split()), 200)

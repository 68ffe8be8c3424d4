"""Names and messages shown as one line of plain text, whatever they contain.

A file name may hold a newline (which would forge a line of an import report), an escape
sequence (which would drive the terminal) or bytes that are not UTF-8; each is written out as
an escape instead.
"""

from __future__ import annotations

import os
from pathlib import Path


def shown(value: object) -> str:
    """A name or message as one line of plain text: control characters (a newline in a file
    name would forge a report line, an escape sequence would drive the terminal) and bytes that
    are not UTF-8 are written as escapes."""
    text = os.fsdecode(value) if isinstance(value, (Path, bytes)) else str(value)
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


def snippet(before: str, surface: str, after: str, *, cut_before: bool, cut_after: bool) -> str:
    """ "…the text [Syunik] around it…" on one line, cut at word edges: context that was cut
    mid-word ("…onse") loses its broken word rather than show it."""
    before, after = " ".join(before.split("\n")), " ".join(after.split("\n"))
    if cut_before and " " in before:
        before = before[before.index(" ") + 1:]
    if cut_after and " " in after:
        after = after[: after.rindex(" ")]
    return f"{'…' if cut_before else ''}{before}[{surface}]{after}{'…' if cut_after else ''}"


NOT_RECORDED = "(name not recorded)"


def stamp(when: str | None) -> str:
    """A stored UTC time ("2026-12-02T10:53:00Z") as "2 Dec 2026 10:53 UTC"; "" if unknown or
    unreadable (shown as it is, never guessed at)."""
    from datetime import datetime

    if not when:
        return ""
    try:
        moment = datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        return when
    return f"{moment.day} {moment:%b %Y %H:%M} UTC"


def made_by(author: str, when: str | None) -> str:
    """ "Ann Vardanyan, 2 Dec 2026 10:53 UTC" — who made or assessed something, and when; the
    author is written out as one line of plain text."""
    who = shown(author) if author else NOT_RECORDED
    at = stamp(when)
    return f"{who}, {at}" if at else who

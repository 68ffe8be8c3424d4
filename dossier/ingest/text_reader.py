"""Plain-text articles: the first line is the headline, the rest is the body, verbatim.

Text saved from a web page carries site chrome around the article ("Support SouthFront",
"Leave a Reply", the headline again). Only whole short lines above the first and below the last
body paragraph are ever removed, and only when they are known chrome, a call to action
("Support SouthFront", "Subscribe to …", "Follow us on …", on one side only too), a repeat of
the headline, or a line that stands both above and below the body. A line that only names an
outlet ("Screen grab from Sputnik Armenia video.") is not chrome. Nothing inside the body is touched: the
body is one contiguous slice of the (newline-normalised) file.
"""

from __future__ import annotations

import re

from dossier.ingest.dateline import read_dateline
from dossier.ingest.document import Document

# A line longer than this is a paragraph, never chrome.
SHORT_LINE = 100

_KNOWN_CHROME = re.compile(
    r"^(leave a (reply|comment)|your email address will not be published.*|required fields are "
    r"marked.*|share this( article| story)?:?|like this:?|related( posts| articles| stories)?:?|"
    r"post navigation|comments?|\d+ comments?|advertisement|click to share on .*|"
    r"share on (facebook|twitter|x|telegram|whatsapp).*|subscribe( to our newsletter)?\.?|"
    r"read more:?|tags?:.*|print( this page)?|email)$",
    re.IGNORECASE,
)


# Calls to action a site puts around its articles: chrome above the first or below the last
# paragraph even on one side only. A capital after "Support" or "Follow" is the site's name
# ("Support SouthFront"); "Support for the ceasefire grows" is a headline, and stays.
_CALL_TO_ACTION = re.compile(
    r"^(?:[Ss]upport (?:us|our (?:work|journalism)|[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)?)|"
    r"[Dd]onate(?: now| today| to (?:us|[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)?))?|"
    r"[Ss]ubscribe(?: now| today)?(?: to (?:us|our [\w ]{1,30}|[A-Z][\w .&'’-]{0,50}))?|"
    r"[Ss]ign up(?: now| today)?(?: for (?:our|the) [\w ]{1,40})?|"
    r"[Ff]ollow (?:us|[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)?)(?: on [\w ,&.-]{1,60})?|"
    r"[Jj]oin us(?: on [\w ,&.-]{1,60})?|"
    r"[Bb]ecome a (?:patron|member|supporter|subscriber)(?: [\w .-]{1,40})?|"
    r"[Gg]et (?:our|the) newsletter)[.!:]?$"
)


def short_title(text: str, limit: int = 100) -> str:
    """A headline made from the start of a text that has none (to be corrected by the user)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(content: str, *, original_name: str | None = None, original_bytes: bytes = b"") -> Document:
    """A document from decoded text. Raises ValueError if there is no headline or no body."""
    lines = normalise_newlines(content.removeprefix("\ufeff")).split("\n")
    title_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if title_index is None:
        raise ValueError("the file is empty")
    title = lines[title_index].strip()
    rest = lines[title_index + 1 :]
    start, end = body_bounds(rest, title)
    text = "\n".join(rest[start:end])
    if not text.strip():
        raise ValueError("the file has a headline but no text below it")
    document = Document(title=title, text=text, original_name=original_name, original_bytes=original_bytes)
    return with_dateline(document)


def with_dateline(document: Document) -> Document:
    """The outlet and date a dateline opening the text gives, as proposals with a note saying
    so (the user sees it after the import and in Article > Properties). Only what the document
    lacks is filled; the text stays as it is."""
    from dataclasses import replace

    found = read_dateline(document.text)
    if found is None or (document.source and document.published):
        return document
    source = document.source or found.outlet
    published, precision = document.published, document.published_precision
    if not published and found.published:
        published, precision = found.published, "day"
    if (source, published) == (document.source, document.published) and found.year:
        return document  # it proposes nothing the file did not say
    what = " and ".join(w for w, new in (("outlet", source != document.source), ("date", published != document.published))
                        if new) or "nothing"
    note = f"{what} proposed {found.describe()}; change them in Article > Properties" if what != "nothing" else \
        f"no date taken {found.describe()}"
    if not found.year and not document.published:
        note = f"{what} proposed {found.describe()}; add the year in Article > Properties"
    return replace(document, source=source, published=published, published_precision=precision,
                   notes=(*document.notes, note))


def body_bounds(lines: list[str], title: str) -> tuple[int, int]:
    """[start, end) of the body within `lines`, after stripping chrome at both ends."""
    repeated = _lines_above_and_below(lines)

    def is_chrome(line: str) -> bool:
        s = line.strip()
        return len(s) <= SHORT_LINE and (
            bool(_KNOWN_CHROME.match(s)) or bool(_CALL_TO_ACTION.match(s)) or s.casefold() == title.casefold()
            or s in repeated
        )

    start, end = 0, len(lines)
    while start < end and (not lines[start].strip() or is_chrome(lines[start])):
        start += 1
    while end > start and (not lines[end - 1].strip() or is_chrome(lines[end - 1])):
        end -= 1
    return start, end


def _lines_above_and_below(lines: list[str]) -> set[str]:
    """Short lines that stand both before the first paragraph and after the last one."""
    long_lines = [i for i, line in enumerate(lines) if len(line.strip()) > SHORT_LINE]
    if not long_lines:
        return set()
    above = {line.strip() for line in lines[: long_lines[0]] if line.strip()}
    below = {line.strip() for line in lines[long_lines[-1] + 1 :] if line.strip()}
    return above & below

"""Saved web pages: the article body and its metadata, without navigation, comments or scripts.

trafilatura finds the body (comments excluded) and the title, site name and author. The
publication date is read from the page's own timestamp and keeps the date of that timestamp's
own UTC offset: an article stamped 2021-05-13T23:30-05:00 was published on the 13th where it was
written, though it was already the 14th in UTC. Nothing in the page is fetched or run.
"""

from __future__ import annotations

import json
import re

from dossier.ingest.document import Document
from dossier.ingest.text_reader import normalise_newlines, short_title

_META_DATES = (
    "article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate",
    "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date",
)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# The HTML parser underneath (libxml2) stops descending past 256 levels and drops what lies
# deeper without a word, so such a page is refused rather than imported with text missing.
MAX_DEPTH = 255
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
# Not counted: elements that never have content, and those whose end tag pages often leave out
# (the parser closes them itself: a list of 300 <li> without </li> is not 300 levels deep).
_UNCOUNTED = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
              "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
              "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body"}


def nesting_depth(content: str) -> int:
    """How deep the page's elements nest (closing tags that were never opened are ignored)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(content):
        if name.lower() in _UNCOUNTED or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def read_html(content: str, *, original_name: str | None = None, original_bytes: bytes = b"") -> Document:
    import trafilatura  # heavy: only when a page is imported

    depth = nesting_depth(content)
    if depth > MAX_DEPTH:
        raise ValueError(f"the page nests its elements {depth:,} levels deep, and its reader stops at "
                         f"{MAX_DEPTH}: text below would be lost; save the article as text and import that")
    extracted = trafilatura.bare_extraction(
        content, include_comments=False, with_metadata=True, include_tables=True, include_images=False,
        include_links=False,
    )
    if extracted is None or not (extracted.text or "").strip():
        raise ValueError("no article text was found in the page")
    title = (extracted.title or "").strip()
    lines = [line.strip() for line in normalise_newlines(extracted.text).split("\n")]
    lines = [line for line in lines if line]
    if title and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # the headline, repeated as the body's first line
    if not lines:
        raise ValueError("the page has a headline but no article text")
    if not title:
        title = short_title(lines[0])
    published = page_date(content) or extracted.date
    return Document(
        title=title,
        text="\n\n".join(lines),  # one paragraph per line of the extraction, as in a .txt article
        source=(extracted.sitename or extracted.hostname or None),
        url=extracted.url or None,
        published=published[:10] if published else None,
        published_precision="day" if published else "unknown",
        author=extracted.author or None,
        original_name=original_name,
        original_bytes=original_bytes,
    )


def page_date(content: str) -> str | None:
    """The publication date the page states for itself, as YYYY-MM-DD in its own offset."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(content)
    except (ValueError, TypeError, SyntaxError):
        return None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _META_DATES:
            date = _date_part(meta.get("content") or "")
            if date:
                return date
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            date = _json_ld_date(script.text)
            if date:
                return date
    for time in tree.iter("time"):
        date = _date_part(time.get("datetime") or "")
        if date:
            return date
    return None


def _date_part(stamp: str) -> str | None:
    match = _ISO_DATE.match(stamp)
    return "-".join(match.groups()) if match else None


def _json_ld_date(text: str) -> str | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "datePublished" in item and isinstance(item["datePublished"], str):
                return _date_part(item["datePublished"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None

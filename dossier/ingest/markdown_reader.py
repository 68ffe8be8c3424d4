"""Markdown articles: the first heading (or line) is the headline; the body stays verbatim.

Markup in the body (emphasis, links) is part of the source as saved and is kept as written, like
any other text. A simple front-matter block (`---` lines around `key: value` pairs) gives the
title, source, url, date and author (and `reports:`, the outlets whose reporting it repeats,
comma-separated; `language:`, which then is not detected), and is not part of the body.
"""

from __future__ import annotations

import re

from dossier.ingest.dates import parse_published
from dossier.ingest.document import Document
from dossier.ingest.language import normalise_code
from dossier.ingest.text_reader import body_bounds, normalise_newlines

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def read_markdown(content: str, *, original_name: str | None = None, original_bytes: bytes = b"") -> Document:
    lines = normalise_newlines(content.removeprefix("\ufeff")).split("\n")
    fields, lines = _front_matter(lines)
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        raise ValueError("the file is empty")
    heading = _HEADING.match(lines[index])
    title = fields.get("title") or (heading.group(1) if heading else lines[index].strip())
    skip = index + 1
    if not heading and index + 1 < len(lines) and _SETEXT_RULE.match(lines[index + 1]):
        skip = index + 2  # "Title" underlined with === or ---
    if fields.get("title") and not heading and lines[index].strip() != fields["title"]:
        skip = index  # the title came from front matter; the first line is body
    rest = lines[skip:]
    start, end = body_bounds(rest, title)
    text = "\n".join(rest[start:end])
    if not text.strip():
        raise ValueError("the file has a headline but no text below it")
    published, precision = None, "unknown"
    written = fields.get("date") or fields.get("published")
    if written:
        parsed = parse_published(written)
        if parsed is None:
            raise ValueError(f"its front matter's date “{written[:40]}” is not a date (write 2021-05-14, "
                             "2021-05 or 2021)")
        published, precision = parsed
    language = None
    if fields.get("language") or fields.get("lang"):
        stated = fields.get("language") or fields.get("lang") or ""
        language = normalise_code(stated)
        if language is None:
            raise ValueError(f"its front matter's language “{stated[:40]}” is not a language (write ru, hy, az "
                             "or Russian, Armenian, Azerbaijani)")
    return Document(
        title=title.strip(), text=text, source=fields.get("source") or fields.get("site"),
        url=fields.get("url") or fields.get("link"), published=published, published_precision=precision,
        author=fields.get("author"), original_name=original_name, original_bytes=original_bytes,
        reports=tuple(o.strip() for o in fields.get("reports", "").split(",") if o.strip()),
        language=language,
    )


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            fields = {}
            for line in lines[1:end]:
                match = _FIELD.match(line)
                if match:
                    fields[match.group(1).lower()] = match.group(2).strip("'\"")
            return fields, lines[end + 1 :]
    return {}, lines

"""How dates and quotes are written for people: provenance lines and citations."""

from __future__ import annotations

from datetime import date

from dossier.core.models import Article

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def format_date(iso: str | None, precision: str = "day") -> str:
    """"14 May 2021", "May 2021" or "2021", as precise as the date is known; "" if unknown."""
    if not iso:
        return ""
    parts = iso.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and precision in ("day", "month") else None
        day = int(parts[2]) if len(parts) > 2 and precision == "day" else None
        if month is not None and day is not None:
            date(year, month, day)  # refuse impossible dates rather than print them
    except (ValueError, IndexError):
        return iso
    if month is None:
        return str(year)
    if day is None:
        return f"{_MONTHS[month - 1]} {year}"
    return f"{day} {_MONTHS[month - 1]} {year}"


def _provenance_parts(article: Article) -> list[str]:
    parts = [
        article.source or "source unknown",
        format_date(article.published, article.published_precision) or "date unknown",
    ]
    if article.url:
        parts.append(article.url)
    return parts


def provenance(article: Article) -> str:
    """"SouthFront · 14 May 2021 · https://…": what is known of where a text comes from."""
    return " · ".join(_provenance_parts(article))


def provenance_for_display(article: Article) -> str:
    """The provenance line as the window and the PDF show it. A part in a right-to-left script (an
    outlet named in Arabic or Persian) is isolated (U+2068 … U+2069): it keeps its own direction
    without turning the line, which reads left to right like the rest of the app, or carrying the
    date's digits away (pictured, "May 2021 14 · ایرنا")."""
    parts = _provenance_parts(article)
    if not any(_right_to_left(part) for part in parts):
        return " · ".join(parts)
    # A left-to-right mark first: Qt's labels take the line's direction from its first strong
    # letter and look inside isolates for it.
    return "\u200e" + " · ".join(f"\u2068{part}\u2069" if _right_to_left(part) else part for part in parts)


def _right_to_left(text: str) -> bool:
    import unicodedata

    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def citation(quote: str, article: Article) -> str:
    """A quote with its source, for pasting into a report."""
    return f"“{quote}”\n— " + ", ".join([article.title, *_provenance_parts(article)])

"""How dates and quotes are written for people: provenance lines and citations."""

from __future__ import annotations

from datetime import date, timedelta

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


def format_span(earliest: str | None, latest: str | None, precision: str) -> str:
    """A date as precisely as it is known and no more: "14 May 2021", "10–14 May 2021",
    "28 April – 4 May 2021", "May 2021", "c. mid-May 2021", "2020", "2010s"; "date not known"
    when it was not resolved."""
    if not earliest:
        return "date not known"
    try:
        a, b = date.fromisoformat(earliest), date.fromisoformat(latest or earliest)
    except ValueError:
        return earliest
    whole_month = a.day == 1 and (b + _ONE_DAY).day == 1 and (a.year, a.month) == (b.year, b.month)
    whole_year = (a.month, a.day, b.month, b.day) == (1, 1, 12, 31)
    if precision == "approximate":
        if (a.year, a.month) == (b.year, b.month):
            last = (date(a.year + a.month // 12, a.month % 12 + 1, 1) - _ONE_DAY).day
            part = "early" if a.day == 1 and b.day < last else "late" if b.day == last and a.day > 1 else "mid"
            if not whole_month:
                return f"c. {part}-{_MONTHS[a.month - 1]} {a.year}" if part == "mid" else \
                    f"c. {part} {_MONTHS[a.month - 1]} {a.year}"
        if a.year == b.year and whole_year:
            return f"c. {a.year}"
        return "c. " + format_span(earliest, latest, "range")
    if a == b:
        return format_date(a.isoformat())
    if whole_month:
        return f"{_MONTHS[a.month - 1]} {a.year}"
    if whole_year and a.year == b.year:
        return str(a.year)
    if whole_year or (a.month, a.day, b.month, b.day) == (1, 1, 12, 31):
        if a.year % 10 == 0 and b.year == a.year + 9:
            return f"{a.year}s"
        return f"{a.year}–{b.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {_MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {_MONTHS[a.month - 1]} – {b.day} {_MONTHS[b.month - 1]} {a.year}"
    return f"{format_date(a.isoformat())} – {format_date(b.isoformat())}"


_ONE_DAY = timedelta(days=1)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 article", "2 articles", "1 entity", "3 entities", with thousands separated."""
    word = singular if count == 1 else plural_form or (singular[:-1] + "ies" if singular.endswith("y")
                                                        and singular[-2:-1] not in "aeiou" else singular + "s")
    return f"{count:,} {word}"

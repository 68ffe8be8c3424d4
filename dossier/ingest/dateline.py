"""A news agency's dateline at the top of a plain-text article: "YEREVAN, May 20 (Reuters) -".

Text saved from a wire story has no other record of its outlet or date; the dateline says both.
What it says is a proposal, shown to the user (the import's notes, Article > Properties), never
taken silently: the reader fills the outlet and the date only where the file said nothing, and
records a note saying where they came from. A dateline without a year gives the day and month
only, so no date is guessed: the note asks for the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
         r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# PLACE, Month Day[, Year] [(Outlet)] - / -- / — ; the place in capitals or as a name.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?),\s+" + _MONTH + r"\s+(?P<day>\d{1,2})(?:,\s*(?P<year>(?:19|20)\d\d))?"
    r"\s*(?:\((?P<outlet>[^()\n]{2,40})\))?\s*(?:-{1,2}|–|—)(?=\s)"
)


@dataclass(frozen=True)
class Dateline:
    words: str  # as written: "YEREVAN, May 20 (Reuters) -"
    place: str
    outlet: str | None
    month: int
    day: int
    year: int | None

    @property
    def published(self) -> str | None:
        """The ISO date, if the dateline gives the year."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else None

    def describe(self) -> str:
        """What it proposes, in words for the import's notes and the properties dialog."""
        said = []
        if self.outlet:
            said.append(f"outlet {self.outlet}")
        month = _MONTHS[self.month - 1].capitalize()
        said.append(f"published {self.day} {month} {self.year}" if self.year else
                    f"published {self.day} {month}, year not given")
        return f"from its dateline “{self.words}”: " + ", ".join(said)


def read_dateline(text: str) -> Dateline | None:
    """The dateline opening the first line of `text`, if it has one (a real date: 1–31 of a month)."""
    first = text.lstrip("\ufeff").lstrip()[:200]
    found = _DATELINE.match(first)
    if found is None:
        return None
    month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(found["month"].lower().rstrip(".")[:3]))
    day = int(found["day"])
    if not 1 <= day <= 31:
        return None
    year = int(found["year"]) if found["year"] else None
    if year:
        from datetime import date

        try:
            date(year, month, day)
        except ValueError:
            return None
    outlet = " ".join(found["outlet"].split()) if found["outlet"] else None
    return Dateline(found.group(0).strip(), found["place"].strip(), outlet, month, day, year)

"""Dates and citations as people read them."""

from __future__ import annotations

from dossier.core.citation import citation, format_date, provenance
from dossier.core.models import Article


def _article(**kw: object) -> Article:
    fields = dict(id=1, title="Russian Forces Dispatched", source="SouthFront", url=None,
                  published="2021-05-14", published_precision="day", text="t", sha256="x", imported_at="now")
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]


def test_dates_are_as_precise_as_known() -> None:
    assert format_date("2021-05-14", "day") == "14 May 2021"
    assert format_date("2021-05-14", "month") == "May 2021"
    assert format_date("2021-05", "month") == "May 2021"
    assert format_date("2021", "year") == "2021"
    assert format_date(None) == ""
    assert format_date("2021-02-30", "day") == "2021-02-30"  # never invent a valid-looking date


def test_provenance_and_citation() -> None:
    assert provenance(_article()) == "SouthFront · 14 May 2021"
    assert provenance(_article(source=None, published=None, url="https://example.org/x")) == (
        "source unknown · date unknown · https://example.org/x")
    assert citation("the agreement was not implemented in full", _article()) == (
        "“the agreement was not implemented in full”\n— Russian Forces Dispatched, SouthFront, 14 May 2021")

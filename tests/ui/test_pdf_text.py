"""The text of a PDF as Qt (and so most office and browser printers) writes it: read with its
words whole, in any script; a file PDFium can't open is still read, by pypdf."""

from __future__ import annotations

import pytest

from dossier.ingest.pdf_reader import read_pdf
from tests.benchmarks.bench_pdf_text import write_pdf

WORDS = ("Officials of the office said the staff had filed their affidavits. "
         "Պաշտոնյաները Մոսկվային օգնություն են խնդրել. Официальные лица попросили о помощи.")


def test_ligatures_come_back_as_the_letters_a_search_finds(qapp) -> None:  # type: ignore[no-untyped-def]
    data = write_pdf(f"<h1>Border report</h1><p>{WORDS}</p><p>{WORDS}</p>")
    doc = read_pdf(data)
    assert doc.title == "Border report"
    assert WORDS in doc.text.replace("\n", " ")  # "Officials", "office", "staff", "affidavits": no ﬃ, ﬀ, ﬁ
    assert not any("\ufb00" <= c <= "\ufb06" for c in doc.text)


def test_a_pdf_pdfium_cannot_open_is_read_by_pypdf_as_before(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    def refuses(*_args: object, **_kwargs: object) -> None:
        raise pdfium.PdfiumError("Failed to load document")

    data = write_pdf(f"<h1>Border report</h1><p>{WORDS}</p>")
    monkeypatch.setattr(pdfium, "PdfDocument", refuses)
    doc = read_pdf(data)  # pypdf's text, as before: "Border\treport", "Oﬃcials"
    assert doc.title.split() == ["Border", "report"] and "попросили" in doc.text and "\ufb03" in doc.text

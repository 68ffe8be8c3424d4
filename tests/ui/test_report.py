"""The dossier report as its reader gets it, read back from the PDF with pdftotext and from the
OpenDocument copy: cover, contents, summary, sources, chronology, claims by status, entity index,
figures; counts in the singular and plural; dates as precisely as they are known."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.core.citation import format_span, plural
from dossier.core.models import Event
from dossier.export.odt import export_odt
from dossier.export.pdf import PdfOptions, export_pdf
from dossier.export.report import ReportOptions
from dossier.export.timeline_figure import timeline_figures
from dossier.operations import perform, undo
from dossier.operations.report import SetSummary
from dossier.store import Database

TITLE = "Russian Forces Dispatched To Armenia’s Border Following Breach By Azerbaijani Special Forces"


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def section_pages(pdf: Path) -> dict[str, int]:
    reader = PdfReader(str(pdf))
    return {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline}


@pytest.fixture
def report(qapp, sample_path: Path, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    with Database.open(sample_path) as store:
        done = perform(store, SetSummary("The withdrawal agreement was implemented only in part.\r\n\r\n"
                                         "Russian troops were sent to Syunik on 13–14 May."))
        assert store.meta("summary", "").startswith("The withdrawal agreement")
        undo(store, done)
        assert not store.meta("summary")
        perform(store, SetSummary("The withdrawal agreement was implemented only in part.\n\n"
                                  "Russian troops were sent to Syunik on 13–14 May."))
    out = tmp_path / "report.pdf"
    with Database.open_readonly(sample_path) as store:
        export_pdf(store, out, PdfOptions(analyst="A. Analyst", handling="Internal — not for publication"))
    return out


def test_the_cover_says_who_when_what_period_and_how_much_in_words(report: Path, sample_path: Path) -> None:
    """The counts are the dossier's (whatever extraction found): every annotation and claim,
    every entity named in the articles, every dated event."""
    cover = pdftotext(report, 1, 1)
    today = date.today()
    assert "Armenia–Azerbaijan border, May 2021" in cover and "Internal — not for publication" in cover
    assert f"Prepared by A. Analyst · {today.day} {today.strftime('%B')} {today.year}" in cover
    assert "Sources published 14 May 2021" in cover
    with Database.open_readonly(sample_path) as store:
        annotations = store.annotations.all()
        claims = [a for a in annotations if a.kind == "claim"]
        named = {m.entity_id for i in store.articles.ids() for m in store.entities.mentions_in(i)}
        events = store.events.all()
    assert len(claims) == 1 and len(annotations) > 1 and len(named) > 1 and len(events) > 1  # plural words below
    assert (f"1 article · {len(annotations)} annotations (1 claim) · {len(named)} entities · {len(events)} events"
            in cover)


def test_the_sections_come_in_order_and_the_contents_align_their_page_numbers(report: Path) -> None:
    pages = section_pages(report)
    order = ["Contents", "Summary", "Sources", "Chronology", "Claims", "Articles", TITLE, "Entity index"]
    assert list(pages) == order and [pages[t] for t in order] == sorted(pages[t] for t in order)
    contents = pdftotext(report, 2, 2)
    for title in ("Summary", "Sources", "Chronology", "Claims", "Entity index"):
        assert re.search(rf"{title}( \.)+", contents), title  # leaders after each title
    numbers = [int(n) for n in contents.split("Page 2 of")[1].split()[1:]]
    assert numbers == [pages[t] for t in order if t not in ("Contents", "Articles")]
    # Every page number ends at the right margin: the leaders fill each line up to it.
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(report), "-"], capture_output=True,
                           text=True, check=True).stdout
    numbers = [float(m.group(1)) for m in re.finditer(r'xMax="([\d.]+)" yMax="[\d.]+">\d+</word>', boxes)]
    ends = [x for x in numbers if x > 400]  # the running footer's "Page 2 of 8" is centred
    assert len(ends) >= 6 and max(ends) - min(ends) < 4


def test_the_summary_opens_the_report_and_sources_say_their_grade(report: Path) -> None:
    pages = section_pages(report)
    summary = pdftotext(report, pages["Summary"], pages["Summary"])
    assert "The withdrawal agreement was implemented only in part. Russian troops were sent" in summary
    sources = pdftotext(report, pages["Sources"], pages["Sources"])
    assert all(cell in sources for cell in ("SouthFront", "not graded", "14 May 2021", "Why this grade"))


def test_the_chronology_gives_each_event_its_date_as_precisely_as_known(report: Path) -> None:
    pages = section_pages(report)
    chronology = unicodedata.normalize("NFKC", pdftotext(report, pages["Chronology"], pages["Claims"] - 1))
    entries = re.findall(r"(\d{1,2}–\d{1,2} \w+ \d{4}|\d{1,2} \w+ \d{4}|\b20\d\d) — ", chronology)
    assert entries[:4] == ["2020", "10 November 2020", "15 March 2021", "10–14 May 2021"]
    assert "Events of 2020: one lane per outlet." in chronology and "Events of 2021" in chronology
    assert "The battle ended on November 10 with a Russian-brokered ceasefire. Russia · SouthFront" in chronology
    reader = PdfReader(str(report))
    named = reader.named_destinations
    targets = [str(a.get_object()["/Dest"]) for page in reader.pages[pages["Chronology"] - 1: pages["Claims"] - 1]
               for a in page.get("/Annots") or []]
    # Each entry links to its sentence: seven, the sentence with "yesterday" and "today" being one
    # entry of two days (it was printed once under each).
    assert "13–14 May 2021" in entries and "13 May 2021" not in entries
    assert len(targets) == 7 and all(t in named for t in targets)
    assert all(reader.get_destination_page_number(named[t]) + 1 == pages[TITLE] for t in targets)


def test_claims_are_grouped_by_status_with_their_grade_in_words(report: Path) -> None:
    pages = section_pages(report)
    claims = pdftotext(report, pages["Claims"], pages["Claims"])
    assert "Partially true (1)" in claims
    assert "“the agreement was not implemented in full”" in claims
    assert f"{TITLE} — SouthFront, 14 May 2021" in claims
    assert "Grade: reliability not graded; 2 — probably true" in claims and "Rationale: Pashinyan himself" in claims
    assert "?" not in claims.replace("?”", "")
    assert "Assessed by" not in claims  # the sample's claim was made before assessors were recorded


def test_each_claim_says_who_assessed_it(qapp, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Database.open(sample_path) as store:
        store.author = "Boris Aliyev"
        claim = next(a for a in store.annotations.all() if a.kind == "claim")
        store.annotations.set_claim(claim.id, claim.claim._replace(status="disputed"))  # type: ignore[union-attr]
    out = tmp_path / "report.pdf"
    with Database.open_readonly(sample_path) as store:
        export_pdf(store, out, PdfOptions(analyst="Ann Vardanyan"))
    pages = section_pages(out)
    claims = pdftotext(out, pages["Claims"], pages["Claims"])
    assert "Grade: reliability not graded; 2 — probably true Assessed by: Boris Aliyev, " in claims


def test_the_entity_index_gives_pages_not_titles(report: Path) -> None:
    pages = section_pages(report)
    index = pdftotext(report, pages["Entity index"])
    assert TITLE[:30] not in index
    assert f"People Nikol Pashinyan {pages[TITLE]} Organisations" in index
    assert "Places Armenia" in index and "Military units 102nd Base" in index


def test_the_highlights_have_a_legend_and_notes_no_empty_lines(report: Path) -> None:
    pages = section_pages(report)
    article = subprocess.run(["pdftotext", "-layout", "-f", str(pages[TITLE]), "-l", str(pages[TITLE]), str(report),
                              "-"], capture_output=True, text=True, check=True).stdout
    assert "Highlights:" in article and "tag “withdrawal agreement”" in article and "note" in article
    notes = article[article.index("Notes"):article.rindex("Page ")]
    assert "\n\n\n" not in notes.strip()


@pytest.mark.parametrize("words, span, precision, expected", [
    ("May 14", ("2021-05-14", "2021-05-14"), "day", "14 May 2021"),
    ("earlier this week", ("2021-05-10", "2021-05-14"), "range", "10–14 May 2021"),
    ("last week", ("2021-04-26", "2021-05-02"), "week", "26 April – 2 May 2021"),
    ("in May", ("2021-05-01", "2021-05-31"), "month", "May 2021"),
    ("mid-May", ("2021-05-11", "2021-05-20"), "approximate", "c. mid-May 2021"),
    ("last year", ("2020-01-01", "2020-12-31"), "year", "2020"),
    ("the 2010s", ("2010-01-01", "2019-12-31"), "range", "2010s"),
    ("over New Year", ("2020-12-28", "2021-01-03"), "week", "28 December 2020 – 3 January 2021"),
    ("on Friday", (None, None), "day", "date not known"),
])
def test_a_date_of_every_precision_is_written_as_precisely_as_known(words: str, span: tuple[str | None, str | None],
                                                                     precision: str, expected: str) -> None:
    assert format_span(*span, precision) == expected


def test_counts_in_the_singular_and_the_plural() -> None:
    assert [plural(n, "article") for n in (0, 1, 2, 1000)] == ["0 articles", "1 article", "2 articles",
                                                               "1,000 articles"]
    assert (plural(1, "entity"), plural(2, "entity"), plural(1, "claim")) == ("1 entity", "2 entities", "1 claim")


def test_the_figures_cover_the_period_of_the_data_one_per_year(qapp) -> None:  # type: ignore[no-untyped-def]
    def event(i: int, earliest: str, latest: str, precision: str = "day") -> Event:
        return Event(i, i % 3, 0, 1, "t", "w", earliest, latest, precision, "auto")

    outlets = {0: "SouthFront", 1: "Reuters", 2: "Interfax"}
    close = [event(1, "2021-05-10", "2021-05-14", "range"), event(2, "2021-05-13", "2021-05-13"),
             event(3, "2021-05-13", "2021-05-13"), event(4, "2021-06-20", "2021-06-20", "approximate")]
    (figure,) = timeline_figures(close, outlets, 658, "DejaVu Sans")
    assert figure.caption == "Events from 10 May 2021 to 20 June 2021" and figure.width == 658
    assert figure.image.width() == 658 * 2  # type: ignore[attr-defined]
    years = timeline_figures([*close, event(5, "2019-03-01", "2019-03-31", "month")], outlets, 658, "DejaVu Sans")
    assert [f.caption for f in years] == ["Events of 2019", "Events of 2021"]
    many = [Event(i, i, 0, 1, "t", "w", "2021-05-13", "2021-05-13", "day", "auto") for i in range(40)]
    (crowded,) = timeline_figures(many, {i: f"Outlet {i}" for i in range(40)}, 658, "DejaVu Sans")
    assert crowded.image.height() < 2 * (14 + 26 * 12 + 44) + 1  # type: ignore[attr-defined]  # 12 lanes at most


def test_a_many_article_report_reads_back_section_by_section(qapp, corpus_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "corpus.pdf"
    with Database.open_readonly(corpus_path) as store:
        export_pdf(store, out, PdfOptions())
        outlets = {a.source for a in store.articles.summaries(store.articles.ids()).values()}
        events = len(store.events.all())
    text = pdftotext(out)
    assert "7 articles · 2 annotations (1 claim) · " in text and f"{plural(events, 'event')}" in text
    pages = section_pages(out)
    sources = pdftotext(out, pages["Sources"], pages["Chronology"] - 1)
    for outlet in outlets:
        assert outlet in sources
    chronology = pdftotext(out, pages["Chronology"], pages["Claims"] - 1)
    dates = re.findall(r"(?:^| )(\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
                       r"November|December) (\d{4})) — ", chronology)
    days = [date(int(y), 1, 1) for _d, y in dates]
    assert len(dates) > 10 and days == sorted(days)


def test_the_editable_copy_is_an_opendocument_with_every_section_and_the_verbatim_quotes(qapp, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.odt"
    with Database.open_readonly(sample_path) as store:
        assert export_odt(store, out, ReportOptions(analyst="A. Analyst")) == 1
    with zipfile.ZipFile(out) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert odt.testzip() is None
        content = odt.read("content.xml").decode("utf-8")
        names = odt.namelist()
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring(content)  # well-formed
    words = " ".join("".join(root.itertext()).split())
    for section in ("Contents", "Sources", "Chronology", "Claims", "Entity index", TITLE):
        assert section in words, section
    assert "“the agreement was not implemented in full”" in words and "request assassinate" in words
    assert "This editable copy has no page numbers and no links" in words
    assert any(name.startswith("Pictures/") for name in names)  # the timeline figures


def test_summary_and_export_document_from_the_window(qtbot, open_window, sample_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from dossier.ui.export_dialog import ExportPdfDialog
    from dossier.ui.summary_dialog import SummaryDialog
    from tests.ui.conftest import answer_next_dialog

    window = open_window(sample_path)
    ws = window.workspace

    def write(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, SummaryDialog)
        qtbot.keyClicks(dialog.text_edit, "Key judgment: partly implemented.")
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.text_edit, "Second paragraph.")
        dialog.accept()

    answer_next_dialog(qtbot, write)
    window.summary_action.trigger()
    assert ws.store.meta("summary") == "Key judgment: partly implemented.\n\nSecond paragraph."
    assert window.undo_action.text().endswith("Edit summary")
    window.undo_action.trigger()
    assert not ws.store.meta("summary")
    window.redo_action.trigger()

    out = tmp_path / "copy.odt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "copy"), ""))

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ExportPdfDialog) and dialog.windowTitle() == "Export Document"
        dialog.handling.setText("Internal")
        dialog.open_when_done.setChecked(False)
        dialog.accept()

    answer_next_dialog(qtbot, choose)
    window.export_document_action.trigger()
    qtbot.waitUntil(lambda: not window.exports, timeout=60_000)
    assert out.exists(), window.statusBar().currentMessage()
    with zipfile.ZipFile(out) as odt:
        words = odt.read("content.xml").decode("utf-8")
    assert "Key judgment: partly implemented." in words and "Internal" in words
    assert window.statusBar().currentMessage() == f"Wrote {out}"


def test_the_report_is_built_once_and_only_its_page_numbers_follow_the_layout(qapp, corpus_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                               monkeypatch) -> None:
    """An export builds the report's content once (the articles' text is not built again for
    each round of page numbering); the contents and the entity index still print the pages the
    layout found."""
    import dossier.export.pdf as pdf

    built: list[int] = []
    real_build = pdf.build

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(pdf, "build", counted)
    out = tmp_path / "corpus.pdf"
    with Database.open_readonly(corpus_path) as store:
        export_pdf(store, out, PdfOptions())
    assert built == [1]
    pages = section_pages(out)  # from the outline: where each section really starts
    contents = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(pages["Contents"]), "-l",
                               str(pages["Sources"] - 1), str(out), "-"], capture_output=True, text=True, check=True).stdout
    for title in ("Sources", "Chronology", "Claims", "Entity index"):
        assert re.search(rf"^ *{title}[ .\u00a0]* {pages[title]}$", contents, re.M), (title, pages[title], contents)

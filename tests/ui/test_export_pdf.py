"""The dossier PDF read back: verbatim quotes, outline, claims, notes and links, fonts, scripts,
markup printed as text, options, and no half-written file after a cancel."""

from __future__ import annotations

import shutil
import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.core.models import Claim, NewArticle
from dossier.export.pdf import Cancelled, PdfOptions, export_pdf
from dossier.store import Database

SCRIPTS = "Armenian Հայաստան, Russian Россия, Azerbaijani Şuşa, Kəlbəcər, Arabic القوات الروسية, Persian ایران."
MARKUP = "He wrote <b>bold</b> &amp; <font color=red>red</font> and ]]> in his post."


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def exported(qapp, sample_path: Path, tmp_path: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    with Database.open(sample_path) as store:
        aid = store.articles.add(NewArticle("<i>Scripts</i> & markup", f"{SCRIPTS}\n\n{MARKUP}", source="Test"))
        store.annotations.add(aid, "claim", 0, len("Armenian Հայաստան"), note="a note <script>",
                             claim=Claim("disputed", "C", 3, "checked"))
    out = tmp_path / "dossier.pdf"
    with Database.open_readonly(sample_path) as store:
        export_pdf(store, out, PdfOptions(analyst="A. Analyst"))
    return sample_path, out


def test_quotes_claims_and_provenance_are_in_the_pdf(exported: tuple[Path, Path]) -> None:
    sample, pdf = exported
    text = " ".join(pdftotext(pdf).split())
    with Database.open_readonly(sample) as store:
        article = store.articles.get(1)
    for words in ("the agreement was not implemented in full", "request assassinate",
                  "Armenia–Azerbaijan border, May 2021", "A. Analyst", "Claims", "Partially true",
                  f"sha256 {article.sha256[:12]}", "Entity index", "Nikol Pashinyan", "Chronology", "Sources",
                  "Almost certainly a transcription error"):
        assert words in text, words
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 5
    assert "Page 1 of" in " ".join(reader.pages[0].extract_text().split())


def test_the_outline_has_every_section_and_article(exported: tuple[Path, Path]) -> None:
    _, pdf = exported
    reader = PdfReader(str(pdf))
    titles = [o.title for o in reader.outline]
    assert titles[:5] == ["Contents", "Sources", "Chronology", "Claims", "Articles"]
    assert "Russian Forces Dispatched To Armenia’s Border Following Breach By Azerbaijani Special Forces" in titles
    assert "<i>Scripts</i> & markup" in titles and titles[-1] == "Entity index"
    pages = [reader.get_destination_page_number(o) for o in reader.outline]
    assert pages == sorted(pages)


def test_note_markers_link_both_ways(exported: tuple[Path, Path]) -> None:
    _, pdf = exported
    reader = PdfReader(str(pdf))
    named = reader.named_destinations
    targets = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            if obj.get("/Subtype") == "/Link":
                targets.append(str(obj["/Dest"]))
    # The contents (4+ entries), the claims table (2 quotes), note markers [1]-[3] and their ↩ returns.
    assert len(targets) >= 4 + 2 + 3 + 3
    assert {"note-1", "ref-1", "note-3", "ref-3"} <= set(targets)
    assert [t for t in targets if t not in named] == []  # every link leads somewhere
    # Each part of the PDF is laid out on its own: links across parts land on the right page.
    for target in targets:
        if target.startswith("ann-"):
            assert reader.get_destination_page_number(named[target]) > reader.get_destination_page_number(named["claims"])
    text = pdftotext(pdf)
    assert "[1]" in text and "[2]" in text and "[3]" in text


def test_fonts_are_embedded_and_every_script_prints(exported: tuple[Path, Path]) -> None:
    _, pdf = exported
    reader = PdfReader(str(pdf))
    embedded: dict[str, int] = {}
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                descriptor = descendant.get_object().get("/FontDescriptor")
                data = None
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if descriptor and key in descriptor.get_object():
                        data = descriptor.get_object()[key].get_object().get_data()
                if data:
                    embedded[str(descendant.get_object().get("/BaseFont"))] = len(data)
    assert any("DejaVuSans" in name for name in embedded), embedded
    full = (Path(__file__).resolve().parents[2] / "resources" / "fonts" / "DejaVuSans.ttf").stat().st_size
    assert all(size < full / 4 for size in embedded.values()), embedded  # subset: only the glyphs used
    # Arabic script comes back as the shaped glyphs that were printed (presentation forms) inside
    # right-to-left marks: NFKC maps those glyphs back to letters.
    text = unicodedata.normalize("NFKC", pdftotext(pdf))
    text = "".join(ch for ch in text if ch not in "\u202a\u202b\u202c\u202d\u202e")
    for word in ("Հայաստան", "Россия", "Şuşa", "Kəlbəcər", "القوات الروسية", "ایران"):
        assert unicodedata.normalize("NFKC", word) in text, word


def test_markup_in_articles_prints_as_text(exported: tuple[Path, Path]) -> None:
    _, pdf = exported
    text = " ".join(pdftotext(pdf).split())
    assert "He wrote <b>bold</b> &amp; <font color=red>red</font> and ]]> in his post." in text
    assert "<i>Scripts</i> & markup" in text and "a note <script>" in text


def test_claims_only_and_a_selection(qapp, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Database.open(sample_path) as store:
        store.articles.add(NewArticle("Unannotated", "Nothing marked here at all, just text."))
    out = tmp_path / "claims.pdf"
    with Database.open_readonly(sample_path) as store:
        export_pdf(store, out, PdfOptions(claims_only=True))
        text = pdftotext(out)
        assert "Unannotated" not in text and "the agreement was not implemented in full" in text
        assert "[2]" not in text  # the note is not a claim
        with pytest.raises(ValueError, match="no article 99"):
            export_pdf(store, tmp_path / "none.pdf", PdfOptions(article_ids=[99]))
    assert not (tmp_path / "none.pdf").exists()


def test_cancel_leaves_no_file(qapp, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cancel = threading.Event()
    cancel.set()
    out = tmp_path / "cancelled.pdf"
    with Database.open_readonly(sample_path) as store, pytest.raises(Cancelled):
        export_pdf(store, out, PdfOptions(cancel=cancel))
    assert list(tmp_path.glob("*.pdf*")) == [] and list(tmp_path.glob(".*partial")) == []


def test_pdftotext_is_installed() -> None:
    assert shutil.which("pdftotext"), "install poppler-utils (.ci/install-system-packages does)"


def test_file_export_pdf_from_the_window(qtbot, open_window, sample_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from dossier.ui.export_dialog import ExportPdfDialog, safe_file_name
    from tests.ui.conftest import answer_next_dialog

    window = open_window(sample_path)
    offered: list[str] = []
    out = tmp_path / "exported.pdf"

    def save_as(parent, caption, suggestion, *a, **k):  # type: ignore[no-untyped-def]
        offered.append(suggestion)
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ExportPdfDialog)
        dialog.claims_only.setChecked(True)
        dialog.analyst.setText("A. Analyst")
        dialog.open_when_done.setChecked(False)
        dialog.accept()

    answer_next_dialog(qtbot, choose)
    window.export_pdf_action.trigger()
    assert Path(offered[0]).name == "Armenia–Azerbaijan border, May 2021.pdf"
    assert window.exports  # running in a child process; the window goes on
    qtbot.waitUntil(lambda: not window.exports, timeout=60_000)
    assert out.exists() and "A. Analyst" in pdftotext(out)
    assert "Wrote" in window.statusBar().currentMessage()
    assert safe_file_name('a/b:c*?"<>|') == "a b c" and safe_file_name("...") == "Dossier"


def test_a_claim_starting_at_a_paragraph_break_is_linked_and_graded_as_everywhere(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A passage selected from the end of one paragraph into the next got no anchor, so its
    claims-table link led nowhere; and an outlet graded in another case (Cyrillic) printed "?2"."""
    path = tmp_path / "breaks.dossier"
    text = "First paragraph ends here.\n\nThe agreement was not implemented in full.\n\n\n\nLast words."
    with Database.create(path, "Breaks") as store:
        aid = store.articles.add(NewArticle("Breaks", text, source="тасс"))
        store.sources.set_grade("ТАСС", "B")
        at_break = text.index("\n\n")
        store.annotations.add(aid, "claim", at_break, text.index(" was not"), claim=Claim(credibility=2))
        in_gap = text.index("\n\n\n\n") + 1
        store.annotations.add(aid, "claim", in_gap, len(text), claim=Claim())
    out = tmp_path / "breaks.pdf"
    with Database.open_readonly(path) as store:
        export_pdf(store, out, PdfOptions())
    reader = PdfReader(str(out))
    named = reader.named_destinations
    links = [str(a.get_object()["/Dest"]) for page in reader.pages for a in page.get("/Annots") or []
             if a.get_object().get("/Subtype") == "/Link"]
    claim_links = [t for t in links if t.startswith("ann-")]
    assert len(claim_links) == 2 and all(t in named for t in claim_links)
    flat = " ".join(pdftotext(out).split())
    assert "B2 (the outlet's grade) — usually reliable; probably true" in flat and "?2" not in flat
    assert "B (the outlet's grade) — usually reliable; credibility not graded" in flat


def test_a_pdf_cut_short_by_a_full_disk_is_reported_and_removed(qapp, sample_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               monkeypatch) -> None:
    """Qt's PDF writer reports no write errors; reading the file back for its outline does. The
    user reads why, and no half-written file is left."""
    from pypdf.errors import PdfStreamError

    import dossier.export.pdf as pdf

    def truncated(path: Path, sections: object) -> None:
        raise PdfStreamError("Stream has ended unexpectedly")

    monkeypatch.setattr(pdf, "_add_outline", truncated)
    folder = tmp_path / "out"
    folder.mkdir()
    with Database.open_readonly(sample_path) as store, pytest.raises(OSError, match="is the disk full"):
        export_pdf(store, folder / "dossier.pdf", PdfOptions())
    assert list(folder.iterdir()) == []


def test_the_claims_section_says_what_other_sources_say(qapp, corpus_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Under each claim: the corroboration line, the suggestion beside the analyst's grade, and
    each piece of evidence with its outlet, linked to its place in the text."""
    from dossier.core.anchoring import find_quote
    from dossier.operations import perform
    from dossier.operations.annotations import AddEvidence

    with Database.open(corpus_path) as store:
        claim = next(a for a in store.annotations.all() if a.kind == "claim")
        sources = {a.source: a.id for a in store.articles.summaries(store.articles.ids()).values()}
        for outlet, quote in (("News.am", "was not carried out in full"), ("Eurasianet", "carried out only in part"),
                              ("SouthFront", "has been partially fulfilled")):
            found = find_quote(store.articles.get(sources[outlet]).text, quote)
            perform(store, AddEvidence(claim.id, "supports", passage=(sources[outlet], found.start, found.end)))
        out = tmp_path / "claims.pdf"
        export_pdf(store, out, PdfOptions())
    text = " ".join(unicodedata.normalize("NFKC", pdftotext(out)).split())  # "ﬁ" ligatures are two letters
    assert "Corroboration: supported by 2 independent sources (Eurasianet, News.am); 1 passage not independent." in text
    assert ("The evidence suggests 1 — Confirmed by other sources; the analyst graded it 2 — Probably true."
            in text)
    assert "Supports: “was not carried out in full” — News.am (not graded)" in text
    assert "“has been partially fulfilled” — SouthFront (not graded; not independent: the claim's own article)" in text
    links = [a for page in PdfReader(str(out)).pages[:4] for a in page.get("/Annots", []) or []]
    assert len(links) >= 4  # the claim's quote and its three pieces of evidence lead into the text


def test_the_export_child_runs_the_installed_package_from_a_folder_holding_a_dossier_folder(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A clone named `dossier` in the current folder is not the package the child imports."""
    from dossier import __version__
    from dossier.ui.export_dialog import dossier_command

    (tmp_path / "dossier" / "dossier").mkdir(parents=True)  # a clone of the project, as in ~/dossier
    (tmp_path / "dossier" / "README.md").write_text("a clone\n")
    monkeypatch.chdir(tmp_path)
    program, leading = dossier_command()
    done = subprocess.run([program, *leading, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout


def test_file_export_pdf_from_a_folder_holding_a_dossier_folder(qtbot, open_window, sample_path: Path,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.conftest import answer_next_dialog

    home = tmp_path / "home"
    (home / "dossier").mkdir(parents=True)
    monkeypatch.chdir(home)
    window = open_window(sample_path)
    out = tmp_path / "from home.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.open_when_done.setChecked(False)
        dialog.accept()

    answer_next_dialog(qtbot, choose)
    window.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: not window.exports, timeout=60_000)
    assert "Wrote" in window.statusBar().currentMessage(), window.statusBar().currentMessage()
    assert out.exists()


def test_the_pdf_properties_name_title_author_subject_and_date(exported: tuple[Path, Path]) -> None:
    _path, out = exported
    info = PdfReader(str(out)).metadata
    assert info is not None
    assert info.title == "Armenia–Azerbaijan border, May 2021" and info.author == "A. Analyst"
    assert info.subject.startswith("Dossier of 2 articles, published 14 May 2021")
    assert info.creation_date is not None and info.creator == "Dossier"
    assert len(PdfReader(str(out)).outline) > 3  # the bookmarks are still there


def test_the_chronology_prints_a_sentence_once_per_day_and_two_days_as_a_span(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.core.models import NewEvent

    text = ("Yerevan, May 20 -- Armenia's acting prime minister said on Thursday that the troops stayed. "
            "Azerbaijani soldiers crossed yesterday and dug in today, officials said.")
    path = tmp_path / "chronology.dossier"
    with Database.create(path, "Chronology") as store:
        aid = store.articles.add(NewArticle("Troops", text, source="Reuters", published="2021-05-20",
                                           published_precision="day"))
        first, second = text.index("Yerevan"), text.index("Azerbaijani")
        first_end, second_end = text.index(". ") + 1, len(text)
        store.events.add_many([
            NewEvent(aid, first, first_end, "troops stayed", "May 20", "2021-05-20", "2021-05-20", "day", "auto"),
            NewEvent(aid, first, first_end, "troops stayed", "Thursday", "2021-05-20", "2021-05-20", "day", "auto"),
            NewEvent(aid, second, second_end, "crossed", "yesterday", "2021-05-19", "2021-05-19", "day", "auto"),
            NewEvent(aid, second, second_end, "dug in", "today", "2021-05-20", "2021-05-20", "day", "auto"),
        ])
    out = tmp_path / "chronology.pdf"
    with Database.open_readonly(path) as store:
        export_pdf(store, out, PdfOptions())
    text_out = " ".join(pdftotext(out).split())
    start = text_out.index("one lane per outlet.")
    chronology = text_out[start:text_out.index("Claims No claims", start)]
    assert chronology.count("acting prime minister said on Thursday") == 1
    assert chronology.count("crossed yesterday and dug in today") == 1
    assert "19–20 May 2021 — Azerbaijani soldiers crossed" in chronology

"""The page image beside an article read by OCR: the passage of an annotation outlined on it, a word
clicked on the picture selected in the text, the provenance saying how the text was read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from dossier.ingest.pipeline import ImportOptions, run_import
from dossier.store import Database
from tests.pictures import ENGLISH, RUSSIAN, png, scanned_pdf

SCAN_ID = 2  # after post.png: a folder's files come in name order


@pytest.fixture
def scanned(tmp_path: Path) -> Path:
    """A dossier holding a screenshot and a two-page scan, read by OCR, and a claim on the scan's
    second page."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "post.png").write_bytes(png(ENGLISH))
    (tmp_path / "in" / "scan.pdf").write_bytes(scanned_pdf([ENGLISH, RUSSIAN]))
    path = tmp_path / "scans.dossier"
    with Database.create(path, "Scans") as store:
        report = run_import(store, [tmp_path / "in"], ImportOptions(extract=False, ocr_languages="rus+eng"))
        assert len(report.imported) == 2, report.failed
        scan_id = dict((p.name, a) for p, a in report.imported)["scan.pdf"]
        assert scan_id == SCAN_ID
        text = store.articles.get(scan_id).text
        start = text.index("армянской")
        store.annotations.add(scan_id, "claim", start, start + len("армянской стороны"))
    return path


def test_the_scan_shows_its_page_and_outlines_the_annotated_passage(qtbot, open_window, scanned: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(scanned)
    ws = window.workspace
    ws.open_article(SCAN_ID)
    pane = ws.pane
    assert pane.page_view.isVisible()
    assert "pages read by OCR (tesseract 5." in pane.provenance.text()
    assert pane.page_view.page.number == 1
    text = pane.article.text
    cursor = pane.text_view.textCursor()
    cursor.setPosition(text.index("армянской") + 2)  # the caret into the claim, as a click puts it
    pane.text_view.setTextCursor(cursor)
    assert pane.page_view.page.number == 2  # its page
    outlined = [text[w.start:w.end] for w in pane.page_view.canvas.outlined]
    assert outlined == ["армянской", "стороны"]

    canvas = pane.page_view.canvas
    word = next(w for w in pane.page_view.page.words if text[w.start:w.end] == "Сюник")
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.point_of(word))
    assert pane.selected_text() == "Сюник"
    assert [text[w.start:w.end] for w in canvas.outlined] == ["Сюник"]

    pane.page_view.previous_button.click()
    assert pane.page_view.page.number == 1


def test_a_merged_dossier_shows_the_scans_page_and_its_claim_outlined(qtbot, open_window, scanned: Path,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    from dossier.store.merging import merge_dossier

    merged = tmp_path / "merged.dossier"
    with Database.create(merged, "Mine") as mine:
        report = merge_dossier(mine, scanned)
        assert report.pages_added == 3 and report.annotations_new == 1
        with Database.open_readonly(scanned) as theirs:
            scan_id = mine.articles.id_by_sha256(theirs.articles.get(SCAN_ID).sha256)
    window = open_window(merged)
    pane = window.workspace.pane
    pane.show_article(scan_id)
    assert pane.page_view.isVisible()
    assert "2 pages read by OCR (tesseract 5." in pane.provenance.text()
    text = pane.article.text
    cursor = pane.text_view.textCursor()
    cursor.setPosition(text.index("армянской") + 2)  # the caret into the merged claim
    pane.text_view.setTextCursor(cursor)
    assert pane.page_view.page.number == 2
    assert [text[w.start:w.end] for w in pane.page_view.canvas.outlined] == ["армянской", "стороны"]


def test_an_article_of_text_shows_no_page(qtbot, open_window, scanned: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.core.models import NewArticle

    with Database.open(scanned) as store:
        plain = store.articles.add(NewArticle("Typed", "A text that was never a picture."))
    window = open_window(scanned)
    pane = window.workspace.pane
    pane.show_article(plain)
    assert not pane.page_view.isVisible()
    cursor = pane.text_view.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    pane.text_view.setTextCursor(cursor)  # nothing to outline, nothing fails
    assert "OCR" not in pane.provenance.text()


def test_the_pdf_report_shows_the_quoted_page_with_its_passage_outlined(qtbot, scanned: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    from dossier.export.page_figures import OUTLINE
    from dossier.export.pdf import PdfOptions, export_pdf

    out = tmp_path / "report.pdf"
    with Database.open(scanned) as store:
        export_pdf(store, out, PdfOptions())
    reader = PdfReader(out)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    shown_on = [i for i, t in enumerate(texts) if "Page 2 of scan.pdf, as read by OCR (rus+eng)" in t]
    assert len(shown_on) == 1, [t[-200:] for t in texts]
    (shown,) = shown_on
    assert not any("Page 1 of scan.pdf" in t for t in texts)  # no passage quoted there: not printed
    assert any("pages read by OCR (tesseract 5." in t for t in texts)  # the article says how it was read
    (picture,) = reader.pages[shown].images
    from PIL import Image

    image = Image.open(io.BytesIO(picture.data)).convert("RGB")
    outline = tuple(int(OUTLINE[i:i + 2], 16) for i in (1, 3, 5))
    counts = {color: count for count, color in image.getcolors(maxcolors=1 << 24)}
    assert counts.get(outline, 0) > 100  # the passage's words outlined


@pytest.mark.timeout(240)
def test_a_scan_imported_from_the_window_says_its_pages_and_shows_them(qtbot, open_real_window, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """On the app's own task runner: the pages are read by Tesseract processes off the GUI
    thread, the status bar says which page is read, and the scan opens beside its page."""
    from dossier.ui import settings as keys

    settings.set(keys.OCR_LANGUAGES, "rus+eng")  # Preferences > OCR languages
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.pdf").write_bytes(scanned_pdf([ENGLISH, RUSSIAN, ENGLISH]))
    path = tmp_path / "empty.dossier"
    Database.create(path, "Empty").close()
    window = open_real_window(path)
    ws = window.workspace
    said: list[str] = []
    assert window.import_paths([tmp_path / "in"])
    progress = window.importer.progress
    progress.page_read.connect(lambda *_: said.append(progress.label.text()))
    qtbot.waitUntil(lambda: not window.importer.running, timeout=200_000)
    assert any("reading scan.pdf by OCR: page" in s and "of 3" in s for s in said), said
    assert ws.store.articles.count() == 1
    ws.open_article(ws.articles.model.article_id_at(0))
    assert ws.pane.page_view.isVisible() and ws.pane.page_view.page.languages == "rus+eng"
    assert "3 pages read by OCR" in ws.pane.provenance.text()
    window.close()

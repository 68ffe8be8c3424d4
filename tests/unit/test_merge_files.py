"""Merging carries what came with the articles: a screenshot's page read by OCR (picture, word
boxes, the "read by OCR" line), a Telegram message's provenance and photo, an archived page's
capture record. Merged twice, it adds nothing; a forged page is left out and named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from dossier.core.ocr import words_in_span
from dossier.ingest.pipeline import ImportOptions, run_import
from dossier.operations import perform, undo
from dossier.operations.team import MergeDossier
from dossier.store import Database
from dossier.store.articles import text_sha256
from dossier.store.merging import merge_dossier
from tests.collections_data import PAGE_ONE, PHOTO, news_page, write_export, write_warc
from tests.pictures import ENGLISH, png

ONE_URL = "https://www.azatutyun.am/a/31253647.html"


def _article_by_text(store: Database, text: str) -> int:
    found = store.articles.id_by_sha256(text_sha256(text))
    assert found is not None
    return found


def _seen(store: Database, article_id: int) -> tuple[object, ...]:
    """What the article pane's page view and provenance line are given for an article."""
    pages = store.ocr_pages.pages(article_id)
    return (tuple((p.number, p.of_pages, p.start, p.end, p.sha256, p.width, p.height, p.engine, p.languages,
                   p.confidence, p.words) for p in pages),
            tuple(store.ocr_pages.picture(p.sha256) for p in pages),
            tuple(store.provenance.words(article_id)),
            tuple((a.file_name, a.role, a.sha256, a.size, a.media_type) for a in store.provenance.attachments(article_id)),
            tuple(store.provenance.attachment_content(a.sha256) for a in store.provenance.attachments(article_id)))


@pytest.fixture(scope="module")
def theirs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Their dossier: a screenshot read by OCR, a Telegram export with a photo, an archived page."""
    folder = tmp_path_factory.mktemp("theirs")
    (folder / "post.png").write_bytes(png(ENGLISH))
    write_export(folder / "export")
    write_warc(folder / "site.warc", [(ONE_URL, news_page(*PAGE_ONE), "2021-05-15T10:30:00Z")])
    path = folder / "theirs.dossier"
    with Database.create(path, "theirs") as store:
        report = run_import(store, [folder / "post.png", folder / "export", folder / "site.warc"],
                            ImportOptions(extract=False, ocr_languages="eng"))
        # The export's photo-only message bears the screenshot's words: it comes in read by OCR, and
        # the screenshot, the same text, is already in the dossier. 8 articles, one read by OCR.
        assert report.failed == [] and len(report.imported) == 8
    return path


def test_a_merged_dossier_shows_the_page_its_words_and_where_each_article_came_from(theirs: Path,
                                                                                    tmp_path: Path) -> None:
    with Database.open_readonly(theirs) as other:
        expected = {other.articles.get(i).text: _seen(other, i) for i in other.articles.ids()}
        (scan,) = [i for i in other.articles.ids() if other.ocr_pages.pages(i)]
        scan_text = other.articles.get(scan).text
        scan_original = other.articles.original(scan)
    with Database.create(tmp_path / "mine.dossier", "mine") as mine:
        report = merge_dossier(mine, theirs)
        assert report.articles_new == 8 and report.left_out == []
        assert (report.pages_added, report.provenance_added, report.files_added) == (1, 8, 2)
        assert any(line.startswith("Files that came with articles: 2 added") for line in report.lines())
        for text, seen in expected.items():
            assert _seen(mine, _article_by_text(mine, text)) == seen
        here = _article_by_text(mine, scan_text)
        (page,) = mine.ocr_pages.pages(here)
        assert any(line.startswith("read by OCR (tesseract 5.") for line in mine.provenance.words(here))
        assert mine.articles.original(here) == scan_original and scan_original[1] == mine.ocr_pages.picture(page.sha256)
        start = scan_text.index("special forces")
        boxes = words_in_span(page.words, start, start + len("special forces"))
        assert [scan_text[w.start:w.end] for w in boxes] == ["special", "forces"]  # the outline on the page
        photos = [a for i in mine.articles.ids() for a in mine.provenance.attachments(i) if a.role == "photo"]
        assert [mine.provenance.attachment_content(a.sha256) for a in photos] == [PHOTO]
        archived = [p for i in mine.articles.ids() for p in mine.provenance.of(i) if p.kind == "web_archive"]
        assert [(p.target_url, p.captured_at) for p in archived] == [(ONE_URL, "2021-05-15T10:30:00Z")]

        again = merge_dossier(mine, theirs)
        assert (again.pages_added, again.provenance_added, again.files_added) == (0, 0, 0) and again.adds_nothing
        for table in ("ocr_pages", "provenance", "article_files", "attachments", "originals"):  # the picture once
            assert mine._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == \
                _count(theirs, table), table


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_a_forged_page_or_record_is_left_out_and_named(theirs: Path, tmp_path: Path) -> None:
    forged = tmp_path / "forged.dossier"
    forged.write_bytes(theirs.read_bytes())
    conn = sqlite3.connect(forged)
    (article_id, words) = conn.execute("SELECT article_id, words FROM ocr_pages").fetchone()
    boxes = json.loads(words)
    boxes[0][1] = 10 ** 6  # a word far beyond its article's text
    conn.execute("UPDATE ocr_pages SET words = ?", (json.dumps(boxes),))
    conn.execute("PRAGMA ignore_check_constraints = ON")  # as a file written by another tool may be
    conn.execute("UPDATE provenance SET kind = 'carrier pigeon' WHERE item = '102'")
    conn.execute("""UPDATE provenance SET links = '[[0, 1000000, "https://example.org/"]]' WHERE item = '103'""")
    conn.execute("UPDATE provenance SET links = 'not json' WHERE item = '104'")
    conn.commit()
    conn.close()
    with Database.create(tmp_path / "mine.dossier", "mine") as mine:
        report = merge_dossier(mine, forged)
        assert report.pages_added == 0 and report.provenance_added == 5
        assert any(f"Their page 1 read by OCR of their article {article_id}" in r and "outside" in r
                   for r in report.left_out)
        assert any("carrier pigeon" in r and "not a kind of provenance" in r for r in report.left_out)
        assert any("1443520817:103" in r and "past the article" in r for r in report.left_out)
        assert any("cannot be read" in r for r in report.left_out)
        assert report.articles_new == 8  # the articles themselves come in


def test_one_undo_takes_the_pages_files_and_provenance_back(theirs: Path, tmp_path: Path) -> None:
    with Database.create(tmp_path / "mine.dossier", "mine") as mine:
        merge = MergeDossier(theirs)
        done = perform(mine, merge)
        assert merge.result.pages_added == 1 and mine._conn.execute("SELECT count(*) FROM attachments").fetchone()[0]
        undo(mine, done)
        for table in ("articles", "ocr_pages", "provenance", "article_files", "attachments", "originals"):
            assert mine._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table

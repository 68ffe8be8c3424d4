"""Pictures and scans read by OCR (Tesseract 5): the reader, the word boxes, the page cache, the
import with its provenance, and what a user without the engine is told."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dossier.core.ocr import OcrReading, OcrWord, reading_words, words_in_span
from dossier.ingest import ocr_engine
from dossier.ingest.decode import UnreadableFile
from dossier.ingest.ocr_engine import MissingTesseract, parse_tsv, read_picture
from dossier.ingest.picture_reader import OcrOptions, read_picture_file
from dossier.ingest.pipeline import ImportOptions, import_files, run_import
from dossier.ingest.readers import read_bytes
from dossier.store import Database
from tests.pictures import ARMENIAN, ENGLISH, RUSSIAN, draw, png, scanned_pdf, word_accuracy

TSV = "\n".join([
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t",
    "5\t1\t1\t1\t1\t1\t10\t20\t50\t15\t96.5\tBorder",
    "5\t1\t1\t1\t1\t2\t65\t20\t40\t15\t31.0\tbreach",
    "5\t1\t1\t1\t2\t1\t10\t40\t30\t15\t90\tnear",
    "5\t1\t1\t2\t1\t1\t10\t80\t60\t15\t88\tՍյունիք",
    "5\t1\t2\t1\t1\t1\t10\t120\t60\t15\t-1\t ",
    "5\t1\t2\t1\t1\t2\t10\t120\t60\t15\t12.25\t12-ին",
])


def test_the_engines_table_becomes_text_with_each_word_at_its_offset() -> None:
    text, words, width, height = parse_tsv(TSV)
    assert text == "Border breach\nnear\n\nՍյունիք\n\n12-ին"
    assert [text[w.start:w.end] for w in words] == ["Border", "breach", "near", "Սյունիք", "12-ին"]
    assert (width, height) == (800, 600)
    assert words[1] == OcrWord(7, 13, 65, 20, 40, 15, 31.0)  # unsure, and kept


def test_a_passage_outlines_every_word_it_touches() -> None:
    _text, words, _w, _h = parse_tsv(TSV)
    assert [w.start for w in words_in_span(words, 9, 16)] == [7, 14]  # "each\nne": both words cut
    assert words_in_span(words, 13, 14) == []  # the newline between them only


def test_the_provenance_sentence_names_engine_languages_and_confidence() -> None:
    one = OcrReading(1, "tesseract 5.3.0", "hye+eng", 91.4)
    assert reading_words(one).startswith("read by OCR (tesseract 5.3.0, hye+eng, mean confidence 91%)")
    mixed = OcrReading(2, "tesseract 5.3.0", "eng", 80.0, of_pages=5)
    assert reading_words(mixed).startswith("2 of 5 pages read by OCR")


@pytest.mark.parametrize("lines, languages, language", [
    (ENGLISH, "eng", "en"), (RUSSIAN, "rus", "ru"), (ARMENIAN, "hye", "hy"),
    (ARMENIAN, None, "hy"),  # no language given: the script the first pass sees, or the broad default
])
def test_a_screenshot_is_read_word_for_word(lines: list[str], languages: str | None, language: str) -> None:
    document = read_picture_file(png(lines), "post.png", OcrOptions(languages))
    assert word_accuracy("\n".join(lines), document.text) >= 0.9, document.text
    assert document.title == " ".join(document.text.split("\n")[0].split())
    (page,) = document.ocr_pages
    assert page.start == 0 and page.end == len(document.text)
    assert all(document.text[w.start:w.end] for w in page.words)
    assert page.image == png(lines)  # a PNG kept byte for byte


def test_a_picture_on_its_side_is_read_upright_and_kept_upright() -> None:
    from PIL import Image

    sideways = io.BytesIO()
    draw(ENGLISH * 3).rotate(90, expand=True).save(sideways, format="PNG")  # type: ignore[attr-defined]
    document = read_picture_file(sideways.getvalue(), "photo.png", OcrOptions("eng"))
    assert word_accuracy("\n".join(ENGLISH * 3), document.text) >= 0.9
    (page,) = document.ocr_pages
    kept = Image.open(io.BytesIO(page.image))
    assert kept.width > kept.height and (page.width, page.height) == kept.size


def test_a_blurred_armenian_page_is_not_turned_upside_down() -> None:
    """The orientation pass takes blurred Armenian for text upside down, sure of it: the page is
    read both ways and the reading that finds more, and is surer, is kept."""
    from PIL import ImageFilter

    blurred = io.BytesIO()
    draw(ARMENIAN * 2, 32).filter(ImageFilter.GaussianBlur(1.2)).save(blurred, format="PNG")  # type: ignore[attr-defined]
    reading = read_picture(blurred.getvalue(), "hye")
    assert reading.rotation == 0
    assert word_accuracy("\n".join(ARMENIAN * 2), reading.text) >= 0.9, reading.text


def test_the_page_cache_reads_a_picture_once_per_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[list[str]] = []
    real = subprocess.Popen

    def counting(arguments: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        runs.append(arguments)
        return real(arguments, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(subprocess, "Popen", counting)
    picture = png(ENGLISH)
    first = read_picture(picture, "eng", cache=tmp_path)
    assert len(runs) == 1  # the words, read surely enough that no orientation pass is needed
    again = read_picture(picture, "eng", cache=tmp_path)
    assert again == first and len(runs) == 1
    read_picture(picture, "eng+rus", cache=tmp_path)  # other languages: read again
    assert len(runs) == 2


def test_an_upside_down_page_drawn_at_300_dpi_is_found_on_a_smaller_copy_and_read_upright(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    runs: list[tuple[list[str], tuple[int, int]]] = []  # (what the engine was asked, the picture's size)
    real = subprocess.Popen

    def counting(arguments: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        with Image.open(arguments[1]) as picture:
            runs.append((arguments[3:], picture.size))
        return real(arguments, **kwargs)  # type: ignore[call-overload, no-any-return]

    page = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi, as a PDF page is drawn for the engine
    page.paste(draw(ENGLISH * 6, size=42, width=2200), (140, 200))  # type: ignore[arg-type]
    upside_down = io.BytesIO()
    page.rotate(180).save(upside_down, format="PNG")
    monkeypatch.setattr(subprocess, "Popen", counting)
    reading = read_picture(upside_down.getvalue(), "eng")
    assert reading.rotation == 180 and word_accuracy("\n".join(ENGLISH * 6), reading.text) >= 0.95
    (orientation_size,) = [size for asked, size in runs if asked == ["--psm", "0"]]
    assert orientation_size == (1240, 1754)  # halved: at most ocr_engine.ORIENTATION_SIDE a side
    assert len(runs) == 3  # as given (unsure), the orientation pass, turned upright


def test_a_cancel_ends_the_page_being_read(monkeypatch: pytest.MonkeyPatch) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(UnreadableFile, match="cancelled"):
        read_picture(png(["a page not to be read"]), "eng", cancel)


def test_without_the_engine_importing_a_picture_says_what_to_install(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_engine.shutil, "which", lambda _name: None)
    monkeypatch.delenv("DOSSIER_TESSERACT", raising=False)
    (tmp_path / "post.png").write_bytes(png(ENGLISH))
    store = Database.create(tmp_path / "d.dossier", "d")
    report = run_import(store, [tmp_path / "post.png"], ImportOptions(extract=False))
    ((_path, reason),) = report.failed
    assert "Tesseract OCR engine, which is not installed" in reason
    assert "sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-hye" in reason


def test_a_language_without_its_trained_data_names_its_package() -> None:
    with pytest.raises(MissingTesseract, match="tesseract-ocr-xyz"):
        read_picture(png(ENGLISH), "xyz+eng")


def test_a_damaged_picture_is_refused_with_a_reason() -> None:
    with pytest.raises(UnreadableFile, match="picture"):
        read_bytes(b"\x89PNG\r\n\x1a\nnot really", "broken.png")


def test_a_scan_and_a_mixed_pdf_are_read_page_by_page() -> None:
    from pypdf import PdfReader, PdfWriter

    from tests.unit.test_ingest_readers import make_pdf

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(make_pdf(["Statement of the ministry", "The text layer of page one."]))))
    writer.append(PdfReader(io.BytesIO(scanned_pdf([ENGLISH]))))
    out = io.BytesIO()
    writer.write(out)
    document = read_bytes(out.getvalue(), "mixed.pdf", OcrOptions("eng"))
    assert document.text.startswith("Statement of the ministry\nThe text layer of page one.\n\n")
    (page,) = document.ocr_pages
    assert (page.number, page.of_pages) == (2, 2)
    assert document.text[page.start:page.end] == page.text
    assert word_accuracy("\n".join(ENGLISH), page.text) >= 0.9


def test_an_imported_scan_keeps_pages_boxes_and_says_it_was_read_by_ocr(tmp_path: Path) -> None:
    scan = tmp_path / "statement.pdf"
    scan.write_bytes(scanned_pdf([ENGLISH, RUSSIAN, ENGLISH[::-1]]))
    store = Database.create(tmp_path / "d.dossier", "d")
    pages_seen: list[tuple[int, int]] = []
    options = ImportOptions(extract=False, ocr_languages="rus+eng", jobs=2,
                            on_page=lambda _path, done, of: pages_seen.append((done, of)))
    report = run_import(store, [scan], options)
    ((_path, article_id),) = report.imported
    article = store.articles.get(article_id)
    pages = store.ocr_pages.pages(article_id)
    assert [p.number for p in pages] == [1, 2, 3]
    assert sorted(pages_seen) == [(1, 3), (2, 3), (3, 3)]
    for page in pages:
        assert all(article.text[w.start:w.end].strip() for w in page.words)  # boxes on the article's words
        assert page.start < page.end <= len(article.text)
        assert store.ocr_pages.picture(page.sha256).startswith(b"\x89PNG")
    assert word_accuracy("\n".join(RUSSIAN), article.text[pages[1].start:pages[1].end]) >= 0.9
    (said,) = store.provenance.words(article_id)
    assert said.startswith("3 pages read by OCR (tesseract 5.") and "rus+eng" in said
    assert article_id in store.provenance.words_of(store.provenance.of_many([article_id]))
    assert {f.role for f in store.provenance.attachments(article_id)} == {"page"}
    assert article_id in {hit.article_id for hit in store.search.articles("армянской")}  # its words are searchable
    store.close()


def test_a_second_import_of_a_picture_adds_nothing(tmp_path: Path) -> None:
    (tmp_path / "post.png").write_bytes(png(ENGLISH))
    store = Database.create(tmp_path / "d.dossier", "d")
    options = ImportOptions(extract=False, ocr_languages="eng")
    assert len(run_import(store, [tmp_path], options).imported) == 1
    again = run_import(store, [tmp_path], options)
    assert not again.imported and len(again.duplicates) == 1
    store.close()


@pytest.mark.timeout(120)
def test_cancelling_an_import_of_scans_stops_it(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"scan{n}.pdf").write_bytes(scanned_pdf([[f"Page {n} of a long scan"]] * 4))
    store = Database.create(tmp_path / "d.dossier", "d")
    options = ImportOptions(extract=False, ocr_languages="eng", jobs=2)
    options = ImportOptions(extract=False, ocr_languages="eng", jobs=2,
                            on_page=lambda _p, done, _of: options.cancel.set())
    *_, last = import_files(store, [tmp_path], options)
    assert last.report.cancelled and not last.report.imported
    store.close()


def test_the_command_line_imports_a_screenshot_with_its_languages(tmp_path: Path) -> None:
    import sys

    (tmp_path / "post.png").write_bytes(png(ARMENIAN))
    dossier = tmp_path / "d.dossier"
    done = subprocess.run([sys.executable, "-m", "dossier", "import", str(tmp_path / "post.png"), "--into", str(dossier),
                           "--no-extract", "--ocr-lang", "hye+eng"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "imported 1, duplicates 0, failed 0" in done.stdout
    with Database.open(dossier) as store:
        (page,) = store.ocr_pages.pages(1)
        assert page.languages == "hye+eng" and store.articles.get(1).language == "hy"
        assert word_accuracy("\n".join(ARMENIAN), store.articles.get(1).text) >= 0.9
    wrong = subprocess.run([sys.executable, "-m", "dossier", "import", str(tmp_path / "post.png"), "--into",
                            str(dossier), "--ocr-lang", "Armenian"], capture_output=True, text=True, timeout=300)
    assert wrong.returncode != 0 and "--ocr-lang 'Armenian'" in wrong.stderr


def test_the_exports_say_an_annotated_passage_was_read_by_ocr(tmp_path: Path) -> None:
    from dossier.export.csv_export import HEADER, rows
    from dossier.export.web_annotation import export_collection

    (tmp_path / "post.png").write_bytes(png(ENGLISH))
    store = Database.create(tmp_path / "d.dossier", "d")
    ((_p, article_id),) = run_import(store, [tmp_path / "post.png"], ImportOptions(extract=False,
                                                                                   ocr_languages="eng")).imported
    start = store.articles.get(article_id).text.index("special forces")
    store.annotations.add(article_id, "highlight", start, start + len("special forces"))
    (row,) = rows(store)
    came_from = row[HEADER.index("came_from")]
    assert came_from.startswith("read by OCR (tesseract 5.") and ", eng, mean confidence " in came_from
    (item,) = export_collection(store)["first"]["items"]
    assert item["dossier:ocr"]["languages"] == "eng" and item["dossier:ocr"]["pages"] == 1
    assert item["dossier:ocr"]["meanConfidence"] > 80
    store.close()


def test_a_screenshot_is_stored_once_its_page_picture_and_its_original_alike(tmp_path: Path) -> None:
    picture = png(ENGLISH)
    (tmp_path / "post.png").write_bytes(picture)
    store = Database.create(tmp_path / "d.dossier", "d")
    ((_path, article_id),) = run_import(store, [tmp_path / "post.png"], ImportOptions(extract=False, ocr_languages="eng")).imported
    (page,) = store.ocr_pages.pages(article_id)
    assert store.ocr_pages.picture(page.sha256) == picture
    assert store.articles.original(article_id) == ("post.png", picture)  # Save Original still has it
    held = [r[0] for r in store._conn.execute("SELECT content FROM attachments UNION ALL SELECT content FROM originals")]
    assert held == [picture]  # one copy in the file
    (listed,) = store.provenance.attachments(article_id)
    assert (listed.file_name, listed.role, listed.sha256) == ("post.png", "original", page.sha256)
    store.close()


def test_the_engine_run_from_the_bundle_loads_its_own_libraries_not_the_bundles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle's bootloader points LD_LIBRARY_PATH at the bundle's libraries and keeps the
    user's in LD_LIBRARY_PATH_ORIG: a system tesseract started with the bundle's path would load
    them in place of its own (here a damaged libstdc++ stands for one it can't use) and not start."""
    bundle = tmp_path / "_internal"
    bundle.mkdir()
    (bundle / "libstdc++.so.6").write_bytes(b"not a library")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(bundle))
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "")
    ocr_engine._engine_facts.cache_clear()
    try:
        reading = read_picture(png(ENGLISH), "eng", cache=tmp_path / "cache")
    finally:
        ocr_engine._engine_facts.cache_clear()
    assert word_accuracy("\n".join(ENGLISH), reading.text) >= 0.9
    assert ocr_engine.program_environment({"LD_LIBRARY_PATH": "/b/_internal", "LD_LIBRARY_PATH_ORIG": "/opt/lib"}) \
        == {"LD_LIBRARY_PATH": "/opt/lib"}
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # the user had none: none
    assert ocr_engine.program_environment({"LD_LIBRARY_PATH": "/b/_internal", "HOME": "/h"}) == {"HOME": "/h"}


def test_the_bundle_reads_with_the_engine_and_data_it_carries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle built with DOSSIER_BUNDLE_OCR=1 has tesseract/tesseract and tesseract/tessdata/
    inside it: that engine is used before any on PATH, with that data."""
    import shutil

    from dossier.bundling.ocr_files import tessdata_folder

    carried = tmp_path / "_internal" / "tesseract"
    carried.mkdir(parents=True)
    program = shutil.which("tesseract")
    assert program is not None
    shutil.copy(program, carried / "tesseract")
    (carried / "tessdata").mkdir()
    for name in ("eng.traineddata", "osd.traineddata", "configs"):
        (carried / "tessdata" / name).symlink_to(tessdata_folder() / name)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    monkeypatch.delenv("DOSSIER_TESSERACT", raising=False)
    assert ocr_engine.tesseract_program() == str(carried / "tesseract")
    assert ocr_engine.program_environment()["TESSDATA_PREFIX"] == str(carried / "tessdata")
    ocr_engine._engine_facts.cache_clear()
    try:
        _program, _name, languages = ocr_engine.engine()
        assert languages == {"eng", "osd"}  # its own data, not the system's eight languages
        reading = read_picture(png(ENGLISH), "eng", cache=tmp_path / "cache")
    finally:
        ocr_engine._engine_facts.cache_clear()
    assert word_accuracy("\n".join(ENGLISH), reading.text) >= 0.9

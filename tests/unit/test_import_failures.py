"""One bad file never stops an import: every file is accounted for, with a one-line reason.

A folder mixing good articles with every kind of bad file the hostile-input review found is
imported; the good ones come in and each bad one is reported. Then each trigger on its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.ingest.extract import pieces
from dossier.ingest.pipeline import ImportOptions, collect_files, run_import
from dossier.store import Database

GOOD_TEXT = "Russian troops arrive\n\nRussian troops from the 102nd Base arrived in Syunik on May 14, 2021.\n"


def pdf_with_content(stream: bytes, *, deflate: bool = False) -> bytes:
    """A small, valid PDF whose one page draws `stream` (optionally Flate-compressed)."""
    body = zlib.compress(stream) if deflate else stream
    filters = b" /Filter /FlateDecode" if deflate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(body)).encode() + filters + b" >>\nstream\n" + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good-1.txt").write_text(GOOD_TEXT)
    (folder / "good-2.md").write_text("---\ndate: 2021-05-13\nsource: Interfax\n---\n# Ceasefire holds\n\n"
                                      "The ceasefire of November 10 held, Interfax said.\n")
    (folder / "good-3.html").write_text("<html><head><title>Border guards</title></head><body><article>"
                                        "<h1>Border guards</h1><p>" + "Two border guards were killed near the "
                                        "line on March 15, officials said. " * 4 + "</p></article></body></html>")
    (folder / "utf16-odd.txt").write_bytes(b"\xff\xfe" + "Headline\n\nText".encode("utf-16-le") + b"\x00")
    (folder / "utf16-lone-surrogate.txt").write_bytes(b"\xff\xfe" + "Head\n\n".encode("utf-16-le") + b"\x00\xd8a\x00")
    (folder / "utf8-bom-bad-bytes.txt").write_bytes(b"\xef\xbb\xbfHeadline\n\nText \xff\xfe more\n")
    (folder / os.fsdecode(b"name-not-utf8-\xff.txt")).write_text(GOOD_TEXT.replace("102nd", "4th"))
    (folder / "one-line.pdf").write_bytes(pdf_with_content(b"BT /F1 12 Tf 72 700 Td (Only a headline) Tj ET"))
    (folder / "flate-bomb.pdf").write_bytes(pdf_with_content(b"0" * 80_000_000, deflate=True))
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "text" + "</div>" * 100_000
                                      + "</body></html>")
    (folder / "bad-date.md").write_text("---\ndate: next Tuesday-ish\n---\n# Title\n\nSome text.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "same-as-good-1.txt").write_text(GOOD_TEXT)
    outside = tmp_path / "outside.txt"
    outside.write_text("Not an article\n\nroot:x:0:0:root:/root:/bin/bash\n")
    (folder / "link-out.txt").symlink_to(outside)
    (folder / "loop").symlink_to(folder)  # a folder that links to itself
    return folder


def test_a_mixed_folder_imports_every_good_file_and_reports_every_bad_one(store: Database, mixed_folder: Path) -> None:
    report = run_import(store, [mixed_folder], ImportOptions(extract=False))
    imported = sorted(p.name for p, _ in report.imported)
    assert imported == ["good-1.txt", "good-2.md", "good-3.html", os.fsdecode(b"name-not-utf8-\xff.txt")]
    assert [p.name for p, _ in report.duplicates] == ["same-as-good-1.txt"]
    reasons = {p.name: reason for p, reason in report.failed}
    assert sorted(reasons) == sorted(["utf16-odd.txt", "utf16-lone-surrogate.txt", "utf8-bom-bad-bytes.txt",
                                      "one-line.pdf", "flate-bomb.pdf", "deep.html", "bad-date.md", "empty.txt"])
    assert "starts as UTF-16 text but byte" in reasons["utf16-odd.txt"]
    assert "starts as UTF-16 text but byte" in reasons["utf16-lone-surrogate.txt"]
    assert "starts as UTF-8 text but byte" in reasons["utf8-bom-bad-bytes.txt"]
    assert "holds only a line of text" in reasons["one-line.pdf"]
    assert "damaged or not a PDF (LimitReachedError" in reasons["flate-bomb.pdf"]
    assert "100,000 levels deep" in reasons["deep.html"]
    assert "“next Tuesday-ish” is not a date" in reasons["bad-date.md"]
    assert all("\n" not in reason for reason in reasons.values())
    names = {store.articles.get(i).original_name for i in store.articles.ids()}
    assert "name-not-utf8-\ufffd.txt" in names  # stored as text, shown with a replacement mark
    assert not any("root:x:0" in store.articles.get(i).text for i in store.articles.ids())  # the link out stayed out
    assert store.articles.get(next(i for i in store.articles.ids() if store.articles.get(i).title == "Ceasefire holds")
                         ).published == "2021-05-13"


@pytest.mark.parametrize("error", [NotImplementedError("unsupported filter"), AssertionError(),
                                   AttributeError("'NoneType' object has no attribute 'get_object'")])
def test_any_error_of_the_pdf_library_is_one_files_reason(store: Database, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                          error: Exception) -> None:
    import pypdf

    class Breaking:
        def __init__(self, *_a: object) -> None:
            raise error

    monkeypatch.setattr(pypdf, "PdfReader", Breaking)
    (tmp_path / "a.pdf").write_bytes(pdf_with_content(b"BT /F1 12 Tf (x) Tj ET"))
    (tmp_path / "b.txt").write_text(GOOD_TEXT)
    report = run_import(store, [tmp_path], ImportOptions(extract=False))
    assert [p.name for p, _ in report.imported] == ["b.txt"]
    ((path, reason),) = report.failed
    assert path.name == "a.pdf" and reason.startswith(f"the PDF is damaged or not a PDF ({type(error).__name__}")


def test_links_inside_the_folder_are_followed_and_loops_end(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(GOOD_TEXT)
    (folder / "alias.txt").symlink_to(folder / "sub" / "a.txt")  # inside: followed
    (folder / "sub" / "up").symlink_to(folder)  # a loop
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    files = collect_files([folder])
    assert sorted(p.relative_to(folder).as_posix() for p in files) == ["alias.txt", "sub/a.txt"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .!?\n", max_size=400), st.integers(8, 60))
def test_pieces_cover_a_long_text_exactly(text: str, limit: int) -> None:
    parts = pieces(text, limit)
    assert "".join(piece for _offset, piece in parts) == text
    assert all(len(piece) <= limit for _offset, piece in parts)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in parts)


def test_a_text_longer_than_the_model_takes_is_read_in_pieces_with_exact_offsets(store: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                             monkeypatch) -> None:
    """spaCy refuses a text over nlp.max_length (E088): a long article is read in pieces. Here
    the model's limit is lowered to 3,000 characters, and the article is 40 paragraphs long."""
    from dossier.ingest.nlp import load_pipeline

    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", 3000)
    paragraph = "Russian troops from the 102nd Base arrived in Syunik on May 14, 2021, Interfax reported."
    (tmp_path / "long.txt").write_text("A long report\n\n" + "\n\n".join([paragraph] * 40))
    report = run_import(store, [tmp_path / "long.txt"], ImportOptions(published=("2021-05-14", "day")), nlp=nlp)
    assert report.failed == [] and report.notes == []
    (article_id,) = store.articles.ids()
    text = store.articles.get(article_id).text
    assert len(text) > 3000
    mentions = store.entities.mentions_in(article_id)
    syunik = [m for m in mentions if m.surface == "Syunik"]
    assert len(syunik) == 40 and all(text[m.start:m.end] == m.surface for m in mentions)
    assert {e.earliest for e in store.events.all(article_id)} == {"2021-05-14"}


def test_duplicates_are_known_by_their_text_before_any_extraction(store: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    run_import(store, [tmp_path / "a.txt"], ImportOptions(extract=False))
    import dossier.ingest.nlp as nlp

    def no_model() -> None:
        raise AssertionError("the model was loaded for a file already in the dossier")

    monkeypatch.setattr(nlp, "load_pipeline", no_model)
    (tmp_path / "copy.txt").write_text(GOOD_TEXT)
    report = run_import(store, [tmp_path / "a.txt", tmp_path / "copy.txt"])
    assert [p.name for p, _ in report.duplicates] == ["a.txt", "copy.txt"] and report.failed == []


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "dossier", *args], capture_output=True, timeout=180,
                          input=stdin)


def test_the_command_line_report_is_safe_to_print(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "forged\nfailed: everything.txt").write_bytes(b"")
    (folder / "esc\x1b[31m.md").write_text("---\ndate: soon\n---\n# T\n\nText.\n")
    (folder / "ok.txt").write_text(GOOD_TEXT)
    result = run_cli("import", str(folder), "--into", str(tmp_path / "x.dossier"), "--no-extract")
    out = result.stdout.decode()
    assert result.returncode == 1 and result.stderr == b""
    lines = out.splitlines()
    assert lines[0].startswith("imported 1, duplicates 0, failed 2")
    assert len(lines) == 3 and "forged\\nfailed: everything.txt: the file is empty" in out
    assert "\x1b" not in out and "esc\\x1b[31m.md" in out


def test_published_dates_are_validated_and_a_closed_pipe_is_no_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    target = str(tmp_path / "x.dossier")
    wrong = run_cli("import", str(tmp_path / "a.txt"), "--into", target, "--published", "2021/05/14", "--no-extract")
    assert wrong.returncode == 1 and wrong.stderr.decode().strip() == (
        "dossier: --published '2021/05/14' is not a date: write 2021-05-14, 2021-05 or 2021")
    assert not Path(target).exists()
    piped = subprocess.run(f"{sys.executable} -m dossier import {tmp_path / 'a.txt'} --into {target} --no-extract "
                           "| head -c 1", shell=True, capture_output=True, timeout=120)
    assert piped.stderr == b"" and piped.stdout == b"i"
    with Database.open(target) as store:
        assert store.articles.count() == 1


def test_the_report_lists_every_file_with_its_fate_and_skipped_files_are_counted(tmp_path: Path) -> None:
    import csv
    import subprocess
    import sys

    folder = tmp_path / "in"
    (folder / ".hidden").mkdir(parents=True)
    (folder / "good.txt").write_text("Talks\n\nNikol Pashinyan met Ilham Aliyev in Brussels on Monday.\n")
    (folder / "again.txt").write_text("Talks\n\nNikol Pashinyan met Ilham Aliyev in Brussels on Monday.\n")
    (folder / "empty.txt").write_text("")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / ".hidden" / "secret.txt").write_text("Hidden\n\nnot imported\n")
    out = tmp_path / "report.csv"
    result = subprocess.run([sys.executable, "-m", "dossier", "import", "--into", str(tmp_path / "r.dossier"),
                             str(folder), "--report", str(out), "--jobs", "1"], capture_output=True, text=True)
    assert result.returncode == 1  # a file failed
    assert "imported 1, duplicates 1, failed 2" in result.stdout
    assert "skipped 3 hidden or other files in the folders" in result.stdout
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    outcomes = sorted((Path(r["file"]).name, r["outcome"]) for r in rows)
    assert outcomes == [(".DS_Store", "skipped"), (".hidden", "skipped"), ("again.txt", "imported"),
                        ("broken.pdf", "failed"), ("empty.txt", "failed"), ("good.txt", "duplicate"),
                        ("notes.docx", "skipped")]
    failed = [r["reason"] for r in rows if r["outcome"] == "failed"]
    assert failed == sorted(failed) and all(failed)  # grouped by reason
    refused = subprocess.run([sys.executable, "-m", "dossier", "import", "--into", str(tmp_path / "r.dossier"),
                              str(folder), "--report", str(tmp_path / "r.dossier")], capture_output=True, text=True)
    assert refused.returncode != 0 and "dossier" in refused.stderr

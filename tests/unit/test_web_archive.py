"""Web archives (WARC, WARC.GZ, WACZ): each archived news page an article, with its capture."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.ingest.pipeline import ImportOptions, run_import
from dossier.store import Database
from tests.collections_data import PAGE_ONE, PAGE_TWO, news_page, write_wacz, write_warc

NO_MODEL = ImportOptions(extract=False)
ONE_URL = "https://www.azatutyun.am/a/31253647.html"
TWO_URL = "https://www.azatutyun.am/a/31256100.html"


def captures() -> list[tuple[str, bytes, str]]:
    return [(ONE_URL, news_page(*PAGE_ONE), "2021-05-15T10:30:00Z"),
            (TWO_URL, news_page(*PAGE_TWO), "2021-05-15T10:31:07Z")]


@pytest.mark.parametrize("name", ["site.warc", "site.warc.gz"])
def test_each_archived_page_becomes_an_article_with_its_capture(store: Database, tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, captures())
    report = run_import(store, [path], NO_MODEL)
    assert len(report.imported) == 2 and report.failed == []
    assert sorted(r for _p, r in report.left_out) == [
        "a request record", "a request record", "a response of status 301",
        "a response that is no web page (image/png)", "a warcinfo record"]
    article = store.articles.get(report.imported[0][1])
    assert (article.title, article.source, article.url, article.published) == \
        ("Azerbaijani troops cross into Syunik", "Azatutyun", ONE_URL, "2021-05-14")
    assert article.text.startswith("Azerbaijani soldiers advanced") and "Copyright" not in article.text \
        and "Home" not in article.text  # the site's chrome is left out
    (p,) = store.provenance.of(article.id)
    assert (p.kind, p.target_url, p.captured_at, p.archive) == ("web_archive", ONE_URL, "2021-05-15T10:30:00Z", name)
    assert p.digest and p.digest.startswith("sha1:") and p.identity == f"warc:{p.item}" and p.item.startswith("urn:uuid:")
    assert store.provenance.words(article.id) == [
        f"web archive, {name}, captured 15 May 2021 10:30 UTC, {ONE_URL}, {p.digest}"]
    # The page as archived is the article's original, byte for byte.
    assert store.articles.original(article.id)[1] == news_page(*PAGE_ONE)  # type: ignore[index]


def test_a_second_import_adds_nothing(store: Database, tmp_path: Path) -> None:
    path = write_warc(tmp_path / "site.warc.gz", captures())
    run_import(store, [path], NO_MODEL)
    again = run_import(store, [path], NO_MODEL)
    assert again.imported == [] and again.captured == [] and len(again.duplicates) == 2
    assert store.articles.count() == 2


def test_the_same_page_captured_twice_is_one_article_with_two_captures(store: Database, tmp_path: Path) -> None:
    headline, body = PAGE_ONE
    updated = news_page(headline, [*body, "Update: Armenia's Security Council met on Thursday evening."])
    path = write_warc(tmp_path / "site.warc.gz", [
        (ONE_URL, news_page(*PAGE_ONE), "2021-05-15T10:30:00Z"),
        (ONE_URL, news_page(*PAGE_ONE), "2021-05-15T18:00:00Z"),  # unchanged
        (ONE_URL, updated, "2021-05-16T09:00:00Z"),  # changed since
    ], extras=False)
    report = run_import(store, [path], NO_MODEL)
    assert len(report.imported) == 1 and len(report.captured) == 2 and store.articles.count() == 1
    (article_id,) = store.articles.ids()
    times = [p.captured_at for p in store.provenance.of(article_id)]
    assert times == ["2021-05-15T10:30:00Z", "2021-05-15T18:00:00Z", "2021-05-16T09:00:00Z"]
    (capture,) = store.team.captures(article_id)  # "Also captured as": the changed text, kept
    assert "Security Council" in store.team.capture_content(capture.id)[0]
    assert store.provenance.of(article_id)[-1].capture_id == capture.id
    assert run_import(store, [path], NO_MODEL).imported == [] and store.articles.count() == 1


def test_a_wacz_reads_the_pages_it_lists(store: Database, tmp_path: Path) -> None:
    path = write_wacz(tmp_path / "crawl.wacz", captures(), listed=[ONE_URL])
    report = run_import(store, [path], NO_MODEL)
    assert [store.articles.get(a).url for _p, a in report.imported] == [ONE_URL]
    assert "a page the archive does not list among its pages" in [r for _p, r in report.left_out]
    (p,) = store.provenance.of(report.imported[0][1])
    assert p.archive == "crawl.wacz"
    again = run_import(store, [write_wacz(tmp_path / "all.wacz", captures())], NO_MODEL)
    assert [store.articles.get(a).url for _p, a in again.imported] == [TWO_URL]


def test_broken_archives_say_why(store: Database, tmp_path: Path) -> None:
    (tmp_path / "bad.warc").write_bytes(b"this is not a web archive at all\r\n\r\n")
    (tmp_path / "bad.wacz").write_bytes(b"PK not a zip")
    with zipfile.ZipFile(tmp_path / "empty.wacz", "w") as archive:
        archive.writestr("pages/pages.jsonl", "")
    cut = write_warc(tmp_path / "cut.warc", captures())
    data = cut.read_bytes()
    cut.write_bytes(data[: data.index(b"Russia sends troops") + 10])  # cut inside the second page
    report = run_import(store, [tmp_path / n for n in ("bad.warc", "bad.wacz", "empty.wacz", "cut.warc")], NO_MODEL)
    reasons = {str(p).split("/")[-1]: r for p, r in report.failed}
    assert "not a web archive" in reasons["bad.warc"]
    assert "not a WACZ" in reasons["bad.wacz"]
    assert "holds no web archive" in reasons["empty.wacz"]
    assert [store.articles.get(a).url for _p, a in report.imported] == [ONE_URL]  # what was whole is kept
    assert any("cut.warc" in str(p) for p, _r in report.failed)


def test_the_command_line_imports_archives(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    write_warc(tmp_path / "in" / "site.warc.gz", captures())
    write_wacz(tmp_path / "in" / "crawl.wacz", [(ONE_URL, news_page(*PAGE_ONE), "2021-05-20T08:00:00Z")])
    target = tmp_path / "t.dossier"
    assert main(["import", str(tmp_path / "in"), "--into", str(target), "--no-extract"]) == 0
    out = capsys.readouterr().out
    assert "imported 2, duplicates 0, failed 0" in out and "1 page(s) captured again" in out
    assert ("left out 3 request records, 2 warcinfo records, 2 responses that are no web pages, "
            "2 responses of status 301") in out


def _with_revisits(path: Path, revisits: list[tuple[str, str, str]]) -> Path:
    """A WARC of the first page's capture, then revisit records (url, refers-to url, WARC-Date)
    stating that capture's payload digest, as a crawler writes a page it found unchanged."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    write_warc(path, captures()[:1], extras=False)
    with open(path, "rb") as stream:
        digest = next(r.rec_headers.get_header("WARC-Payload-Digest") for r in ArchiveIterator(stream)
                      if r.rec_type == "response")
    with open(path, "ab") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, refers_to, date in revisits:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_revisit_record(url, digest, refers_to, "2021-05-15T10:30:00Z",
                                                             http_headers=headers,
                                                             warc_headers_dict={"WARC-Date": date}))
        for url, digest in ((TWO_URL, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),  # a page the dossier lacks
                            (ONE_URL, "sha1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB")):  # a capture of it the dossier lacks
            writer.write_record(writer.create_revisit_record(url, digest, url, "2021-05-14T08:00:00Z",
                                                             warc_headers_dict={"WARC-Date": date}))
    return path


def test_a_revisit_record_is_another_capture_of_its_page(store: Database, tmp_path: Path) -> None:
    path = _with_revisits(tmp_path / "site.warc.gz", [(ONE_URL, ONE_URL, "2021-05-16T07:00:00Z")])
    report = run_import(store, [path], NO_MODEL)
    ((_p, article_id),) = report.imported
    assert [a for _p, a in report.captured] == [article_id]  # counted as a capture, not dropped
    first, revisit = store.provenance.of(article_id)
    assert (revisit.captured_at, revisit.target_url, revisit.digest) == ("2021-05-16T07:00:00Z", ONE_URL, first.digest)
    assert store.provenance.words(article_id)[1] == (
        f"web archive, site.warc.gz, captured 16 May 2021 07:00 UTC, {ONE_URL}, {first.digest}, "
        "unchanged since the capture of 15 May 2021 10:30 UTC")
    # Revisits of captures the dossier lacks (another page; this page as it was another time) are said.
    assert [r for _p, r in report.left_out if "revisit" in r] == [
        f"a revisit of a page whose capture is not in the dossier ({url})" for url in (TWO_URL, ONE_URL)]
    again = run_import(store, [path], NO_MODEL)
    assert again.imported == again.captured == [] and len(again.duplicates) == 2
    assert len(store.provenance.of(article_id)) == 2


def test_progress_counts_an_archives_records_exactly_or_says_about(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.ingest import many
    from dossier.ingest.web_archive import read_archive

    warc = write_warc(tmp_path / "site.warc.gz", captures())
    wacz = write_wacz(tmp_path / "crawl.wacz", captures())
    for path in (warc, wacz):
        count = many.plan_count([path])
        assert count == many.ItemCount(len(list(read_archive(path))), "archive records", exact=True)
    assert many.plan_count([warc]).words(3) == "3 of 7 archive records"
    (tmp_path / "a.txt").write_text("A\n\nB")
    assert many.plan_count([warc, tmp_path / "a.txt"]).unit == "items"
    monkeypatch.setattr(many, "EXACT_COUNT_BYTES", 10)  # archives too large to read twice: estimated, and said
    estimated = many.plan_count([tmp_path / "site.warc.gz"])
    assert not estimated.exact and estimated.words().startswith("about ")
    assert many.rate_and_left(50, 100, 10.0, estimated.rate_unit) == "5.0 records/s · 10 s left"

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

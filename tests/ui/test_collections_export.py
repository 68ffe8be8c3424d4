"""Where each message and archived page came from, in every export: the PDF (sources and each
article's heading), Web Annotation JSON, CSV and FollowTheMoney."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from dossier.export.csv_export import write_csv
from dossier.export.pdf import PdfOptions, export_pdf
from dossier.export.web_annotation import write_collection
from dossier.ingest.pipeline import ImportOptions, run_import
from dossier.operations import perform
from dossier.operations.annotations import AddAnnotation
from dossier.store import Database
from tests.collections_data import CHANNEL_ID, PAGE_ONE, news_page, write_export, write_warc
from tests.ui.test_report import pdftotext

URL = "https://www.azatutyun.am/a/31253647.html"


@pytest.fixture
def collected(tmp_path: Path) -> Path:
    path = tmp_path / "collected.dossier"
    write_export(tmp_path / "export")
    write_warc(tmp_path / "site.warc.gz", [(URL, news_page(*PAGE_ONE), "2021-05-15T10:30:00Z")])
    with Database.create(path, "Collected") as store:
        run_import(store, [tmp_path / "export", tmp_path / "site.warc.gz"], ImportOptions(extract=False))
        forward = store.provenance.article_by_identity(f"telegram:{CHANNEL_ID}:103")
        assert forward is not None
        text = store.articles.get(forward).text
        start = text.index("Russian troops")
        perform(store, AddAnnotation(forward, "claim", start, start + len("Russian troops from the 102nd Base")))
    return path


def test_the_pdf_says_where_each_article_came_from(qapp, collected: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    with Database.open_readonly(collected) as store:
        export_pdf(store, out, PdfOptions(analyst="A. Analyst"))
    text = " ".join(pdftotext(out).split())
    assert "Telegram export, Border Watch, message 103, posted 14 May 2021 11:00 UTC, forwarded from Yerevan Desk" in text
    # (the address may break across lines)
    assert "web archive, site.warc.gz, captured 15 May 2021 10:30 UTC, https://www.azatutyun.am/a/" in text
    assert "7 Telegram messages (1 forwarded, 1 edited)" in text  # the sources section
    assert "1 capture from web archives, 15 May 2021" in text


def test_json_csv_and_ftm_keep_the_provenance(collected: Path, tmp_path: Path) -> None:
    with Database.open_readonly(collected) as store:
        write_collection(store, tmp_path / "a.json")
        write_csv(store, tmp_path / "a.csv")
    (item,) = json.loads((tmp_path / "a.json").read_text("utf-8"))["first"]["items"]
    (record,) = item["dossier:provenance"]
    assert (record["identity"], record["kind"], record["collection"], record["item"], record["forwarded_from"]) == \
        (f"telegram:{CHANNEL_ID}:103", "telegram", "Border Watch", "103", "Yerevan Desk")
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["came_from"].startswith("Telegram export, Border Watch, message 103")
    pytest.importorskip("followthemoney")
    from dossier.export.ftm import write_ftm

    with Database.open_readonly(collected) as store:
        write_ftm(store, tmp_path / "a.ftm.json")
    articles = [e for e in map(json.loads, (tmp_path / "a.ftm.json").read_text("utf-8").splitlines())
                if e["schema"] == "Article"]
    page = next(e for e in articles if URL in e["properties"].get("sourceUrl", []))
    assert page["properties"]["retrievedAt"] == ["2021-05-15T10:30:00"]
    assert page["properties"]["notes"][0].startswith("web archive, site.warc.gz, captured 15 May 2021 10:30 UTC")
    forward = next(e for e in articles if "forwarded from Yerevan Desk" in " ".join(e["properties"].get("notes", [])))
    assert f"dossier:provenance=telegram:{CHANNEL_ID}:103" in forward["properties"]["keywords"]

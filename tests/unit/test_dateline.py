"""A dateline at the top of a plain-text article proposes its outlet and date, visibly."""

from __future__ import annotations

from pathlib import Path

from dossier.ingest.dateline import read_dateline
from dossier.ingest.text_reader import read_text


def test_a_wire_dateline_gives_place_outlet_and_day() -> None:
    found = read_dateline("YEREVAN, May 20 (Reuters) - Armenia's acting prime minister said on Thursday")
    assert found is not None
    assert (found.words, found.place, found.outlet, found.month, found.day, found.year) == (
        "YEREVAN, May 20 (Reuters) -", "YEREVAN", "Reuters", 5, 20, None)
    assert found.published is None and "year not given" in found.describe()
    dated = read_dateline("Yerevan, Nov. 10, 2020 -- The battle ended")
    assert dated is not None and dated.published == "2020-11-10" and dated.outlet is None


def test_ordinary_first_lines_are_no_dateline() -> None:
    for line in ("Russian troops from the 102nd Base were dispatched to Syunik.", "May 20 - a list",
                 "YEREVAN, May 40 (Reuters) - no such day", "Yerevan, Feb 30, 2021 - nor this",
                 "The talks, May 20 and after, went nowhere."):
        assert read_dateline(line) is None, line


def test_a_plain_text_article_proposes_its_outlet_and_date_and_says_so() -> None:
    document = read_text("Armenia asks Russia for help\n\nYEREVAN, May 20, 2021 (Reuters) - Armenia asked Russia "
                         "for military help on Thursday.\n")
    assert (document.source, document.published, document.published_precision) == ("Reuters", "2021-05-20", "day")
    assert document.notes == ("outlet and date proposed from its dateline “YEREVAN, May 20, 2021 (Reuters) -”: "
                              "outlet Reuters, published 20 May 2021; change them in Article > Properties",)
    assert document.text.startswith("YEREVAN, May 20, 2021 (Reuters) -")  # the text is never altered


def test_the_import_reports_the_proposal(tmp_path: Path) -> None:
    from dossier.ingest.pipeline import ImportOptions, import_files
    from dossier.store import Database

    article = tmp_path / "wire.txt"
    article.write_text("Armenia asks Russia for help\n\nYEREVAN, May 20 (Reuters) - Armenia asked Russia for help.\n",
                       encoding="utf-8")
    with Database.create(tmp_path / "d.dossier", "d") as store:
        report = None
        for progress in import_files(store, [article], ImportOptions(extract=False)):
            report = progress.report
        assert report is not None
        ((path, note),) = report.notes
        assert path == article and "dateline “YEREVAN, May 20 (Reuters) -”" in note and "year not given" in note
        (stored,) = [store.articles.get(i) for i in store.articles.ids()]
        assert stored.source == "Reuters" and stored.published is None

"""The competing-hypotheses matrix as a user drives it: three hypotheses about the withdrawal
agreement, the claim and its evidence as rows, ratings typed from the keyboard, the ranking
changing as they go, undo, and the matrix in the PDF and the CSV."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from dossier.core.anchoring import find_quote
from dossier.operations import perform
from dossier.operations.annotations import AddEvidence
from dossier.store import Database

HYPOTHESES = ["Azerbaijan never meant to withdraw", "The line on the ground is disputed",
              "The agreement was misreported"]


def _with_evidence(path: Path) -> None:
    with Database.open(path) as store:
        claim = next(a for a in store.annotations.all() if a.kind == "claim")
        sources = {a.source: a.id for a in store.articles.summaries(store.articles.ids()).values()}
        for outlet, quote, relation in (("News.am", "was not carried out in full", "supports"),
                                        ("Eurasianet", "carried out only in part", "supports")):
            found = find_quote(store.articles.get(sources[outlet]).text, quote)
            perform(store, AddEvidence(claim.id, relation, passage=(sources[outlet], found.start, found.end)))


def test_rating_from_the_keyboard_reorders_and_undo_puts_it_back(qtbot, open_window, corpus_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _with_evidence(corpus_path)
    window = open_window(corpus_path)
    window.hypotheses_dock.toggleViewAction().trigger()
    panel = window.workspace.hypotheses
    titles = iter(HYPOTHESES)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(titles), True))
    for _ in HYPOTHESES:
        qtbot.mouseClick(panel.buttons["add"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.buttons["claims"], Qt.MouseButton.LeftButton)
    model = panel.model
    assert model.rowCount() == 3 and model.columnCount() == 4  # the claim and its two passages
    assert [model.headerData(c, Qt.Orientation.Horizontal).split("\n")[0] for c in (1, 2, 3)] == HYPOTHESES
    # Rate the first row across, then the next, from the keyboard.
    panel.table.setFocus()
    panel.table.setCurrentIndex(model.index(0, 1))
    first_row = model.row_order[0]
    for key in (Qt.Key.Key_5, Qt.Key.Key_Right, Qt.Key.Key_2, Qt.Key.Key_Right, Qt.Key.Key_4):
        qtbot.keyClick(panel.table, key)
    data = model.data_
    assert data is not None and len(data.ratings) == 3
    ids = {h.title: h.id for h in data.hypotheses}
    assert data.ratings == {(first_row, ids[HYPOTHESES[0]]): "II", (first_row, ids[HYPOTHESES[1]]): "C",
                                   (first_row, ids[HYPOTHESES[2]]): "I"}
    rated = model.index_of(first_row, ids[HYPOTHESES[1]]).data(Qt.ItemDataRole.ToolTipRole)
    assert rated.split("\n")[1].startswith(f"Rated by {window.workspace.store.author}, ")  # who, and when
    # Rating along the row, the columns stayed put; moving down, they follow the scores.
    assert model.headerData(1, Qt.Orientation.Horizontal).startswith(HYPOTHESES[0])
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert model.cell(panel.table.currentIndex())[1] == ids[HYPOTHESES[2]]  # the same hypothesis, moved
    # II against the first hypothesis, C the second, I the third: the second now leads.
    assert model.headerData(1, Qt.Orientation.Horizontal).startswith("The line on the ground is disputed\n"
                                                                      "inconsistency 0")
    assert panel.ranking_label.text().startswith("Least inconsistent: The line on the ground is disputed (0)")
    assert "The ranking rests on" in panel.sensitivity_label.text()
    window.undo_action.trigger()  # the last rating (I) goes
    assert len(model.data_.ratings) == 2  # type: ignore[union-attr]
    assert panel.ranking_label.text().startswith("Tied, least inconsistent: The line on the ground is disputed (0), "
                                                 "then The agreement was misreported (0)")
    # Delete clears a cell; the weighting toggle shows the weights.
    index = model.index_of(model.row_order[0], model.column_order[-1])
    panel.table.setCurrentIndex(index)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    panel.weighted.setChecked(True)
    assert "×" in model.index(0, 0).data()

    from dossier.export.pdf import PdfOptions, export_pdf

    out = tmp_path / "ach.pdf"
    export_pdf(window.workspace.store, out, PdfOptions())
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Competing hypotheses" in text and "The line on the ground is disputed inconsistency 0" in text
    assert "“the agreement was not implemented in full”" in text and "least inconsistent:" in text.lower()
    csv = tmp_path / "ach.csv"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(csv), ""))
    qtbot.mouseClick(panel.buttons["export"], Qt.MouseButton.LeftButton)
    lines = csv.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("evidence,outlet,published,reliability,credibility,weight,diagnosticity,")
    assert lines[-1].startswith("inconsistency,") and len(lines) == 5


def test_a_selection_becomes_a_highlight_and_a_row_in_one_step(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    window.hypotheses_dock.toggleViewAction().trigger()
    panel = ws.hypotheses
    text = ws.pane.article.text
    start = text.index("Russian troops from the 102nd Base")
    ws.pane.select_range(start, start + len("Russian troops from the 102nd Base"))
    before = len(ws.store.annotations.all())
    qtbot.mouseClick(panel.buttons["selection"], Qt.MouseButton.LeftButton)
    assert len(ws.store.annotations.all()) == before + 1 and panel.model.rowCount() == 1
    window.undo_action.trigger()
    assert len(ws.store.annotations.all()) == before and panel.model.rowCount() == 0


def _ranking_from_label(text: str) -> list[float]:
    import re

    return [float(score) for score in re.findall(r"\((\d+(?:\.\d+)?)\)", text.split(": ", 1)[1])]


def test_the_ranking_line_follows_the_scores_after_each_key_of_a_row(qtbot, open_window, corpus_path: Path,  # type: ignore[no-untyped-def]
                                                                     monkeypatch) -> None:
    _with_evidence(corpus_path)
    window = open_window(corpus_path)
    window.hypotheses_dock.toggleViewAction().trigger()
    panel = window.workspace.hypotheses
    long_titles = ["H1: Azerbaijan's troops were sent to take and hold the heights above Lake Sev for good",
                   "H2: The border was never marked on the ground, so both sides believe they stand at home"]
    titles = iter(long_titles)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(titles), True))
    for _ in long_titles:
        qtbot.mouseClick(panel.buttons["add"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.buttons["claims"], Qt.MouseButton.LeftButton)
    model = panel.model
    panel.table.setFocus()
    panel.table.setCurrentIndex(model.index(0, 1))
    # Along one row: II under the first column, then C under the second, then back to I.
    for key in (Qt.Key.Key_5, Qt.Key.Key_Right, Qt.Key.Key_2, Qt.Key.Key_Left, Qt.Key.Key_4, Qt.Key.Key_Right,
                Qt.Key.Key_5, Qt.Key.Key_Delete):
        qtbot.keyClick(panel.table, key)
        scores = _ranking_from_label(panel.ranking_label.text())
        assert scores == sorted(scores), f"after {key!r}: {panel.ranking_label.text()}"
        leader = panel.ranking_label.text().split(": ", 1)[1]
        best = min(model.scores.values())
        assert any(leader.startswith(f"{h.title} ({best:g})") for h in model.data_.hypotheses)  # type: ignore[union-attr]
    # The headers: the label first, the middle elided, the whole title in the tooltip.
    header = panel.table.horizontalHeader()
    for column in (1, 2):
        panel.table.setColumnWidth(column, 140)
        title = model.headerData(column, Qt.Orientation.Horizontal).split("\n")[0]
        first = header.shown_lines(column)[0]
        assert first.startswith(title[:3]) and "…" in first and first.endswith(title[-2:])
        assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).startswith(title)

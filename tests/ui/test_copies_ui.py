"""Copies of one story in the window: found when an import ends (on the real task runner too),
shown in the article list and in Article Properties, split and marked there with undo, and
counted as origins on the claims board and in the Annotation panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dossier.analysis.corroboration import corroborated
from dossier.store import Database
from dossier.ui.articles.copies import ChooseArticleDialog
from dossier.ui.articles.panel import COPIES_COLUMN
from dossier.ui.articles.properties import ArticlePropertiesDialog
from tests.ui.conftest import answer_next_dialog

DATA = Path(__file__).parents[1] / "data" / "copies"
STORY = ["s1_wire.md", "s1_copy_headline_cut_local.md", "s1_copy_edited_credit_end.md", "s1_independent.md"]


def _import(qtbot, window, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert window.import_paths([DATA / name for name in names])
    qtbot.waitUntil(lambda: not window.importer.running, timeout=60_000)


def _id(store: Database, title_start: str) -> int:
    return next(a.id for a in store.articles.summaries(store.articles.ids()).values() if a.title.startswith(title_start))


def _copies_cell(window, article_id: int) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    model = window.workspace.articles.model
    index = model.index(model.row_of(article_id), 4)
    return model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole)


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "copies.dossier"
    Database.create(path, "Copies").close()
    return path


def test_an_import_finds_copies_and_the_list_shows_them(qtbot, open_window, empty: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ingest import pipeline

    monkeypatch.setattr(pipeline.ImportOptions, "extract", False)  # no language model: copies are what is tested
    window = open_window(empty)
    table = window.workspace.articles.table
    assert table.isColumnHidden(COPIES_COLUMN)  # no copies yet: the titles get its width
    _import(qtbot, window, STORY)
    assert not table.isColumnHidden(COPIES_COLUMN)
    store = window.workspace.store
    wire, copy = _id(store, "Armenia says"), _id(store, "Yerevan accuses")
    assert _copies_cell(window, wire) in (("+2", "Also carried by Caucasus Daily, Syunik Herald"),
                                          ("+2", "Also carried by Syunik Herald, Caucasus Daily"))
    assert window.workspace.articles.captures.isHidden()  # copies from two outlets are not one story captured twice
    words, tip = _copies_cell(window, copy)
    assert words == "copy" and tip.endswith("(Reuters): 86% of its sentences")
    assert _copies_cell(window, _id(store, "Standoff at Sev Lich"))[0] == ""
    assert window.undo_action.text().endswith("Import 4 articles")
    window.undo_action.trigger()  # the copies went in with the import, and go with it
    assert store.articles.count() == 0 and store.copies.groups() == []
    assert table.isColumnHidden(COPIES_COLUMN)


def test_split_and_mark_in_article_properties_with_undo(qtbot, open_window, empty: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ingest import pipeline

    monkeypatch.setattr(pipeline.ImportOptions, "extract", False)
    window = open_window(empty)
    _import(qtbot, window, STORY)
    ws = window.workspace
    store = ws.store
    copy, independent = _id(store, "Yerevan accuses"), _id(store, "Standoff at Sev Lich")
    ws.open_article(copy)
    seen: list[str] = []

    def split(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ArticlePropertiesDialog)
        box = dialog.copies
        seen.append(box.label.text())
        qtbot.mouseClick(box.split_button, Qt.MouseButton.LeftButton)
        seen.append(box.label.text())
        dialog.reject()

    answer_next_dialog(qtbot, split)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)  # Article > Properties…
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[0].startswith("Copy of “Armenia says Azerbaijani troops crossed border") and "86% of its sentences" in seen[0]
    assert seen[1] == "No other article carries its story"
    assert store.copies.group_of(copy) is None and _copies_cell(window, copy)[0] == ""
    assert window.undo_action.text().endswith("Not a copy")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Edit > Undo
    assert store.copies.group_of(copy) is not None and _copies_cell(window, copy)[0] == "copy"

    # Mark the independent report as a copy of the wire: choose it by typing in the chooser.
    ws.open_article(independent)
    marked: list[str] = []

    def choose(chooser) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(chooser, ChooseArticleDialog)
        qtbot.keyClicks(chooser.filter_edit, "armenia says")
        qtbot.keyClick(chooser.list, Qt.Key.Key_Return)

    def mark(dialog) -> None:  # type: ignore[no-untyped-def]
        answer_next_dialog(qtbot, choose)
        qtbot.mouseClick(dialog.copies.mark_button, Qt.MouseButton.LeftButton)
        marked.append(dialog.copies.label.text())
        dialog.reject()

    answer_next_dialog(qtbot, mark)
    window.properties_action.trigger()
    qtbot.waitUntil(lambda: bool(marked))
    assert marked[0].startswith("Copy of “Armenia says")
    group = store.copies.group_of(independent)
    assert group is not None and len(group.members) == 4
    window.undo_action.trigger()
    assert store.copies.group_of(independent) is None
    assert len(store.copies.group_of(copy).members) == 3  # type: ignore[union-attr]


def test_the_board_and_the_annotation_panel_count_origins(qtbot, open_window, empty: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.core.models import Claim
    from dossier.ingest import pipeline
    from dossier.operations.annotations import AddAnnotation, AddEvidence, EditClaim

    monkeypatch.setattr(pipeline.ImportOptions, "extract", False)
    window = open_window(empty)
    _import(qtbot, window, [*STORY, "s3_independent.md"])
    ws = window.workspace
    store = ws.store

    def at(title: str, words: str) -> tuple[int, int, int]:
        article_id = _id(store, title)
        start = store.articles.get(article_id).text.index(words)
        return article_id, start, start + len(words)

    claim_at = at("Standoff at Sev Lich", "Azerbaijani units moved")
    add = AddAnnotation(claim_at[0], "claim", *claim_at[1:])
    ws.session.push(add)
    ws.session.push(EditClaim(add.result, Claim(credibility=1)))
    for where in (at("Armenia says", "Azerbaijani soldiers had crossed"), at("Yerevan accuses", "Azerbaijani soldiers had crossed"),
                  at("Azerbaijani soldiers inside", "the troops had entered"), at("Shelling hits", "Azerbaijani forces had attacked")):
        ws.session.push(AddEvidence(add.result, "supports", passage=where))
    board = ws.claims
    (row,) = corroborated(store.claims.claim_rows([add.result]))
    line = row.corroboration.line
    assert line.startswith("supported by 4 outlets, 2 independent origins (Reuters as repeated by ")
    model = board.model
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    for_cell = model.index(0, columns.index("For"))
    assert model.data(for_cell) == "2 (4 outlets)" and model.data(for_cell, Qt.ItemDataRole.ToolTipRole) == line
    ws.open_annotation(add.result)
    assert ws.editor.corroboration.text() == line[0].upper() + line[1:] + "."
    # Split a copy out: the board follows at once (one more origin).
    from dossier.operations.copies import SplitCopy

    ws.session.push(SplitCopy(_id(store, "Yerevan accuses")))
    assert model.data(model.index(0, columns.index("For"))) == "3 (4 outlets)"
    assert ws.editor.corroboration.text().startswith("Supported by 4 outlets, 3 independent origins")


@pytest.mark.timeout(120)
def test_find_copies_of_stories_runs_on_a_worker_and_is_one_undo_step(qtbot, open_real_window, empty: Path) -> None:  # type: ignore[no-untyped-def]
    """A dossier whose articles came in before Dossier found copies: Article > Find Copies of
    Stories finds them on the app's own task runner."""
    from dossier.ingest.pipeline import ImportOptions, run_import

    with Database.open(empty) as store:  # stored as an older Dossier stored them: no copies found
        run_import(store, [DATA / name for name in STORY] + [DATA / "s4_wire.md", DATA / "s4_copy_trimmed.md"],
                   ImportOptions(extract=False))
    window = open_real_window(empty)
    store = window.workspace.store
    assert store.copies.groups() == []
    window.find_copies_action.trigger()
    qtbot.waitUntil(lambda: len(store.copies.groups()) == 2, timeout=60_000)
    assert window.statusBar().currentMessage().startswith("2 groups of copies of one story (+2)")
    assert _copies_cell(window, _id(store, "First ship lost"))[0] == "copy"
    window.undo_action.trigger()
    assert store.copies.groups() == []
    window.close()

"""The Hits panel and saved searches, driven by keyboard: a list made in the window finds the
articles in every script, S and X mark hits (one undo step each), Enter opens the passage, a saved
search counts what an import brought; the re-screen runs on the real task runner too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from dossier.ingest.document import Document
from dossier.ingest.pipeline import add_document
from dossier.store import Database
from dossier.store.screening import DISMISSED, NEW, SEEN, NameRow
from dossier.ui.main_window import MainWindow
from dossier.ui.screening.panel import HitsPanel

ENGLISH = "Prime Minister Nikol Pashinyan said on Thursday that the border was quiet."
RUSSIAN = "Премьер-министр Никол Пашинян заявил, что граница спокойна."
ARMENIAN = "Վարչապետ Նիկոլ Փաշինյանը հայտարարեց, որ սահմանը հանգիստ է։"
NOBODY = "The weather in Yerevan was warm and the markets were open."


@pytest.fixture
def four_languages(tmp_path: Path) -> Path:
    path = tmp_path / "screen.dossier"
    store = Database.create(path, "Screening")
    for title, text in (("English", ENGLISH), ("Russian", RUSSIAN), ("Armenian", ARMENIAN), ("Nobody", NOBODY)):
        add_document(store, Document(title=title, text=text, source="Test"))
    store.close()
    return path


def _hits_panel(window: MainWindow) -> HitsPanel:
    assert window.workspace is not None
    window.show_dock("hits")
    return window.workspace.hits


def _titles(panel: HitsPanel) -> list[str]:
    return [panel.hits.hit_at(r).title for r in range(panel.hits.rowCount())]


def test_a_typed_russian_name_flags_the_english_russian_and_armenian_articles_and_keys_mark_them(
        qtbot, qtmodeltester, open_window: Callable[[Path], MainWindow], four_languages: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(four_languages)
    assert window.screening.watch("Leaders", [NameRow("Пашинян")], keep_others=True)
    panel = _hits_panel(window)
    assert sorted(_titles(panel)) == ["Armenian", "English", "Russian"]
    assert window.screening.hits_label.text() == "3 new hits ·"
    for model in (panel.groups, panel.hits, panel.searches):
        qtmodeltester.check(model)

    # the name's group, Enter to its hits, Enter opens the passage
    panel.groups_view.setFocus()
    panel.groups_view.setCurrentIndex(panel.groups.index(0, 0))
    qtbot.keyClick(panel.groups_view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is panel.hits_view
    first = panel.hits.hit_at(0)
    qtbot.keyClick(panel.hits_view, Qt.Key.Key_Return)
    assert window.workspace is not None
    assert window.workspace.pane.article is not None and window.workspace.pane.article.id == first.article_id
    assert window.workspace.pane.selected_range() == (first.start, first.end)

    # S marks seen and moves on; X says "not this person"; the status bar follows
    panel.hits_view.setFocus()
    panel.hits_view.setCurrentIndex(panel.hits.index(0, 0))
    qtbot.keyClick(panel.hits_view, Qt.Key.Key_S)
    assert panel.hits.hit_at(0).state == SEEN and panel.hits_view.currentIndex().row() == 1
    qtbot.keyClick(panel.hits_view, Qt.Key.Key_X)
    assert panel.hits.rowCount() == 2  # the dismissed hit leaves the list
    assert window.screening.hits_label.text() == "1 new hit ·"
    store = window.workspace.store
    assert sorted(h.state for h in store.hits.all(states=(NEW, SEEN, DISMISSED))) == [DISMISSED, NEW, SEEN]

    # each mark is one undo step
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.hits.rowCount() == 3 and window.screening.hits_label.text() == "2 new hits ·"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.screening.hits_label.text() == "3 new hits ·"


def test_names_imported_later_are_flagged_and_a_saved_search_counts_them(
        qtbot, open_window: Callable[[Path], MainWindow], four_languages: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(four_languages)
    window.screening.watch("Leaders", [NameRow("Pashinyan")], keep_others=True)
    panel = _hits_panel(window)
    panel.search_edit.setFocus()
    qtbot.keyClicks(panel.search_edit, "border")
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert panel.searches.rowCount() == 1
    counted = panel.searches.count_at(0)
    assert (counted.search.query, counted.results, counted.new) == ("border", 1, 0)

    later = tmp_path / "later.txt"
    later.write_text("Paşinyan sərhədə getdi\n\nBaş nazir Paşinyanın border səfəri.\n", encoding="utf-8")
    assert window.import_paths([later])
    qtbot.waitUntil(lambda: "Paşinyan sərhədə getdi" in _titles(panel), timeout=30_000)
    assert window.screening.hits_label.text() == "4 new hits ·"
    counted = panel.searches.count_at(0)
    assert (counted.results, counted.new) == (2, 1)

    # Enter runs the saved search in the Search panel and its results are seen
    panel.searches_view.setFocus()
    panel.searches_view.setCurrentIndex(panel.searches.index(0, 0))
    qtbot.keyClick(panel.searches_view, Qt.Key.Key_Return)
    assert window.workspace is not None and window.workspace.search.query_edit.text() == "border"
    assert panel.searches.count_at(0).new == 0
    qtbot.keyClick(panel.searches_view, Qt.Key.Key_Delete)
    assert panel.searches.rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.searches.rowCount() == 1


def test_a_csv_list_and_the_chosen_entity_are_watched(
        qtbot, open_window: Callable[[Path], MainWindow], four_languages: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Database.open(four_languages)
    entity = store.entities.add("Nikol Pashinyan", "person", aliases=["Пашинян"])
    store.close()
    window = open_window(four_languages)
    listed = tmp_path / "places.csv"
    listed.write_text("name,kind,aliases,note\nYerevan,place,Ереван|Երևան,capital\n", encoding="utf-8")
    assert window.screening.import_list(listed)
    panel = _hits_panel(window)
    assert _titles(panel) == ["Nobody"]
    broken = tmp_path / "broken.csv"
    broken.write_text("who\nnobody\n", encoding="utf-8")
    assert not window.screening.import_list(broken)
    assert "no “name” column" in window.statusBar().currentMessage()
    assert window.workspace is not None
    assert not window.screening.watch_entity()  # none chosen yet
    window.workspace.entities.select_entity(entity)
    panel.groups_view.setCurrentIndex(panel.groups.index(0, 0))  # the list chosen in the panel takes it
    assert window.screening.watch_entity()
    names = {(g.list_name, g.name): g.hits for g in window.workspace.store.watchlists.groups()}
    assert names == {("places", "Yerevan"): 1, ("places", "Nikol Pashinyan"): 3}


@pytest.mark.timeout(60)
def test_the_rescreen_runs_on_the_real_task_runner(
        qtbot, open_real_window: Callable[[Path], MainWindow], four_languages: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_real_window(four_languages)
    try:
        assert window.screening.watch("Leaders", [NameRow("Пашинян")], keep_others=True)
        qtbot.waitUntil(lambda: window.screening.hits_label.text() == "3 new hits ·", timeout=30_000)
        panel = _hits_panel(window)
        assert sorted(_titles(panel)) == ["Armenian", "English", "Russian"]
    finally:
        window.close()


def test_names_typed_in_the_dialog_by_keyboard_are_watched(
        qtbot, open_window: Callable[[Path], MainWindow], four_languages: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import answer_next_dialog

    window = open_window(four_languages)

    focus: list[QWidget | None] = []

    def type_names(dialog: QWidget) -> None:
        edit = dialog.names_edit  # type: ignore[attr-defined]
        focus.append(dialog.focusWidget())
        qtbot.keyClicks(edit, "Pashinyan | Nikol Pashinyan")  # QTest types ASCII only
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClicks(edit, "Yerevan")
        qtbot.keyClick(edit, Qt.Key.Key_Tab)  # out of the names, to the kind
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # the default button: OK
        if dialog.isVisible():  # a failing test must not leave the dialog blocking the run
            dialog.reject()  # type: ignore[attr-defined]

    seen = answer_next_dialog(qtbot, type_names)
    window.new_watchlist_action.trigger()
    assert seen and focus == [seen[0].names_edit]  # type: ignore[attr-defined]
    assert window.workspace is not None
    groups = {(g.list_name, g.name): g.hits for g in window.workspace.store.watchlists.groups()}
    assert groups == {("Watchlist", "Pashinyan"): 3, ("Watchlist", "Yerevan"): 1}
    assert window.docks["hits"].isVisible()


def test_the_search_panel_says_its_operators_and_runs_them(
        qtbot, open_window: Callable[[Path], MainWindow], four_languages: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(four_languages)
    assert window.workspace is not None
    window.show_dock("search")
    panel = window.workspace.search
    assert "NEAR/5" in panel.syntax_label.text() and "outlet:Reuters" in panel.syntax_label.toolTip()
    panel.query_edit.setFocus()
    qtbot.keyClicks(panel.query_edit, '"Prime Minister" OR lang:hy')  # lang: stands beside the rest: a word here
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.query_edit, "Prime NEAR/0 Nikol")  # a word stands between them
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0 and "No articles" in panel.count_label.text(), timeout=10_000)
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.query_edit, "Prime NEAR/1 Nikol outlet:Test")
    qtbot.waitUntil(lambda: panel.count_label.text() == "1 article matches", timeout=10_000)
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert window.workspace.pane.article is not None and window.workspace.pane.article.title == "English"

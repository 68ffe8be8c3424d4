"""The entity sidebar driven as a user: filter, jump to mentions, rename, merge, delete, add."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from dossier.store import Database
from dossier.ui.entities.dialogs import EntityPickerDialog, NewEntityDialog
from dossier.ui.entities.models import ENTITY_ID_ROLE, KIND_ROLE, EntityListModel, MentionListModel
from tests.ui.conftest import answer_next_dialog


def names_shown(model: EntityListModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount()) if model.index(r, 0).data(ENTITY_ID_ROLE)]


def rows(model: EntityListModel) -> list[tuple[str, int]]:
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def test_entities_are_grouped_by_kind_with_counts(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    sidebar = open_window(three_articles).workspace.entities
    model = sidebar.model
    # A group row says how many entities it holds; its Mentions cell stays empty (it counts
    # mentions, not entities); a kind with no entity has no row at all.
    assert rows(model) == [
        ("▾ People (1)", None), ("Pashinyan", 1),
        ("▾ Places (4)", None), ("Karabakh", 1), ("Nagorno-Karabakh", 1), ("Russia", 2), ("Syunik", 1),
        ("▾ Military units (1)", None), ("102nd Base", 1),
    ]
    places = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "▾ Places (4)")
    rect = sidebar.tree.visualRect(model.index(places, 0))
    qtbot.mouseClick(sidebar.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # fold
    assert ("▸ Places (4)", None) in rows(model) and "Syunik" not in names_shown(model)
    assert model.index(places, 0).data(KIND_ROLE) == "place"
    sidebar.select_entity(next(r.id for r in sidebar._store.entities.rows() if r.name == "Syunik"))
    assert "Syunik" in names_shown(model)  # selecting unfolds


def test_the_filter_narrows_as_you_type_and_matches_aliases(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    sidebar = open_window(three_articles).workspace.entities
    qtbot.keyClicks(sidebar.filter_edit, "kara")
    qtbot.waitUntil(lambda: sidebar.model.visible_count() == 2)
    assert names_shown(sidebar.model) == ["Karabakh", "Nagorno-Karabakh"]
    assert rows(sidebar.model) == [("▾ Places (2)", None), ("Karabakh", 1), ("Nagorno-Karabakh", 1)]
    sidebar.filter_edit.clear()
    qtbot.keyClicks(sidebar.filter_edit, "RUSSIAN")  # an alias of Russia
    qtbot.waitUntil(lambda: sidebar.model.visible_count() == 1)
    assert names_shown(sidebar.model) == ["Russia"]


def _select(qtbot, sidebar, name: str) -> None:  # type: ignore[no-untyped-def]
    (entity_id,) = [r.id for r in sidebar._store.entities.rows() if r.name == name]
    sidebar.select_entity(entity_id)
    index = sidebar.tree.currentIndex()
    rect = sidebar.tree.visualRect(index)
    qtbot.mouseClick(sidebar.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sidebar.current_entity_id() == entity_id


def test_choosing_a_mention_opens_its_article_with_it_selected(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    ws = window.workspace
    _select(qtbot, ws.entities, "Russia")
    assert ws.entities.mentions_model.rowCount() == 2 and ws.entities.articles_model.rowCount() == 2
    rect = ws.entities.mentions_view.visualRect(ws.entities.mentions_model.index(1, 0))
    qtbot.mouseClick(ws.entities.mentions_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ws.pane.headline.text() == "Ceasefire ends the war"
    assert ws.pane.selected_text() == "Russian"
    ws.entities.mentions_view.setFocus()
    qtbot.keyClick(ws.entities.mentions_view, Qt.Key.Key_F8)  # next mention, wrapping
    assert ws.pane.headline.text() == "Russian troops sent to Syunik" and ws.pane.selected_text() == "Russian"


def test_merge_two_entities_through_the_dialog(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    sidebar = window.workspace.entities

    _select(qtbot, sidebar, "Karabakh")

    def pick(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, EntityPickerDialog)
        qtbot.keyClicks(dialog.filter_edit, "nagorno")
        assert dialog.list_model.rowCount() == 1
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)

    answer_next_dialog(qtbot, pick)
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert "Karabakh" not in names_shown(sidebar.model)
    merged = sidebar._store.entities.get(sidebar.current_entity_id())
    assert merged.name == "Nagorno-Karabakh" and "Karabakh" in merged.aliases
    assert sidebar.model.index(sidebar.tree.currentIndex().row(), 1).data() == 2


def test_rename_and_delete(qtbot, open_window, three_articles: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    ws = window.workspace
    sidebar = ws.entities
    _select(qtbot, sidebar, "Pashinyan")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Nikol Pashinyan", True))
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_F2)
    assert "Nikol Pashinyan" in names_shown(sidebar.model)
    assert sidebar._store.entities.get(sidebar.current_entity_id()).aliases == ("Pashinyan",)

    _select(qtbot, sidebar, "Syunik")
    marks_before = len(ws.pane.text_view.extraSelections())
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_Delete)
    assert "Syunik" not in names_shown(sidebar.model)
    assert sidebar._store.entities.is_rejected_name("Syunik")
    assert len(ws.pane.text_view.extraSelections()) == marks_before - 1  # the pane redrew its marks


def test_remove_a_single_mention(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    sidebar = window.workspace.entities
    _select(qtbot, sidebar, "Russia")
    sidebar.mentions_view.setCurrentIndex(sidebar.mentions_model.index(0, 0))
    sidebar.remove_mention_action.trigger()
    assert sidebar.mentions_model.rowCount() == 1
    assert sidebar.current_entity_id() is not None


def test_add_an_entity_from_a_selection(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    ws = window.workspace
    view = ws.pane.text_view
    view.setFocus()
    # Select "Azerbaijani" in the third article with the keyboard.
    ws.open_article(next(r for r in ws.store.articles.ids() if ws.store.articles.get(r).title == "Border guards killed"))
    text = ws.pane.article.text
    cursor = view.textCursor()
    cursor.setPosition(text.index("Azerbaijani"))
    view.setTextCursor(cursor)
    for _ in "Azerbaijani":
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert ws.pane.selected_text() == "Azerbaijani"

    def name_it(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, NewEntityDialog)
        assert dialog.name_edit.text() == "Azerbaijani"
        dialog.name_edit.setText("Azerbaijan")
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("place"))
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    answer_next_dialog(qtbot, name_it)
    qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert ws.entities.model.entity(ws.entities.current_entity_id()).name == "Azerbaijan"
    assert [s.cursor.selectedText() for s in view.extraSelections()] == ["Azerbaijani"]


def test_models_pass_the_model_tester(qtmodeltester, sample_path: Path, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.articles.model import ArticleListModel
    from dossier.ui.search.panel import SearchResultsModel

    with Database.open(three_articles) as store:
        tree = EntityListModel(store)
        qtmodeltester.check(tree)
        tree.set_filter("a")
        tree.toggle_group("place")
        qtmodeltester.check(tree)
        mentions = MentionListModel(store)
        mentions.show_entity(store.entities.rows()[0].id)
        qtmodeltester.check(mentions)
        articles = ArticleListModel(store)
        qtmodeltester.check(articles)
        articles.sort(0, Qt.SortOrder.AscendingOrder)
        qtmodeltester.check(articles)
        results = SearchResultsModel()
        results.set_hits(store.search.articles("border"))
        qtmodeltester.check(results)
        first = store.entities.rows()[0].id
        tree.toggle_group("place")
        assert tree.index(tree.row_of(first), 0).data(ENTITY_ID_ROLE) == first


def test_change_kind_from_the_context_menu(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    sidebar = open_window(three_articles).workspace.entities
    _select(qtbot, sidebar, "102nd Base")
    (to_org,) = [a for a in sidebar.kind_menu.actions() if a.text() == "Organisations"]
    to_org.trigger()
    assert sidebar._store.entities.get(sidebar.current_entity_id()).kind == "organisation"
    assert ("▾ Organisations (1)", None) in rows(sidebar.model)


def test_entity_edits_undo_and_redo_exactly(qtbot, open_window, three_articles: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    ws = window.workspace
    sidebar, store = ws.entities, ws.store

    def everything() -> tuple[object, ...]:  # every row an entity edit can touch, ids and counts included
        tables = ("entities", "aliases", "mentions", "event_entities", "rejected_names", "rejected_mentions")
        return tuple(sorted(store._conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables)

    start = everything()
    _select(qtbot, sidebar, "Pashinyan")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Nikol Pashinyan", True))
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_F2)
    _select(qtbot, sidebar, "Karabakh")
    answer_next_dialog(qtbot, lambda d: (qtbot.keyClicks(d.filter_edit, "nagorno"),
                                         qtbot.keyClick(d.filter_edit, Qt.Key.Key_Return)))
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    window.activateWindow()  # the offscreen platform doesn't give it back after a dialog
    qtbot.waitUntil(window.isActiveWindow)
    _select(qtbot, sidebar, "Syunik")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_Delete)
    _select(qtbot, sidebar, "Russia")
    sidebar.mentions_view.setCurrentIndex(sidebar.mentions_model.index(0, 0))
    sidebar.remove_mention_action.trigger()
    ws.open_article(next(i for i in store.articles.ids() if store.articles.get(i).title == "Border guards killed"))
    text = ws.pane.article.text
    ws.pane.select_range(text.index("Azerbaijani"), text.index("Azerbaijani") + 11)
    ws.add_entity_from_selection("Azerbaijan", "place")
    edited = everything()
    texts = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert texts == ["Rename entity", "Merge entities", "Delete entity", "Remove mention", "Add entity"], texts
    assert edited != start

    for _ in range(5):
        window.undo_action.trigger()
    assert everything() == start
    assert "Syunik" in names_shown(sidebar.model) and "Azerbaijan" not in names_shown(sidebar.model)
    for _ in range(5):
        window.redo_action.trigger()
    assert everything() == edited


def test_one_organisation_written_both_ways_round_is_proposed_as_one(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ingest.pipeline import ImportOptions, run_import
    from dossier.store import Database

    (tmp_path / "a.txt").write_text("Border\n\nArmenia's Defence Ministry said troops had crossed into Syunik. "
                                    "The Defence Ministry later added details.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Denial\n\nThe Azerbaijani Ministry of Defence denied that its units had "
                                    "crossed the border.\n", encoding="utf-8")
    with Database.create(tmp_path / "t.dossier", "t") as store:
        run_import(store, [tmp_path / "a.txt", tmp_path / "b.txt"], ImportOptions(published=("2021-05-14", "day")))
    window = open_window(tmp_path / "t.dossier")
    sidebar = window.workspace.entities
    assert sidebar.proposal_bar.isVisible()
    assert sidebar.proposal_label.text() == "“Defence Ministry” and “Ministry of Defence” look like one organisation."
    qtbot.mouseClick(sidebar.merge_proposal_button, Qt.MouseButton.LeftButton)
    rows = {r.name: r for r in window.workspace.store.entities.rows() if r.kind == "organisation"}
    assert "Ministry of Defence" not in rows and rows["Defence Ministry"].mentions == 3
    assert "Ministry of Defence" in rows["Defence Ministry"].aliases  # both names kept
    assert not sidebar.proposal_bar.isVisible()
    window.undo_action.trigger()
    assert sidebar.proposal_bar.isVisible()
    qtbot.mouseClick(sidebar.skip_proposal_button, Qt.MouseButton.LeftButton)  # not now
    assert not sidebar.proposal_bar.isVisible()
    assert {"Defence Ministry", "Ministry of Defence"} <= {r.name for r in window.workspace.store.entities.rows()}

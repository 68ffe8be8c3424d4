"""The main window driven as a user drives it: open, pick, find, search, copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from dossier.core.models import NewArticle
from dossier.store import Database
from tests.ui.conftest import ARTICLES, SyncTaskRunner, answer_next_dialog


def click_row(qtbot, view, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_sample_opens_with_its_article_shown(open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    assert window.windowTitle() == "sample.dossier — Dossier"
    assert ws.articles.model.rowCount() == 1
    assert ws.pane.headline.text().startswith("Russian Forces Dispatched To Armenia’s Border")
    assert ws.pane.provenance.text() == "SouthFront · 14 May 2021"
    assert ws.pane.text_view.toPlainText() == ws.store.articles.get(1).text
    entities = ws.store.summary_counts()["entities"]
    assert entities >= 10 and window.status.text() == f"1 article · {entities} entities · 2 annotations"
    # The two annotations are drawn over the text, exactly on their passages; mentions underlined.
    selections = ws.pane.text_view.extraSelections()
    highlighted = {s.cursor.selectedText() for s in selections if s.format.background().style() != Qt.BrushStyle.NoBrush}
    underlined = {s.cursor.selectedText() for s in selections if s.format.fontUnderline()
                  or s.format.underlineStyle() != s.format.underlineStyle().NoUnderline}
    assert highlighted == {"the agreement was not implemented in full", "request assassinate"}
    assert {"Syunik", "Nikol Pashinyan", "Pashinyan", "102nd Base", "Reuters"} <= underlined


def test_picking_an_article_in_the_list_shows_it(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    ws = window.workspace
    titles = [ws.articles.model.index(r, 0).data() for r in range(3)]
    assert titles == ["Russian troops sent to Syunik", "Border guards killed", "Ceasefire ends the war"]  # newest first
    assert ws.pane.headline.text() == "Russian troops sent to Syunik"
    click_row(qtbot, ws.articles.table, 2)
    assert ws.pane.headline.text() == "Ceasefire ends the war"
    assert ws.pane.provenance.text() == "Reuters · 10 November 2020"
    qtbot.keyClick(ws.articles.table, Qt.Key.Key_Up)
    assert ws.pane.headline.text() == "Border guards killed"


def test_the_article_list_filters_and_sorts(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    panel = window.workspace.articles
    qtbot.keyClicks(panel.filter_edit, "reuters")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.index(0, 0).data() == "Ceasefire ends the war"
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.from_edit, "2021")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    qtbot.keyClicks(panel.to_edit, "2021-04")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.index(0, 0).data() == "Border guards killed"
    panel.from_edit.clear()
    panel.to_edit.clear()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    header = panel.table.horizontalHeader()
    title_header = QPoint(header.sectionViewportPosition(0) + header.sectionSize(0) // 2, header.height() // 2)
    titles = sorted(t for t, *_ in ARTICLES)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title_header)
    first = [panel.model.index(r, 0).data() for r in range(3)]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title_header)
    second = [panel.model.index(r, 0).data() for r in range(3)]
    assert sorted([first, second]) == sorted([titles, titles[::-1]])  # one click each way
    assert panel.current_article_id() == window.workspace.pane.article.id  # the open article stays selected


def test_find_selects_as_you_type_and_esc_keeps_the_match(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    pane = window.workspace.pane
    pane.text_view.setFocus()
    qtbot.keyClick(pane.text_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible() and pane.find_bar.edit.hasFocus()
    qtbot.keyClicks(pane.find_bar.edit, "syunik")
    text = pane.article.text
    first = text.index("Syunik")
    assert pane.selected_range() == (first, first + 6)
    qtbot.keyClick(pane.find_bar.edit, Qt.Key.Key_Return)
    second = text.index("Syunik", first + 1)
    assert pane.selected_range() == (second, second + 6)
    qtbot.keyClick(pane.find_bar.edit, Qt.Key.Key_Return)  # wraps around
    assert pane.selected_range() == (first, first + 6)
    qtbot.keyClick(pane.find_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # back, wrapping
    assert pane.selected_range() == (second, second + 6)
    qtbot.keyClick(pane.find_bar.edit, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible()
    assert pane.text_view.hasFocus()
    assert pane.selected_text() == "Syunik"


def test_find_says_when_nothing_matches(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    pane = window.workspace.pane
    pane.open_find_bar()
    qtbot.keyClicks(pane.find_bar.edit, "Kelbajar")
    assert pane.find_bar.status.text() == "No match"


def test_whole_dossier_search_opens_the_article_with_the_match_selected(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    ws = window.workspace
    qtbot.keyClick(ws.pane.text_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ws.search.query_edit.hasFocus()
    qtbot.keyClicks(ws.search.query_edit, "ceasefire")
    qtbot.keyClick(ws.search.query_edit, Qt.Key.Key_Return)
    assert ws.search.count_label.text() == "1 article matches"
    assert ws.pane.headline.text() == "Ceasefire ends the war"
    assert ws.pane.selected_text() == "ceasefire"
    assert ws.articles.current_article_id() == ws.pane.article.id


def test_search_with_hostile_text_shows_no_error(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    search = window.workspace.search
    qtbot.keyClicks(search.query_edit, 'NEAR( "border AND -')
    search.run_search()
    assert search.model.rowCount() == 0 and search.count_label.text() == "No articles match"
    search.query_edit.clear()
    qtbot.keyClicks(search.query_edit, '-border"(')
    search.run_search()
    assert search.model.rowCount() == 1 and search.count_label.text() == "1 article matches"


def test_copy_and_copy_with_citation(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    pane = window.workspace.pane
    text = pane.article.text
    start = text.index("the agreement was not implemented in full")
    pane.select_range(start, start + 41)
    qtbot.keyClick(pane.text_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "the agreement was not implemented in full"
    qtbot.keyClick(pane.text_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == (
        "“the agreement was not implemented in full”\n— Russian Forces Dispatched To Armenia’s Border "
        "Following Breach By Azerbaijani Special Forces, SouthFront, 14 May 2021")


def test_markup_in_an_article_is_shown_as_text_and_loads_nothing(open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = '<b>bold</b> &amp; <img src="file:///etc/passwd"> <a href="https://example.org">link</a>'
    path = tmp_path / "markup.dossier"
    with Database.create(path, "Markup") as store:
        store.articles.add(NewArticle(title="<i>Not italic</i> &lt;", text=hostile, source="<script>x</script>"))
    window = open_window(path)
    pane = window.workspace.pane
    assert pane.text_view.toPlainText() == hostile
    assert pane.headline.text() == "<i>Not italic</i> &lt;" and pane.headline.textFormat() == Qt.TextFormat.PlainText
    assert pane.provenance.textFormat() == Qt.TextFormat.PlainText
    document = pane.text_view.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat() and not fmt.isAnchor() and not fmt.fontWeight() > 400
            it += 1
        block = block.next()
    assert document.blocked_resources == []  # showing the article asked for no resource at all
    assert document.resource(2, "file:///etc/passwd") is None  # and none would be loaded if asked
    assert document.blocked_resources == ["file:///etc/passwd"]


def test_a_passage_after_emoji_is_highlighted_exactly(open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "🇦🇲 Armenia’s e\u0301lite 👩‍👩‍👧 forces: the agreement was not implemented in full."
    path = tmp_path / "emoji.dossier"
    with Database.create(path, "Emoji") as store:
        aid = store.articles.add(NewArticle("Emoji", text))
        start = text.index("the agreement")
        store.annotations.add(aid, "highlight", start, start + 13)
    window = open_window(path)
    pane = window.workspace.pane
    (drawn,) = pane.text_view.extraSelections()
    assert drawn.cursor.selectedText() == "the agreement"
    pane.select_range(start, start + 13)
    assert pane.selected_range() == (start, start + 13) and pane.selected_text() == "the agreement"


def test_a_garbage_file_gets_a_dialog_and_stays_unchanged(qtbot, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.main_window import MainWindow

    path = tmp_path / "garbage.dossier"
    path.write_bytes(b"\x00\x01 this is not a database" * 100)
    before = path.read_bytes()
    window = MainWindow(settings, SyncTaskRunner())
    qtbot.addWidget(window)
    messages: list[str] = []

    def respond(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, QMessageBox)
        messages.append(dialog.windowTitle() + ": " + dialog.text())
        dialog.accept()

    answer_next_dialog(qtbot, respond)
    assert window.open_dossier(path) is False
    assert messages and messages[0].startswith("Not a Dossier:") and "not an SQLite file" in messages[0]
    assert path.read_bytes() == before
    assert window.workspace is None and window.windowTitle() == "Dossier"


def test_a_dossier_open_elsewhere_gets_a_dialog(qtbot, settings, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.main_window import MainWindow

    holder = Database.open(sample_path)
    try:
        window = MainWindow(settings, SyncTaskRunner())
        qtbot.addWidget(window)
        seen: list[str] = []
        answer_next_dialog(qtbot, lambda d: (seen.append(d.windowTitle()), d.accept()))
        assert window.open_dossier(sample_path) is False
        assert seen == ["Dossier Already Open"]
    finally:
        holder.close()


def test_window_state_and_recent_files_are_remembered(qtbot, settings, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui import settings as keys
    from dossier.ui.main_window import MainWindow

    window = MainWindow(settings, SyncTaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert window.open_dossier(sample_path)
    window.entities_dock.hide()
    window.close()
    assert settings.get(keys.LAST_DOSSIER) == str(sample_path.resolve())
    assert settings.get(keys.RECENT_DOSSIERS) == [str(sample_path.resolve())]
    again = MainWindow(settings, SyncTaskRunner())
    qtbot.addWidget(again)
    again.show()
    assert not again.entities_dock.isVisible() and again.articles_dock.isVisible()
    assert not (sample_path.parent / "sample.dossier.lock").exists()  # closing the window closed the dossier


def test_close_and_reopen_from_the_recent_menu(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    window.close_action.trigger()
    assert window.workspace is None and not window.find_action.isEnabled()
    window._fill_recent_menu()
    (entry,) = window.recent_menu.actions()
    assert entry.text() == "sample.dossier"
    entry.trigger()
    assert window.workspace is not None and window.workspace.store.path.resolve() == sample_path.resolve()


def test_entity_highlighting_can_be_switched_off(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(three_articles)
    pane = window.workspace.pane
    assert len(pane.text_view.extraSelections()) == 4  # the first article's four mentions
    window.mentions_action.trigger()
    assert pane.text_view.extraSelections() == []
    window.mentions_action.trigger()
    assert len(pane.text_view.extraSelections()) == 4


def test_save_a_copy_and_restore_from_backup(qtbot, open_window, sample_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from dossier.store.backups import make_backup

    window = open_window(sample_path)
    copy = tmp_path / "copy.dossier"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    window.save_copy_action.trigger()
    with Database.open(copy) as store:
        assert store.counts()["annotations"] == 2

    make_backup(sample_path)
    window.workspace.store.annotations.add(1, "highlight", 0, 6)  # made after the backup
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a: (items[0], True))
    window.restore_action.trigger()
    assert window.workspace is not None
    assert window.workspace.store.counts()["annotations"] == 2  # back to the backup
    kept = list(sample_path.parent.glob("sample.dossier.before-restore-*"))
    assert len(kept) == 1  # the replaced file is kept, never deleted


def test_a_damaged_dossier_is_shown_checked_then_closed_unchanged_with_its_backup_offered(
        qtbot, settings, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window shows a dossier at once and checks it on a worker; a damaged one (here an
    index page) is closed before anything is written, and its newest good backup is offered."""
    from dossier.store.backups import make_backup
    from dossier.ui.main_window import MainWindow
    from tests.unit.test_hostile import damage, digest

    good = make_backup(sample_path)
    damage(sample_path)
    before = digest(sample_path)
    window = MainWindow(settings, SyncTaskRunner())
    qtbot.addWidget(window)
    seen: list[str] = []

    def respond(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.windowTitle() + ": " + dialog.text())
        dialog.reject()  # not now

    answer_next_dialog(qtbot, respond)
    window.open_dossier(sample_path)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith("Dossier Damaged:") and str(good) in seen[0]
    assert window.workspace is None and digest(sample_path) == before
    assert not sample_path.with_name("sample.dossier.lock").exists()

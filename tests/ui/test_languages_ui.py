"""Sources in their own languages, as the user meets them: the language column and its filter,
the language changed in Article Properties, search in Cyrillic, Armenian and Arabic script, and
right-to-left paragraphs laid out right to left in the pane and in the PDF."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from dossier.core.citation import provenance_for_display
from dossier.store import Database
from dossier.ui.articles.properties import ArticlePropertiesDialog
from tests.ui.conftest import answer_next_dialog


def type_with_input_method(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Text as a keyboard layout or input method for the script commits it (QTest's key clicks
    know only the keys of a Latin keyboard)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _ids(path: Path) -> dict[str, int]:
    with Database.open_readonly(path) as store:
        return {store.articles.get(i).language: i for i in store.articles.ids()}


def test_the_list_shows_each_language_and_filters_by_it(qtbot, open_window, languages_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(languages_path)
    panel = window.workspace.articles
    model = panel.model
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Lang."
    shown = {model.index(r, 3).data() for r in range(model.rowCount())}
    assert shown == {"en", "ru", "hy", "az", "fa", "ar"}
    row = next(r for r in range(model.rowCount()) if model.index(r, 3).data() == "hy")
    assert model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole) == "Armenian"
    choices = [panel.language_box.itemText(i) for i in range(panel.language_box.count())]
    assert choices[0] == "All languages" and "Armenian (1)" in choices and "English (1)" in choices
    panel.language_box.setFocus()
    while panel.language_box.currentText() != "Armenian (1)":  # as a user steps through the box
        qtbot.keyClick(panel.language_box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 0).data() == "Լարվածություն Սյունիքում"
    qtbot.keyClick(panel.language_box, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: model.rowCount() == 6)


def test_a_language_set_right_in_properties_finds_the_dates_and_undo_takes_them_back(qtbot, open_window, languages_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(languages_path)
    ws = window.workspace
    russian = _ids(languages_path)["ru"]
    ws.open_article(russian)
    before = sorted(e.date_text for e in ws.store.events.all(russian))
    assert "вчера" in before
    seen: list[str] = []

    def choose(code: str):  # type: ignore[no-untyped-def]
        def respond(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, ArticlePropertiesDialog)
            seen.append(dialog.language_box.currentText())
            dialog.language_box.setCurrentIndex(dialog.language_box.findData(code))
            dialog.accept()
        return respond

    answer_next_dialog(qtbot, choose("uk"))
    window.properties_action.trigger()
    assert seen == ["Russian (ru)"]
    assert ws.store.articles.get(russian).language == "uk" and ws.store.events.all(russian) == []
    assert ws.store.pending_extraction() == []  # names read again in the new language, on the task runner
    assert window.workspace.articles.model.index(
        window.workspace.articles.model.row_of(russian), 3).data() == "uk"
    window.undo_action.trigger()
    assert ws.store.articles.get(russian).language == "ru"
    assert sorted(e.date_text for e in ws.store.events.all(russian)) == before


def test_search_finds_cyrillic_armenian_and_arabic_words(qtbot, open_window, languages_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(languages_path)
    ws = window.workspace
    ids = _ids(languages_path)
    window.search_action.trigger()
    search = ws.search
    for word, language in (("Пашинян", "ru"), ("Սյունիքի", "hy"), ("سيونيك", "ar"), ("ارمنستان", "fa")):
        search.query_edit.clear()
        type_with_input_method(search.query_edit, word)
        qtbot.waitUntil(lambda: search.model.rowCount() >= 1, timeout=5000)
        qtbot.keyClick(search.query_edit, Qt.Key.Key_Return)
        assert ws.pane.article is not None and ws.pane.article.id == ids[language], word


def test_a_right_to_left_paragraph_is_laid_out_right_to_left_in_the_pane(qtbot, open_window, languages_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(languages_path)
    ws = window.workspace
    ws.open_article(_ids(languages_path)["ar"])
    view = ws.pane.text_view
    block = view.document().firstBlock()
    assert block.text().startswith("يريفان")
    assert block.layout().textOption().textDirection() == Qt.LayoutDirection.RightToLeft or \
        block.textDirection() == Qt.LayoutDirection.RightToLeft
    first, last = QTextCursor(block), QTextCursor(block)
    first.setPosition(block.position())
    last.setPosition(block.position() + len("يريفان، 14 مايو."))
    # The first words of the paragraph sit at the right edge, the next ones to their left.
    assert view.cursorRect(first).x() > view.viewport().width() * 0.8
    assert view.cursorRect(last).x() < view.cursorRect(first).x()
    # The outlet's name is Arabic, the line about it reads left to right like the rest of the app.
    assert ws.pane.provenance.text() == provenance_for_display(ws.pane.article)
    assert ws.pane.provenance.text() == "\u200e\u2068وكالة الأنباء\u2069 · 14 May 2021"


def test_a_right_to_left_paragraph_is_laid_out_right_to_left_in_the_pdf(qapp, languages_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.export.pdf import PdfOptions, export_pdf

    ids = _ids(languages_path)
    out = tmp_path / "languages.pdf"
    with Database.open_readonly(languages_path) as store:
        export_pdf(store, out, PdfOptions(article_ids=[ids["ru"], ids["hy"], ids["ar"]]))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    plain = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch not in "\u202a\u202b\u202c\u202d\u202e")
    for word in ("Пашинян", "Սյունիքի", "سيونيك"):
        assert unicodedata.normalize("NFKC", word) in plain, word
    # Where the glyphs of each line are: an Arabic line ends at the right margin and, short,
    # starts far from the left one; a Russian line starts at the left margin.
    boxes = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(out), "-"], capture_output=True,
                           text=True, check=True).stdout
    lines: dict[tuple[int, float], list[tuple[float, float, str]]] = {}
    page = 0
    for line in boxes.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line)
        if found:
            lines.setdefault((page, round(float(found.group(2)))), []).append(
                (float(found.group(1)), float(found.group(3)), found.group(4)))

    from pypdf import PdfReader

    reader = PdfReader(str(out))
    with Database.open_readonly(languages_path) as store:  # the pages of the articles themselves
        page_of = {code: 1 + reader.get_destination_page_number(next(
            o for o in reader.outline if o.title == store.articles.get(ids[code]).title)) for code in ("ru", "ar")}

    def line_with(letters: str, code: str) -> list[tuple[float, float, str]]:
        wanted = unicodedata.normalize("NFKC", letters)
        return next(words for (on_page, _y), words in lines.items() if on_page == page_of[code] and (
            wanted in unicodedata.normalize("NFKC", "".join(w for _a, _b, w in sorted(words, reverse=True)))
            or wanted in "".join(w for _a, _b, w in words)))

    last_arabic = line_with("نوفمبر", "ar")
    russian = line_with("ЕРЕВАН", "ru")
    left = min(x0 for x0, _x1, _w in russian)
    right = max(x1 for words in lines.values() for _x0, x1, _w in words)
    assert max(x1 for _x0, x1, _w in last_arabic) > right - 4
    assert min(x0 for x0, _x1, _w in last_arabic) > left + 60


def test_articles_stored_before_detection_get_their_language_once_on_the_real_task_runner(qtbot, open_real_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A dossier from an earlier Dossier: its articles have no language. Opened, a worker detects
    them (and finds the dates of those it reads in their language); opened again, nothing is redone."""
    from dossier.core.models import NewArticle
    from dossier.operations.articles import LANGUAGES_DETECTED

    path = tmp_path / "older.dossier"
    texts = {code: (Path(__file__).parents[1] / "data" / "languages" / f"{code}.md").read_text().split("---\n")[2]
             for code in ("ru", "hy", "az")}
    store = Database.create(path, "Older")
    ids = store.articles.add_many(NewArticle(f"Article in {code}", text, published="2021-05-14", published_precision="day")
                             for code, text in texts.items())
    store.articles.add(NewArticle("Numbers", "12.05.2021 — 3,5 km"))
    store.close()
    window = open_real_window(path)
    ws = window.workspace
    qtbot.waitUntil(lambda: ws.store.meta(LANGUAGES_DETECTED) == "1", timeout=20_000)
    assert [ws.store.articles.get(i).language for i in ids] == ["ru", "hy", "az"]
    assert {"вчера", "12 мая"} <= {e.date_text for e in ws.store.events.all(ids[0])}
    assert ws.store.articles.ids(language="") == [ids[-1] + 1]  # too little text to tell: left unknown
    assert window.undo_action.isEnabled() is False  # not the user's edit to undo
    window.close()


def test_date_words_typed_for_an_event_are_read_in_the_article_language(qtbot, languages_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.timeline.editing import EventDialog

    dialog = EventDialog("Переговоры", "", "inferred", "2021-05-14", None, "ru")
    qtbot.addWidget(dialog)
    type_with_input_method(dialog.words_edit, "12 мая")
    assert (dialog.date().earliest, dialog.date().precision) == ("2021-05-12", "day")
    assert dialog.resolved.text() == "12 May 2021"
    dialog.words_edit.setText("last year")  # English words still read
    assert dialog.date().earliest == "2020-01-01"


def test_the_sidebar_proposes_one_person_across_scripts_and_merging_is_undoable(qtbot, open_window, languages_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(languages_path)
    ws = window.workspace
    sidebar = ws.entities
    qtbot.waitUntil(lambda: sidebar.proposal_bar.isVisibleTo(sidebar))
    assert sidebar.proposal_label.text() == (
        "“Nikol Pashinyan” and “Никол Пашинян” look like one name in two spellings. (1 more)")
    qtbot.mouseClick(sidebar.merge_proposal_button, Qt.MouseButton.LeftButton)
    assert sidebar.proposal_label.text() == "“Nikol Pashinyan” and “Նիկոլ Փաշինյան” look like one name in two spellings."
    qtbot.mouseClick(sidebar.merge_proposal_button, Qt.MouseButton.LeftButton)
    assert not sidebar.proposal_bar.isVisibleTo(sidebar)
    (pashinyan,) = [e for e in ws.store.entities.all() if e.kind == "person" and "Pashinyan" in e.name]
    assert pashinyan.name == "Nikol Pashinyan" and {"Никол Пашинян", "Նիկոլ Փաշինյան"} <= set(pashinyan.aliases)
    assert {ws.store.articles.get(m.article_id).language for m in ws.store.entities.mentions_of(pashinyan.id)} == {
        "en", "ru", "hy"}
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert {e.name for e in ws.store.entities.all() if e.kind == "person"} >= {"Nikol Pashinyan", "Никол Пашинян",
                                                                           "Նիկոլ Փաշինյան"}
    assert sidebar.proposal_bar.isVisibleTo(sidebar)

"""The claims board and related passages, driven as a user: View > Claims Board, clicks on rows
and headers, filters, Ctrl+Shift+R, the S / X / C keys, Ctrl+Z. The sample plus the corpus of
six outlets (tests/data/corroboration)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from dossier.core.anchoring import find_quote
from dossier.ui.main_window import MainWindow
from tests.ui.conftest import answer_next_dialog


def open_board(window: MainWindow):  # type: ignore[no-untyped-def]
    window.claims_dock.toggleViewAction().trigger()  # View > Claims Board
    QApplication.processEvents()
    assert window.claims_dock.isVisible() and window.workspace.has_panel("claims")
    return window.workspace.claims


def click_row(qtbot, board, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = board.table.visualRect(board.proxy.index(row, 0))
    qtbot.mouseClick(board.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def column_text(board, column: str) -> list[str]:  # type: ignore[no-untyped-def]
    from dossier.ui.claims.board import COLUMNS

    c = COLUMNS.index(column)
    return [board.proxy.index(r, c).data() for r in range(board.proxy.rowCount())]


def make_claim(qtbot, window: MainWindow, outlet: str, quote: str) -> int:  # type: ignore[no-untyped-def]
    """Select the quote in the article from `outlet` and press C, as a user does."""
    ws = window.workspace
    article = next(a for a in ws.store.articles.summaries(ws.store.articles.ids()).values() if a.source == outlet)
    ws.open_article(article.id)
    found = find_quote(ws.store.articles.get(article.id).text, quote)
    ws.pane.select_range(found.start, found.end)
    ws.pane.text_view.setFocus()
    qtbot.keyClick(ws.pane.text_view, Qt.Key.Key_C)
    return ws.editor.annotation_id  # type: ignore[no-any-return]


def test_the_board_lists_every_claim_and_opens_the_chosen_one(qtbot, open_window, corpus_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(corpus_path)
    board = open_board(window)
    assert column_text(board, "Quote") == ["the agreement was not implemented in full"]
    assert column_text(board, "Outlet") == ["SouthFront"] and column_text(board, "Status") == ["Partially true"]
    assert column_text(board, "Grade") == ["?2"] and column_text(board, "For") == ["0"]
    assert board.count_label.text() == "1 claim"
    apa = make_claim(qtbot, window, "APA", "had not crossed into Armenia")
    assert board.count_label.text() == "2 claims"  # the board follows the session at once
    assert column_text(board, "Outlet") == ["SouthFront", "APA"]

    ws = window.workspace
    ws.open_article(next(a for a in ws.store.articles.ids() if a != ws.store.annotations.get(apa).article_id))
    click_row(qtbot, board, 0)
    claim = ws.store.annotations.get(ws.editor.annotation_id)
    assert claim.exact == "the agreement was not implemented in full"
    assert ws.pane.article.id == claim.article_id and ws.pane.selected_range() == (claim.start, claim.end)
    assert window.editor_dock.isVisible()


def test_sorting_and_every_filter(qtbot, open_window, corpus_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.claims.board import COLUMNS

    window = open_window(corpus_path)
    board = open_board(window)
    apa = make_claim(qtbot, window, "APA", "had not crossed into Armenia")
    ws = window.workspace
    ws.editor.status_box.setCurrentIndex(ws.editor.status_box.findData("disputed"))
    ws.editor.status_box.activated.emit(ws.editor.status_box.currentIndex())
    # Evidence: Azatutyun contradicts APA's claim (the editor's own way: select, Add Selection).
    azatutyun = next(a for a in ws.store.articles.summaries(ws.store.articles.ids()).values() if a.source == "Azatutyun")
    ws.open_article(azatutyun.id)
    found = find_quote(ws.store.articles.get(azatutyun.id).text, "advanced about three kilometres into Armenia")
    ws.pane.select_range(found.start, found.end)
    ws.editor.relation_box.setCurrentIndex(ws.editor.relation_box.findData("contradicts"))
    qtbot.mouseClick(ws.editor.add_evidence_button, Qt.MouseButton.LeftButton)
    assert column_text(board, "Against") == ["0", "1"]

    header = board.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(COLUMNS.index("Outlet")) + 5, 5))
    assert column_text(board, "Outlet") == ["APA", "SouthFront"]

    board.contested_box.click()
    assert column_text(board, "Outlet") == ["APA"] and board.count_label.text() == "1 of 2 claims"
    board.contested_box.click()
    board.status_box.setCurrentIndex(board.status_box.findData("partially_true"))
    assert column_text(board, "Outlet") == ["SouthFront"]
    board.status_box.setCurrentIndex(0)
    board.tag_box.setCurrentIndex(board.tag_box.findData("withdrawal agreement"))
    assert column_text(board, "Outlet") == ["SouthFront"]
    board.tag_box.setCurrentIndex(0)
    board.outlet_box.setCurrentIndex(board.outlet_box.findData("APA"))
    assert column_text(board, "Outlet") == ["APA"]
    board.outlet_box.setCurrentIndex(0)
    entity = board.entity_box.findData("Armenia")
    assert entity > 0
    board.entity_box.setCurrentIndex(entity)
    assert set(column_text(board, "Outlet")) == {"APA", "SouthFront"}  # both sentences name Armenia
    board.entity_box.setCurrentIndex(board.entity_box.findData("Lake Sev"))
    assert column_text(board, "Outlet") == ["APA"]
    board.entity_box.setCurrentIndex(0)
    qtbot.keyClicks(board.from_edit, "2021-05-14")
    qtbot.keyClicks(board.to_edit, "2021-05")
    assert len(column_text(board, "Outlet")) == 2  # both published 14 May 2021
    board.from_edit.clear()
    qtbot.keyClicks(board.from_edit, "2021-05-15")
    assert column_text(board, "Outlet") == [] and board.count_label.text() == "0 of 2 claims"
    board.from_edit.clear()
    qtbot.keyClicks(board.from_edit, "May")  # not (yet) a date: no filter, and the field says so
    assert len(column_text(board, "Outlet")) == 2 and "2021-05-14" in board.from_edit.toolTip()
    board.from_edit.clear()
    board.to_edit.clear()
    # "Grade disagrees": none yet (no suggestion where the evidence is one-sided against... APA
    # has one independent contradiction, ungraded: 4, and its credibility is not graded).
    board.disagrees_box.click()
    assert column_text(board, "Outlet") == []
    assert ws.store.annotations.get(apa).claim.credibility is None


@pytest.mark.timeout(60)
def test_linking_related_passages_with_the_real_task_runner(qtbot, open_real_window, corpus_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The user's whole path: board, claim, Ctrl+Shift+R, S on two passages from outlets other
    than Reuters and Interfax, the suggestion becomes 1 beside the analyst's 2; undo takes a
    link back and the list says so. Related passages are found on worker threads."""
    window = open_real_window(corpus_path)
    board = open_board(window)
    click_row(qtbot, board, 0)
    ws = window.workspace
    related = ws.editor.related
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: len(related._found) > 0, timeout=20_000)
    assert related.list.hasFocus()
    outlets = [p.outlet for p in related._found]
    assert "SouthFront" not in outlets  # other articles only
    assert {"News.am", "Eurasianet"} <= set(outlets[:3])

    for outlet in ("News.am", "Eurasianet"):
        related.list.setCurrentRow(outlets.index(outlet))
        qtbot.keyClick(related.list, Qt.Key.Key_S)
        qtbot.waitUntil(lambda o=outlet: related._found[outlets.index(o)].linked == "supports", timeout=20_000)
    assert related.list.item(outlets.index("News.am")).text().startswith("✓ supports: News.am")
    assert column_text(board, "For") == ["2"] and column_text(board, "Evidence suggests") == ["1 ≠ 2"]
    assert ws.editor.suggestion.text() == "1 — Confirmed by other sources (you chose 2)"
    assert ws.editor.corroboration.text().startswith("Supported by 2 independent sources (")
    assert ws.store.annotations.get(ws.editor.annotation_id).claim.credibility == 2  # never overwritten

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: related._found[outlets.index("Eurasianet")].linked is None, timeout=20_000)
    assert column_text(board, "For") == ["1"] and column_text(board, "Evidence suggests") == ["2"]
    assert ws.editor.suggestion.text() == "2 — Probably true"
    window.close()
    assert window._tasks.wait(10_000)


def test_x_and_c_link_as_contradicting_and_context_and_enter_reads_the_passage(qtbot, open_window, corpus_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(corpus_path)
    board = open_board(window)
    click_row(qtbot, board, 0)
    ws = window.workspace
    claim_id = ws.editor.annotation_id
    window.related_action.trigger()
    related = ws.editor.related
    outlets = [p.outlet for p in related._found]
    related.list.setCurrentRow(outlets.index("APA"))
    qtbot.keyClick(related.list, Qt.Key.Key_X)
    related.list.setCurrentRow(outlets.index("TASS"))
    qtbot.keyClick(related.list, Qt.Key.Key_C)
    assert sorted(link.relation for link in ws.store.evidence.of(claim_id)) == ["context", "contradicts"]
    assert column_text(board, "Against") == ["1"] and column_text(board, "Context") == ["1"]
    assert column_text(board, "Evidence suggests") == ["4 ≠ 2"]  # contradicted by an ungraded source
    board.contested_box.click()
    assert column_text(board, "Outlet") == ["SouthFront"]
    board.disagrees_box.click()
    assert column_text(board, "Outlet") == ["SouthFront"]

    row = outlets.index("TASS")
    related.list.setCurrentRow(row)
    qtbot.keyClick(related.list, Qt.Key.Key_Return)
    passage = related._found[row]
    assert ws.pane.article.id == passage.article_id and ws.pane.selected_range() == (passage.start, passage.end)
    assert ws.editor.annotation_id == claim_id  # the editor stays on the claim while the user reads


def test_find_related_without_a_claim_says_what_to_do(qtbot, open_window, corpus_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(corpus_path)
    window.related_action.trigger()
    assert "Open a claim first" in window.statusBar().currentMessage()


def test_an_outlet_marked_as_repeated_stops_counting_as_independent(qtbot, open_window, corpus_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Mark News.am as repeating SouthFront (Article Properties): its support no longer counts."""
    window = open_window(corpus_path)
    board = open_board(window)
    click_row(qtbot, board, 0)
    ws = window.workspace
    window.related_action.trigger()
    related = ws.editor.related
    related.list.setCurrentRow([p.outlet for p in related._found].index("News.am"))
    qtbot.keyClick(related.list, Qt.Key.Key_S)
    assert column_text(board, "For") == ["1"]
    news = next(a for a in ws.store.articles.summaries(ws.store.articles.ids()).values() if a.source == "News.am")
    ws.open_article(news.id)

    def mark(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.reports_edit, "SouthFront")
        dialog.accept()

    answer_next_dialog(qtbot, mark)
    window.properties_action.trigger()
    assert column_text(board, "For") == ["0"] and column_text(board, "Evidence suggests") == [""]
    assert "(not independent: it repeats SouthFront)" in ws.editor.evidence_model.stringList()[0]
    assert ws.editor.suggestion.text() == "nothing yet (no independent evidence)"


@pytest.mark.timeout(90)
def test_answers_for_a_claim_no_longer_shown_are_dropped(qtbot, open_real_window, corpus_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch) -> None:
    """Forty asks on worker threads while the editor flips between two claims, each answer held
    at a gate until the next claim is shown, so every one but the last arrives late: the list
    ends with the last claim's passages, none of the other's, and the window quits cleanly."""
    import threading

    import dossier.ui.claims.related as related_module
    from dossier.store import Database

    with Database.open(corpus_path) as store:
        first = next(a.id for a in store.annotations.all() if a.kind == "claim")
        apa = next(a for a in store.articles.summaries(store.articles.ids()).values() if a.source == "APA")
        found = find_quote(store.articles.get(apa.id).text, "had not crossed into Armenia")
        second = store.annotations.add(apa.id, "claim", found.start, found.end)
    gates: list[threading.Event] = []
    real = related_module.related_in_file

    def held(path, claim_id):  # type: ignore[no-untyped-def]
        gate = threading.Event()
        gates.append(gate)
        assert gate.wait(60)
        return real(path, claim_id)

    monkeypatch.setattr(related_module, "related_in_file", held)
    window = open_real_window(corpus_path)
    ws = window.workspace
    related = ws.editor.related
    shown_wrongly: list[int] = []
    show, answer = related._show, related._answer
    answered: list[int] = []

    def checked_show(found):  # type: ignore[no-untyped-def]
        # A claim's related passages never come from its own article: any that do were asked for
        # the other claim and arrived late.
        own = ws.store.annotations.get(ws.editor.annotation_id).article_id
        shown_wrongly.extend(p.sentence_id for p in found if p.article_id == own)
        show(found)

    def counted_answer(asked, found):  # type: ignore[no-untyped-def]
        answer(asked, found)
        answered.append(asked)

    related._show, related._answer = checked_show, counted_answer
    for i in range(40):
        ws.open_annotation(first if i % 2 else second)
        window.related_action.trigger()
        qtbot.waitUntil(lambda n=i: len(gates) == n + 1, timeout=30_000)
        if i:  # the answer for the claim shown before arrives now, late
            gates[i - 1].set()
            qtbot.waitUntil(lambda n=i: len(answered) == n, timeout=30_000)
    assert ws.editor.annotation_id == first and related._found == []
    gates[-1].set()
    qtbot.waitUntil(lambda: len(answered) == 40, timeout=30_000)
    assert all(p.article_id != ws.store.annotations.get(first).article_id for p in related._found)
    assert related._found == real(ws.store.path, first) != []
    assert shown_wrongly == []
    window.close()
    assert window._tasks.wait(10_000)


def test_saving_the_claims_note_does_not_ask_again_a_link_does(qtbot, open_window, corpus_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import dossier.ui.claims.related as related_module
    from dossier.operations.annotations import EditNote

    asked: list[int] = []
    real = related_module.related_in_file
    monkeypatch.setattr(related_module, "related_in_file", lambda path, claim: (asked.append(claim), real(path, claim))[1])
    window = open_window(corpus_path)
    board = open_board(window)
    click_row(qtbot, board, 0)
    ws = window.workspace
    window.related_action.trigger()
    claim_id = ws.editor.annotation_id
    assert asked == [claim_id]
    ws.session.push(EditNote(claim_id, "typed while the list is open"))
    assert asked == [claim_id]  # its note changed, not its links: the marks stand
    qtbot.keyClick(ws.editor.related.list, Qt.Key.Key_S)
    assert asked == [claim_id, claim_id]

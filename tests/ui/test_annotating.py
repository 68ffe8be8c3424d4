"""Annotating as a user: select with the keyboard, press C, write, grade, link evidence, undo, redo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from dossier.core.models import NewArticle
from dossier.store import Database

SECOND = ("Pashinyan: partly fulfilled\n\nArmenian acting Prime Minister Nikol Pashinyan said the withdrawal "
          "agreement had been partially fulfilled, with some territories left by Azerbaijani troops.\n")


def select_with_keyboard(qtbot, view, start: int, length: int) -> None:  # type: ignore[no-untyped-def]
    cursor = view.textCursor()
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    view.setFocus()
    for _ in range(length):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def test_a_claim_from_keys_to_undo_and_redo(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Database.open(sample_path) as store:
        store.articles.add(NewArticle("Pashinyan: partly fulfilled", SECOND.split("\n\n", 1)[1].strip(),
                                     source="Interfax", published="2021-05-14", published_precision="day"))
        store.sources.set_grade("SouthFront", "D", "state-aligned outlet, often unsourced")
    window = open_window(sample_path)
    ws = window.workspace
    ws.open_article(1)
    view = ws.pane.text_view
    text = ws.pane.article.text
    quote = "Russian troops from the 102nd Base"
    before = ws.store.counts()["annotations"]

    select_with_keyboard(qtbot, view, text.index(quote), len(quote))
    assert ws.pane.selected_text() == quote
    qtbot.keyClick(view, Qt.Key.Key_C)
    editor = ws.editor
    claim_id = editor.annotation_id
    assert claim_id is not None and editor.note_edit.hasFocus()
    assert editor.quote.text() == f"“{quote}”"
    assert ws.store.annotations.get(claim_id).exact == quote  # committed at once
    assert editor.reliability_box.currentText() == "Inherit: D (SouthFront)"  # from the source

    qtbot.keyClicks(editor.note_edit, "Check against the Russian MoD")
    editor.flush()  # what the 400 ms pause would do
    assert ws.store.annotations.get(claim_id).note == "Check against the Russian MoD"

    editor.status_box.setCurrentIndex(editor.status_box.findData("confirmed"))
    editor.status_box.activated.emit(editor.status_box.currentIndex())
    editor.credibility_box.setCurrentIndex(editor.credibility_box.findData(2))
    editor.credibility_box.activated.emit(editor.credibility_box.currentIndex())
    claim = ws.store.annotations.get(claim_id).claim
    assert (claim.status, claim.reliability, claim.credibility) == ("confirmed", None, 2)
    assert editor.grade.text().startswith("D2")

    # Evidence from the second article: select a passage there, "Add Selection as Evidence".
    other = next(i for i in ws.store.articles.ids() if ws.store.articles.get(i).title.startswith("Pashinyan"))
    ws.open_article(other)
    other_text = ws.pane.article.text
    evidence = "partially fulfilled"
    select_with_keyboard(qtbot, view, other_text.index(evidence), len(evidence))
    editor.relation_box.setCurrentIndex(editor.relation_box.findData("supports"))
    qtbot.mouseClick(editor.add_evidence_button, Qt.MouseButton.LeftButton)
    (link,) = ws.store.evidence.of(claim_id)
    assert link.relation == "supports" and ws.store.annotations.get(link.annotation_id).exact == evidence
    assert editor.evidence_model.stringList()[0].startswith("supports: “partially fulfilled”")

    def state() -> tuple[object, ...]:  # all but the "modified" time, which redo renews
        return (ws.store.annotations.get(claim_id)._replace(modified=""), ws.store.evidence.of(claim_id),
                ws.store.counts()["annotations"])

    final = state()
    steps = window.undo_stack.count()
    assert steps == 5  # claim, note, status, credibility, evidence
    for _ in range(steps):
        window.undo_action.trigger()
    assert ws.store.counts()["annotations"] == before and ws.store.counts()["evidence"] == 0
    for _ in range(steps):
        window.redo_action.trigger()
    assert state() == final


def test_h_and_n_and_esc_keeps_what_was_typed(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    view = ws.pane.text_view
    select_with_keyboard(qtbot, view, 0, 6)
    qtbot.keyClick(view, Qt.Key.Key_H)
    highlight = ws.editor.annotation_id
    assert ws.store.annotations.get(highlight).kind == "highlight"
    view.setFocus()
    select_with_keyboard(qtbot, view, 7, 4)
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClicks(ws.editor.note_edit, "a caption, not the article")
    qtbot.keyClick(ws.editor.note_edit, Qt.Key.Key_Escape)
    assert view.hasFocus()
    assert ws.store.annotations.get(ws.editor.annotation_id).note == "a caption, not the article"
    # Selections may overlap existing annotations and span paragraphs.
    text = ws.pane.article.text
    select_with_keyboard(qtbot, view, 3, text.index("\n\n") + 10)
    qtbot.keyClick(view, Qt.Key.Key_H)
    spanning = ws.store.annotations.get(ws.editor.annotation_id)
    assert "\n\n" in spanning.exact and text[spanning.start:spanning.end] == spanning.exact


def test_tags_are_made_by_typing_and_colour_the_passage(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    view = ws.pane.text_view
    select_with_keyboard(qtbot, view, 0, 6)
    qtbot.keyClick(view, Qt.Key.Key_H)
    editor = ws.editor
    editor.tags_edit.setFocus()
    qtbot.keyClicks(editor.tags_edit, "media, withdrawal agreement")
    qtbot.keyClick(editor.tags_edit, Qt.Key.Key_Return)
    a = ws.store.annotations.get(editor.annotation_id)
    names = {t.id: t.name for t in ws.store.tags.all()}
    assert sorted(names[t] for t in a.tag_ids) == ["media", "withdrawal agreement"]
    assert len(ws.store.tags.all()) == 2  # "withdrawal agreement" existed and was reused; "media" is new
    window.undo_action.trigger()  # the comma made "media", Enter added the second: two steps
    window.undo_action.trigger()  # the new tag goes with the tagging
    assert ws.store.tags.by_name("media") is None and ws.store.annotations.get(a.id).tag_ids == ()


def test_clicking_an_annotation_opens_it_in_the_editor_and_the_list_filters(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    text = ws.pane.article.text
    claim_start = text.index("the agreement was not implemented in full")
    cursor = ws.pane.text_view.textCursor()
    cursor.setPosition(claim_start + 5)
    ws.pane.text_view.setTextCursor(cursor)
    assert ws.store.annotations.get(ws.editor.annotation_id).kind == "claim"
    assert ws.editor.status_box.currentData() == "partially_true"
    panel = ws.annotations
    assert panel.model.rowCount() == 2
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("claim"))
    assert panel.model.rowCount() == 1
    panel.kind_box.setCurrentIndex(0)
    panel.text_edit.setText("transcription")
    assert panel.model.rowCount() == 1 and panel.model.annotation_at(0).kind == "note"
    panel.text_edit.clear()
    panel.status_box.setCurrentIndex(panel.status_box.findData("partially_true"))
    assert panel.model.rowCount() == 1
    index = panel.model.index(0, 1)
    panel.table.activated.emit(index)
    assert ws.pane.selected_text() == "the agreement was not implemented in full"


def test_the_emoji_passage_is_annotated_exactly(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "🇦🇲 Armenia’s e\u0301lite forces: the agreement was not implemented in full."
    path = tmp_path / "emoji.dossier"
    with Database.create(path, "Emoji") as store:
        store.articles.add(NewArticle("Emoji", text))
    window = open_window(path)
    ws = window.workspace
    view = ws.pane.text_view
    # Select "the agreement" with the keyboard: Qt counts the flag as 4 UTF-16 units.
    utf16_start = len(text[: text.index("the agreement")].encode("utf-16-le")) // 2
    cursor = view.textCursor()
    cursor.setPosition(utf16_start)
    cursor.setPosition(utf16_start + 13, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C)
    a = ws.store.annotations.get(ws.editor.annotation_id)
    assert a.exact == "the agreement" == text[a.start:a.end]
    highlighted = [s.cursor.selectedText() for s in view.extraSelections() if s.format.background().style() != Qt.BrushStyle.NoBrush]
    assert highlighted == ["the agreement"]


def test_delete_an_annotation_and_undo(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    claim = next(a for a in ws.store.annotations.all() if a.kind == "claim")
    ws.open_annotation(claim.id)
    window.delete_annotation_action.trigger()
    assert all(a.id != claim.id for a in ws.store.annotations.all())
    assert ws.editor.annotation_id is None  # the editor let go of it
    window.undo_action.trigger()
    assert ws.store.annotations.get(claim.id) == claim  # back with its claim, tag and all


def test_a_rationale_typed_right_after_a_note_is_kept(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The first round's lost keystrokes: C on a selection, a note, then at once the rationale.
    The note's save (a real 400 ms timer) re-read the editor and dropped the rationale."""
    window = open_window(sample_path)
    ws = window.workspace
    view = ws.pane.text_view
    select_with_keyboard(qtbot, view, 0, 8)
    qtbot.keyClick(view, Qt.Key.Key_C)
    editor = ws.editor
    qtbot.keyClicks(editor.note_edit, "Check the MoD")
    qtbot.mouseClick(editor.rationale_edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.rationale_edit, "Two sources")
    qtbot.waitUntil(lambda: ws.store.annotations.get(editor.annotation_id).note == "Check the MoD", timeout=5000)
    qtbot.keyClicks(editor.rationale_edit, " agree")  # still typing while the note was saved
    qtbot.waitUntil(lambda: ws.store.annotations.get(editor.annotation_id).claim.rationale == "Two sources agree",
                    timeout=5000)
    assert editor.rationale_edit.toPlainText() == "Two sources agree"
    assert editor.note_edit.toPlainText() == "Check the MoD"


def test_typing_is_saved_before_an_undo(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    claim = next(a for a in ws.store.annotations.all() if a.kind == "claim")
    ws.open_annotation(claim.id)
    editor = ws.editor
    editor.status_box.setCurrentIndex(editor.status_box.findData("disputed"))
    editor.status_box.activated.emit(editor.status_box.currentIndex())
    qtbot.keyClicks(editor.note_edit, "typed")
    window.undo_action.trigger()  # before the pause: the typing is saved first, and is what undo takes back
    assert ws.store.annotations.get(claim.id).note == "" and ws.store.annotations.get(claim.id).claim.status == "disputed"
    assert editor.note_edit.toPlainText() == ""
    window.redo_action.trigger()
    assert ws.store.annotations.get(claim.id).note == "typed" == editor.note_edit.toPlainText()


def test_ctrl_shift_z_redoes(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.main_window import redo_shortcuts

    keys = [k.toString() for k in redo_shortcuts()]
    assert len(keys) == len(set(keys)) and "Ctrl+Shift+Z" in keys  # bound once: never "ambiguous"
    window = open_window(sample_path)
    ws = window.workspace
    view = ws.pane.text_view
    select_with_keyboard(qtbot, view, 0, 6)
    qtbot.keyClick(view, Qt.Key.Key_H)
    view.setFocus()
    count = ws.store.counts()["annotations"]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ws.store.counts()["annotations"] == count - 1
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ws.store.counts()["annotations"] == count


def test_the_annotations_list_keeps_its_selection_while_notes_are_saved(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    panel = ws.annotations
    note = next(a for a in ws.store.annotations.all() if a.kind == "note")
    panel.table.selectRow(panel.model.row_of(note.id))
    panel.table.activated.emit(panel.model.index(panel.model.row_of(note.id), 1))
    resets: list[bool] = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    qtbot.keyClicks(ws.editor.note_edit, " - checked")
    ws.editor.flush()
    row = panel.model.row_of(note.id)
    assert resets == [] and panel.table.selectionModel().isRowSelected(row)
    assert " - checked" in panel.model.index(row, 2).data()  # the row shows the saved note

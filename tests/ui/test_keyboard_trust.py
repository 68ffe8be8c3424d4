"""Trust at the keyboard: the wheel changes only what has the keyboard, Tab follows the form,
tags are made only when the user says so, Ctrl+Y redoes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QWidget

from dossier.app import configure
from dossier.ui.wheel_guard import is_value_widget
from tests.ui.conftest import answer_next_dialog
from tests.ui.test_annotating import select_with_keyboard


@pytest.fixture
def app_rules(qapp):  # type: ignore[no-untyped-def]
    from dossier.ui.wheel_guard import WheelGuard

    configure(qapp)  # what the app does at start
    yield qapp
    guard = qapp.findChild(WheelGuard)  # other tests see the bare QApplication
    qapp.removeEventFilter(guard)
    guard.setParent(None)


def wheel(widget: QWidget, notches: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def value(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    assert isinstance(widget, QAbstractSlider)
    return widget.value()


def assert_wheel_needs_focus(qtbot, widgets: list[QWidget]) -> None:  # type: ignore[no-untyped-def]
    assert widgets
    outside = QWidget()  # somewhere else to hold the keyboard
    qtbot.addWidget(outside)
    for widget in widgets:
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.count() // 2)  # room to move both ways
        widget.window().activateWindow()
        widget.clearFocus()
        before = value(widget)
        for notches in (-1, -1, 1, 1, 1):
            wheel(widget, notches)
        assert value(widget) == before, f"{widget.objectName() or type(widget).__name__} changed without focus"
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus, timeout=2000)
        wheel(widget, -1)
        assert value(widget) != before, "with the keyboard, the wheel still changes the value"
        widget.clearFocus()


def value_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if is_value_widget(w) and w.isEnabled()]


def test_the_wheel_never_regrades_a_claim_without_focus(qtbot, app_rules, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    claim = next(a for a in ws.store.annotations.all() if a.kind == "claim")
    ws.open_annotation(claim.id)
    editor = ws.editor
    steps = window.undo_stack.count()
    boxes = [editor.status_box, editor.reliability_box, editor.credibility_box, editor.relation_box]
    assert set(boxes) <= set(value_widgets(editor))
    editor.note_edit.setFocus()
    for box in value_widgets(editor):
        box.clearFocus()
        before = value(box)
        for notches in (-1, -1, -1, 1):
            wheel(box, notches)
        assert value(box) == before
    assert window.undo_stack.count() == steps and ws.store.annotations.get(claim.id).claim == claim.claim
    assert_wheel_needs_focus(qtbot, value_widgets(editor))


def test_the_wheel_in_article_properties_and_preferences(qtbot, app_rules, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    seen: list[str] = []

    def check(dialog) -> None:  # type: ignore[no-untyped-def]
        try:
            assert_wheel_needs_focus(qtbot, value_widgets(dialog))
            seen.append(type(dialog).__name__)
        finally:
            dialog.reject()

    answer_next_dialog(qtbot, check)
    window.properties_action.trigger()
    answer_next_dialog(qtbot, check)
    window.preferences_action.trigger()
    assert seen == ["ArticlePropertiesDialog", "PreferencesDialog"]


def test_value_widgets_take_the_keyboard_by_click_or_tab_not_by_wheel(qtbot, app_rules) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QSlider, QSpinBox

    holder = QWidget()
    qtbot.addWidget(holder)
    spin, slider, combo = QSpinBox(holder), QSlider(holder), QComboBox(holder)
    combo.addItems(["a", "b", "c"])
    holder.show()
    qtbot.waitExposed(holder)
    for widget in (spin, slider, combo):
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_guard_installed_after_the_first_paint_covers_what_was_built_before(qtbot, qapp, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The app installs the guard once the window has painted: the panels built before it (the
    article list's language box) are guarded from then on, as if it had been there from the start."""
    from dossier.ui.wheel_guard import WheelGuard, install_wheel_guard

    window = open_window(sample_path)
    box = window.workspace.articles.language_box
    box.addItem("another language", "xx")  # room to move
    assert box.focusPolicy() == Qt.FocusPolicy.WheelFocus  # no guard yet: the wheel would take the keyboard
    guard = install_wheel_guard(qapp)
    try:
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert_wheel_needs_focus(qtbot, [box])
    finally:
        qapp.removeEventFilter(guard)
        guard.setParent(None)
    assert qapp.findChild(WheelGuard) is None


@pytest.mark.parametrize("platform_keys", [["Ctrl+Shift+Z"], ["Ctrl+Y"], ["Ctrl+Y", "Ctrl+Shift+Z"]])
def test_redo_has_both_keys_whatever_the_platform_binds(monkeypatch, platform_keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    """X11 without a desktop's theme binds Ctrl+Shift+Z only (Ctrl+Y did nothing under Xvfb);
    Windows binds Ctrl+Y; offscreen binds both."""
    from PySide6.QtGui import QKeySequence

    from dossier.ui.main_window import redo_shortcuts

    real = QKeySequence.keyBindings
    monkeypatch.setattr(QKeySequence, "keyBindings", lambda key: [QKeySequence(k) for k in platform_keys]
                        if key == QKeySequence.StandardKey.Redo else real(key))
    keys = [k.toString() for k in redo_shortcuts()]
    assert len(keys) == len(set(keys)) and {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(keys)


def test_ctrl_y_redoes_beside_ctrl_shift_z(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    view = ws.pane.text_view
    count = ws.store.counts()["annotations"]
    select_with_keyboard(qtbot, view, 0, 6)
    qtbot.keyClick(view, Qt.Key.Key_H)
    view.setFocus()
    for redo in (Qt.KeyboardModifier.ControlModifier,
                 Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert ws.store.counts()["annotations"] == count
        qtbot.keyClick(view, Qt.Key.Key_Y if redo == Qt.KeyboardModifier.ControlModifier else Qt.Key.Key_Z, redo)
        assert ws.store.counts()["annotations"] == count + 1


def test_no_two_actions_of_the_window_share_a_key(open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    window = open_window(sample_path)
    bound: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut or not action.associatedObjects():
            continue  # H, N, C: only while the article has the keyboard; a context menu's label
        for key in action.shortcuts():
            name = key.toString()
            assert name not in bound, f"{name}: {bound[name]!r} and {action.text()!r} (ambiguous: neither works)"
            bound[name] = action.text()


def focus_chain_from(qtbot, start: QWidget, steps: int) -> list[QWidget]:  # type: ignore[no-untyped-def]
    seen = [start]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_follows_the_form_of_a_claim_and_of_a_note(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    view = ws.pane.text_view
    select_with_keyboard(qtbot, view, 0, 8)
    qtbot.keyClick(view, Qt.Key.Key_C)
    editor = ws.editor
    assert editor.note_edit.hasFocus()
    assert focus_chain_from(qtbot, editor.note_edit, 6) == [
        editor.note_edit, editor.status_box, editor.reliability_box, editor.credibility_box, editor.rationale_edit,
        editor.tags_edit, editor.relation_box]
    view.setFocus()
    select_with_keyboard(qtbot, view, 20, 5)
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert focus_chain_from(qtbot, editor.note_edit, 1) == [editor.note_edit, editor.tags_edit]


def test_a_sentence_typed_into_tags_becomes_no_tag(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    view = ws.pane.text_view
    select_with_keyboard(qtbot, view, 0, 8)
    qtbot.keyClick(view, Qt.Key.Key_N)
    editor = ws.editor
    tags_before = ws.store.tags.all()
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Tab)
    assert editor.tags_edit.hasFocus()
    sentence = "The ministry denied it the next day and two other outlets repeated the denial without a source"
    qtbot.keyClicks(editor.tags_edit, sentence)
    qtbot.keyClick(editor.tags_edit, Qt.Key.Key_Tab)  # the keyboard goes on: no comma, no Enter
    assert ws.store.tags.all() == tags_before and ws.store.annotations.get(editor.annotation_id).tag_ids == ()
    qtbot.waitUntil(lambda: editor.tags_hint.isVisible())
    assert "too long for a tag" in editor.tags_hint.text()
    assert editor.tags_edit.text() == sentence  # kept where it was typed, not dropped

    editor.tags_edit.setFocus()
    editor.tags_edit.selectAll()
    qtbot.keyClicks(editor.tags_edit, "denial")
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Tab)
    editor.note_edit.setFocus()  # leaving the field: a last word without a comma is no tag yet
    qtbot.waitUntil(lambda: "not a tag yet" in editor.tags_hint.text())
    assert ws.store.annotations.get(editor.annotation_id).tag_ids == ()
    editor.tags_edit.setFocus()
    qtbot.keyClick(editor.tags_edit, Qt.Key.Key_Return)
    assert [ws.store.tags.by_name("denial").id] == list(ws.store.annotations.get(editor.annotation_id).tag_ids)
    assert not editor.tags_hint.isVisible()


def test_a_comma_makes_a_tag_and_a_long_one_is_refused_with_a_word(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    view = ws.pane.text_view
    select_with_keyboard(qtbot, view, 0, 8)
    qtbot.keyClick(view, Qt.Key.Key_H)
    editor = ws.editor
    editor.tags_edit.setFocus()
    qtbot.keyClicks(editor.tags_edit, "media, ")
    assert [ws.store.tags.by_name("media").id] == list(ws.store.annotations.get(editor.annotation_id).tag_ids)
    assert editor.tags_edit.text() == "media, "  # still typing: the field is left alone
    long_name = "x" * 41
    qtbot.keyClicks(editor.tags_edit, long_name + ",")
    assert ws.store.tags.by_name(long_name) is None and "too long for a tag" in editor.tags_hint.text()
    assert editor.tags_hint.isVisible()


def test_a_tag_typed_by_mistake_and_corrected_leaves_no_orphan(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    view = ws.pane.text_view
    select_with_keyboard(qtbot, view, 0, 8)
    qtbot.keyClick(view, Qt.Key.Key_H)
    editor = ws.editor
    editor.tags_edit.setFocus()
    qtbot.keyClicks(editor.tags_edit, "withdrawal agreement, mediaa,")
    assert ws.store.tags.by_name("mediaa") is not None
    editor.tags_edit.selectAll()
    qtbot.keyClicks(editor.tags_edit, "media")
    qtbot.keyClick(editor.tags_edit, Qt.Key.Key_Return)
    names = {t.id: t.name for t in ws.store.tags.all()}
    assert [names[t] for t in ws.store.annotations.get(editor.annotation_id).tag_ids] == ["media"]
    assert ws.store.tags.by_name("mediaa") is None  # made by the field, corrected in it: gone
    assert ws.store.tags.by_name("withdrawal agreement") is not None  # made elsewhere: stays, if unused
    window.undo_action.trigger()
    assert ws.store.tags.by_name("mediaa") is not None


def test_choosing_a_grade_moves_nothing_and_the_rationale_is_as_wide_as_the_note(qtbot, open_window,  # type: ignore[no-untyped-def]
                                                                                 sample_path: Path) -> None:
    window = open_window(sample_path)
    ws = window.workspace
    claim = next(a for a in ws.store.annotations.all() if a.kind == "claim")
    ws.open_annotation(claim.id)
    editor = ws.editor
    window.editor_dock.raise_()
    qtbot.waitUntil(editor.credibility_box.isVisible)
    boxes = (editor.status_box, editor.reliability_box, editor.credibility_box, editor.rationale_edit, editor.tags_edit)

    def places() -> list[object]:
        QApplication.processEvents()
        return [box.mapTo(editor, QPoint(0, 0)).toTuple() + box.size().toTuple() for box in boxes]

    before = places()
    for box, key in ((editor.reliability_box, Qt.Key.Key_Down), (editor.reliability_box, Qt.Key.Key_Down),
                     (editor.credibility_box, Qt.Key.Key_Down), (editor.status_box, Qt.Key.Key_Down)):
        box.setFocus()
        qtbot.keyClick(box, key)
        assert places() == before, "the form moved under the pointer"
    assert ws.store.annotations.get(claim.id).claim != claim.claim  # the choices were saved
    assert editor.rationale_edit.width() >= editor.note_edit.width() - 40

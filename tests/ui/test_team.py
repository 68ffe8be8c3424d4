"""Working as a team, as a user does it: the analyst's name set once in Preferences is on every
annotation made after, shown in the editor and the annotations list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from dossier.analyst import account_full_name
from dossier.ui.preferences import PreferencesDialog
from tests.ui.conftest import answer_next_dialog
from tests.ui.test_annotating import select_with_keyboard


def test_the_name_from_preferences_is_on_what_the_user_makes(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    assert ws.store.author == account_full_name()  # nothing chosen: the account's full name, no dialog

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, PreferencesDialog)
        assert dialog.analyst_edit.placeholderText() == account_full_name()
        dialog.analyst_edit.setText("Ann Vardanyan")
        dialog.accept()

    answer_next_dialog(qtbot, fill)
    window.preferences_action.trigger()
    window.activateWindow()  # the dialog had the keyboard: back to the window, as a window manager does
    qtbot.waitUntil(window.isActiveWindow)
    ws.open_article(1)
    view = ws.pane.text_view
    quote = "Russian troops from the 102nd Base"
    select_with_keyboard(qtbot, view, ws.pane.article.text.index(quote), len(quote))
    assert ws.pane.selected_text() == quote, ws.session.last_error
    qtbot.keyClick(view, Qt.Key.Key_C)
    editor = ws.editor
    assert editor.annotation_id is not None, ws.session.last_error
    claim = ws.store.annotation(editor.annotation_id)
    assert (claim.author, claim.assessed_by) == ("Ann Vardanyan", "Ann Vardanyan")
    assert editor.byline.text().startswith("By Ann Vardanyan, ") and editor.byline.text().endswith(" UTC")
    assert editor.assessed_by.text().startswith("Ann Vardanyan, ")

    panel = ws.annotations
    by = panel.model.index(panel.model.row_of(claim.id), panel.model.columnCount() - 1)
    assert by.data() == "Ann Vardanyan"
    assert "Assessed by Ann Vardanyan" in by.data(Qt.ItemDataRole.ToolTipRole)
    # The sample's own annotations were made before anyone's name was kept.
    sample_note = next(a for a in ws.store.annotations(1) if a.kind == "note")
    assert panel.model.index(panel.model.row_of(sample_note.id), 5).data() == "—"

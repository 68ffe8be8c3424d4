"""Working as a team, as a user does it: the analyst's name set once in Preferences is on every
annotation made after, shown in the editor and the annotations list; a colleague's dossier merged
from the File menu, its conflict settled from the Conflicts list and undone; two captures of one
story proposed above the article list and joined."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dossier.analyst import account_full_name
from dossier.ui.preferences import PreferencesDialog
from dossier.ui.team.merge_dialog import MergePreviewDialog
from tests.ui.conftest import answer_next_dialog, as_schema_12
from tests.ui.test_annotating import select_with_keyboard
from tests.unit.test_captures import PASTED, _two_captures
from tests.unit.test_merge import two_dossiers  # noqa: F401 - a fixture


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
    claim = ws.store.annotations.get(editor.annotation_id)
    assert (claim.author, claim.assessed_by) == ("Ann Vardanyan", "Ann Vardanyan")
    assert editor.byline.text().startswith("By Ann Vardanyan, ") and editor.byline.text().endswith(" UTC")
    assert editor.assessed_by.text().startswith("Ann Vardanyan, ")

    panel = ws.annotations
    by = panel.model.index(panel.model.row_of(claim.id), panel.model.columnCount() - 1)
    assert by.data() == "Ann Vardanyan"
    assert "Assessed by Ann Vardanyan" in by.data(Qt.ItemDataRole.ToolTipRole)
    # The sample's own annotations were made before anyone's name was kept.
    sample_note = next(a for a in ws.store.annotations.all(1) if a.kind == "note")
    assert panel.model.index(panel.model.row_of(sample_note.id), 5).data() == "—"


def test_merge_a_colleagues_dossier_and_settle_the_conflict_from_the_list(  # type: ignore[no-untyped-def]
        qtbot, open_window, two_dossiers, monkeypatch) -> None:
    ann_path, boris_path = two_dossiers
    window = open_window(ann_path)
    ws = window.workspace
    articles_before = ws.store.counts()["articles"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(boris_path), ""))
    seen: list[str] = []

    def merge(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, MergePreviewDialog)
        seen.append(dialog.details.toPlainText())
        assert ws.store.counts()["articles"] == articles_before  # the preview changed nothing
        assert dialog.focusWidget() is dialog.merge_button
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # Enter merges

    answer_next_dialog(qtbot, merge)
    window.merge_action.trigger()
    assert "Articles: 1 new, 1 already here" in seen[0] and "1 conflicting" in seen[0]
    assert ws.store.counts()["articles"] == articles_before + 1
    assert window.conflicts_dock.isVisible()  # the merge found one: shown at once
    panel = ws.conflicts
    assert panel.model.rowCount() == 1
    yours, theirs = (panel.model.index(0, c).data() for c in (1, 2))
    assert yours.startswith("Partially true, D2") and theirs.startswith("Disputed, D4 — Boris Aliyev")
    assert "Baku says its troops never left" in panel.theirs_text.text()
    assert "Assessed by (name not recorded)" in panel.mine_text.text()  # the sample's, made before names were kept

    claim_id = panel.model.rows[0][1].id
    qtbot.mouseClick(panel.keep_theirs_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 0 and panel.empty.isVisible()
    assert ws.store.annotations.get(claim_id).claim.status == "disputed"  # type: ignore[union-attr]
    assert ws.store.annotations.get(claim_id).assessed_by == "Boris Aliyev"
    window.undo_action.trigger()  # one step back: the conflict is there again
    assert panel.model.rowCount() == 1 and ws.store.annotations.get(claim_id).claim.status == "partially_true"  # type: ignore[union-attr]
    qtbot.mouseClick(panel.keep_both_button, Qt.MouseButton.LeftButton)
    claims = [a for a in ws.store.annotations.all() if a.kind == "claim" and a.start == ws.store.annotations.get(claim_id).start]
    assert len(claims) == 2 and {a.assessed_by for a in claims} == {"", "Boris Aliyev"}
    # Undo twice: the settlement, then the whole merge.
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert ws.store.counts()["articles"] == articles_before and ws.store.team.conflicts() == []
    assert panel.model.rowCount() == 0


def test_merging_a_file_that_is_not_a_dossier_says_why(qtbot, open_window, sample_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch) -> None:
    window = open_window(sample_path)
    junk = tmp_path / "notes.dossier"
    junk.write_text("shopping list")
    counts = window.workspace.store.counts()
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: messages.append(text))
    window.merge_dossier(junk)
    assert messages and "not a dossier" in messages[0].lower() and window.workspace.store.counts() == counts


def test_two_captures_are_proposed_and_joined_from_the_article_list(qtbot, open_real_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "captures.dossier"
    store, web, pasted = _two_captures(path)
    q = PASTED.index("agreement - signed")
    claim = store.annotations.add(pasted, "claim", q, PASTED.index("full\"") + 5)
    store.close()
    window = open_real_window(path)  # proposals are looked for on the app's own worker thread
    bar = window.workspace.articles.captures
    qtbot.waitUntil(bar.isVisible, timeout=30_000)
    assert bar.label.text().startswith(f"“Armenia says deal not honoured” (Azatutyun) #{web} and ")
    qtbot.mouseClick(bar.join_button, Qt.MouseButton.LeftButton)
    store = window.workspace.store
    assert not store.articles.exists(pasted) and store.annotations.get(claim).article_id == web
    assert store.annotations.get(claim).quoted_as is not None
    assert "1 annotation moved, 0 orphaned" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=30_000)
    window.workspace.open_annotation(claim)
    assert "First quoted as “agreement - signed" in window.workspace.editor.quote.text()
    seen: list[str] = []

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.captures_label.text())
        dialog.reject()

    answer_next_dialog(qtbot, look)
    window.properties_action.trigger()
    assert seen[0].startswith("pasted.txt — “Armenia says deal not honoured”, joined ")
    window.undo_action.trigger()
    assert store.articles.exists(pasted) and store.annotations.get(claim).article_id == pasted
    qtbot.waitUntil(bar.isVisible, timeout=30_000)  # proposed again
    qtbot.mouseClick(bar.apart_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=30_000)
    assert store.team.capture_proposals() == []
    window.close()


def test_a_merge_runs_on_a_worker_while_the_window_stays_live(qtbot, open_real_window, two_dossiers,  # type: ignore[no-untyped-def]
                                                                monkeypatch) -> None:
    ann_path, boris_path = two_dossiers
    window = open_real_window(ann_path)
    ws = window.workspace
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(boris_path), ""))
    answer_next_dialog(qtbot, lambda dialog: qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return))
    window.merge_action.trigger()  # returns at once: the preview and the merge run on the task runner
    qtbot.waitUntil(lambda: ws.store.team.conflicts() != [] and window.conflicts_dock.isVisible(), timeout=60_000)
    assert ws.store.counts()["articles"] == 3
    assert window.undo_stack.undoText() == "Merge boris.dossier"
    assert ws.conflicts.model.rowCount() == 1
    window.undo_action.trigger()  # the worker's edit, undone on the window's own connection
    assert ws.store.counts()["articles"] == 2 and ws.store.team.conflicts() == []
    window.close()


def test_a_dossier_of_an_older_format_is_upgraded_on_a_worker(qtbot, open_real_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window stays live while an old dossier is backed up and upgraded (schema 12 -> 13
    makes the story keys of every article): it opens once the upgrade is done."""
    from dossier.store.backups import list_backups
    from dossier.store.inspect import needs_upgrade
    from dossier.store.schema import SCHEMA_VERSION

    as_schema_12(sample_path)
    assert needs_upgrade(sample_path)
    window = open_real_window(sample_path)  # returns once it is open and checked
    store = window.workspace.store
    assert store.schema_version() == SCHEMA_VERSION
    assert store._conn.execute("SELECT count(*) FROM story_keys").fetchone()[0] > 0
    assert list_backups(sample_path)  # made before the upgrade
    assert window.workspace.pane.article is not None
    window.close()
    assert not needs_upgrade(sample_path)  # its header says so once the file is closed whole

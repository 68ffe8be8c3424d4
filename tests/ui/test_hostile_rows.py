"""A dossier holding a row no constraint forbids but no window can show (a mention 40,000
characters into a text of 1,742, as a merge once brought in) still opens: the article shows, the
mark is left out and the pane says so under the article's provenance. A colleague's hostile file merged from the File
menu lists what was left out, and the window goes on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from dossier.store import Database
from dossier.ui.team.merge_dialog import MergePreviewDialog
from tests.ui.conftest import answer_next_dialog
from tests.unit.test_colleague_files import colleague, mine


def test_a_mark_outside_its_text_is_not_drawn_and_is_reported(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(sample_path, isolation_level=None)
    length = conn.execute("SELECT length(text) FROM articles WHERE id = 1").fetchone()[0]
    conn.execute("INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface, origin) "
                 "VALUES (1, 1, 40000, 40005, 'xxxxx', 'user')")
    conn.close()
    assert length < 40000
    window = open_window(sample_path)
    ws = window.workspace
    ws.open_article(1)
    assert ws.pane.article is not None and ws.pane.article.id == 1
    assert ws.pane.marks_not_shown == 1
    assert "1 mark(s) of this article lie outside its text" in ws.pane.provenance.text()
    assert ws.pane.text_view.extraSelections()  # the good marks are drawn
    ws.pane.select_range(39_990, 40_005)  # a jump to such a mention selects what there is
    assert ws.pane.selected_range() is None or ws.pane.selected_range()[1] <= length  # type: ignore[index]


def test_a_hostile_colleague_file_merged_in_the_window_lists_what_was_left_out(  # type: ignore[no-untyped-def]
        qtbot, open_window, tmp_path: Path, monkeypatch) -> None:
    theirs = colleague(tmp_path / "theirs.dossier",
                       "INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface, origin) "
                       "VALUES (1, 1, 40000, 40005, 'Goris', 'user')",
                       "INSERT INTO tags (name, color) VALUES ('" + "x" * 500_000 + "', '#00ff00')",
                       "INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (1, 2)")
    window = open_window(mine(tmp_path / "mine.dossier"))
    ws = window.workspace
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    seen: list[str] = []

    def merge(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, MergePreviewDialog)
        seen.append(dialog.details.toPlainText())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    answer_next_dialog(qtbot, merge)
    window.merge_action.trigger()
    qtbot.waitUntil(lambda: bool(seen) and ws.store.counts()["articles"] == 2)
    assert "lies outside its article's text" in seen[0]
    assert "its name can be up to 200 characters; this one has 500,000" in seen[0]
    claim = next(a for a in ws.store.annotations.all() if a.kind == "claim")
    ws.open_annotation(claim.id)
    assert ws.editor.annotation_id == claim.id and ws.editor.tags_edit.text() == "deployment"
    assert all(len(t.name) <= 200 for t in ws.store.tags.all())
    window.close()
    with Database.open(tmp_path / "mine.dossier") as store:
        assert store.quick_check() == "ok"

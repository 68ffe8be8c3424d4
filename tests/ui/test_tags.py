"""Tags as a user manages them: create, rename, colour, nest, merge, delete (count first), undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox

from dossier.core.models import NewArticle
from dossier.store import Database
from dossier.ui.annotations.tags_dialog import TagsDialog


def make_dialog(qtbot, window) -> TagsDialog:  # type: ignore[no-untyped-def]
    ws = window.workspace
    dialog = TagsDialog(ws.session, window)
    qtbot.addWidget(dialog)
    return dialog


def test_create_rename_colour_nest_merge_and_delete(qtbot, open_window, sample_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with Database.open(sample_path) as store:
        aid = store.articles.add(NewArticle("Other", "Russian troops moved to Syunik province on Friday."))
        syunik = store.annotations.add(aid, "highlight", 0, 14)
    window = open_window(sample_path)
    ws = window.workspace
    dialog = make_dialog(qtbot, window)
    store = ws.store

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("deployment", True))
    dialog.new_button.click()
    deployment = store.tags.by_name("deployment")
    assert deployment is not None and dialog.current_tag().id == deployment.id
    store.tags.attach(syunik, deployment.id)

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Russian deployment", True))
    dialog.rename_button.click()
    assert store.tags.by_name("Russian deployment").id == deployment.id  # type: ignore[union-attr]

    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    dialog.color_button.click()
    assert store.tags.by_name("Russian deployment").color == "#123456"  # type: ignore[union-attr]

    withdrawal = store.tags.by_name("withdrawal agreement")
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a: ("withdrawal agreement", True))
    dialog.nest_button.click()
    assert store.tags.by_name("Russian deployment", parent_id=withdrawal.id) is not None  # type: ignore[union-attr]
    assert dialog.model.rowCount(dialog.model.index_of(withdrawal.id)) == 1  # type: ignore[union-attr]

    dialog.merge_button.click()  # into "withdrawal agreement"
    assert store.tags.by_name("Russian deployment", parent_id=withdrawal.id) is None  # type: ignore[union-attr]
    assert store.annotations.get(syunik).tag_ids == (withdrawal.id,)  # type: ignore[union-attr]

    asked: list[str] = []
    def answer(parent, title, text, *a, **k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.select(withdrawal.id)  # type: ignore[union-attr]
    dialog.delete_button.click()
    assert "2 annotations lose it" in asked[0]  # the sample's claim and the new highlight
    assert store.tags.all() == [] and store.counts()["annotations"] == 3  # annotations stay

    window.undo_action.trigger()  # the delete
    assert {t.name for t in store.tags.all()} == {"withdrawal agreement"}
    assert store.annotations.get(syunik).tag_ids == (withdrawal.id,)  # type: ignore[union-attr]
    window.undo_action.trigger()  # the merge
    assert store.annotations.get(syunik).tag_ids == (deployment.id,)  # type: ignore[union-attr]
    assert store.tags.by_name("Russian deployment", parent_id=withdrawal.id) is not None  # type: ignore[union-attr]
    for _ in range(window.undo_stack.index()):
        window.undo_action.trigger()
    assert store.tags.all() == [withdrawal]  # back to the sample's one tag


def test_a_taken_name_is_refused_with_a_message_and_undo_still_works(qtbot, open_window, sample_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    dialog = make_dialog(qtbot, window)
    dialog.show()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Withdrawal Agreement", True))
    steps = window.undo_stack.count()
    dialog.new_button.click()
    assert said == ["There is already a tag “withdrawal agreement” at the top level."]
    assert window.undo_stack.count() == steps and len(window.workspace.store.tags.all()) == 1
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("deployment", True))
    dialog.new_button.click()
    window.undo_action.trigger()  # undo works as before: the new tag goes
    assert [t.name for t in window.workspace.store.tags.all()] == ["withdrawal agreement"]

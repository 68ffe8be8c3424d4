"""File > Share a Copy…: the dialog driven by clicks and keys, and the copy made by the app's own
task runner (real threads), announced in the status bar, with the dossier left unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from dossier.core.models import Tag
from dossier.sample import NOTE_TEXT
from dossier.store import Database
from dossier.ui.share_dialog import ShareDialog

pytestmark = pytest.mark.timeout(120)

TAGS = [Tag(1, "withdrawal", "#e6a23c", None), Tag(2, "informant", "#ff0000", None)]


def _click_box(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """Click a check box on its indicator (a box as wide as the dialog is not "hit" at its middle)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def _tick_tag(qtbot, chooser, name: str) -> None:  # type: ignore[no-untyped-def]
    """Select the tag's row with the keyboard and tick it with Space, as a user does."""
    model = chooser.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    chooser.setFocus()
    chooser.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(chooser, Qt.Key.Key_Space)


def test_the_dialog_says_what_is_left_out_and_where(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chosen: list[str] = []
    dialog = ShareDialog(TAGS, tmp_path / "suggested.dossier",
                         choose_file=lambda parent, start: chosen.append(start) or str(tmp_path / "picked.dossier"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.share_button.isEnabled()  # nothing left out yet: that would be Save a Copy
    _click_box(qtbot, dialog.notes_box)
    dialog.authors_box.setFocus()
    qtbot.keyClick(dialog.authors_box, Qt.Key.Key_Space)
    assert dialog.share_button.isEnabled()
    _tick_tag(qtbot, dialog.annotation_tags, "informant")
    _tick_tag(qtbot, dialog.article_tags, "withdrawal")
    browse = next(b for b in dialog.findChildren(type(dialog.share_button)) if "hoose" in b.text())
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert chosen == [str(tmp_path / "suggested.dossier")]
    assert dialog.path_edit.text() == str(tmp_path / "picked.dossier")
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "typed.dossier"))
    qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ShareDialog.DialogCode.Accepted
    choices = dialog.choices()
    assert (choices.notes, choices.authors, choices.rationales, choices.hypotheses, choices.summary) == \
        (True, True, False, False, False)
    assert choices.annotation_tags == ("informant",) and choices.article_tags == ("withdrawal",)
    assert dialog.out_path() == tmp_path / "typed.dossier"


def test_the_dialog_refuses_a_dossier_as_target_and_stays_open(qtbot, tmp_path: Path, sample_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    dialog = ShareDialog(TAGS, sample_path)
    qtbot.addWidget(dialog)
    dialog.show()
    _click_box(qtbot, dialog.summary_box)
    qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
    assert warnings and "is a dossier" in warnings[0]
    assert dialog.isVisible() and dialog.result() != ShareDialog.DialogCode.Accepted


def test_share_a_copy_from_the_window_on_a_worker(qtbot, open_real_window, sample_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch) -> None:
    out = tmp_path / "for the desk.dossier"
    window = open_real_window(sample_path)

    def drive(dialog: ShareDialog) -> int:
        dialog.show()
        _click_box(qtbot, dialog.notes_box)
        _click_box(qtbot, dialog.authors_box)
        dialog.path_edit.selectAll()
        qtbot.keyClicks(dialog.path_edit, str(out))
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Return shares (never the file chooser)
        return dialog.result()

    monkeypatch.setattr(ShareDialog, "exec", drive)

    def no_chooser(*_args: object) -> str:
        raise AssertionError("Return opened the file chooser")

    monkeypatch.setattr("dossier.ui.share_dialog._save_file_name", no_chooser)
    try:
        window.share_action.trigger()
        qtbot.waitUntil(lambda: "Shared a copy" in window.statusBar().currentMessage(), timeout=60_000)
        assert str(out) in window.statusBar().currentMessage()
        with Database.open(out) as copy:
            assert copy.counts()["annotations"] == 2
            assert all(not a.note and not a.author for a in copy.annotations.all())
            claim = next(a for a in copy.annotations.all() if a.kind == "claim")
            assert claim.claim is not None and (claim.claim.status, claim.claim.credibility) == ("partially_true", 2)
            assert claim.assessed_at is None and claim.assessed_by == ""
        assert NOTE_TEXT.split(".")[0].encode() not in out.read_bytes()
        conn = sqlite3.connect(out)
        assert "notes" in conn.execute("SELECT value FROM meta WHERE key = 'left_out'").fetchone()[0]
        conn.close()
    finally:
        window.close()
        window._tasks.wait()


def test_the_pdf_export_leaves_out_what_is_ticked(qtbot, open_window, sample_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from dossier.sample import CLAIM_QUOTE, CLAIM_RATIONALE
    from dossier.ui.export_dialog import ExportPdfDialog
    from tests.ui.conftest import answer_next_dialog
    from tests.ui.test_export_pdf import pdftotext

    window = open_window(sample_path)
    out = tmp_path / "for the desk.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ExportPdfDialog)
        _click_box(qtbot, dialog.leave_out["notes"])
        _click_box(qtbot, dialog.leave_out["rationales"])
        dialog.open_when_done.setChecked(False)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    answer_next_dialog(qtbot, choose)
    window.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: not window.exports, timeout=60_000)
    text = " ".join(pdftotext(out).split())
    assert CLAIM_QUOTE in text  # the claim stays, graded
    assert " ".join(NOTE_TEXT.split())[:40] not in text and " ".join(CLAIM_RATIONALE.split())[:40] not in text

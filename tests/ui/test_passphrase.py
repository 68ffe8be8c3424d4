"""Encrypted dossiers in the window: the passphrase prompt on opening (a wrong one said in the
dialog, which stays for another try; Cancel opens nothing), File > Protect with a Passphrase…
typed twice and run on the app's own task runner, Remove the Passphrase…, and the export
dialog's warning that the PDF is not encrypted."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dossier.sample import CLAIM_QUOTE
from dossier.store import encryption
from dossier.store.protect import encrypt_dossier
from dossier.ui.passphrase import PassphrasePrompt, ProtectDialog
from tests.ui.conftest import answer_next_dialog

pytestmark = pytest.mark.timeout(120)

PASSPHRASE = "Goris at dawn, 14 May"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def closing_on_failure(respond):  # type: ignore[no-untyped-def]
    """`respond`, but a failed assertion in it closes the dialog (else exec() never returns and
    the test hangs instead of failing); the failure is recorded and raised by the test's end."""
    failures: list[BaseException] = []

    def guarded(dialog) -> None:  # type: ignore[no-untyped-def]
        try:
            respond(dialog)
        except BaseException as error:
            failures.append(error)
            dialog.reject()
            raise

    return guarded


@pytest.fixture
def protected(sample_path: Path) -> Path:
    encrypt_dossier(sample_path, PASSPHRASE)
    encryption.forget_all()
    return sample_path


def test_opening_asks_the_passphrase_refuses_a_wrong_one_and_opens_with_the_right_one(  # type: ignore[no-untyped-def]
        qtbot, open_window, protected: Path) -> None:
    before = _sha(protected)
    said: list[str] = []

    def respond(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, PassphrasePrompt) and protected.name in dialog.intro.text()
        assert not dialog.open_button.isEnabled()  # nothing typed yet
        qtbot.keyClicks(dialog.field, "Goris at noon")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        said.append(dialog.message.text())
        assert dialog.isVisible() and dialog.focusWidget() is dialog.field and dialog.field.selectedText() == "Goris at noon"
        assert _sha(protected) == before  # a wrong passphrase writes nothing
        qtbot.keyClicks(dialog.field, PASSPHRASE)  # typing replaces the selected wrong one
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    answer_next_dialog(qtbot, closing_on_failure(respond))
    window = open_window(protected)
    assert said and "does not open" in said[0]
    assert window.workspace is not None and window.workspace.store.path == protected
    assert window.protect_action.text().replace("&", "") == "Remove the Passphrase…"
    window.close_dossier()


def test_cancelling_the_prompt_opens_nothing(qtbot, settings, protected: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.main_window import MainWindow
    from tests.ui.conftest import SyncTaskRunner

    window = MainWindow(settings, SyncTaskRunner())
    qtbot.addWidget(window)
    window.show()
    before = sorted(p.name for p in protected.parent.iterdir())
    answer_next_dialog(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert window.open_dossier(protected) is False
    assert window.workspace is None and sorted(p.name for p in protected.parent.iterdir()) == before


def test_the_protect_dialog_wants_the_same_passphrase_twice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ProtectDialog(tmp_path / "mine.dossier")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first, "short")
    assert "at least 8 characters" in dialog.problem.text() and not dialog.protect_button.isEnabled()
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, PASSPHRASE)
    qtbot.keyClicks(dialog.second, PASSPHRASE[:-1] + "X")
    assert "differ" in dialog.problem.text() and not dialog.protect_button.isEnabled()
    qtbot.keyClick(dialog.second, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.second, PASSPHRASE[-1])
    assert dialog.problem.text() == "" and dialog.protect_button.isEnabled()
    qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    assert dialog.result() == ProtectDialog.DialogCode.Accepted and dialog.passphrase() == PASSPHRASE


def test_protect_then_remove_the_passphrase_from_the_window_on_workers(  # type: ignore[no-untyped-def]
        qtbot, open_real_window, sample_path: Path) -> None:
    window = open_real_window(sample_path)
    assert window.protect_action.text().replace("&", "") == "Protect with a Passphrase…"

    def type_twice(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.first, PASSPHRASE)
        qtbot.keyClicks(dialog.second, PASSPHRASE)
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)

    answer_next_dialog(qtbot, closing_on_failure(type_twice))
    window.protect_action.trigger()
    qtbot.waitUntil(lambda: encryption.is_encrypted(sample_path) and window.workspace is not None
                    and window.workspace.session.writable, timeout=60_000)
    assert CLAIM_QUOTE.encode() not in sample_path.read_bytes()
    assert window.protect_action.text().replace("&", "") == "Remove the Passphrase…"
    assert "protected with a passphrase" in window.statusBar().currentMessage()

    def yes(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox) and "plain SQLite file" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    answer_next_dialog(qtbot, closing_on_failure(yes))
    window.protect_action.trigger()
    qtbot.waitUntil(lambda: not encryption.is_encrypted(sample_path) and window.workspace is not None
                    and window.workspace.session.writable, timeout=60_000)
    assert CLAIM_QUOTE.encode() in sample_path.read_bytes()
    window.close()
    window._tasks.wait(10_000)


def test_the_export_dialog_warns_that_the_pdf_of_an_encrypted_dossier_is_not_encrypted(  # type: ignore[no-untyped-def]
        qtbot, settings) -> None:
    from dossier.ui.export_dialog import ExportPdfDialog

    plain = ExportPdfDialog(settings, False)
    qtbot.addWidget(plain)
    assert not hasattr(plain, "not_encrypted")
    dialog = ExportPdfDialog(settings, False, encrypted=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.not_encrypted.isVisible() and "not" in dialog.not_encrypted.text()


def test_the_pdf_of_an_encrypted_dossier_is_exported_by_the_child_leaving_out_a_chosen_tag(  # type: ignore[no-untyped-def]
        qtbot, open_window, protected: Path, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from dossier.ui.export_dialog import ExportPdfDialog
    from tests.ui.test_export_pdf import pdftotext

    def unlock(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.field, PASSPHRASE)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    answer_next_dialog(qtbot, closing_on_failure(unlock))
    window = open_window(protected)
    out = tmp_path / "for the desk.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ExportPdfDialog) and dialog.not_encrypted.isVisible()
        chooser = dialog.leave_out_tagged
        model = chooser.model()
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["withdrawal agreement"]
        chooser.setFocus()
        chooser.setCurrentIndex(model.index(0, 0))
        qtbot.keyClick(chooser, Qt.Key.Key_Space)  # ticked with the keyboard, as a user does
        dialog.open_when_done.setChecked(False)
        dialog.accept()

    answer_next_dialog(qtbot, closing_on_failure(choose))
    window.export_pdf_action.trigger()
    assert window.exports and window.exports[0].request.without == ["tag:withdrawal agreement"]
    qtbot.waitUntil(lambda: not window.exports, timeout=90_000)  # the child opened it with the key it was handed
    assert "not encrypted" in window.statusBar().currentMessage()
    text = " ".join(pdftotext(out).split())
    assert "Armenia" in text and "Pashinyan himself" not in text  # the tagged claim's rationale is left out

"""Preferences: the analyst's name reaches exports, the theme and entity marks apply at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from dossier.ui import settings as keys
from dossier.ui.preferences import PreferencesDialog
from tests.ui.conftest import answer_next_dialog


def test_preferences_are_saved_and_applied(qtbot, open_window, sample_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, PreferencesDialog)
        dialog.analyst_edit.setText("A. Analyst")
        dialog.folder_edit.setText("/tmp/exports")
        dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
        dialog.mentions_check.setChecked(False)
        dialog.accept()

    answer_next_dialog(qtbot, fill)
    window.preferences_action.trigger()
    assert (settings.get(keys.ANALYST_NAME), settings.get(keys.EXPORT_FOLDER), settings.get(keys.THEME)) == (
        "A. Analyst", "/tmp/exports", "dark")
    assert not window.mentions_action.isChecked()
    assert all(s.format.background().style() != Qt.BrushStyle.NoBrush for s in window.workspace.pane.text_view.extraSelections())
    from dossier.ui.preferences import apply_theme

    apply_theme("system")


def test_preferences_say_which_ocr_engine_reads_pictures_or_what_to_install(qtbot, open_window, sample_path: Path,  # type: ignore[no-untyped-def]
                                                                            monkeypatch) -> None:
    from dossier.ingest import ocr_engine

    window = open_window(sample_path)
    seen: list[str] = []

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        label = dialog.ocr_engine_label  # what the dialog shows, read before it is closed
        seen.append(label.text() if label.isVisible() else "(not shown)")
        dialog.reject()

    answer_next_dialog(qtbot, look)
    window.preferences_action.trigger()
    assert seen[-1].startswith("tesseract 5.") and "/tesseract), languages: " in seen[-1] and " hye " in seen[-1]

    monkeypatch.setattr(ocr_engine.shutil, "which", lambda _name: None)  # a machine without the engine
    monkeypatch.delenv("DOSSIER_TESSERACT", raising=False)
    answer_next_dialog(qtbot, look)
    window.preferences_action.trigger()
    assert seen[-1] == ("Not available: reading text from pictures needs the Tesseract OCR engine, which is not "
                        "installed: sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus "
                        "tesseract-ocr-hye (on Debian or Ubuntu).")

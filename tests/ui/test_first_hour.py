"""The first hour of a new user: import and export from the toolbar, every export in File >
Export, the guide and the keys under Help, exports offered in Documents then where the last went,
and a word in the status bar when nothing can open the PDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu

from dossier.ui import settings as keys
from tests.ui.conftest import answer_next_dialog


def _menu(window, title: str) -> QMenu:  # type: ignore[no-untyped-def]
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def _texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_the_toolbar_imports_annotates_and_exports(open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QToolBar

    window = open_window(sample_path)
    (toolbar,) = window.findChildren(QToolBar)
    shown = [a.iconText() for a in toolbar.actions() if not a.isSeparator()]
    assert shown == ["Import", "Highlight", "Note", "Claim", "Export PDF"]


def test_file_export_holds_every_export(open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    file_menu = _menu(window, "File")
    export = next(a.menu() for a in file_menu.actions() if a.menu() is not None and a.text().replace("&", "") == "Export")
    assert _texts(export) == ["PDF Dossier…", "Document (ODT)…", "Web Annotation JSON…", "CSV (one row per annotation)…",
                              "Network as GraphML…", "Network as GEXF…", "FollowTheMoney…"]
    assert all(a.isEnabled() for a in export.actions())


def test_help_has_the_guide_and_a_searchable_list_of_keys(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    assert _texts(_menu(window, "Help"))[:2] == ["User Guide", "Keyboard Shortcuts"]
    guide = window.show_guide()
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    assert "Using the window" in text and "Exporting" in text and "Development" not in text
    qtbot.keyClicks(guide.find_edit, "Claims board")
    qtbot.keyClick(guide.find_edit, Qt.Key.Key_Return)  # finds; it does not close the guide
    assert guide.isVisible() and guide.browser.textCursor().selectedText().lower() == "claims board"
    qtbot.keyClick(guide.find_edit, Qt.Key.Key_Return)  # the next one
    assert guide.isVisible() and guide.browser.textCursor().selectedText().lower() == "claims board"
    guide.close()

    shortcuts = window.show_shortcuts()
    qtbot.addWidget(shortcuts)
    rows = shortcuts.proxy.rowCount()
    assert rows > 25
    qtbot.keyClicks(shortcuts.filter_edit, "redo")
    qtbot.keyClick(shortcuts.filter_edit, Qt.Key.Key_Return)
    assert shortcuts.isVisible()
    found = [[shortcuts.proxy.index(r, c).data() for c in range(3)] for r in range(shortcuts.proxy.rowCount())]
    assert len(found) == 1 and found[0][0] == "Edit" and {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(found[0][2].split(", "))
    shortcuts.filter_edit.clear()
    qtbot.keyClicks(shortcuts.filter_edit, "ctrl+p")
    assert [shortcuts.proxy.index(r, 0).data() for r in range(shortcuts.proxy.rowCount())] == ["File > Export"]
    shortcuts.close()


@pytest.mark.timeout(120)
def test_json_and_csv_from_the_menu_in_documents_then_where_the_last_went(  # type: ignore[no-untyped-def]
        qtbot, open_window, sample_path: Path, tmp_path: Path, monkeypatch, settings) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    real = QStandardPaths.writableLocation
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda where: str(documents) if
                        where == QStandardPaths.StandardLocation.DocumentsLocation else real(where))
    window = open_window(sample_path)
    offered: list[str] = []
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    targets = iter([elsewhere / "annotations.json", elsewhere / "rows.csv"])

    def save_as(parent, caption, suggestion, *a, **k):  # type: ignore[no-untyped-def]
        offered.append(suggestion)
        return str(next(targets)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    assert settings.get(keys.EXPORT_FOLDER) == ""
    for kind in ("annotations", "csv"):
        window.export_data_actions[kind].trigger()
        qtbot.waitUntil(lambda: not window.exports, timeout=60_000)
        assert window.statusBar().currentMessage().startswith("Wrote"), window.statusBar().currentMessage()
    assert Path(offered[0]).parent == documents and Path(offered[0]).suffix == ".json"
    assert Path(offered[1]).parent == elsewhere and Path(offered[1]).suffix == ".csv"
    assert json.loads((elsewhere / "annotations.json").read_text(encoding="utf-8"))["type"] == "AnnotationCollection"
    assert (elsewhere / "rows.csv").read_text(encoding="utf-8-sig").startswith("annotation_id") or \
        (elsewhere / "rows.csv").stat().st_size > 0


@pytest.mark.timeout(120)
def test_open_when_done_says_so_when_nothing_opens_the_pdf(qtbot, open_window, sample_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch) -> None:
    window = open_window(sample_path)
    out = tmp_path / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    asked: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url) or False)  # no PDF viewer

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.open_when_done.isChecked()
        dialog.accept()

    answer_next_dialog(qtbot, choose)
    window.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: not window.exports, timeout=60_000)
    assert out.exists() and asked
    from pypdf import PdfReader

    from dossier.analyst import account_full_name

    # No name in Preferences: the name the dossier records the analyst's edits under, on the cover and as Author.
    assert PdfReader(str(out)).metadata.author == account_full_name() != ""
    message = window.statusBar().currentMessage()
    assert "nothing on this computer opens PDF files" in message and str(tmp_path) in message


def test_f1_opens_the_guide_whatever_the_platform_binds(qtbot, open_window, sample_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """X11 without a desktop's theme binds no key to HelpContents: F1 did nothing under Xvfb."""
    from PySide6.QtGui import QKeySequence

    from dossier.ui.help import UserGuide

    real = QKeySequence.keyBindings
    monkeypatch.setattr(QKeySequence, "keyBindings", lambda key: [] if key == QKeySequence.StandardKey.HelpContents
                        else real(key))
    window = open_window(sample_path)
    qtbot.keyClick(window.workspace.pane.text_view, Qt.Key.Key_F1)
    guides = [w for w in window.findChildren(UserGuide) if w.isVisible()]
    assert len(guides) == 1
    guides[0].close()

"""Importing from the window: the menu, dropped files, failures, and extraction in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from dossier.store import Store
from tests.ui.conftest import answer_next_dialog

ARTICLE_A = "Syunik border\n\nRussian troops from the 102nd Base were dispatched to Syunik on May 14, 2021.\n"
ARTICLE_B = "Ceasefire\n\nThe battle in Nagorno-Karabakh ended on November 10, 2020 with a ceasefire.\n"


def test_import_from_the_file_menu(qtbot, open_window, sample_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    (tmp_path / "b.md").write_text(ARTICLE_B)
    window = open_window(sample_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(tmp_path / "a.txt"), str(tmp_path / "b.md")], ""))
    window.import_action.trigger()
    ws = window.workspace
    assert ws.articles.model.rowCount() == 3
    assert window.statusBar().currentMessage() == "Imported 2."
    assert ws.pane.headline.text() == "Ceasefire"  # the last one imported is open
    names = {r.name for r in ws.store.entity_rows()}
    assert {"Syunik", "102nd Base", "Nagorno-Karabakh"} <= names
    syunik = ws.entities.model.entity(ws.store.entity_ids_by_name("Syunik")[0])
    assert syunik.mentions == 3  # two in the sample, one in the new article: one entity
    assert "3 articles" in window.status.text()


def test_dropped_files_are_imported(qtbot, open_window, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    (tmp_path / "b.txt").write_text(ARTICLE_B)
    window = open_window(sample_path)
    sample_text = window.workspace.store.article(1).text
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.txt")), QUrl.fromLocalFile(str(tmp_path / "b.txt"))])
    # As a drag from a file manager arrives: over the article text, entering then dropping.
    target = window.workspace.pane.text_view.viewport()
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()
    assert window.workspace.articles.model.rowCount() == 3
    # Dropped over the text, the files were imported; the read-only text took nothing in.
    assert window.workspace.store.article(1).text == sample_text
    assert window.workspace.pane.text_view.toPlainText() == window.workspace.pane.article.text


def test_failures_are_listed_with_their_reasons(qtbot, open_window, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ok.txt").write_text(ARTICLE_A)
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    (tmp_path / "same.txt").write_text(ARTICLE_A)  # the same text again: a duplicate
    window = open_window(sample_path)
    seen: list[tuple[str, str]] = []

    def read(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.detailedText()))
        box.accept()

    answer_next_dialog(qtbot, read)
    assert window.import_paths([tmp_path])
    qtbot.waitUntil(lambda: bool(seen))
    text, details = seen[0]
    assert text == "Imported 1, 1 already in the dossier, 1 failed."
    assert details.startswith("bad.pdf: the PDF is damaged")


def test_extraction_runs_in_the_background_and_fills_the_sidebar(qtbot, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.sample import write_sample
    from dossier.ui.main_window import MainWindow
    from dossier.ui.tasks import TaskRunner

    path = tmp_path / "first-run.dossier"
    write_sample(path, extract=False).close()  # as on a first start: no spaCy before the window
    tasks = TaskRunner()
    window = MainWindow(settings, tasks)
    qtbot.addWidget(window)
    window.show()
    assert window.open_dossier(path)
    ws = window.workspace
    assert ws.entities.model.visible_count() == 0 and ws.store.pending_extraction() == [1]
    window.extract_pending(ws.session)  # on the real task runner: spaCy on a worker thread
    qtbot.waitUntil(lambda: not ws.store.pending_extraction(), timeout=60_000)
    assert ws.entities.model.visible_count() >= 10  # the sidebar followed the change signal
    assert any(s.format.fontUnderline() or s.format.underlineStyle() != s.format.underlineStyle().NoUnderline
               for s in ws.pane.text_view.extraSelections())
    window.close()
    assert tasks.wait(10_000)
    with Store.open(path) as store:
        assert store.entity_ids_by_name("Nikol Pashinyan")


def test_a_file_whose_storing_fails_is_reported_and_the_rest_come_in(qtbot, open_window, sample_path: Path,  # type: ignore[no-untyped-def]
                                                                     tmp_path: Path, monkeypatch) -> None:
    """The first round reported an article whose transaction rolled back as imported, pushed an
    undo step for it and opened an id that did not exist."""
    import dossier.ingest.extract as extract

    (tmp_path / "a.txt").write_text(ARTICLE_A)
    (tmp_path / "b.txt").write_text("Doomed\n\nThis one BOOM fails while its entities are stored.\n")
    (tmp_path / "c.txt").write_text(ARTICLE_B)
    real = extract.apply_proposal

    def fragile(store, article_id, proposal, linker=None):  # type: ignore[no-untyped-def]
        real(store, article_id, proposal, linker)
        if "BOOM" in store.article(article_id).text:
            raise RuntimeError("disk trouble")

    monkeypatch.setattr(extract, "apply_proposal", fragile)
    window = open_window(sample_path)
    seen: list[str] = []
    answer_next_dialog(qtbot, lambda box: (seen.append(box.detailedText()), box.accept()))
    assert window.import_paths([tmp_path])
    qtbot.waitUntil(lambda: bool(seen))
    ws = window.workspace
    assert seen == ["b.txt: could not be stored: disk trouble"]
    titles = sorted(ws.store.article(i).title for i in ws.store.article_ids())
    assert titles == ["Ceasefire", "Russian Forces Dispatched To Armenia’s Border Following Breach By Azerbaijani "
                      "Special Forces", "Syunik border"]
    assert ws.pane.article is not None and ws.store.has_article(ws.pane.article.id)
    assert not ws.store.entity_ids_by_name("BOOM") and ws.store._conn.execute(
        "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
    assert window.undo_stack.text(window.undo_stack.count() - 1) == "Import 2 articles"
    window.undo_action.trigger()
    assert ws.store.article_count() == 1 and ws.pane.article.id == 1

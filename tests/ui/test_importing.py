"""Importing from the window: the menu, dropped files, failures, and extraction in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from dossier.store import Database
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
    names = {r.name for r in ws.store.entities.rows()}
    assert {"Syunik", "102nd Base", "Nagorno-Karabakh"} <= names
    syunik = ws.entities.model.entity(ws.store.entities.ids_by_name("Syunik")[0])
    assert syunik.mentions == 3  # two in the sample, one in the new article: one entity
    assert "3 articles" in window.status.text()


def test_dropped_files_are_imported(qtbot, open_window, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    (tmp_path / "b.txt").write_text(ARTICLE_B)
    window = open_window(sample_path)
    sample_text = window.workspace.store.articles.get(1).text
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
    assert window.workspace.store.articles.get(1).text == sample_text
    assert window.workspace.pane.text_view.toPlainText() == window.workspace.pane.article.text


def test_failures_are_listed_with_their_reasons(qtbot, open_window, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(ARTICLE_A)
    (folder / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "same.txt").write_text(ARTICLE_A)  # the same text again: a duplicate
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")  # not an article: skipped, and counted
    window = open_window(sample_path)
    seen: list[tuple[str, str]] = []

    def read(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.detailedText()))
        box.accept()

    answer_next_dialog(qtbot, read)
    assert window.import_paths([folder])
    qtbot.waitUntil(lambda: bool(seen))
    text, details = seen[0]
    assert text == "Imported 1, 1 already in the dossier, 1 failed, 1 other file in the folders skipped."
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
    with Database.open(path) as store:
        assert store.entities.ids_by_name("Nikol Pashinyan")


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
        if "BOOM" in store.articles.get(article_id).text:
            raise RuntimeError("disk trouble")

    monkeypatch.setattr(extract, "apply_proposal", fragile)
    window = open_window(sample_path)
    seen: list[str] = []
    answer_next_dialog(qtbot, lambda box: (seen.append(box.detailedText()), box.accept()))
    assert window.import_paths([tmp_path])
    qtbot.waitUntil(lambda: bool(seen))
    ws = window.workspace
    assert seen == ["b.txt: could not be stored: disk trouble"]
    titles = sorted(ws.store.articles.get(i).title for i in ws.store.articles.ids())
    assert titles == ["Ceasefire", "Russian Forces Dispatched To Armenia’s Border Following Breach By Azerbaijani "
                      "Special Forces", "Syunik border"]
    assert ws.pane.article is not None and ws.store.articles.exists(ws.pane.article.id)
    assert not ws.store.entities.ids_by_name("BOOM") and ws.store._conn.execute(
        "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
    assert window.undo_stack.text(window.undo_stack.count() - 1) == "Import 2 articles"
    window.undo_action.trigger()
    assert ws.store.articles.count() == 1 and ws.pane.article.id == 1


def test_a_large_import_leaves_the_window_usable_and_says_how_it_goes(qtbot, open_real_window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On the real task runner, with the model in worker processes: the list fills as articles
    arrive, an article can be opened meanwhile, the status bar says what is in so far, and its
    Cancel keeps what was stored. The import is held at a gate after its first batch, so it is
    still running when looked at, whatever the machine's speed."""
    import threading

    from dossier.ingest.pipeline import BATCH, POOL_FROM_FILES
    from dossier.store import Database
    from dossier.ui import importing
    from tests.unit.test_parallel_import import _folder

    gate = threading.Event()
    real_read = importing.read_and_analyse

    def first_batch_then_gate(*args, **kwargs):  # type: ignore[no-untyped-def]
        batches = real_read(*args, **kwargs)
        yield next(batches)
        assert gate.wait(60)
        yield from batches

    monkeypatch.setattr(importing, "read_and_analyse", first_batch_then_gate)
    folder = _folder(tmp_path, POOL_FROM_FILES + BATCH * 6)
    path = tmp_path / "large.dossier"
    Database.create(path, "Large").close()
    window = open_real_window(path)
    ws = window.workspace
    assert window.import_paths([folder])
    qtbot.waitUntil(lambda: ws.articles.model.rowCount() >= BATCH, timeout=120_000)
    first = ws.articles.model.rowCount()
    assert window.importer.running  # still importing, and the list already shows what is in
    progress = window.importer.progress
    assert progress is not None and progress.isVisible()
    qtbot.waitUntil(lambda: "articles ·" in progress.label.text(), timeout=30_000)
    assert progress.label.text().startswith("Importing: ") and " of 144 files · " in progress.label.text()
    assert " 0 entities" not in progress.label.text() and " 0 events" not in progress.label.text()
    ws.open_article(ws.articles.model.article_id_at(0))  # reading goes on meanwhile
    assert ws.pane.article is not None
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not window.importer.running, timeout=120_000)
    assert ws.store.articles.count() == first  # what was read after the Cancel is not stored
    assert all(ws.store.entities.mentions_in(i) for i in ws.store.articles.ids())
    window.close()

"""Telegram exports in the window: dropped, imported, and where each message came from shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from dossier.ui.articles.properties import ArticlePropertiesDialog
from tests.collections_data import CHANNEL_ID, PHOTO, write_export
from tests.ui.conftest import answer_next_dialog


def _article_of(store, message_id: int) -> int:  # type: ignore[no-untyped-def]
    found = store.provenance.article_by_identity(f"telegram:{CHANNEL_ID}:{message_id}")
    assert found is not None
    return found


def test_a_dropped_export_folder_imports_its_messages(qtbot, open_window, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_export(tmp_path / "Border Watch export")
    window = open_window(sample_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "Border Watch export"))])
    target = window.workspace.pane.text_view.viewport()
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()
    ws = window.workspace
    assert ws.articles.model.rowCount() == 8  # the sample and seven messages (one a photo read by OCR)
    assert window.statusBar().currentMessage() == \
        "Imported 7, left out 2 service messages."
    forward = _article_of(ws.store, 103)
    ws.pane.show_article(forward)
    assert ws.pane.provenance.text().splitlines() == [
        "Border Watch · 14 May 2021",
        "Telegram export, Border Watch, message 103, posted 14 May 2021 11:00 UTC, forwarded from Yerevan Desk "
        "(channel1001)"]
    # Again: nothing new, and the window says so.
    assert window.import_paths([tmp_path / "Border Watch export" / "result.json"])
    assert window.statusBar().currentMessage() == \
        "Imported 0, 7 already in the dossier, left out 2 service messages."
    assert ws.articles.model.rowCount() == 8


def test_properties_say_where_a_message_came_from_and_save_its_photo(qtbot, open_window, sample_path: Path,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path, monkeypatch) -> None:
    write_export(tmp_path / "export")
    window = open_window(sample_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(tmp_path / "export" / "result.json")], ""))
    window.import_action.trigger()
    ws = window.workspace
    ws.pane.show_article(_article_of(ws.store, 106))
    out = tmp_path / "saved.jpg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    seen: list[str] = []

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ArticlePropertiesDialog)
        seen.append(dialog.provenance_label.text())
        (button,) = dialog.attachment_buttons
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog.reject()

    answer_next_dialog(qtbot, look)
    window.properties_action.trigger()
    assert seen == ["Telegram export, Border Watch, message 106, posted 14 May 2021 20:30 UTC"]
    assert out.read_bytes() == PHOTO
    # A reply names the message it answers, by its title.
    ws.pane.show_article(_article_of(ws.store, 104))
    assert ws.pane.provenance.text().splitlines()[1].endswith(
        "in reply to message 101 (“Azerbaijani soldiers crossed into Syunik near Sev Lich lake this morning, "
        "residents say.”)")


def test_an_export_and_archives_import_on_the_real_task_runner(qtbot, open_real_window, sample_path: Path,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    from tests.collections_data import PAGE_ONE, news_page, write_warc

    write_export(tmp_path / "Border Watch")
    write_warc(tmp_path / "site.warc.gz", [("https://www.azatutyun.am/a/1.html", news_page(*PAGE_ONE),
                                            "2021-05-15T10:30:00Z")])
    window = open_real_window(sample_path)
    try:
        assert window.import_paths([tmp_path / "Border Watch" / "result.json", tmp_path / "site.warc.gz"])
        qtbot.waitUntil(lambda: not window.importer.running, timeout=120_000)
        assert window.workspace.articles.model.rowCount() == 9  # the sample, seven messages, one page
    finally:
        window.close()


def test_an_exports_messages_are_counted_on_the_worker_and_progress_says_messages(  # type: ignore[no-untyped-def]
        qtbot, open_real_window, sample_path: Path, tmp_path: Path, monkeypatch) -> None:
    import threading

    from dossier.ui import importing

    counted_on: list[str] = []
    real_count, real_read = importing.plan_count, importing.read_and_analyse
    gate = threading.Event()

    def count(files):  # type: ignore[no-untyped-def]
        counted_on.append(threading.current_thread().name)
        return real_count(files)

    def read_then_wait(*args, **kwargs):  # type: ignore[no-untyped-def]
        batches = real_read(*args, **kwargs)
        yield next(batches)
        assert gate.wait(60)  # the progress is looked at meanwhile
        yield from batches

    monkeypatch.setattr(importing, "plan_count", count)
    monkeypatch.setattr(importing, "read_and_analyse", read_then_wait)
    write_export(tmp_path / "Border Watch")
    window = open_real_window(sample_path)
    try:
        assert window.import_paths([tmp_path / "Border Watch"])
        progress = window.importer.progress
        assert progress is not None and progress.label.text() == "Counting what to import…"
        qtbot.waitUntil(lambda: " of 9 messages · " in progress.label.text(), timeout=60_000)
        assert progress.label.text().startswith("Importing: 9 of 9 messages · 7 articles")
        assert counted_on and threading.main_thread().name not in counted_on
        gate.set()
        qtbot.waitUntil(lambda: not window.importer.running, timeout=120_000)
    finally:
        gate.set()
        window.close()

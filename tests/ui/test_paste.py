"""Pasting and dropping pages, and undoing a whole import gesture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from dossier.ui.articles.paste import PasteArticleDialog
from tests.ui.conftest import answer_next_dialog

PAGE = """<html><head><title>Russian troops reach Syunik | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-05-15T09:00:00+04:00">
<script>window.track("visit")</script></head><body>
<nav>Home · World · Support Example News · Subscribe</nav>
<article><h1>Russian troops reach Syunik</h1>
<p>Russian troops from the 102nd Base arrived in Syunik on Saturday, the Armenian defence ministry said.</p>
<p>Prime Minister Nikol Pashinyan thanked Russia for the swift response to his request.</p>
<script>alert("injected")</script></article>
<section class="comments"><h3>Leave a Reply</h3><p>Comment: nonsense!</p></section>
<footer>© Example News</footer></body></html>"""


def test_paste_of_a_page_makes_one_clean_article(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    mime = QMimeData()
    mime.setHtml(PAGE)
    mime.setText("Russian troops reach Syunik ...")
    QGuiApplication.clipboard().setMimeData(mime)  # the clipboard owns it from here
    del mime
    seen: dict[str, str] = {}

    def correct(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, PasteArticleDialog)
        seen.update(title=dialog.title_edit.text(), source=dialog.source_edit.text(),
                    published=dialog.published_edit.text())
        dialog.url_edit.setText("https://example.org/syunik")
        dialog.accept()

    answer_next_dialog(qtbot, correct)
    qtbot.keyClick(ws.pane.text_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seen == {"title": "Russian troops reach Syunik", "source": "Example News", "published": "2021-05-15"}
    assert ws.store.articles.count() == 2
    article = ws.pane.article
    assert article.title == "Russian troops reach Syunik" and article.url == "https://example.org/syunik"
    for junk in ("track", "alert", "Support Example News", "Leave a Reply", "nonsense", "©", "Subscribe"):
        assert junk not in article.text
    assert article.text.startswith("Russian troops from the 102nd Base arrived in Syunik on Saturday")
    window.undo_action.trigger()
    assert ws.store.articles.count() == 1
    QGuiApplication.clipboard().clear()


def test_a_dropped_page_goes_the_same_way(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    mime = QMimeData()
    mime.setHtml(PAGE)
    answer_next_dialog(qtbot, lambda d: d.accept())
    target = window.workspace.pane.text_view.viewport()
    QApplication.sendEvent(target, QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                                   Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(target, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert window.workspace.store.articles.count() == 2


def test_undo_of_a_drop_removes_exactly_the_dropped_articles(qtbot, open_window, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    ws.store.annotations.add(1, "highlight", 0, 6)  # work done before the drop stays
    (tmp_path / "a.txt").write_text("First\n\nRussian troops were sent to Syunik on May 14, 2021.\n")
    (tmp_path / "b.txt").write_text("Second\n\nThe ceasefire in Nagorno-Karabakh held on November 10, 2020.\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.txt")), QUrl.fromLocalFile(str(tmp_path / "b.txt"))])
    target = ws.pane.text_view.viewport()
    QApplication.sendEvent(target, QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                                   Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(target, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert ws.store.articles.count() == 3
    assert window.undo_stack.text(window.undo_stack.count() - 1) == "Import 2 articles"
    window.undo_action.trigger()
    assert [ws.store.articles.get(i).title for i in ws.store.articles.ids()] == [
        "Russian Forces Dispatched To Armenia’s Border Following Breach By Azerbaijani Special Forces"]
    assert ws.store.counts()["annotations"] == 3  # the sample's two and the one made before
    window.redo_action.trigger()
    assert ws.store.articles.count() == 3

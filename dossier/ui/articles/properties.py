"""Article > Properties…, Delete Article, Open Source: fixing what import guessed.

Changing the published date re-resolves the article's automatic relative dates ("yesterday")
and says how many events moved; the user's own events stay. Every change is undoable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QUndoCommand
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox, QWidget

from dossier.core.models import Article
from dossier.store import Store
from dossier.store.articles import ArticleSnapshot

PRECISIONS = (("day", "Day"), ("month", "Month"), ("year", "Year"), ("unknown", "Unknown"))


class ArticleMetadataDialog(QDialog):
    """Title, source, url and published date (as precise as it is known), checked before OK."""

    def __init__(self, caption: str, title: str, source: str | None, url: str | None, published: str | None,
                 precision: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr(caption))
        self.title_edit = QLineEdit(title)
        self.source_edit = QLineEdit(source or "")
        self.url_edit = QLineEdit(url or "")
        self.published_edit = QLineEdit(published or "", placeholderText="2021-05-14, 2021-05 or 2021")
        self.precision_box = QComboBox()
        for value, label in PRECISIONS:
            self.precision_box.addItem(self.tr(label), value)
        self.precision_box.setCurrentIndex(self.precision_box.findData(precision))
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Title"), self.title_edit)
        self.form.addRow(self.tr("Source"), self.source_edit)
        self.form.addRow(self.tr("URL"), self.url_edit)
        self.form.addRow(self.tr("Published"), self.published_edit)
        self.form.addRow(self.tr("Known to the"), self.precision_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check_then_accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(540, 0)

    def finish_layout(self) -> None:
        self.form.addRow(self.buttons)

    def values(self) -> dict[str, object]:
        """The fields, the date normalised ("14 May 2021" -> 2021-05-14, day)."""
        from dossier.ingest.dates import parse_published

        text = self.published_edit.text().strip()
        parsed = parse_published(text) if text else None
        published, precision = None, "unknown"
        if parsed is not None:
            chosen = str(self.precision_box.currentData())
            published = parsed[0]
            # A full date may be known only to the month (the user says so); a partial one can't be a day.
            precision = chosen if chosen != "unknown" and len(published) == 10 else parsed[1]
        return {"title": self.title_edit.text().strip(), "source": self.source_edit.text().strip() or None,
                "url": self.url_edit.text().strip() or None, "published": published,
                "published_precision": precision}

    def _check_then_accept(self) -> None:
        from dossier.ingest.dates import parse_published

        text = self.published_edit.text().strip()
        if not self.title_edit.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("An article needs a title."))
        elif text and parse_published(text) is None:
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("“%1” is not a date: write 2021-05-14, 2021-05 or 2021.").replace("%1", text))
        else:
            self.accept()


class ArticlePropertiesDialog(ArticleMetadataDialog):
    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__("Article Properties", article.title, article.source, article.url,
                         article.published, article.published_precision, parent)
        self.finish_layout()


class EditArticleCommand(QUndoCommand):
    """New metadata for an article; its automatic events follow a new published date."""

    def __init__(self, store: Store, changed: Callable[[int], None], article: Article, new: dict[str, object]) -> None:
        super().__init__("Edit article properties")
        self._store, self._changed, self._id = store, changed, article.id
        self._old = {"title": article.title, "source": article.source, "url": article.url,
                     "published": article.published, "published_precision": article.published_precision}
        self._new = new
        self.moved = 0

    def _apply(self, values: dict[str, object]) -> int:
        from dossier.ingest.extract import reresolve_dates

        with self._store.transaction():
            self._store.update_article_metadata(self._id, **values)  # type: ignore[arg-type]
            moved = reresolve_dates(self._store, self._id)
        self._changed(self._id)
        return moved

    def redo(self) -> None:
        self.moved = self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class DeleteArticleCommand(QUndoCommand):
    def __init__(self, store: Store, changed: Callable[[int], None], article_id: int) -> None:
        super().__init__("Delete article")
        self._store, self._changed, self._id = store, changed, article_id
        self._snapshot: ArticleSnapshot | None = None

    def redo(self) -> None:
        self._snapshot = self._store.snapshot_article(self._id)
        self._store.delete_article(self._id)
        self._changed(self._id)

    def undo(self) -> None:
        assert self._snapshot is not None
        self._store.restore_article(self._snapshot)
        self._changed(self._id)


def confirm_open_source(parent: QWidget, url: str) -> bool:
    """Open the article's url in the system browser, never inside the app, after asking."""
    answer = QMessageBox.question(
        parent, parent.tr("Open Source"),
        parent.tr("Open %1 in your web browser? The page may have changed since it was imported.").replace("%1", url),
    )
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl(url))
        return True
    return False


class ArticlesArrivedCommand(QUndoCommand):
    """Articles brought in by one gesture (an import, a drop, a paste): undo removes exactly
    those, with what was found in them; redo puts them back. They are already stored when the
    command is pushed, so its first redo does nothing."""

    def __init__(self, store: Store, changed: Callable[[int], None], article_ids: list[int], text: str) -> None:
        super().__init__(text)
        self._store, self._changed, self._ids = store, changed, list(article_ids)
        self._snapshots: list[ArticleSnapshot] = []
        self._stored = True

    def redo(self) -> None:
        if self._stored:
            return
        with self._store.transaction():
            for snapshot in self._snapshots:
                self._store.restore_article(snapshot)
        self._stored = True
        self._changed(self._ids[-1])

    def undo(self) -> None:
        with self._store.transaction():
            self._snapshots = [self._store.snapshot_article(i) for i in self._ids if self._store.has_article(i)]
            for snapshot in self._snapshots:
                self._store.delete_article(snapshot.article_id)
        self._stored = False
        self._changed(self._ids[-1])

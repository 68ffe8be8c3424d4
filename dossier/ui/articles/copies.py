"""Copies of one story in Article Properties: what the article is a copy of, or who else carries
its story, and the analyst's say — take it out of its group ("Not a Copy"), or mark it as a copy
of another article ("Mark as Copy of…"). Each is one undo step, made through callbacks the window
gives (the box never touches the store)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.display import shown
from dossier.store.copies import CopyGroup

if TYPE_CHECKING:
    from dossier.ui.session import DossierSession


def copy_lines(group: CopyGroup | None, article_id: int) -> list[str]:
    """"Copy of “…” (Reuters): 86% of its sentences" and "Also carried by …", or nothing."""
    if group is None:
        return []
    origin = group.members[0]
    others = [m for m in group.members[1:] if m.article_id != article_id]
    carried = ", ".join(f"{shown(m.source or 'outlet unknown')} (“{shown(m.title)}”)" for m in others)
    if article_id == origin.article_id:
        return [f"Also carried by {carried}"] + ([f"A {group.wire} story"] if group.wire else [])
    me = next(m for m in group.members if m.article_id == article_id)
    by = group.wire or origin.source or "outlet unknown"
    lines = [f"Copy of “{shown(origin.title)}” ({shown(by)}): {me.shared or 0:.0%} of its sentences"]
    if others:
        lines.append(f"Also carried by {carried}")
    return lines


class CopiesBox(QWidget):
    """The article's copies line with its two buttons."""

    def __init__(self, article_id: int, group: CopyGroup | None, split: Callable[[], CopyGroup | bool | None],
                 mark: Callable[[], CopyGroup | bool | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._article_id = article_id
        self._split, self._mark = split, mark
        self.label = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.split_button = QPushButton(self.tr("Not a Copy"))
        self.split_button.setToolTip(self.tr("Take this article out of its group of copies: its evidence counts "
                                             "as its own origin again"))
        self.mark_button = QPushButton(self.tr("Mark as Copy of…"))
        self.mark_button.setToolTip(self.tr("Say that this article carries another article's story"))
        self.split_button.clicked.connect(self._on_split_clicked)
        self.mark_button.clicked.connect(self._on_mark_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.split_button)
        buttons.addWidget(self.mark_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        self.show_group(group)

    def show_group(self, group: CopyGroup | None) -> None:
        lines = copy_lines(group, self._article_id)
        self.label.setText("\n".join(lines) if lines else self.tr("No other article carries its story"))
        self.split_button.setEnabled(group is not None)
        self.label.setMinimumHeight(self.label.fontMetrics().lineSpacing() * max(1, len(lines)) * 2)

    def _on_split_clicked(self) -> None:
        found = self._split()
        if found is not False:
            self.show_group(found or None)

    def _on_mark_clicked(self) -> None:
        found = self._mark()
        if found is not False:
            self.show_group(found or None)


class ChooseArticleDialog(QDialog):
    """Pick one article by its title (typed to filter): the one this article is a copy of."""

    def __init__(self, choices: Sequence[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark as Copy of"))
        self._ids = [article_id for article_id, _title in choices]
        self.filter_edit = QLineEdit(placeholderText=self.tr("Filter by title or source"), clearButtonEnabled=True)
        self.names = QStringListModel([label for _id, label in choices], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.names)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName(self.tr("Articles"))
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.list.doubleClicked.connect(lambda _index: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The article whose story this one carries:")))
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 360)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def chosen(self) -> int | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return self._ids[self.proxy.mapToSource(index).row()]


def copies_box(session: DossierSession, article_id: int, parent: QWidget | None = None) -> CopiesBox:
    """The box for Article Properties, its buttons making undoable edits through the session."""
    from dossier.operations.copies import MarkCopies, SplitCopy  # lazy: on first use, off the start-up path

    records = session.store.copies

    def split() -> CopyGroup | bool | None:
        if not session.push(SplitCopy(article_id)):
            return False
        return records.group_of(article_id)

    def mark() -> CopyGroup | bool | None:
        store = session.store
        summaries = store.articles.summaries([i for i in store.articles.ids() if i != article_id])
        choices = [(a.id, f"{a.title} — {a.source or 'outlet unknown'}, {a.published or 'undated'}")
                   for a in sorted(summaries.values(), key=lambda a: a.title.casefold())]
        dialog = ChooseArticleDialog(choices, box)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        other = dialog.chosen()
        dialog.deleteLater()
        if not accepted or other is None or not session.push(MarkCopies(other, article_id)):
            return False
        return records.group_of(article_id)

    box = CopiesBox(article_id, records.group_of(article_id), split, mark, parent)
    return box


def find_all_copies(session: DossierSession, tasks: Any, said: Callable[[str], None]) -> None:
    """Article > Find Copies of Stories: every article against every other, on a worker (a
    dossier from before Dossier found copies, or after the analyst's own imports of old);
    what it finds is one undo step. `said` shows the outcome in the status bar."""
    from dossier.operations.copies import FindCopies, copies_in_file  # lazy: on first use, off the start-up path

    said("Looking for copies of one story among the articles…")

    def found(plan: Any) -> None:
        if not session.is_open:
            return
        before = len(session.store.copies.groups())
        if plan.members and session.push(FindCopies(plan)):
            after = len(session.store.copies.groups())
            said(f"{after} groups of copies of one story ({after - before:+d}); Edit > Undo takes them back")
        else:
            said("No copies of one story among the articles")

    tasks.run(lambda: copies_in_file(session.store.path), found, lambda error: said(f"Finding copies failed: {error}"))

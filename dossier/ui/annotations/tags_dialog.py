"""TagsDialog: the dossier's tags as a tree — new, rename, colour, nest, merge, delete.

Every change is an operation on the session (one undo step each); one that can't be made (a
name taken, a merge that would loop) is refused with a message and changes nothing. Deleting
says first how many annotations lose the tag (its nested tags included).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import TAGS, Changes
from dossier.core.models import Tag
from dossier.operations.tags import DeleteTag, MergeTags, NestTag, NewTag, RecolorTag, RenameTag
from dossier.store import Database
from dossier.ui import theme
from dossier.ui.session import DossierSession

TAG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class TagTreeModel(QAbstractItemModel):
    """Tags under their parents; the internal id of an index is the tag id."""

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._tags: dict[int, Tag] = {}
        self._children: dict[int | None, list[int]] = {}
        self._usage: dict[int, int] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        tags = self._store.tags.all()
        self._tags = {t.id: t for t in tags}
        self._children = {}
        for t in tags:  # sorted by name already
            parent = t.parent_id if t.parent_id in self._tags else None
            self._children.setdefault(parent, []).append(t.id)
        self._usage = {t.id: len(self._store.tags.tagged_with(t.id)) for t in tags}
        self.endResetModel()

    def tag(self, index: Index) -> Tag | None:
        return self._tags.get(index.internalId()) if index.isValid() else None

    def index_of(self, tag_id: int) -> QModelIndex:
        tag = self._tags.get(tag_id)
        if tag is None:
            return QModelIndex()
        parent = tag.parent_id if tag.parent_id in self._tags else None
        return self.createIndex(self._children[parent].index(tag_id), 0, tag_id)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        key = parent.internalId() if parent.isValid() else None
        siblings = self._children.get(key, [])
        if not (0 <= row < len(siblings)) or column not in (0, 1):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # the model's parent(), not QObject's
        tag = self.tag(child)
        if tag is None or tag.parent_id not in self._tags:
            return QModelIndex()
        return self.index_of(tag.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else None, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Tag"), self.tr("Annotations"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        tag = self.tag(index)
        if tag is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tag.name if index.column() == 0 else self._usage.get(tag.id, 0)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            swatch = QPixmap(12, 12)
            swatch.fill(QColor(tag.color))
            return swatch
        if role == TAG_ID_ROLE:
            return tag.id
        return None


class TagsDialog(QDialog):
    def __init__(self, session: DossierSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags"))
        self._session, self._store = session, session.store
        self.model = TagTreeModel(self._store, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.expandAll()
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New…"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.color_button = QPushButton(self.tr("Colour…"))
        self.nest_button = QPushButton(self.tr("Nest Under…"))
        self.merge_button = QPushButton(self.tr("Merge Into…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        for button, slot in ((self.new_button, self.new_tag), (self.rename_button, self.rename_tag),
                             (self.color_button, self.recolor_tag), (self.nest_button, self.nest_tag),
                             (self.merge_button, self.merge_tag), (self.delete_button, self.delete_tag)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(560, 420)
        session.changed.connect(self._on_changed)
        session.refused.connect(self._on_refused)

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(TAGS):
            return
        current = self.current_tag()
        self.model.reload()
        self.tree.expandAll()
        if current is not None and self.model.index_of(current.id).isValid():
            self.tree.setCurrentIndex(self.model.index_of(current.id))

    def _on_refused(self, reason: str) -> None:
        if self.isVisible():
            QMessageBox.information(self, self.windowTitle(), reason)

    def current_tag(self) -> Tag | None:
        return self.model.tag(self.tree.currentIndex())

    def select(self, tag_id: int) -> None:
        self.tree.setCurrentIndex(self.model.index_of(tag_id))

    def _other_tag(self, title: str, prompt: str, exclude: set[int], allow_top: bool = False) -> int | bool | None:
        tags = [t for t in self._store.tags.all() if t.id not in exclude]
        labels = ([self.tr("(top level)")] if allow_top else []) + [t.name for t in tags]
        if not labels:
            return False
        label, ok = QInputDialog.getItem(self, title, prompt, labels, 0, False)
        if not ok:
            return False
        if allow_top and label == labels[0]:
            return None
        return tags[labels.index(label) - (1 if allow_top else 0)].id

    def new_tag(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New Tag"), self.tr("Name:"))
        if ok and name.strip():
            parent = self.current_tag()
            color = theme.tag_color(len(self._store.tags.all()))
            operation = NewTag(name, color, parent.id if parent else None)
            if self._session.push(operation):
                self.select(operation.result)

    def rename_tag(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename Tag"), self.tr("New name:"), text=tag.name)
        if ok and name.strip() and name.strip() != tag.name:
            self._session.push(RenameTag(tag.id, name))

    def recolor_tag(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        color = QColorDialog.getColor(QColor(tag.color), self, self.tr("Tag Colour"))
        if color.isValid() and color.name() != tag.color:
            self._session.push(RecolorTag(tag.id, color.name()))

    def nest_tag(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        target = self._other_tag(self.tr("Nest Tag"), self.tr("Put “%1” under:").replace("%1", tag.name),
                                 set(self._store.tags.subtree(tag.id)), allow_top=True)
        if target is not False and target != tag.parent_id:
            self._session.push(NestTag(tag.id, target))

    def merge_tag(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        target = self._other_tag(self.tr("Merge Tag"),
                                 self.tr("Merge “%1” into (its annotations get that tag):").replace("%1", tag.name),
                                 {tag.id})
        if target not in (False, None):
            self._session.push(MergeTags(tag.id, target))

    def delete_tag(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        count = self._store.tags.usage(tag.id)
        nested = len(self._store.tags.subtree(tag.id)) - 1
        detail = self.tr(" and its %1 nested tags").replace("%1", str(nested)) if nested else ""
        answer = QMessageBox.question(
            self, self.tr("Delete Tag"),
            self.tr("Delete “%1”%2? %3 annotations lose it; the annotations themselves stay. You can undo this.")
            .replace("%1", tag.name).replace("%2", detail).replace("%3", str(count)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._session.push(DeleteTag(tag.id))

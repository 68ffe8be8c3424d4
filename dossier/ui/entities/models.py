"""Models of the entity sidebar: entities grouped by kind, and one entity's mentions."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from dossier.core.name_filter import NameFilter
from dossier.core.vocabulary import ENTITY_KINDS
from dossier.store import EntityRow, Store
from dossier.store.entities import MentionContext

ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
MENTION_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

KIND_LABELS = {
    "person": "People", "organisation": "Organisations", "place": "Places",
    "unit": "Military units", "other": "Other",
}
_GROUP = 0  # internal id of a kind group; an entity row's internal id is its group's row + 1


class EntityTreeModel(QAbstractItemModel):
    """Two levels: the five kinds, then their entities (name, mention count) that pass the filter."""

    def __init__(self, store: Store, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._store = store
        self._rows: dict[int, EntityRow] = {}
        self._filter = NameFilter([])
        self._text = ""
        self._groups: list[list[int]] = [[] for _ in ENTITY_KINDS]
        self.reload()

    def reload(self) -> None:
        rows = self._store.entity_rows()
        self._rows = {r.id: r for r in rows}
        self._filter = NameFilter((r.id, (r.name, *r.aliases)) for r in rows)
        self._regroup()

    def set_filter(self, text: str) -> None:
        self._text = text
        self._regroup()

    def _regroup(self) -> None:
        self.beginResetModel()
        self._groups = [[] for _ in ENTITY_KINDS]
        kind_row = {kind: i for i, kind in enumerate(ENTITY_KINDS)}
        for entity_id in self._filter.matching(self._text):
            self._groups[kind_row[self._rows[entity_id].kind]].append(entity_id)
        self.endResetModel()

    def visible_count(self) -> int:
        return sum(len(g) for g in self._groups)

    def index_of(self, entity_id: int) -> QModelIndex:
        row = self._rows.get(entity_id)
        if row is None:
            return QModelIndex()
        group = ENTITY_KINDS.index(row.kind)
        try:
            return self.index(self._groups[group].index(entity_id), 0, self.index(group, 0))
        except ValueError:
            return QModelIndex()

    def entity(self, entity_id: int) -> EntityRow | None:
        return self._rows.get(entity_id)

    # -- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(ENTITY_KINDS)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Entity"), self.tr("Mentions"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            kind = ENTITY_KINDS[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                if index.column() == 0:
                    return self.tr(KIND_LABELS[kind])
                return len(self._groups[index.row()])
            if role == KIND_ROLE:
                return kind
            return None
        entity = self._rows[self._groups[index.internalId() - 1][index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return entity.name if index.column() == 0 else entity.mentions
        if role == Qt.ItemDataRole.ToolTipRole and entity.aliases:
            return self.tr("Also: ") + ", ".join(entity.aliases)
        if role == ENTITY_ID_ROLE:
            return entity.id
        if role == KIND_ROLE:
            return entity.kind
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class MentionListModel(QAbstractListModel):
    """One entity's mentions, each shown with a little of the text around it."""

    def __init__(self, store: Store, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._store = store
        self._mentions: list[MentionContext] = []

    def show_entity(self, entity_id: int | None) -> None:
        self.beginResetModel()
        self._mentions = self._store.mention_contexts(entity_id) if entity_id is not None else []
        self.endResetModel()

    def mention(self, row: int) -> MentionContext:
        return self._mentions[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._mentions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        m = self._mentions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            before = m.before.replace("\n", " ")
            after = m.after.replace("\n", " ")
            return f"…{before}[{m.surface}]{after}…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return m.article_title
        if role == MENTION_ROLE:
            return m
        return None


class EntityArticlesModel(QAbstractListModel):
    """The articles that mention one entity, most mentions first."""

    ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 4

    def __init__(self, store: Store, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._store = store
        self._rows: list[tuple[int, str, int]] = []

    def show_entity(self, entity_id: int | None) -> None:
        self.beginResetModel()
        self._rows = self._store.articles_mentioning(entity_id) if entity_id is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        article_id, title, count = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title} ({count})"
        if role == self.ARTICLE_ID_ROLE:
            return article_id
        return None

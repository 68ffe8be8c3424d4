"""Models of the entity sidebar: entities grouped by kind, and one entity's mentions."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPainter, QPixmap

from dossier.core.display import snippet
from dossier.core.models import MentionContext
from dossier.core.name_filter import NameFilter
from dossier.core.vocabulary import ENTITY_KINDS
from dossier.store import Database, EntityRow
from dossier.ui import theme

CONTEXT_WIDTH = 48  # characters of text on each side of a mention in the list
ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
MENTION_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

KIND_LABELS = {
    "person": "People", "organisation": "Organisations", "place": "Places",
    "unit": "Military units", "other": "Other",
}


class EntityListModel(QAbstractTableModel):
    """Entities grouped by kind: a flat table of group rows ("Places (4)") each followed by its
    entities (name, mention count) that pass the filter; a collapsed group hides its entities, a
    kind with no entity passing the filter has no row.

    Flat on purpose: a tree view lays out every expanded row through Python calls (a third of a
    second at 7,500 entities), a table asks only for the rows on screen, so filtering 50,000
    entities costs one pass over a prepared list."""

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._entities: dict[int, EntityRow] = {}
        self._filter = NameFilter([])
        self._text = ""
        self._collapsed: set[str] = set()
        self._counts = {kind: 0 for kind in ENTITY_KINDS}
        self._rows: list[int | str] = []  # an entity id, or a kind for its group row
        self._swatches: dict[str, QPixmap] = {}
        self.reload()

    def reload(self) -> None:
        rows = self._store.entities.rows()
        self._entities = {r.id: r for r in rows}
        self._filter = NameFilter((r.id, (r.name, *r.aliases)) for r in rows)
        self._regroup()

    def set_filter(self, text: str) -> None:
        self._text = text
        self._regroup()

    def toggle_group(self, kind: str) -> None:
        self._collapsed ^= {kind}
        self._regroup()

    def _regroup(self) -> None:
        groups: dict[str, list[int]] = {kind: [] for kind in ENTITY_KINDS}
        entities = self._entities
        for entity_id in self._filter.matching(self._text):
            groups[entities[entity_id].kind].append(entity_id)
        self.beginResetModel()
        self._rows = []
        for kind, members in groups.items():
            self._counts[kind] = len(members)
            if not members:
                continue  # "People 0" would only push the matches out of view
            self._rows.append(kind)
            if kind not in self._collapsed:
                self._rows.extend(members)
        self.endResetModel()

    def visible_count(self) -> int:
        return sum(self._counts.values())

    def names_shown(self) -> list[str]:
        return [self._entities[r].name for r in self._rows if isinstance(r, int)]

    def row_of(self, entity_id: int) -> int:
        try:
            return self._rows.index(entity_id)
        except ValueError:
            return -1

    def entity(self, entity_id: int | None) -> EntityRow | None:
        return self._entities.get(entity_id) if entity_id is not None else None

    def kind_at(self, row: int) -> str | None:
        item = self._rows[row]
        return item if isinstance(item, str) else None

    def _swatch(self, kind: str) -> QPixmap:
        """A dot in the kind's colour (the colour of its underline in the article), made once."""
        if kind not in self._swatches:
            pixmap = QPixmap(12, 12)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.kind_color(kind, QGuiApplication.palette()))
            painter.drawEllipse(2, 2, 8, 8)
            painter.end()
            self._swatches[kind] = pixmap
        return self._swatches[kind]

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Entity"), self.tr("Mentions"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        if isinstance(item, str):  # a group row
            if role == Qt.ItemDataRole.DisplayRole:
                if index.column() == 1:
                    return None  # the Mentions column counts mentions, not entities
                count = f"{self._counts[item]:,}"
                return ("▸ " if item in self._collapsed else "▾ ") + f"{self.tr(KIND_LABELS[item])} ({count})"
            if role == Qt.ItemDataRole.FontRole:
                return _bold()
            if role == KIND_ROLE:
                return item
            return None
        entity = self._entities[item]
        if role == Qt.ItemDataRole.DisplayRole:
            return entity.name if index.column() == 0 else entity.mentions
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self._swatch(entity.kind)
        if role == Qt.ItemDataRole.ToolTipRole and entity.aliases:
            return self.tr("Also: ") + ", ".join(entity.aliases)
        if role == ENTITY_ID_ROLE:
            return entity.id
        if role == KIND_ROLE:
            return entity.kind
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class MentionListModel(QAbstractListModel):
    """One entity's mentions, each shown with a little of the text around it."""

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._mentions: list[MentionContext] = []

    def show_entity(self, entity_id: int | None) -> None:
        self.beginResetModel()
        self._mentions = self._store.entities.mention_contexts(entity_id, CONTEXT_WIDTH) if entity_id is not None else []
        self.endResetModel()

    def mention(self, row: int) -> MentionContext:
        return self._mentions[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._mentions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        m = self._mentions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return snippet(m.before, m.surface, m.after, cut_before=m.start > len(m.before),
                           cut_after=len(m.after) == CONTEXT_WIDTH)
        if role == Qt.ItemDataRole.ToolTipRole:
            return m.article_title
        if role == MENTION_ROLE:
            return m
        return None


class EntityArticlesModel(QAbstractListModel):
    """The articles that mention one entity, most mentions first."""

    ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 4

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[tuple[int, str, int]] = []

    def show_entity(self, entity_id: int | None) -> None:
        self.beginResetModel()
        self._rows = self._store.entities.articles_mentioning(entity_id) if entity_id is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
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

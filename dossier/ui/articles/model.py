"""ArticleListModel: the dossier's articles as a table that reads rows only when shown.

It holds the ordered ids of the articles that pass the filter (cheap even at 100,000) and
fetches titles, sources and dates a page at a time as the view asks for them.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from dossier.core.models import ArticleSummary
from dossier.ingest.language import language_name
from dossier.store import Database

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE = 200
COLUMNS = ("title", "source", "published", "language", "copies")

Index = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractTableModel):
    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ids: list[int] = []
        self._rows: dict[int, ArticleSummary] = {}
        self._copies: dict[int, tuple[str, str]] = {}  # copies of one story (store.copies), per fetched page
        self._order, self._descending = "published", True
        self._contains, self._from, self._to = "", None, None  # type: tuple[str, str | None, str | None]
        self._language: str | None = None  # any; NO_LANGUAGE for those not known
        self.reload()

    # -- what the view asks -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Title"), self.tr("Source"), self.tr("Published"), self.tr("Lang."), self.tr("Copies"))[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == 3:
            return self.tr("The language the article is written in (Article > Properties to change it)")
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == 4:
            return self.tr("Copies of one story: a wire story this article carries, or how many carry its story")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        article_id = self._ids[index.row()]
        if role == ARTICLE_ID_ROLE:
            return article_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows.get(article_id)
        if row is None:
            if not self._store.is_open:  # the dossier was closed; the view is on its way out
                return None
            row = self._fetch(index.row())
        if index.column() == 4:  # copies of one story
            words, tip = self._copies.get(article_id, ("", ""))
            return tip if role == Qt.ItemDataRole.ToolTipRole else words
        value = getattr(row, COLUMNS[index.column()]) or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 3 and value:
                return language_name(value)  # "hy" -> "Armenian"
            return value if index.column() == 0 else None
        return value

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if COLUMNS[column] == "copies":
            return  # kept in the order it has: the store sorts by the article's own fields
        wanted = (COLUMNS[column], order == Qt.SortOrder.DescendingOrder)
        if wanted != (self._order, self._descending):
            self._order, self._descending = wanted
            self.reload()

    # -- what the app asks ------------------------------------------------------------------

    def set_filter(self, contains: str = "", published_from: str | None = None, published_to: str | None = None,
                   language: str | None = None) -> None:
        self._contains, self._from, self._to = contains, published_from or None, published_to or None
        self._language = language
        self.reload()

    def reload(self) -> None:
        """Re-read ids (after a filter, sort or dossier change); rows are fetched again lazily."""
        self.beginResetModel()
        self._ids = self._store.articles.ids(
            self._order, self._descending, contains=self._contains,
            published_from=self._from, published_to=self._to, language=self._language,
        )
        self._rows.clear()
        self._copies.clear()
        self.endResetModel()

    def row_of(self, article_id: int) -> int:
        try:
            return self._ids.index(article_id)
        except ValueError:
            return -1

    def article_id_at(self, row: int) -> int:
        return self._ids[row]

    def _fetch(self, row: int) -> ArticleSummary:
        start = row - row % PAGE
        page = self._ids[start : start + PAGE]
        self._rows.update(self._store.articles.summaries(page))
        self._copies.update(self._store.copies.list_labels(page))
        return self._rows[self._ids[row]]

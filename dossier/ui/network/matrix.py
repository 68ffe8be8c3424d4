"""The co-occurrence matrix: the network's entities against each other, each cell the number of
passages naming both (the network's filters). A click on a column header sorts the rows by it; a
cell opens the passages. Export as CSV from the network's Export menu."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.analysis.network import build_network, cooccurrence
from dossier.core.citation import plural
from dossier.core.network import NetworkFilter
from dossier.store import Database

MATRIX_LIMIT = 60  # entities: a wider table can't be read
Index = QModelIndex | QPersistentModelIndex
PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class MatrixModel(QAbstractTableModel):
    def __init__(self, store: Database, f: NetworkFilter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        limit = min(f.limit or MATRIX_LIMIT, MATRIX_LIMIT)
        shown = NetworkFilter(**{**f.__dict__, "limit": limit})
        network = build_network(store.network.network(shown), shown)
        self.nodes, self.counts = network.nodes, cooccurrence(network)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.nodes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.nodes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.nodes[section].name
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        a, b = self.nodes[index.row()].id, self.nodes[index.column()].id
        count = self.counts.get((a, b), 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return count or ""
        if role == Qt.ItemDataRole.EditRole:
            return count  # what sorting compares
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def pair(self, row: int, column: int) -> tuple[int, int]:
        return self.nodes[row].id, self.nodes[column].id


class MatrixDialog(QDialog):
    passage_chosen = Signal(int, int, int)

    def __init__(self, store: Database, f: NetworkFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Co-occurrence matrix"))
        self._store, self._filter = store, f
        self.model = MatrixModel(store, f, self)
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.model)
        self.sorted.setSortRole(Qt.ItemDataRole.EditRole)
        self.table = QTableView()
        self.table.setModel(self.sorted)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._open)
        self.label = QLabel(self.tr("Passages naming both of two entities: click a cell."))
        self.passages = QListWidget()
        self.passages.setWordWrap(True)
        self.passages.itemActivated.connect(self._passage)
        self.passages.itemDoubleClicked.connect(self._passage)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.label)
        layout.addWidget(self.passages, 1)
        self.resize(900, 640)

    def _open(self, index: QModelIndex) -> None:
        source = self.sorted.mapToSource(index)
        a, b = self.model.pair(source.row(), source.column())
        found = self._store.network.link_passages(a, b, self._filter) if a != b else []
        self.label.setText(self.tr("%1 and %2: %3").replace("%1", self.model.nodes[source.row()].name)
                           .replace("%2", self.model.nodes[source.column()].name).replace("%3", plural(len(found), "passage")))
        self.passages.clear()
        for article_id, start, end, text in found:
            item = QListWidgetItem(" ".join(text.split()))
            item.setData(PASSAGE_ROLE, (article_id, start, end))
            self.passages.addItem(item)

    def _passage(self, item: QListWidgetItem) -> None:
        self.passage_chosen.emit(*item.data(PASSAGE_ROLE))

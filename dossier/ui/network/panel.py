"""View > Network (Ctrl+Shift+N): who is named with whom, as a picture and as a table.

The filters (kinds, minimum link count, a tag, published dates, the open article or the whole
dossier, neighbours of the chosen entity) go to a worker, which reads the network through its own
connection (store.network, analysis.network) and lays it out (analysis.network_layout); the picture is updated in place.
Choosing an entity selects it in the sidebar (and so rings its events on the timeline); choosing
a link lists the passages that name both, and Enter or a double-click opens one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dossier.analysis.network import Network, build_network
from dossier.analysis.network_layout import layout
from dossier.core.changes import ANNOTATIONS, ARTICLES, CONTENT, ENTITIES, EVENTS, TAGS, Changes
from dossier.core.citation import plural
from dossier.core.network import NetworkFilter
from dossier.store import Database
from dossier.ui.network.canvas import NetworkCanvas, NetworkItem
from dossier.ui.network.files import export_view
from dossier.ui.network.matrix import MatrixDialog
from dossier.ui.session import DossierSession
from dossier.ui.tables import fill_tag_box
from dossier.ui.theme import ENTITY_KIND_COLORS, kind_color

KINDS = (("All kinds", None), ("People", "person"), ("Organisations", "organisation"), ("Places", "place"),
         ("Military units", "unit"), ("People and organisations", "person,organisation"))
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1


def compute(path: Path, f: NetworkFilter, previous: dict[int, tuple[float, float]]) -> tuple[Network, dict]:
    """On a worker: the network through a connection of its own, and where its entities sit."""
    with Database.reading(path) as store:
        network = build_network(store.network.network(f), f)
    positions = layout([n.id for n in network.nodes], [(k.source, k.target, k.passages) for k in network.links],
                       previous)
    return network, positions


class NetworkPanel(QWidget):
    entity_chosen = Signal(int)
    passage_chosen = Signal(int, int, int)  # article id, start, end

    def __init__(self, session: DossierSession, tasks: Any, current_article: Any = lambda: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._store, self._tasks = session, session.store, tasks
        self._current_article = current_article  # () -> the open article's id, or None
        self._positions: dict[int, tuple[float, float]] = {}  # kept while the dossier is open
        self._moved: set[int] = set()  # dragged by the user: stays where put
        self._request = 0
        self.network = Network()

        self.kind_box = QComboBox()
        for label, value in KINDS:
            self.kind_box.addItem(self.tr(label), value)
        self.min_count = QSpinBox(minimum=1, maximum=1000, value=1, prefix=self.tr("links ≥ "))
        self.tag_box = QComboBox()
        self.from_edit = QLineEdit(placeholderText=self.tr("From"))
        self.to_edit = QLineEdit(placeholderText=self.tr("To"))
        for edit in (self.from_edit, self.to_edit):
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("2021-05-14") + 24)
        self.scope_box = QComboBox()
        self.scope_box.addItem(self.tr("Whole dossier"), "dossier")
        self.scope_box.addItem(self.tr("Open article"), "article")
        self.around_box = QComboBox()
        self.around_box.addItem(self.tr("Everyone"), 0)
        self.around_box.addItem(self.tr("Neighbours of the chosen"), 1)
        self.around_box.addItem(self.tr("…and theirs"), 2)
        self.limit = QSpinBox(minimum=10, maximum=5000, value=150, singleStep=50, prefix=self.tr("busiest "))
        self.status = QLabel()
        self.matrix_button = QPushButton(self.tr("Matrix…"))
        self.export_button = QPushButton(self.tr("Export…"))
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("GraphML (yEd, Gephi)…"), lambda: self._export("graphml"))
        menu.addAction(self.tr("GEXF (Gephi)…"), lambda: self._export("gexf"))
        menu.addAction(self.tr("Picture (PNG)…"), lambda: self._export("png"))
        menu.addAction(self.tr("Picture (SVG)…"), lambda: self._export("svg"))
        menu.addAction(self.tr("Matrix (CSV)…"), lambda: self._export("csv"))
        self.export_button.setMenu(menu)

        palette = self.palette()
        self.item = NetworkItem({kind: kind_color(kind, palette) for kind in ENTITY_KIND_COLORS})
        self.canvas = NetworkCanvas(self.item)
        self.passages = QListWidget()
        self.passages.setWordWrap(True)
        self.passages.setAccessibleName(self.tr("Passages naming both"))
        self.passages_label = QLabel(self.tr("Choose a link to read the passages that name both."), wordWrap=True)

        # Two rows: in one, the filters made the dock (and the window) wider than a laptop's screen.
        controls = QVBoxLayout()
        filters, scope = QHBoxLayout(), QHBoxLayout()
        for widget in (self.kind_box, self.min_count, self.tag_box, self.from_edit, self.to_edit):
            filters.addWidget(widget)
        filters.addStretch(1)
        for widget in (self.scope_box, self.around_box, self.limit):
            scope.addWidget(widget)
        scope.addStretch(1)
        scope.addWidget(self.matrix_button)
        scope.addWidget(self.export_button)
        controls.addLayout(filters)
        controls.addLayout(scope)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.passages_label)
        side_layout.addWidget(self.passages)
        split = QSplitter()
        split.addWidget(self.canvas)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self._again = QTimer(self, singleShot=True, interval=250)  # one reload per pause in changes
        self._again.timeout.connect(self.reload)
        for box in (self.kind_box, self.tag_box, self.scope_box, self.around_box):
            box.currentIndexChanged.connect(self._again.start)
        for spin in (self.min_count, self.limit):
            spin.valueChanged.connect(self._again.start)
        for edit in (self.from_edit, self.to_edit):
            edit.editingFinished.connect(self._again.start)
        self.item.node_clicked.connect(self._on_node)
        self.item.link_clicked.connect(self._on_link)
        self.item.node_moved.connect(self._on_moved)
        self.passages.itemActivated.connect(self._open_passage)
        self.passages.itemDoubleClicked.connect(self._open_passage)
        self.matrix_button.clicked.connect(self.show_matrix)
        session.changed.connect(self._on_changed)
        self._list_tags()
        self._chosen: int | None = None
        self.reload()

    # -- the filter ------------------------------------------------------------------------------

    def current_filter(self, limit: bool = True) -> NetworkFilter:
        kinds = self.kind_box.currentData()
        low, high = self.from_edit.text().strip(), self.to_edit.text().strip()
        article = self._current_article() if self.scope_box.currentData() == "article" else None
        steps = int(self.around_box.currentData())
        return NetworkFilter(
            kinds=frozenset(kinds.split(",")) if kinds else None, min_count=self.min_count.value(),
            tag_id=self.tag_box.currentData(), published_from=low if PARTIAL_DATE.fullmatch(low) else None,
            published_to=high if PARTIAL_DATE.fullmatch(high) else None,
            article_id=article if article is not None else (-1 if self.scope_box.currentData() == "article" else None),
            around=self._chosen if steps and self._chosen is not None else None, steps=max(1, steps),
            limit=self.limit.value() if limit else None)

    def _list_tags(self) -> None:
        fill_tag_box(self.tag_box, self._store.tags.all(), self.tr("All tags"))

    # -- reading and drawing -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read and lay out the network on a worker; the newest request wins."""
        if not self._store.is_open:
            return
        self._request += 1
        request, f, previous = self._request, self.current_filter(), dict(self._positions)
        self.status.setText(self.tr("Laying out…"))
        self._tasks.run(lambda: compute(self._store.path, f, previous),
                        lambda result: self._show(request, *result), lambda error: self._failed(request, error))

    def _failed(self, request: int, error: BaseException) -> None:
        """The picture stays as it was; the status line says why it was not redrawn."""
        if request == self._request and self._store.is_open:
            self.status.setText(self.tr("The network could not be laid out: %1").replace("%1", str(error)))

    def _show(self, request: int, network: Network, positions: dict[int, tuple[float, float]]) -> None:
        if request != self._request or not self._store.is_open:
            return  # a newer request is on its way
        for entity_id in self._moved:  # what the user placed stays placed
            if entity_id in positions and entity_id in self._positions:
                positions[entity_id] = self._positions[entity_id]
        first = not self.item.nodes
        self._positions.update(positions)
        self.network = network
        self.item.set_network(network.nodes, network.links, positions)
        if first or not self.canvas.transform().isScaling():
            self.canvas.fit()
        self.item.update()
        shown, total = len(network.nodes), network.total_nodes
        hidden = f"; {network.hidden_nodes} less busy not shown" if network.hidden_nodes else ""
        self.status.setText(self.tr("%1 of %2 entities, %3 links%4").replace("%1", str(shown))
                            .replace("%2", str(total)).replace("%3", str(len(network.links))).replace("%4", hidden))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(TAGS):
            self._list_tags()
        if changes.touches(ENTITIES, CONTENT, EVENTS, ARTICLES, ANNOTATIONS):
            self._again.start()

    def article_opened(self) -> None:
        """The open article changed: redraw if the view follows it."""
        if self.scope_box.currentData() == "article":
            self._again.start()

    # -- choosing ------------------------------------------------------------------------------------

    def _on_node(self, entity_id: int) -> None:
        self._chosen = entity_id
        self.passages.clear()
        self.passages_label.setText(self.tr("Choose a link to read the passages that name both."))
        self.entity_chosen.emit(entity_id)
        if self.around_box.currentData():
            self._again.start()

    def select_entity(self, entity_id: int | None) -> None:
        """The sidebar chose an entity: ring it here too, if it is drawn."""
        if entity_id is not None and entity_id != self.item.selected_node and self.item.position_of(entity_id):
            self._chosen = entity_id
            self.item.selected_node, self.item.selected_link = entity_id, None
            self.item.update()

    def _on_link(self, a: int, b: int) -> None:
        names = {n.id: n.name for n in self.network.nodes}
        found = self._store.network.link_passages(a, b, self.current_filter(limit=False))
        self.passages_label.setText(self.tr("%1 and %2: %3").replace("%1", names.get(a, "?"))
                                    .replace("%2", names.get(b, "?")).replace("%3", plural(len(found), "passage")))
        self.passages.clear()
        titles: dict[int, str] = {}
        for article_id, start, end, text in found:
            title = titles.get(article_id) or titles.setdefault(article_id, self._store.articles.get(article_id).title)
            item = QListWidgetItem(f"{' '.join(text.split())}\n— {title}")
            item.setData(PASSAGE_ROLE, (article_id, start, end))
            self.passages.addItem(item)
        if found:
            self.passages.setCurrentRow(0)

    def _open_passage(self, item: QListWidgetItem) -> None:
        article_id, start, end = item.data(PASSAGE_ROLE)
        self.passage_chosen.emit(article_id, start, end)

    def _on_moved(self, entity_id: int, x: float, y: float) -> None:
        self._positions[entity_id] = (x, y)
        self._moved.add(entity_id)

    # -- the matrix and the files -------------------------------------------------------------------

    def show_matrix(self) -> None:
        dialog = MatrixDialog(self._store, self.current_filter(), self)
        dialog.passage_chosen.connect(self.passage_chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _export(self, kind: str) -> None:
        export_view(self, kind)

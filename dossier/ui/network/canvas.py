"""The network drawn: one QGraphicsItem paints every entity and link, so 5,000 entities and 20,000
links pan and zoom as one picture (thousands of items would each cost the scene its bookkeeping).

A node's area follows its mentions and its colour its kind (the sidebar's colours); a link's width
follows its count. Names show for the busiest entities, and for every one once zoomed in enough
to read them. A crowded picture (over 1,500 links) draws links as hairlines, darker the stronger,
keeps a cached picture of the view for panning, and leaves links and names out while the wheel
zooms, until it stops. Clicking a node chooses the entity, clicking a link chooses the pair; dragging a
node moves it, and it stays where it was put while the dossier is open. The wheel zooms, dragging
the background pans, 0 fits the picture to the view.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPen, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from dossier.analysis.network import Link, Node
from dossier.ui import theme

SCENE = 1000.0  # the layout is scaled into a square this wide
LABELLED = 40  # the busiest this many are named at any zoom
GRID = 40.0  # scene units per cell of the hit-test grid
CROWDED = 1_500  # links: beyond this many, drawn as hairlines without antialiasing


class NetworkItem(QGraphicsObject):
    node_clicked = Signal(int)
    link_clicked = Signal(int, int)
    node_moved = Signal(int, float, float)  # entity id and its new place, in layout units

    def __init__(self, colors: Mapping[str, QColor]) -> None:
        super().__init__()
        self.setAcceptHoverEvents(True)
        self._colors = dict(colors)
        self.nodes: list[Node] = []
        self.links: list[Link] = []
        self.points: list[QPointF] = []
        self.radii: list[float] = []
        self._index: dict[int, int] = {}  # entity id -> position in nodes
        self._grid: dict[tuple[int, int], list[int]] = {}
        self._bounds = QRectF(0, 0, SCENE, SCENE)
        self.content = QRectF(0, 0, SCENE, SCENE)  # where the entities are
        self._scale = (1.0, 0.0, 0.0)  # layout units -> scene: factor, offset x, offset y
        self.selected_node: int | None = None
        self.selected_link: tuple[int, int] | None = None
        self._dragging: int | None = None
        self.moving = False  # zooming: a crowded picture leaves its links out until it settles
        self._link_batches: list[tuple[float, list[QLineF]]] = []
        self._node_batches: list[tuple[tuple[str, float], list[QPointF]]] = []

    # -- data ---------------------------------------------------------------------------------

    def set_network(self, nodes: Sequence[Node], links: Sequence[Link], positions: Mapping[int, tuple[float, float]]) -> None:
        self.prepareGeometryChange()
        self.nodes = [n for n in nodes if n.id in positions]
        self._index = {n.id: i for i, n in enumerate(self.nodes)}
        self.links = [link for link in links if link.source in self._index and link.target in self._index]
        # A crowded picture is kept as a picture of the view: panning moves it instead of painting
        # it again (a repaint of 5,000 entities and 20,000 links takes about 30 ms).
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache if len(self.links) > CROWDED
                          else QGraphicsItem.CacheMode.NoCache)
        xs = [positions[n.id][0] for n in self.nodes] or [0.0]
        ys = [positions[n.id][1] for n in self.nodes] or [0.0]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        self._scale = (SCENE / span, -min(xs), -min(ys))
        self.points = [self._to_scene(positions[n.id]) for n in self.nodes]
        most = max((n.mentions for n in self.nodes), default=1)
        # Radii in pixels on screen: an entity stays visible and clickable at every zoom.
        self.radii = [3.5 + 9.0 * math.sqrt(n.mentions / most) for n in self.nodes]
        if self.selected_node not in self._index:
            self.selected_node = None
        if self.selected_link and not (self.selected_link[0] in self._index and self.selected_link[1] in self._index):
            self.selected_link = None
        self._reindex()

    def _to_scene(self, xy: tuple[float, float]) -> QPointF:
        factor, dx, dy = self._scale
        return QPointF((xy[0] + dx) * factor, (xy[1] + dy) * factor)

    def to_layout(self, point: QPointF) -> tuple[float, float]:
        factor, dx, dy = self._scale
        return point.x() / factor - dx, point.y() / factor - dy

    def _reindex(self) -> None:
        self._batch()
        self._grid = {}
        for i, p in enumerate(self.points):
            self._grid.setdefault((int(p.x() // GRID), int(p.y() // GRID)), []).append(i)
        if self.points:
            left, top = min(p.x() for p in self.points), min(p.y() for p in self.points)
            right, bottom = max(p.x() for p in self.points), max(p.y() for p in self.points)
            self.content = QRectF(left, top, right - left, bottom - top)
        else:
            self.content = QRectF(0, 0, SCENE, SCENE)
        # Circles and names are sized in pixels, so they reach further into the scene the further
        # the view zooms out: the item claims a wide margin (painting is limited to what shows).
        self._bounds = self.content.adjusted(-SCENE, -SCENE, SCENE, SCENE)

    def position_of(self, entity_id: int) -> QPointF | None:
        i = self._index.get(entity_id)
        return None if i is None else self.points[i]

    # -- painting -----------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _batch(self) -> None:
        """What paint draws, grouped so each group is one call: links by width (the chosen one
        apart), nodes by colour and size. Made again when the data or a place changes."""
        by_width: dict[float, list[QLineF]] = {}
        for link in self.links:
            if self.selected_link == (link.source, link.target):
                continue
            line = QLineF(self.points[self._index[link.source]], self.points[self._index[link.target]])
            by_width.setdefault(round(min(6.0, 0.6 + math.log2(link.passages + 1) * 0.9), 1), []).append(line)
        self._link_batches = sorted(by_width.items())
        by_look: dict[tuple[str, float], list[QPointF]] = {}
        for node, point, radius in zip(self.nodes, self.points, self.radii):
            by_look.setdefault((node.kind, round(radius * 2) / 2), []).append(point)
        self._node_batches = sorted(by_look.items(), key=lambda item: -item[0][1])  # the big ones underneath

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        zoom = painter.worldTransform().m11()
        # Thousands of wide, translucent, antialiased lines cost seconds a frame: a crowded view draws
        # its links as plain hairlines (the strong ones darker) and its nodes without antialiasing.
        crowded = len(self.links) > CROWDED
        painter.save()
        if crowded:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for width, lines in [] if crowded and self.moving else self._link_batches:
            if crowded:  # hairlines, darker the stronger
                pen = QPen(QColor.fromHsl(0, 0, max(60, 190 - int(width * 25))), 0)
            else:
                pen = QPen(QColor(*theme.NETWORK_LINK), width)
                pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(lines)
        if self.selected_link is not None:
            pen = QPen(QColor(theme.NETWORK_CHOSEN), 4)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(self.points[self._index[self.selected_link[0]]], self.points[self._index[self.selected_link[1]]])
        # Nodes: a round pen as wide as the circle draws each as a point, one call per colour and size.
        for (kind, radius), points in self._node_batches:
            pen = QPen(self._colors.get(kind, self._colors.get("other", QColor(theme.FALLBACK))), 2 * radius)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawPoints(points)
        painter.restore()
        if self.selected_node is not None:
            i = self._index[self.selected_node]
            pen = QPen(QColor(theme.NETWORK_CHOSEN), 3)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            ring = (self.radii[i] + 3) / max(zoom, 0.01)
            painter.drawEllipse(self.points[i], ring, ring)
        if not (crowded and self.moving):
            self._paint_labels(painter, exposed, zoom)

    def _paint_labels(self, painter: QPainter, exposed: QRectF, zoom: float) -> None:
        """Names of the busiest, and of all once there is room to read them."""
        everyone = zoom >= 1.6 or len(self.nodes) <= LABELLED
        font = QFont(painter.font())
        font.setPointSizeF(max(1.0, 8.5 / max(zoom, 0.05)))  # the same size on screen at every zoom
        painter.setFont(font)
        painter.setPen(QColor(*theme.NETWORK_LABEL))
        for i, node in enumerate(self.nodes):
            if not everyone and i >= LABELLED and node.id != self.selected_node:
                continue
            p, r = self.points[i], self.radii[i] / max(zoom, 0.05)
            at = QPointF(p.x() + r + 2 / max(zoom, 0.05), p.y() + 4 / max(zoom, 0.05))
            if exposed.contains(at):
                painter.drawText(at, node.name)

    # -- hit-testing and the mouse ------------------------------------------------------------------

    def _zoom(self) -> float:
        views = self.scene().views() if self.scene() else []
        return views[0].transform().m11() if views else 1.0

    def node_at(self, point: QPointF, slack: float = 2.0) -> int | None:
        """The entity whose circle holds `point` (the nearest if two do); radii and slack are
        pixels on screen."""
        zoom = max(self._zoom(), 0.01)
        reach = int((max(self.radii, default=0) + slack) / zoom // GRID) + 1
        cx, cy = int(point.x() // GRID), int(point.y() // GRID)
        best: tuple[float, int] | None = None
        for gx in range(cx - reach, cx + reach + 1):
            for gy in range(cy - reach, cy + reach + 1):
                for i in self._grid.get((gx, gy), ()):
                    d = math.hypot(point.x() - self.points[i].x(), point.y() - self.points[i].y()) * zoom
                    if d <= self.radii[i] + slack and (best is None or d < best[0]):
                        best = (d, i)
        return None if best is None else self.nodes[best[1]].id

    def link_at(self, point: QPointF, tolerance: float) -> tuple[int, int] | None:
        """The link passing within `tolerance` (scene units) of `point`, the nearest."""
        best: tuple[float, tuple[int, int]] | None = None
        for link in self.links:
            a, b = self.points[self._index[link.source]], self.points[self._index[link.target]]
            d = _distance_to_segment(point, a, b)
            if d <= tolerance and (best is None or d < best[0]):
                best = (d, (link.source, link.target))
        return None if best is None else best[1]

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        node = self.node_at(event.pos())
        if node is not None:
            had_link = self.selected_link is not None
            self.selected_node, self.selected_link = node, None
            if had_link:
                self._batch()
            self._dragging = node
            self.update()
            self.node_clicked.emit(node)
            event.accept()
            return
        link = self.link_at(event.pos(), 5.0 / max(self._zoom(), 0.05))
        if link is not None:
            self.selected_link, self.selected_node = link, None
            self._batch()  # the chosen link is drawn apart
            self.update()
            self.link_clicked.emit(*link)
            event.accept()
            return
        event.ignore()  # the view pans

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._dragging is None:
            return
        i = self._index[self._dragging]
        self.prepareGeometryChange()
        self.points[i] = event.pos()
        self._reindex()
        self.update()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._dragging is not None:
            x, y = self.to_layout(self.points[self._index[self._dragging]])
            self.node_moved.emit(self._dragging, x, y)
        self._dragging = None

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        node = self.node_at(event.pos())
        if node is None:
            QToolTip.hideText()
            return
        n = self.nodes[self._index[node]]
        linked = sum(1 for link in self.links if node in (link.source, link.target))
        QToolTip.showText(event.screenPos(), f"{n.name}\n{n.kind} · {n.mentions} mentions in {n.articles} "
                                             f"articles · {linked} links")


def _distance_to_segment(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length))
    return math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy))


class NetworkCanvas(QGraphicsView):
    """The view of the one item: wheel zoom, background drag pans, 0 fits, + and - zoom."""

    def __init__(self, item: NetworkItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setScene(QGraphicsScene(self))
        self.scene().addItem(item)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # Dragging pans and the wheel zooms: scroll bars would only take room from the picture.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # one item: nothing to index
        self.setAccessibleName(self.tr("Entity network"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._settle = QTimer(self, singleShot=True, interval=150)
        self._settle.timeout.connect(self._settled)
        # Until the user zooms or pans, the picture stays fitted: the dock takes its final size
        # after the first picture arrives, and a picture fitted to the earlier size showed some
        # entities cut off at the edges.
        self.fitted = False
        self._scrolled_at_press = (0, 0)

    def _scrolled(self) -> tuple[int, int]:
        return self.horizontalScrollBar().value(), self.verticalScrollBar().value()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted and self.item.nodes:
            self.fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._scrolled_at_press = self._scrolled()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._scrolled() != self._scrolled_at_press:
            self.fitted = False  # dragged the background: the user's view from now on

    def fit(self) -> None:
        """The whole picture in view, with room round it for circles and names."""
        self.fitted = True
        self.scene().setSceneRect(self.item.boundingRect())
        content = self.item.content
        margin = max(content.width(), content.height()) * 0.08 + 1
        self.fitInView(content.adjusted(-margin, -margin, margin + content.width() * 0.12, margin),
                       Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.0015 ** event.angleDelta().y())

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        factor = min(max(factor, 0.05 / current), 40.0 / current)
        self.fitted = False
        if not self.item.moving:
            self.item.moving = True
            self.item.update()
        self._settle.start()  # the links come back when the wheel stops
        self.scale(factor, factor)

    def _settled(self) -> None:
        self.item.moving = False
        self.item.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_0:
            self.fit()
        elif event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom(0.8)
        else:
            super().keyPressEvent(event)

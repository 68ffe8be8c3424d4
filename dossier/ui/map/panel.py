"""View > Map (Ctrl+Shift+M): where the dossier's places are, and what happened there in the period
the timeline shows.

The places are found on a worker (the world gazetteer takes a moment to load: ingest.geocoding)
and drawn by MapView. Choosing a place, on the map or in the list, chooses its entity in the
sidebar (which rings its events on the timeline) and lists its passages here; Enter or a
double-click opens one. Place > Position… types a latitude and longitude, Not on Map takes a
place off the map, Use Gazetteer gives it back to the gazetteer; each is one undo step, as is
dragging a chosen place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dossier.analysis.places import MapPlace, PlaceEvents, day_number
from dossier.core.changes import ARTICLES, ENTITIES, EVENTS, Changes
from dossier.core.citation import format_date
from dossier.core.places import USER, parse_position
from dossier.export.map_figure import RangedMarks, marks_of, write_picture
from dossier.store import Database
from dossier.ui.map.view import MapView
from dossier.ui.session import DossierSession

PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 2


class MapData(NamedTuple):
    places: list[MapPlace]
    events: dict[int, list[tuple[int, int]]]  # place id -> (first day, last day) of its events


def load(path: Path) -> MapData:
    """On a worker: the places with their positions and their events' days, through a connection
    of its own; the outlines are read too, so that the first picture is drawn at once."""
    from dossier.analysis.outlines import outlines  # lazy: the map data loads on the worker, not at start-up
    from dossier.ingest.geocoding import dossier_places  # lazy: the gazetteer loads on the worker

    outlines()
    with Database.reading(path) as store:
        places = dossier_places(store)
        events: dict[int, list[tuple[int, int]]] = {}
        for entity_id, first, last in store.places.event_days():
            events.setdefault(entity_id, []).append((day_number(first), day_number(last)))
    return MapData(places, events)


class PlaceListModel(QAbstractListModel):
    """The dossier's places, biggest first: on the map (where from), not found, or off the map."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.places: list[MapPlace] = []

    def set_places(self, places: list[MapPlace]) -> None:
        self.beginResetModel()
        self.places = sorted(places, key=lambda p: (-p.mentions, p.name.casefold()))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.places)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.places):
            return None
        place = self.places[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{place.name} · {place.mentions} · {self.where(place)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            p = place.position
            return "" if p is None else f"{p.latitude:.4f}, {p.longitude:.4f} ({self.where(place)})"
        if role == ENTITY_ROLE:
            return place.id
        return None

    def where(self, place: MapPlace) -> str:
        if place.off_map:
            return self.tr("not on the map")
        if place.position is None:
            return self.tr("not found")
        if place.position.origin == USER:
            return self.tr("placed by you")
        return place.position.matched

    def row_of(self, entity_id: int | None) -> int:
        return next((i for i, p in enumerate(self.places) if p.id == entity_id), -1)


class MapPanel(QWidget):
    entity_chosen = Signal(int)
    passage_chosen = Signal(int, int, int)  # article id, start, end

    def __init__(self, session: DossierSession, tasks: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._store, self._tasks = session, session.store, tasks
        self._request = 0
        self._data = MapData([], {})
        self._marks = RangedMarks([], PlaceEvents({}))
        self._range: tuple[int, int] | None = None
        self.fit_button = QPushButton(self.tr("Fit All"))
        # What can be done to the chosen place, in one menu: beside the timeline, a row of buttons
        # made the dock wider than a laptop's screen.
        self.place_button = QPushButton(self.tr("Place"))
        place_menu = QMenu(self.place_button)
        self.position_action = place_menu.addAction(self.tr("Position…"), self.type_position)
        self.off_map_action = place_menu.addAction(self.tr("Not on Map"), self.take_off_map)
        self.gazetteer_action = place_menu.addAction(self.tr("Use Gazetteer"), self.use_gazetteer)
        self.place_button.setMenu(place_menu)
        self.export_button = QPushButton(self.tr("Export…"))
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Picture (PNG)…"), lambda: self.export_picture("png"))
        menu.addAction(self.tr("Picture (SVG)…"), lambda: self.export_picture("svg"))
        self.export_button.setMenu(menu)
        self.status = QLabel(self.tr("Finding the places…"))
        self.view = MapView()
        self.place_model = PlaceListModel(self)
        self.place_list = QListView()
        self.place_list.setModel(self.place_model)
        self.place_list.setAccessibleName(self.tr("Places"))
        self.passages = QListWidget()
        self.passages.setWordWrap(True)
        self.passages.setAccessibleName(self.tr("Passages naming the place"))

        # The buttons on one row, the status under them.
        controls = QVBoxLayout()
        buttons = QHBoxLayout()
        for widget in (self.fit_button, self.place_button, self.export_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        controls.addLayout(buttons)
        controls.addWidget(self.status)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.place_list)
        side.addWidget(self.passages)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(split, 1)

        self.fit_button.clicked.connect(self.fit_all)
        self.view.place_chosen.connect(self._on_place_chosen)
        self.view.place_activated.connect(self._open_first_passage)
        self.view.place_moved.connect(self._on_place_moved)
        self.place_list.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        self.place_list.activated.connect(lambda index: self._open_first_passage(index.data(ENTITY_ROLE)))
        self.passages.itemActivated.connect(self._on_passage_activated)
        session.changed.connect(self._on_changed)
        self._update_buttons()
        self.reload()

    # -- data ---------------------------------------------------------------------------------------------

    def reload(self) -> None:
        self._request += 1
        request = self._request
        path = self._store.path  # the worker's function holds plain data only, never the panel
        self._tasks.run(lambda: load(path), lambda data: self._show(request, data),
                        lambda error: self._failed(request, error))

    def _failed(self, request: int, error: BaseException) -> None:
        if request == self._request and self._store.is_open:
            self.status.setText(self.tr("The places could not be read: %1").replace("%1", str(error)))

    def _show(self, request: int, data: MapData) -> None:
        if request != self._request or not self._store.is_open:
            return  # a newer request is on its way, or the dossier was closed meanwhile
        first = not self._data.places and not self.view.marks
        self._data = data
        self._marks = RangedMarks(marks_of(data.places), PlaceEvents(data.events))
        chosen = self.chosen_entity()
        self.place_model.set_places(data.places)
        self._select_in_list(chosen)
        self._redraw(fit=first)

    def set_range(self, first_day: int | None, last_day: int | None) -> None:
        """The period the timeline shows (date ordinals): the places' event marks follow it."""
        self._range = None if first_day is None or last_day is None else (first_day, last_day)
        self._redraw()

    def _redraw(self, fit: bool = False) -> None:
        marks = self._marks.marks(self._range)
        self.view.set_marks(marks, self._positions() if fit else None)
        self.view.choose(self.view.chosen)
        on_map = sum(1 for p in self._data.places if p.position)
        off = sum(1 for p in self._data.places if p.off_map)
        missing = len(self._data.places) - on_map - off
        words = [self.tr("%1 places on the map").replace("%1", str(on_map))]
        if missing:
            words.append(self.tr("%1 not found").replace("%1", str(missing)))
        if off:
            words.append(self.tr("%1 not on the map").replace("%1", str(off)))
        if self._range is not None:
            happened = sum(1 for m in marks if m.events)
            words.append(self.tr("%1–%2: events at %3").replace("%1", format_date(_iso(self._range[0])))
                         .replace("%2", format_date(_iso(self._range[1]))).replace("%3", str(happened)))
        self.status.setText(" · ".join(words))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ENTITIES, EVENTS, ARTICLES):
            self.reload()

    def fit_all(self) -> None:
        self.view.fit(self._positions())

    def _positions(self) -> list[tuple[float, float]]:
        return [(p.position.latitude, p.position.longitude) for p in self._data.places if p.position]

    # -- choosing -----------------------------------------------------------------------------------------

    def chosen_entity(self) -> int | None:
        value = self.place_list.currentIndex().data(ENTITY_ROLE)
        return int(value) if value is not None else self.view.chosen

    def select_entity(self, entity_id: int | None) -> None:
        """The sidebar chose an entity: if it is a place, ring it here and list its passages."""
        if entity_id is None or self.place_model.row_of(entity_id) < 0 or entity_id == self.view.chosen:
            return
        self.view.choose(entity_id)
        self._select_in_list(entity_id)
        self._list_passages(entity_id)

    def _select_in_list(self, entity_id: int | None) -> None:
        row = self.place_model.row_of(entity_id)
        if row >= 0:
            self.place_list.blockSignals(True)
            self.place_list.selectionModel().blockSignals(True)
            self.place_list.setCurrentIndex(self.place_model.index(row))
            self.place_list.selectionModel().blockSignals(False)
            self.place_list.blockSignals(False)
        self._update_buttons()

    def _on_place_chosen(self, entity_id: int) -> None:
        self._select_in_list(entity_id)
        self._list_passages(entity_id)
        self.entity_chosen.emit(entity_id)

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entity_id = current.data(ENTITY_ROLE)
        if entity_id is None:
            return
        self.view.choose(int(entity_id))
        self._list_passages(int(entity_id))
        self._update_buttons()
        self.entity_chosen.emit(int(entity_id))

    def _list_passages(self, entity_id: int) -> None:
        self.passages.clear()
        for m in self._store.entities.mention_contexts(entity_id):
            text = f"{m.article_title}\n…{m.before}{m.surface}{m.after}…".replace("\r", " ")
            item = QListWidgetItem(text)
            item.setData(PASSAGE_ROLE, (m.article_id, m.start, m.end))
            self.passages.addItem(item)

    def _on_passage_activated(self, item: QListWidgetItem) -> None:
        self.passage_chosen.emit(*item.data(PASSAGE_ROLE))

    def _open_first_passage(self, entity_id: int | None) -> None:
        if entity_id is None:
            return
        self.select_entity(entity_id)
        if self.passages.count():
            self.passages.setCurrentRow(0)
            self._on_passage_activated(self.passages.item(0))

    def _update_buttons(self) -> None:
        chosen = self.chosen_entity()
        place = next((p for p in self._data.places if p.id == chosen), None)
        self.place_button.setEnabled(place is not None)
        self.position_action.setEnabled(place is not None)
        self.off_map_action.setEnabled(place is not None and not place.off_map)
        self.gazetteer_action.setEnabled(place is not None and (place.off_map or (
            place.position is not None and place.position.origin == USER)))

    # -- editing --------------------------------------------------------------------------------------------

    def _on_place_moved(self, entity_id: int, latitude: float, longitude: float) -> None:
        from dossier.operations.places import SetPlacePosition  # lazy: edits load their module when made

        self._session.push(SetPlacePosition(entity_id, latitude, longitude))

    def type_position(self) -> None:
        from dossier.operations.places import SetPlacePosition  # lazy: edits load their module when made

        entity_id = self.chosen_entity()
        if entity_id is None:
            return
        place = next(p for p in self._data.places if p.id == entity_id)
        shown = f"{place.position.latitude:.4f}, {place.position.longitude:.4f}" if place.position else ""
        text, ok = QInputDialog.getText(self, self.tr("Position of %1").replace("%1", place.name),
                                        self.tr("Latitude, longitude (“40.18, 44.51” or “40.18N 44.51E”):"),
                                        text=shown)
        if not ok or not text.strip():
            return
        parsed = parse_position(text)
        if parsed is None:
            QMessageBox.warning(self, self.tr("Position"),
                                self.tr("“%1” is not a latitude and a longitude.").replace("%1", text.strip()))
            return
        self._session.push(SetPlacePosition(entity_id, *parsed))

    def take_off_map(self) -> None:
        from dossier.operations.places import MarkOffMap  # lazy: edits load their module when made

        entity_id = self.chosen_entity()
        if entity_id is not None:
            self._session.push(MarkOffMap(entity_id))

    def use_gazetteer(self) -> None:
        from dossier.operations.places import ResetPlacePosition  # lazy: edits load their module when made

        entity_id = self.chosen_entity()
        if entity_id is not None:
            self._session.push(ResetPlacePosition(entity_id))

    # -- pictures -------------------------------------------------------------------------------------------

    def export_picture(self, kind: str, path: str | None = None) -> None:
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export Map"), f"map.{kind}",
                                                        f"{kind.upper()} (*.{kind})")
            if not path:
                return
        target = Path(path)
        if target.suffix.lower() != f".{kind}":
            target = target.with_name(target.name + f".{kind}")
        try:
            write_picture(target, self.view.marks, self.view.frame, self.view.font())
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export Map"), str(error))
            return
        self.status.setText(self.tr("Map written to %1").replace("%1", str(target)))


def _iso(day: int) -> str:
    return date.fromordinal(day).isoformat()

"""TimelinePanel: the timeline with its controls — lanes by article or by entity, an entity
filter, fit all — and under it the list of the events in view. Choosing an event (in the chart
or the list) opens its article with the evidence sentence selected."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import ARTICLES, ENTITIES, EVENTS, TAGS, Changes
from dossier.core.models import Event, publication_day
from dossier.core.timeline import TimelineData, placement
from dossier.operations.events import DeleteEvent, EditEvent
from dossier.ui.session import DossierSession
from dossier.ui.tables import fill_tag_box
from dossier.ui.timeline.editing import EventDialog
from dossier.ui.timeline.event_list import EVENT_ID_ROLE, EventListModel, event_row
from dossier.ui.timeline.view import TimelineView, describe

PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"


def _complete(text: str) -> str | None:
    import re

    text = text.strip()
    return text if re.fullmatch(PARTIAL_DATE, text) else None


class TimelinePanel(QWidget):
    event_chosen = Signal(int, int, int)  # article id, start, end of the evidence

    def __init__(self, session: DossierSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._store = session, session.store
        self.lanes_box = QComboBox()
        self.lanes_box.addItem(self.tr("Lanes by article"), "article")
        self.lanes_box.addItem(self.tr("Lanes by entity"), "entity")
        self.entity_box = QComboBox()
        self.tag_box = QComboBox()
        self.from_edit = QLineEdit(placeholderText=self.tr("From"))
        self.to_edit = QLineEdit(placeholderText=self.tr("To"))
        for edit in (self.from_edit, self.to_edit):
            edit.setValidator(QRegularExpressionValidator(PARTIAL_DATE, edit))
            edit.setMaximumWidth(110)
            edit.setClearButtonEnabled(True)
        self.fit_button = QPushButton(self.tr("Fit All"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.status = QLabel()
        self.view = TimelineView()
        self.events_model = EventListModel(self)
        self.event_list = QTableView()
        self.event_list.setModel(self.events_model)
        self.event_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.event_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.event_list.verticalHeader().hide()
        self.event_list.setWordWrap(False)
        self.event_list.setMinimumHeight(48)  # a row or two at least; with the lanes, the dock fits a laptop's screen
        self.event_list.setAccessibleName(self.tr("Events in view"))
        header = self.event_list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, self.event_list.fontMetrics().horizontalAdvance("10 May 2021 – 14 May 2021 (range)") + 16)
        header.resizeSection(2, 220)
        # Two rows, so the dock never makes the window wider than a laptop's screen.
        controls = QVBoxLayout()
        filters, actions = QHBoxLayout(), QHBoxLayout()
        for widget in (self.lanes_box, self.entity_box, self.tag_box, self.from_edit, self.to_edit):
            filters.addWidget(widget)
        filters.addStretch(1)
        for widget in (self.fit_button, self.edit_button, self.delete_button):
            actions.addWidget(widget)
        actions.addWidget(self.status, 1)
        controls.addLayout(filters)
        controls.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.event_list)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self.lanes_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.entity_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.tag_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.from_edit.editingFinished.connect(self.reload)
        self.to_edit.editingFinished.connect(self.reload)
        self.fit_button.clicked.connect(self.view.fit_all)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.view.event_activated.connect(self._on_event_activated)
        self.view.visible_days_changed.connect(self.events_model.show_days)
        self.view.event_selected.connect(self._select_in_list)
        self.event_list.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        self.event_list.activated.connect(self._on_list_activated)
        session.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        """Events, or what names and filters them, changed: redraw, keeping zoom and selection."""
        if changes.touches(EVENTS, ENTITIES, ARTICLES, TAGS):
            self.changed()

    def reload(self) -> None:
        """Re-read the events (after an import, an edit, a filter change)."""
        chosen = self.entity_box.currentData()
        self.entity_box.blockSignals(True)
        self.entity_box.clear()
        self.entity_box.addItem(self.tr("All entities"), None)
        for row in self._store.entities.rows():
            if row.mentions:
                self.entity_box.addItem(row.name, row.id)
        self.entity_box.setCurrentIndex(max(0, self.entity_box.findData(chosen)))
        self.entity_box.blockSignals(False)
        fill_tag_box(self.tag_box, self._store.tags.all(), self.tr("All tags"))
        tag = self.tag_box.currentData()
        events = self._store.events.all()
        if chosen is not None:
            events = [e for e in events if chosen in e.entity_ids]
        if tag is not None:  # events of the articles where that tag was used
            tagged = {a.article_id for a in self._store.annotations.all() if tag in a.tag_ids}
            events = [e for e in events if e.article_id in tagged]
        low, high = _complete(self.from_edit.text()), _complete(self.to_edit.text())
        if low or high:  # events whose range meets [low, high]; partial dates cover their month or year
            events = [e for e in events if e.earliest and (not low or (e.latest or e.earliest) >= low)
                      and (not high or e.earliest <= high + "~")]
        self._events = {e.id: e for e in events}
        summaries = self._store.articles.summaries({e.article_id for e in events}).values()
        titles = {a.id: a.title for a in summaries}
        days = {a.id: publication_day(a.published, a.published_precision) for a in summaries}
        if self.lanes_box.currentData() == "entity":
            names = {r.id: r.name for r in self._store.entities.rows()}
            lane_ids = sorted({i for e in events for i in e.entity_ids}, key=lambda i: names.get(i, "").casefold())
            index = {entity: n for n, entity in enumerate(lane_ids)}
            lanes = {e.id: [index[i] for i in e.entity_ids] for e in events}
            labels = [names[i] for i in lane_ids]
        else:
            first_of: dict[int, str] = {}  # each article's earliest date: its lane's place, in one pass
            for e in events:
                earliest = e.earliest or "9999"
                if earliest < first_of.get(e.article_id, "~"):
                    first_of[e.article_id] = earliest
            article_ids = sorted({e.article_id for e in events}, key=first_of.__getitem__)
            index = {a: n for n, a in enumerate(article_ids)}
            lanes = {e.id: [index[e.article_id]] for e in events}
            labels = [titles.get(a, "") for a in article_ids]
        data = TimelineData(events, lanes, labels)
        described = {e.id: "; ".join(p for p in (describe(e.earliest, e.latest, e.precision) if e.earliest else "",
                                                 placement(e.earliest, e.latest, e.date_text, days.get(e.article_id)))
                                   if p) for e in events}
        self.view.set_data(data, {e.id: (e.date_text, described[e.id], titles.get(e.article_id, "")) for e in events})
        self.events_model.set_events([event_row(e, described[e.id], titles.get(e.article_id, "")) for e in events])
        self.events_model.show_days(*self.view.visible_days())
        undated = sum(1 for e in events if not e.earliest)
        self.status.setText(self.tr("%1 events").replace("%1", str(data.count))
                            + (self.tr(", %1 without a resolved date").replace("%1", str(undated)) if undated else ""))

    def selected_event(self) -> Event | None:
        span = self.view.selected
        return self._events.get(span.event_id) if span is not None else None

    def select_event(self, event_id: int) -> None:
        data = self.view.data
        for span in data.in_time_order if data else []:
            if span.event_id == event_id:
                self.view.selected = span
                self.view.viewport().update()
                return

    def edit_selected(self) -> None:
        event = self.selected_event()
        if event is None:
            return
        article = self._store.articles.get(event.article_id)
        dialog = EventDialog(event.title, event.date_text, event.precision, article.publication_day, self,
                             article.language)
        if dialog.exec() == EventDialog.DialogCode.Accepted:
            self._session.push(EditEvent(event.id, dialog.title_edit.text(), dialog.date()))
        dialog.deleteLater()

    def delete_selected(self) -> None:
        event = self.selected_event()
        if event is not None:
            self._session.push(DeleteEvent(event.id))

    def changed(self) -> None:
        """Re-read the events, keeping the zoom, the place and the selected event."""
        zoom = self.view.transform()
        center = self.view.mapToScene(self.view.viewport().rect().center())
        selected = self.selected_event()
        self.reload()
        self.view.setTransform(zoom)
        self.view.centerOn(center)
        if selected is not None:
            self.select_event(selected.id)

    def highlight_entity(self, entity_id: int | None) -> None:
        """Ring the events of an entity chosen in the sidebar."""
        self.view.highlighted = {e.id for e in self._events.values() if entity_id in e.entity_ids} \
            if entity_id is not None else set()
        self.view.viewport().update()

    def select_article(self, article_id: int) -> None:
        """Highlight the first event of an article (the article was chosen elsewhere)."""
        data = self.view.data
        if data is None:
            return
        for span in data.in_time_order:
            if self._events[span.event_id].article_id == article_id:
                self.view.selected = span
                self.view.viewport().update()
                return

    def _select_in_list(self, event_id: int) -> None:
        row = self.events_model.row_of(event_id)
        if row >= 0 and self.event_list.currentIndex().row() != row:
            self.event_list.setCurrentIndex(self.events_model.index(row, 0))
            self.event_list.scrollTo(self.events_model.index(row, 0))

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.select_event(int(current.data(EVENT_ID_ROLE)))

    def _on_list_activated(self, index: QModelIndex) -> None:
        self._on_event_activated(int(index.data(EVENT_ID_ROLE)))

    def _on_event_activated(self, event_id: int) -> None:
        event = self._events[event_id]
        self.event_chosen.emit(event.article_id, event.start, event.end)

"""HitsPanel: where the dossier's articles name watched names, grouped by list and name, with the
saved searches beside the lists.

Left, the watched names (new hits in bold) and the saved searches (new results since last opened);
right, the hits of the chosen name, each with its passage. Keys in the hits: Enter opens the
passage, S marks it seen, X "not this person" (that passage never hits again for that name), each
one undo step; the next hit is chosen, so a list is worked through by keyboard. Enter on a saved
search runs it in the Search panel."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import ARTICLES, SCREENING, Changes
from dossier.operations.screening import DeleteSavedSearch, MarkHits, SaveSearch
from dossier.store.screening import DISMISSED, SEEN, NameGroup
from dossier.ui.screening.models import HitsModel, NameGroupsModel, SavedSearchModel
from dossier.ui.session import DossierSession
from dossier.ui.tables import record_table


class _KeyTable(QTableView):
    """A table that hands its letter keys to the panel (S, X) and Enter to `activated`."""

    key_pressed = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text().casefold()
        if text in ("s", "x") and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.key_pressed.emit(text)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Delete:
            self.key_pressed.emit("delete")
            return
        super().keyPressEvent(event)


def _table(model: HitsModel | NameGroupsModel | SavedSearchModel, name: str) -> _KeyTable:
    """A table with the look of record_table's: whole rows, one line each, long cells elided."""
    table = _KeyTable()
    record_table(model, table)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAccessibleName(name)
    widths = {"New": 50, "Hits": 50, "Results": 60, "State": 110, "List": 90, "Article": 160, "Found as": 130}
    for column, title in enumerate(model.COLUMNS):  # short counts and words: the names and passages get the room
        if title in widths and column < len(model.COLUMNS) - 1:
            table.setColumnWidth(column, widths[title])
    return table


class HitsPanel(QWidget):
    passage_chosen = Signal(int, int, int)  # article, start, end
    search_chosen = Signal(str)  # a saved search to run in the Search panel
    new_list_asked = Signal()
    import_list_asked = Signal()
    watch_entity_asked = Signal()

    def __init__(self, session: DossierSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._store = session, session.store
        self.groups = NameGroupsModel(self._store, self)
        self.searches = SavedSearchModel(self._store, self)
        self.hits = HitsModel(self._store, self)
        self.groups_view = _table(self.groups, self.tr("Watched names"))
        self.searches_view = _table(self.searches, self.tr("Saved searches"))
        for narrow in (self.groups_view, self.searches_view):  # the last column takes what is left
            narrow.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hits_view = _table(self.hits, self.tr("Hits"))
        self.hits_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

        self.new_only = QCheckBox(self.tr("New only"))
        self.new_only.setToolTip(self.tr("Show only the hits nobody has marked seen"))
        new_list = QPushButton(self.tr("New List…"))
        import_list = QPushButton(self.tr("Import List…"))
        watch_entity = QPushButton(self.tr("Watch Chosen Entity"))
        watch_entity.setToolTip(self.tr("Add the entity chosen in the Entities panel, with its aliases, to a list"))
        self.seen_button = QPushButton(self.tr("Mark Seen (S)"))
        self.dismiss_button = QPushButton(self.tr("Not This Person (X)"))
        self.dismiss_button.setToolTip(self.tr("This passage names someone else: it never hits again for this name"))
        self.all_seen_button = QPushButton(self.tr("Mark All Seen"))
        self.search_edit = QLineEdit(placeholderText=self.tr("Save a search: words, \"a phrase\", prefix*"),
                                     clearButtonEnabled=True)
        self.search_edit.setAccessibleName(self.tr("Save a search"))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # A long name's summary must not widen the dock (and the window) past a laptop's screen.
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        buttons = QHBoxLayout()
        for widget in (new_list, import_list, watch_entity):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.new_only)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.groups_view, 3)
        left_layout.addWidget(QLabel(self.tr("Saved searches (Enter runs one; Delete removes it)"), wordWrap=True))
        left_layout.addWidget(self.searches_view, 2)
        left_layout.addWidget(self.search_edit)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.hits_view, 1)
        hit_buttons = QHBoxLayout()
        for widget in (self.seen_button, self.dismiss_button, self.all_seen_button):
            hit_buttons.addWidget(widget)
        hit_buttons.addStretch(1)
        right_layout.addLayout(hit_buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

        new_list.clicked.connect(self.new_list_asked)
        import_list.clicked.connect(self.import_list_asked)
        watch_entity.clicked.connect(self.watch_entity_asked)
        self.new_only.toggled.connect(self._on_new_only_toggled)
        self.seen_button.clicked.connect(lambda: self.mark_chosen(SEEN))
        self.dismiss_button.clicked.connect(lambda: self.mark_chosen(DISMISSED))
        self.all_seen_button.clicked.connect(self._mark_all_seen)
        self.search_edit.returnPressed.connect(self._save_search)
        self.groups_view.selectionModel().currentRowChanged.connect(self._on_group_changed)
        self.groups_view.activated.connect(lambda _index: self._focus_hits())
        self.hits_view.activated.connect(self._on_hit_activated)
        self.hits_view.key_pressed.connect(self._on_hits_key)
        self.searches_view.activated.connect(self._on_search_activated)
        self.searches_view.key_pressed.connect(self._on_searches_key)
        session.changed.connect(self._on_changed)
        self.reload()

    # -- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        self.groups.reload()
        self.searches.reload()
        self.hits.reload()
        self._say()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(SCREENING, ARTICLES):
            self.reload()

    def _say(self) -> None:
        group = self.chosen_group()
        count = self.hits.rowCount()
        what = self.tr("all names") if group is None else f"{group.name} ({group.list_name})"
        if not self.groups.rowCount():
            self.summary.setText(self.tr("Nothing is watched yet: make a list (New List…, Import List…) or "
                                         "watch an entity; every article is screened for its names."))
        else:
            self.summary.setText(self.tr("%1 hits of %2 — Enter opens the passage").replace("%1", f"{count:,}")
                                 .replace("%2", what))

    def choose_list(self, list_id: int) -> None:
        """Put the keyboard on the first name of a list (just made or changed)."""
        row = self.groups.row_where(lambda g: g.list_id == list_id)
        if row >= 0:
            self.groups_view.setCurrentIndex(self.groups.index(row, 0))
        self.groups_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_group(self) -> NameGroup | None:
        index = self.groups_view.currentIndex()
        return self.groups.group_at(index.row()) if index.isValid() else None

    def _on_group_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.hits.name_id = self.groups.group_at(current.row()).name_id if current.isValid() else None
        self.hits.reload()
        self._say()

    def _on_new_only_toggled(self, checked: bool) -> None:
        self.hits.new_only = checked
        self.hits.reload()
        self._say()

    def _focus_hits(self) -> None:
        self.hits_view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.hits_view.currentIndex().isValid() and self.hits.rowCount():
            self.hits_view.setCurrentIndex(self.hits.index(0, 0))

    # -- hits ----------------------------------------------------------------------------------

    def chosen_hits(self) -> list[int]:
        rows = sorted({i.row() for i in self.hits_view.selectionModel().selectedRows()})
        if not rows and self.hits_view.currentIndex().isValid():
            rows = [self.hits_view.currentIndex().row()]
        return [self.hits.hit_at(r).id for r in rows]

    def mark_chosen(self, state: str) -> None:
        """Mark the chosen hits (one undo step) and choose the hit after them."""
        ids = self.chosen_hits()
        if not ids:
            return
        rows = {self.hits.hit_at(r).id: r for r in range(self.hits.rowCount())}
        following = [self.hits.hit_at(r).id for r in range(max(rows[i] for i in ids) + 1, self.hits.rowCount())]
        self._session.push(MarkHits(ids, state))
        rows = {self.hits.hit_at(r).id: r for r in range(self.hits.rowCount())}
        row = next((rows[i] for i in following if i in rows), self.hits.rowCount() - 1)
        if row >= 0:
            self.hits_view.selectionModel().setCurrentIndex(
                self.hits.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _mark_all_seen(self) -> None:
        ids = [self.hits.hit_at(r).id for r in range(self.hits.rowCount()) if self.hits.hit_at(r).state != SEEN]
        if ids:
            self._session.push(MarkHits(ids, SEEN))

    def _on_hits_key(self, key: str) -> None:
        if key == "s":
            self.mark_chosen(SEEN)
        elif key == "x":
            self.mark_chosen(DISMISSED)

    def _on_hit_activated(self, index: QModelIndex) -> None:
        hit = self.hits.hit_at(index.row())
        self.passage_chosen.emit(hit.article_id, hit.start, hit.end)

    # -- saved searches --------------------------------------------------------------------------

    def _save_search(self) -> None:
        if self._session.push(SaveSearch(self.search_edit.text())):
            self.search_edit.clear()

    def _on_search_activated(self, index: QModelIndex) -> None:
        counted = self.searches.count_at(index.row())
        self._store.saved_searches.mark_seen(counted.search.id)  # its results seen: not an edit to undo
        self.searches.reload()
        self.search_chosen.emit(counted.search.query)

    def _on_searches_key(self, key: str) -> None:
        index = self.searches_view.currentIndex()
        if key == "delete" and index.isValid():
            self._session.push(DeleteSavedSearch(self.searches.count_at(index.row()).search.id))

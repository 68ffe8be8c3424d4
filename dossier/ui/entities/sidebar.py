"""EntitySidebar: entities by kind with counts, a filter, the chosen entity's mentions and
articles, and the edits a reader makes (rename, kind, merge, delete, remove a mention). Entities
that look like one (an organisation written both ways round, one name in two scripts) are looked
for off the window's thread and proposed one pair at a time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import ENTITIES, Changes
from dossier.core.models import EntityRow
from dossier.core.vocabulary import ENTITY_KINDS
from dossier.operations import Operation
from dossier.operations.entities import (
    AddEntityFromSelection,
    DeleteEntity,
    MergeEntities,
    RemoveMention,
    RenameEntity,
    SetEntityKind,
)
from dossier.store import Database
from dossier.ui.entities.models import (
    ENTITY_ID_ROLE,
    KIND_LABELS,
    EntityArticlesModel,
    EntityListModel,
    MentionListModel,
)
from dossier.ui.session import DossierSession

ORGANISATION, SPELLING = "organisation", "spelling"  # why two entities are proposed as one
Proposal = tuple[EntityRow, EntityRow, str]  # (keep, merge, why)


def proposals_of(store: Any) -> list[Proposal]:
    """Every pair of entities that look like one: organisations first."""
    return ([(keep, merge, ORGANISATION) for keep, merge in store.entities.same_organisation_proposals()]
            + [(keep, merge, SPELLING) for keep, merge in store.entities.same_name_proposals()])


def _proposals_in_file(path: Any) -> list[Proposal]:
    with Database.reading(path) as store:  # a worker's own read-only connection
        return proposals_of(store)


class EntitySidebar(QWidget):
    mention_chosen = Signal(int, int, int)  # article id, start, end (code points)
    article_chosen = Signal(int)

    def __init__(self, session: DossierSession, tasks: Any | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._tasks = session, tasks
        self._store = store = session.store
        self.model = EntityListModel(store, self)
        self.mentions_model = MentionListModel(store, self)
        self.articles_model = EntityArticlesModel(store, self)

        self.filter_edit = QLineEdit(placeholderText=self.tr("Filter entities"), clearButtonEnabled=True)
        # While extraction runs in the background (first start, a paste): what is happening and
        # how far it is, instead of empty groups and zeros that say nothing.
        self.busy_label = QLabel(wordWrap=True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.tree = QTableView()
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setShowGrid(False)
        self.tree.setWordWrap(False)
        self.tree.verticalHeader().hide()
        self.tree.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tree.verticalHeader().setDefaultSectionSize(self.tree.fontMetrics().height() + 6)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed width: sizing a column to its contents would ask the model for a thousand rows.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.tree.fontMetrics().horizontalAdvance(self.tr("Mentions")) + 24)
        self.tree.setAccessibleName(self.tr("Entities"))
        self.detail = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.mentions_view = QListView()
        self.mentions_view.setModel(self.mentions_model)
        # Each mention wraps onto as many lines as its context needs, never a sideways scroll.
        self.mentions_view.setWordWrap(True)
        self.mentions_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mentions_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.mentions_view.setSpacing(2)
        self.mentions_view.setLayoutMode(QListView.LayoutMode.Batched)  # thousands of mentions stay smooth
        self.mentions_view.setAccessibleName(self.tr("Mentions"))
        self.mentions_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.articles_view = QListView()
        self.articles_view.setModel(self.articles_model)
        self.articles_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.articles_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.articles_view.setAccessibleName(self.tr("Articles mentioning the entity"))

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(QLabel(self.tr("Mentions")))
        lower_layout.addWidget(self.mentions_view, 2)
        lower_layout.addWidget(QLabel(self.tr("Articles")))
        lower_layout.addWidget(self.articles_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(lower)
        splitter.setSizes([300, 300])
        # One organisation written both ways round ("Defence Ministry", "Ministry of Defence"):
        # proposed, one pair at a time; Merge is one undo step and keeps both names.
        self.proposal_label = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.merge_proposal_button = QPushButton(self.tr("Merge"))
        self.skip_proposal_button = QPushButton(self.tr("Not Now"))
        self.proposal_bar = QWidget()
        self.proposal_bar.setVisible(False)  # until a look on a worker finds something: never an empty bar
        bar = QGridLayout(self.proposal_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.proposal_label, 0, 0, 1, 2)
        bar.addWidget(self.merge_proposal_button, 1, 0)
        bar.addWidget(self.skip_proposal_button, 1, 1)
        self._skipped: set[tuple[int, int]] = set()
        self._proposal: tuple[int, int] | None = None
        self._proposals: list[Proposal] = []
        self._asked = 0  # the newest look for proposals: an older answer is stale
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.proposal_bar)
        layout.addWidget(self.filter_edit)
        layout.addWidget(splitter, 1)
        self.show_busy(None)

        self._make_actions()
        self._refilter = QTimer(self, singleShot=True, interval=0)
        self._refilter.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(self._refilter.start)
        self.tree.selectionModel().currentRowChanged.connect(self._on_tree_current_changed)
        self.tree.clicked.connect(self._on_tree_clicked)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu)
        self.mentions_view.activated.connect(self._on_mention_activated)
        self.mentions_view.clicked.connect(self._on_mention_activated)
        self.articles_view.activated.connect(self._on_article_activated)
        self.articles_view.clicked.connect(self._on_article_activated)
        self.merge_proposal_button.clicked.connect(self.merge_proposal)
        self.skip_proposal_button.clicked.connect(self._skip_proposal)
        session.changed.connect(self._on_changed)
        self._show_detail(None)
        self._show_proposal()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ENTITIES):
            self.reload()

    def _make_actions(self) -> None:
        def action(text: str, slot: object, shortcut: QKeySequence | str | None = None) -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.rename_action = action(self.tr("Rename…"), self.rename_current, "F2")
        self.merge_action = action(self.tr("Merge Into…"), self.merge_current, "Ctrl+M")
        self.delete_action = action(self.tr("Delete (Not an Entity)"), self.delete_current,
                                    QKeySequence.StandardKey.Delete)
        self.kind_menu = QMenu(self.tr("Change Kind"), self)
        for kind in ENTITY_KINDS:
            self.kind_menu.addAction(self.tr(KIND_LABELS[kind]), lambda k=kind: self.set_current_kind(k))
        self.remove_mention_action = QAction(self.tr("Remove This Mention"), self)
        self.remove_mention_action.triggered.connect(self.remove_current_mention)
        self.mentions_view.addAction(self.remove_mention_action)

    def show_busy(self, stage: str | None, done: int = 0, total: int = 0) -> None:
        """Say that people, places and dates are being found: "loading" the model (a few seconds,
        once), then "reading" articles, `done` of `total`; None when it is over."""
        self.busy_label.setVisible(stage is not None)
        self.busy_bar.setVisible(stage is not None)
        if stage is None:
            return
        articles = self.tr("1 article") if total == 1 else self.tr("%1 articles").replace("%1", f"{total:,}")
        if stage == "loading":
            self.busy_label.setText(self.tr("Finding people, places and dates in %1: loading the language model "
                                            "(a few seconds, once per start)…").replace("%1", articles))
            self.busy_bar.setRange(0, 0)  # busy, with no measure yet
        else:
            self.busy_label.setText(self.tr("Finding people, places and dates: reading %1 of %2…")
                                    .replace("%1", f"{min(done + 1, total):,}").replace("%2", articles))
            self.busy_bar.setRange(0, max(1, total))
            self.busy_bar.setValue(done)

    # -- state --------------------------------------------------------------------------------

    def current_entity_id(self) -> int | None:
        value = self.tree.currentIndex().data(ENTITY_ID_ROLE)
        return int(value) if value is not None else None

    def select_entity(self, entity_id: int) -> None:
        row = self.model.row_of(entity_id)
        if row < 0:  # hidden by the filter or a collapsed group: show everything
            self.filter_edit.clear()
            self.model.set_filter("")
            entity = self.model.entity(entity_id)
            if entity is not None and self.model.row_of(entity_id) < 0:
                self.model.toggle_group(entity.kind)
            row = self.model.row_of(entity_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.tree.scrollTo(index)

    def reload(self) -> None:
        """Re-read entities after the dossier changed, keeping the selection (when it still
        exists) and the scroll position."""
        current = self.current_entity_id()
        scrolled = self.tree.verticalScrollBar().value()
        self.model.reload()
        if current is not None and self.model.entity(current) is not None:
            self.select_entity(current)
            self._show_detail(current)
        else:
            self._show_detail(None)
        self.tree.verticalScrollBar().setValue(scrolled)
        self._show_proposal()

    def _show_proposal(self) -> None:
        """Look for entities that look like one: on a worker with the app's task runner (comparing
        100,000 names takes seconds), else here; shown when found."""
        if not self._store.is_open:
            return
        self._asked += 1
        asked = self._asked
        if self._tasks is None:
            self._show_proposals(proposals_of(self._store), asked)
            return
        path = self._store.path
        self._tasks.run(lambda: _proposals_in_file(path), on_done=lambda found: self._show_proposals(found, asked))

    def _show_proposals(self, found: list[Proposal], asked: int) -> None:
        """One proposal at a time: an organisation written both ways round, or one name written in
        two scripts or spellings; how many more wait."""
        if asked != self._asked or not self._store.is_open:
            return
        self._proposals = found
        proposals = [p for p in found if (p[0].id, p[1].id) not in self._skipped
                     and self.model.entity(p[0].id) is not None and self.model.entity(p[1].id) is not None]
        self._proposal = (proposals[0][0].id, proposals[0][1].id) if proposals else None
        self.proposal_bar.setVisible(bool(proposals))
        if proposals:
            keep, merge, why = proposals[0]
            wording = (self.tr("“%1” and “%2” look like one organisation.") if why == ORGANISATION else
                       self.tr("“%1” and “%2” look like one name in two spellings."))
            more = len(proposals) - 1
            self.proposal_label.setText(
                wording.replace("%1", keep.name).replace("%2", merge.name)
                + (self.tr(" (%1 more)").replace("%1", str(more)) if more else ""))
            self.merge_proposal_button.setToolTip(
                self.tr("“%1” becomes a name of “%2”, with its mentions; Undo takes it back")
                .replace("%1", merge.name).replace("%2", keep.name))

    def merge_proposal(self) -> None:
        if self._proposal is not None:
            keep, merge = self._proposal
            self._push(MergeEntities(merge, keep))

    def _skip_proposal(self) -> None:
        """Not now: the pair is not proposed again while the dossier is open."""
        if self._proposal is not None:
            self._skipped.add(self._proposal)
            self._show_proposals(self._proposals, self._asked)

    def _apply_filter(self) -> None:
        current = self.current_entity_id()
        self.model.set_filter(self.filter_edit.text())
        if current is not None and self.model.row_of(current) >= 0:
            self.tree.setCurrentIndex(self.model.index(self.model.row_of(current), 0))

    def _show_detail(self, entity_id: int | None) -> None:
        row = self.model.entity(entity_id) if entity_id is not None else None
        if row is None:
            self.detail.setText(self.tr("Choose an entity to see where it is mentioned."))
        else:
            aliases = f"\n{self.tr('Also')}: {', '.join(row.aliases)}" if row.aliases else ""
            self.detail.setText(f"{row.name} — {self.tr(KIND_LABELS[row.kind])}, "
                                f"{row.mentions} {self.tr('mentions')}{aliases}")
        self.mentions_model.show_entity(row.id if row else None)
        self.articles_model.show_entity(row.id if row else None)
        for a in (self.rename_action, self.merge_action, self.delete_action):
            a.setEnabled(row is not None)

    def _on_tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(ENTITY_ID_ROLE)
        self._show_detail(int(value) if value is not None else None)

    def _on_tree_clicked(self, index: QModelIndex) -> None:
        kind = self.model.kind_at(index.row())
        if kind is not None:  # a group row: fold or unfold it
            self.model.toggle_group(kind)

    def _on_tree_context_menu(self, pos: QPoint) -> None:
        if self.current_entity_id() is None:
            return
        menu = QMenu(self)
        for a in (self.rename_action, self.merge_action):
            menu.addAction(a)
        menu.addMenu(self.kind_menu)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- going to mentions ----------------------------------------------------------------------

    def _on_mention_activated(self, index: QModelIndex) -> None:
        m = self.mentions_model.mention(index.row())
        self.mention_chosen.emit(m.article_id, m.start, m.end)

    def _on_article_activated(self, index: QModelIndex) -> None:
        self.article_chosen.emit(int(index.data(EntityArticlesModel.ARTICLE_ID_ROLE)))

    def step_mention(self, step: int) -> None:
        count = self.mentions_model.rowCount()
        if not count:
            return
        row = self.mentions_view.currentIndex().row()
        row = 0 if row < 0 else (row + step) % count
        index = self.mentions_model.index(row, 0)
        self.mentions_view.setCurrentIndex(index)
        self._on_mention_activated(index)

    # -- edits ----------------------------------------------------------------------------------

    def rename_current(self) -> None:
        entity_id = self.current_entity_id()
        row = self.model.entity(entity_id) if entity_id is not None else None
        if row is None:
            return
        from PySide6.QtWidgets import QInputDialog  # dialogs load on first use, not at start-up

        name, ok = QInputDialog.getText(self, self.tr("Rename Entity"), self.tr("New name:"), text=row.name)
        if ok and name.strip() and name.strip() != row.name:
            self._push(RenameEntity(row.id, name))

    def set_current_kind(self, kind: str) -> None:
        entity_id = self.current_entity_id()
        if entity_id is not None:
            self._push(SetEntityKind(entity_id, kind))

    def merge_current(self) -> None:
        entity_id = self.current_entity_id()
        row = self.model.entity(entity_id) if entity_id is not None else None
        if row is None:
            return
        from dossier.ui.entities.dialogs import EntityPickerDialog  # lazy: not on the start-up path

        candidates = [r for r in self._store.entities.rows() if r.id != row.id]
        candidates.sort(key=lambda r: (r.kind != row.kind, r.name.casefold()))  # same kind first
        dialog = EntityPickerDialog(
            self.tr("Merge Entity"),
            self.tr("Merge “%1” into which entity? Its mentions and names move there.").replace("%1", row.name),
            candidates, self,
        )
        if dialog.exec() == EntityPickerDialog.DialogCode.Accepted and dialog.chosen_id() is not None:
            target = dialog.chosen_id()
            assert target is not None
            self._push(MergeEntities(row.id, target))
        dialog.deleteLater()

    def delete_current(self) -> None:
        entity_id = self.current_entity_id()
        row = self.model.entity(entity_id) if entity_id is not None else None
        if row is None:
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, self.tr("Delete Entity"),
            self.tr("“%1” is not an entity? Its %2 mentions are removed, and extraction will not "
                    "propose the name again.").replace("%1", row.name).replace("%2", str(row.mentions)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(DeleteEntity(row.id))

    def remove_current_mention(self) -> None:
        index = self.mentions_view.currentIndex()
        if index.isValid():
            self._push(RemoveMention(self.mentions_model.mention(index.row()).mention_id))

    def add_from_selection(self, article_id: int, start: int, end: int, name: str, kind: str) -> int | None:
        operation = AddEntityFromSelection(article_id, start, end, name, kind)
        return operation.result if self._push(operation) else None

    def _push(self, operation: Operation) -> bool:
        """Make the edit; then the entity it leaves (renamed, merged into, marked) is the chosen one."""
        if not self._session.push(operation):
            return False
        if operation.result is not None:
            self.select_entity(operation.result)
        return True

"""MainWindow: menus, docks and status bar around the workspace of the open dossier.

The window is glue. Each feature is a controller (dossier/ui/controllers/) that makes its actions
and opens its dialogs; the window lays its docks out (ui/window_docks.py), puts the controllers'
actions into menus declared below as data, swaps the workspace when a dossier opens or closes,
and keeps the counts in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QWidget

from dossier.analyst import analyst_name
from dossier.core.changes import ANNOTATIONS, ARTICLES, ENTITIES, Changes
from dossier.store import Database
from dossier.ui import settings as keys
from dossier.ui.controllers.annotate import AnnotateController
from dossier.ui.controllers.articles import ArticleController
from dossier.ui.controllers.base import Controller, redo_shortcuts, standard_keys  # noqa: F401 - tests import them here
from dossier.ui.controllers.edit import EditController
from dossier.ui.controllers.exports import ExportController
from dossier.ui.controllers.files import FileController
from dossier.ui.controllers.incoming import IncomingController
from dossier.ui.controllers.screening import ScreeningController
from dossier.ui.controllers.view import HelpController, ViewController
from dossier.ui.session import DossierSession
from dossier.ui.settings import Settings
from dossier.ui.window_docks import BESIDE, BOTTOM_DOCKS, FIRST_SEEN, build_docks
from dossier.ui.workspace import Workspace

if TYPE_CHECKING:  # annotations only: each Qt type imported costs start-up time
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from dossier.ui.tasks import TaskRunner

TIMELINE_HEIGHT = 300  # pixels a bottom dock gets when it first opens
# The menus as data: each entry names an action (or a submenu) of one of the controllers, None is a
# separator. The titles are the window's words.
MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    ("&File", ("new_action", "open_action", "recent_menu", None, "import_action", "import_folder_action",
               "merge_action", "summary_action", "export_menu", None, "save_copy_action", "share_action",
               "protect_action", "restore_action", "close_action", None, "quit_action")),
    ("&Edit", ("undo_action", "redo_action", None, "copy_action", "copy_citation_action", "paste_article_action",
               None, "find_action", "search_action", None, "add_entity_action", None, "preferences_action")),
    ("A&rticle", ("properties_action", "open_source_action", None, "delete_article_action", None,
                  "sources_action", "find_copies_action")),
    ("&Annotate", ("highlight_action", "note_action", "claim_action", None, "delete_annotation_action",
                   "add_event_action", "tags_action", "related_action", None, "new_watchlist_action",
                   "import_watchlist_action", "watch_entity_action")),
    ("&View", ("dock_actions", None, "mentions_action", "next_mention_action", "previous_mention_action")),
    ("&Help", ("guide_action", "shortcuts_action", None, "about_action")),
)
TOOLBAR = ("import_action", None, "highlight_action", "note_action", "claim_action", None, "export_pdf_action")


def count_of(n: int, one: str, many: str) -> str:
    """ "1 article", "2,345 articles" """
    return f"{n:,} {one if n == 1 else many}"


class MainWindow(QMainWindow):
    def __init__(
        self, settings: Settings, tasks: TaskRunner, open_store: Callable[[Path], Database] | None = None,
        on_opened: Callable[[DossierSession], None] | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tasks = self._tasks = tasks  # the app's TaskRunner (tests may pass a synchronous stand-in)
        self._on_opened = on_opened
        self.workspace: Workspace | None = None
        self.setObjectName("MainWindow")
        self.resize(1280, 800)
        self.setAcceptDrops(True)  # files dropped anywhere on the window are imported

        self.undo_stack = QUndoStack(self)
        self.docks = build_docks(self)
        # Panels behind a tab are built when their tab is first shown (see Workspace).
        self._lazy_docks = {name: dock for name, dock in self.docks.items() if name not in FIRST_SEEN}
        for name, dock in self._lazy_docks.items():
            dock.visibilityChanged.connect(lambda visible, n=name: self._on_lazy_dock_visibility(n, visible))
        self.files = FileController(self, open_store)
        self.incoming = IncomingController(self)
        self.exporting = ExportController(self)
        self.edit = EditController(self, self.undo_stack)
        self.articles = ArticleController(self)
        self.annotate = AnnotateController(self)
        self.view = ViewController(self)
        self.help = HelpController(self)
        self.screening = ScreeningController(self)
        self._controllers: tuple[Controller, ...] = (self.files, self.incoming, self.exporting, self.edit,
                                                     self.articles, self.annotate, self.view, self.help,
                                                     self.screening)
        self._make_menus()
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self._show_empty()
        self.resizeDocks([self.docks["articles"], self.docks["entities"]], [380, 300], Qt.Orientation.Horizontal)
        geometry, state = settings.get(keys.WINDOW_GEOMETRY), settings.get(keys.WINDOW_STATE)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if not state.isEmpty():
            self.restoreState(state)
        # Restored again once a dossier's panels are in the docks: restored around empty docks,
        # the dock sizes were laid out anew when the panels arrived, and the article shrank.
        self._state_to_restore = state if not state.isEmpty() else None

    def __getattr__(self, name: str) -> Any:
        """window.timeline_dock, window.import_action, window.merge_dossier(…): a dock by its old
        name, and whatever a feature's controller offers, read through the window as before."""
        docks = self.__dict__.get("docks", {})
        if name.endswith("_dock") and name[:-5] in docks:
            return docks[name[:-5]]
        for controller in self.__dict__.get("_controllers", ()):
            if name in controller.__dict__ or hasattr(type(controller), name):
                return getattr(controller, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _make_menus(self) -> None:
        for title, entries in MENUS:
            self._fill(self.menuBar().addMenu(self.tr(title)), entries)
        toolbar = self.addToolBar(self.tr("Annotate"))
        toolbar.setObjectName("annotate_toolbar")
        for name in TOOLBAR:
            toolbar.addSeparator() if name is None else toolbar.addAction(getattr(self, name))
        self._dossier_actions = [action for c in self._controllers for action in c.dossier_actions]

    def _fill(self, menu: QMenu, entries: tuple[str | None, ...]) -> None:
        for name in entries:
            item = None if name is None else getattr(self, name)
            if item is None:
                menu.addSeparator()
            elif isinstance(item, QMenu):
                menu.addMenu(item)
            elif isinstance(item, QAction):
                menu.addAction(item)
            else:
                menu.addActions(item)

    def show_dock(self, name: str) -> None:
        self.docks[name].show()
        self.docks[name].raise_()

    # -- opening and closing ----------------------------------------------------------------

    def open_dossier(self, path: Path) -> bool:
        """Open `path`, or explain why not; see FileController.open_dossier."""
        return self.files.open_dossier(path)

    def import_paths(self, paths: list[Path]) -> bool:
        return self.incoming.import_paths(paths)

    def extract_pending(self, session: DossierSession) -> None:
        """Find people, places and dates in the articles waiting for it, off the GUI thread."""
        self.incoming.extract_pending(session)

    def set_store(self, store: Database) -> None:
        self._close_workspace()
        store.author = analyst_name(self.settings.get(keys.ANALYST_NAME))
        session = DossierSession(store, self.undo_stack, self)
        ws = Workspace(session, self.tasks, self)
        self.workspace = ws
        self.docks["articles"].setWidget(ws.articles)
        self.docks["entities"].setWidget(ws.entities)
        ws.panel_created.connect(self._show_panel)
        ws.annotation_opened.connect(lambda _id: self.show_dock("editor"))
        session.changed.connect(self._on_changed)
        session.refused.connect(lambda reason: self.statusBar().showMessage(reason, 10000))
        ws.articles.captures.said.connect(lambda words: self.statusBar().showMessage(words, 15000))
        self.setCentralWidget(ws.pane)
        for name, dock in self._lazy_docks.items():
            if not dock.visibleRegion().isEmpty():
                getattr(ws, name)  # its tab is in front: make its panel now
        self.annotate.workspace_opened(ws)
        self.screening.workspace_opened(ws)
        for widget in (ws.articles, ws.entities, ws.pane):
            widget.show()  # a child added to a window already shown must be shown itself
        if self._state_to_restore is not None:
            self.restoreState(self._state_to_restore)
            self._state_to_restore = None
        ws.pane.set_mentions_visible(self.view.mentions_action.isChecked())
        self.setWindowTitle(self.tr("%1 — Dossier").replace("%1", store.path.name))
        self.settings.add_recent(str(store.path.resolve()))
        self.files.store_opened(store)
        for action in self._dossier_actions:
            action.setEnabled(True)
        ws.open_first_article()
        self._update_status()
        session.when_writable(lambda: self._detect_languages(session))  # before the check, which may close it
        self.files.check(session)
        if self._on_opened:
            self._on_opened(session)

    def _detect_languages(self, session: DossierSession) -> None:
        """Articles stored before Dossier detected languages get theirs, once, off the GUI thread."""
        from dossier.ui.background import detect_missing_languages  # lazy: off the start-up path

        def failed(error: BaseException) -> None:
            if session.is_open:
                self.statusBar().showMessage(self.tr("The languages of older articles could not be detected: %1")
                                             .replace("%1", str(error)), 15000)

        if session.is_open:
            detect_missing_languages(session, self.tasks, on_error=failed)

    def close_dossier(self) -> None:
        self._close_workspace()
        self._show_empty()

    def _close_workspace(self) -> None:
        """Stop what runs for the open dossier, save pending typing, close the file."""
        self.incoming.close()
        if self.workspace is not None:
            self.workspace.close()  # the session closes the store and clears the undo stack
            self.workspace.deleteLater()
            self.workspace = None

    def _show_empty(self) -> None:
        empty = QLabel(self.tr("No dossier is open.\nFile > Open… or File > New Dossier…"))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(empty)
        for name in ("articles", "annotations", "entities", "search", "editor", "timeline"):
            self.docks[name].setWidget(QWidget())
        self.setWindowTitle("Dossier")
        self.status.clear()
        for action in self._dossier_actions:
            action.setEnabled(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.flush()
        self.exporting.cancel_all()
        self._close_workspace()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.incoming.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.incoming.drop(event)

    # -- panels and status --------------------------------------------------------------------

    def _show_panel(self, name: str, panel: QWidget) -> None:
        self._lazy_docks[name].setWidget(panel)
        panel.show()
        if name == "editor":
            self.show_dock("editor")

    def _on_lazy_dock_visibility(self, name: str, visible: bool) -> None:
        if visible and self.workspace is not None:
            getattr(self.workspace, name)  # made on first sight
        dock: QDockWidget = self._lazy_docks[name]
        if visible and name in BOTTOM_DOCKS and dock.height() < TIMELINE_HEIGHT:
            # Shown for the first time: tall enough for several lanes (or rows) and the list.
            self.resizeDocks([dock], [max(TIMELINE_HEIGHT, self.height() // 3)], Qt.Orientation.Vertical)
        if visible and name in BESIDE and self.docks[BESIDE[name]].isVisible():  # the map beside the timeline
            self.resizeDocks([self.docks[BESIDE[name]], dock], [self.width() // 2] * 2, Qt.Orientation.Horizontal)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ARTICLES, ENTITIES, ANNOTATIONS):
            self._update_status()

    def _update_status(self) -> None:
        if self.workspace is None:
            return
        counts = self.workspace.store.summary_counts()
        self.status.setText(" · ".join([
            count_of(counts["articles"], self.tr("article"), self.tr("articles")),
            count_of(counts["entities"], self.tr("entity"), self.tr("entities")),
            count_of(counts["annotations"], self.tr("annotation"), self.tr("annotations")),
        ]))

"""MainWindow: menus, docks and status bar around the workspace of the open dossier."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from dossier import __version__
from dossier.analyst import analyst_name
from dossier.store import DossierError, Database
from dossier.store.backups import backup_taken_at, list_backups, restore_backup
from dossier.store.encryption import PassphraseNeeded, is_encrypted
from dossier.core.changes import ANNOTATIONS, ARTICLES, ENTITIES, Changes
from dossier.ui import settings as keys
from dossier.ui.session import DossierSession
from dossier.ui.settings import Settings
from dossier.ui.workspace import Workspace

if TYPE_CHECKING:  # annotations only: each Qt type imported costs start-up time
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from dossier.ingest.pipeline import ImportReport
    from dossier.ui.export_dialog import PdfExport
    from dossier.ui.importing import ImportController
    from dossier.ui.tasks import TaskRunner

DOSSIER_FILTER = "Dossiers (*.dossier);;All files (*)"
TIMELINE_HEIGHT = 300  # pixels the timeline dock gets when it first opens
ARTICLE_FILTER = ("Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.json *.warc *.warc.gz *.wacz);;"
                  "Telegram exports (result.json *.json);;Web archives (*.warc *.warc.gz *.wacz);;All files (*)")


def _dropped_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


def standard_keys(key: QKeySequence.StandardKey, *extras: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, plus `extras` where the platform lacks them
    (X11 without a desktop's theme binds neither Ctrl+Y to redo nor F1 to help). Not twice: a
    key bound twice is "ambiguous" to Qt, which then does nothing (redo was dead on X11)."""
    keys = list(QKeySequence.keyBindings(key))
    for extra in map(QKeySequence, extras):
        if extra not in keys:
            keys.append(extra)
    return keys


def redo_shortcuts() -> list[QKeySequence]:
    """Redo: the platform's keys, Ctrl+Shift+Z and Ctrl+Y (Windows' and many Linux apps')."""
    return standard_keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")


def count_of(n: int, one: str, many: str) -> str:
    """ "1 article", "2,345 articles" """
    return f"{n:,} {one if n == 1 else many}"

# Dialogs are imported where they are used: setting up their Qt types costs tens of
# milliseconds that the first paint should not wait for.


class MainWindow(QMainWindow):
    def __init__(
        self, settings: Settings, tasks: TaskRunner, open_store: Callable[[Path], Database] | None = None,
        on_opened: Callable[[DossierSession], None] | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._tasks = tasks  # the app's TaskRunner (tests may pass a synchronous stand-in)
        # The file is shown at once; its integrity check runs on a worker (see set_store).
        self._open_store = open_store or (lambda path: Database.open(path, verify=False))
        self._on_opened = on_opened
        self.workspace: Workspace | None = None
        self.importer: ImportController | None = None
        self.exports: list[PdfExport] = []  # PDF exports running (in child processes)
        self.setObjectName("MainWindow")
        self.resize(1280, 800)
        self.setAcceptDrops(True)  # files dropped anywhere on the window are imported

        self.undo_stack = QUndoStack(self)
        self.articles_dock = self._dock("articles", self.tr("Articles"), Qt.DockWidgetArea.LeftDockWidgetArea)
        self.annotations_dock = self._dock("annotations", self.tr("Annotations"), Qt.DockWidgetArea.LeftDockWidgetArea)
        self.entities_dock = self._dock("entities", self.tr("Entities"), Qt.DockWidgetArea.RightDockWidgetArea)
        self.search_dock = self._dock("search", self.tr("Search"), Qt.DockWidgetArea.RightDockWidgetArea)
        self.editor_dock = self._dock("editor", self.tr("Annotation"), Qt.DockWidgetArea.RightDockWidgetArea)
        self.timeline_dock = self._dock("timeline", self.tr("Timeline"), Qt.DockWidgetArea.BottomDockWidgetArea)
        self.timeline_dock.hide()  # View > Timeline (Ctrl+T): shown on demand, built when first shown
        self.claims_dock = self._dock("claims", self.tr("Claims Board"), Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.timeline_dock, self.claims_dock)
        self.claims_dock.hide()  # View > Claims Board (Ctrl+Shift+B)
        self.network_dock = self._dock("network", self.tr("Network"), Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.claims_dock, self.network_dock)
        self.network_dock.hide()  # View > Network (Ctrl+Shift+N)
        self.hypotheses_dock = self._dock("hypotheses", self.tr("Competing Hypotheses"),
                                          Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.network_dock, self.hypotheses_dock)
        self.hypotheses_dock.hide()  # View > Competing Hypotheses (Ctrl+Shift+Y)
        self.conflicts_dock = self._dock("conflicts", self.tr("Conflicts"), Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.hypotheses_dock, self.conflicts_dock)
        self.conflicts_dock.hide()  # View > Conflicts, and shown by a merge that found some
        self.tabifyDockWidget(self.articles_dock, self.annotations_dock)
        self.tabifyDockWidget(self.entities_dock, self.search_dock)
        self.tabifyDockWidget(self.search_dock, self.editor_dock)
        self.articles_dock.raise_()
        # Panels behind a tab are built when their tab is first shown (see Workspace).
        self._lazy_docks = {"search": self.search_dock, "annotations": self.annotations_dock, "editor": self.editor_dock,
                            "timeline": self.timeline_dock, "claims": self.claims_dock, "network": self.network_dock,
                            "hypotheses": self.hypotheses_dock, "conflicts": self.conflicts_dock}
        for name, dock in self._lazy_docks.items():
            dock.visibilityChanged.connect(lambda visible, n=name: self._on_lazy_dock_visibility(n, visible))
        self.entities_dock.raise_()
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self._make_menus()
        self._show_empty()
        self.resizeDocks([self.articles_dock, self.entities_dock], [380, 300], Qt.Orientation.Horizontal)
        geometry, state = settings.get(keys.WINDOW_GEOMETRY), settings.get(keys.WINDOW_STATE)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if not state.isEmpty():
            self.restoreState(state)
        # Restored again once a dossier's panels are in the docks: restored around empty docks,
        # the dock sizes were laid out anew when the panels arrived, and the article shrank.
        self._state_to_restore = state if not state.isEmpty() else None

    def _dock(self, name: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}_dock")  # restoreState finds docks by object name
        self.addDockWidget(area, dock)
        return dock

    # -- menus ------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], shortcut: object = None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        return action

    def _make_menus(self) -> None:
        std = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("&New Dossier…"), self.new_dossier, std.New))
        file_menu.addAction(self._action(self.tr("&Open…"), self.choose_and_open, std.Open))
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.import_action = self._action(self.tr("&Import Articles…"), self.choose_and_import, "Ctrl+I")
        self.import_folder_action = self._action(self.tr("Import a &Folder…"), self.choose_folder_and_import)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_folder_action)
        self.merge_action = self._action(self.tr("&Merge Dossier…"), lambda: self.merge_dossier())
        self.merge_action.setStatusTip(self.tr("Bring in another analyst's dossier: what is the same is matched, "
                                               "nothing is overwritten"))
        file_menu.addAction(self.merge_action)
        self.summary_action = self._action(self.tr("&Summary…"), self.edit_summary)
        file_menu.addAction(self.summary_action)
        export_menu = file_menu.addMenu(self.tr("&Export"))
        self.export_pdf_action = self._action(self.tr("&PDF Dossier…"), self.export_pdf, "Ctrl+P")
        self.export_pdf_action.setIconText(self.tr("Export PDF"))
        self.export_document_action = self._action(self.tr("&Document (ODT)…"), self.export_document)
        self.export_document_action.setStatusTip(self.tr("The same report as an editable OpenDocument text file "
                                                         "for LibreOffice or Word"))
        self.export_data_actions = {kind: self._action(label, lambda _c=False, k=kind: self._export(k)) for kind, label in (
            ("annotations", self.tr("&Web Annotation JSON…")), ("csv", self.tr("&CSV (one row per annotation)…")),
            ("graphml", self.tr("Network as &GraphML…")), ("gexf", self.tr("Network as G&EXF…")),
            ("ftm", self.tr("&FollowTheMoney…")))}
        self.export_data_actions["annotations"].setStatusTip(self.tr("Every annotation as W3C Web Annotations "
                                                                     "(JSON-LD), which Dossier and other tools import"))
        self.export_data_actions["ftm"].setStatusTip(self.tr("Articles, entities, events and notes as "
                                                             "FollowTheMoney entities (Aleph)"))
        for action in (self.export_pdf_action, self.export_document_action, None, *self.export_data_actions.values()):
            export_menu.addSeparator() if action is None else export_menu.addAction(action)
        file_menu.addSeparator()
        self.save_copy_action = self._action(self.tr("Save a &Copy…"), self.save_copy, std.SaveAs)
        self.share_action = self._action(self.tr("S&hare a Copy…"), self.share_copy)
        self.share_action.setStatusTip(self.tr("A new dossier to hand to a partner, without the notes, names "
                                               "or parts you choose"))
        self.restore_action = self._action(self.tr("Restore from &Backup…"), self.restore_from_backup)
        self.close_action = self._action(self.tr("&Close"), self.close_dossier, std.Close)
        self.protect_action = self._action(self.tr("&Protect with a Passphrase…"), self.protect_dossier)
        self.protect_action.setStatusTip(self.tr("Encrypt the dossier and its backups: the file opens only with "
                                                 "the passphrase"))
        for action in (self.save_copy_action, self.share_action, self.protect_action, self.restore_action,
                       self.close_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = self._action(self.tr("&Quit"), self.close, std.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        # Undo and redo go through the session (it saves pending typing first and tells every
        # view what changed), so these are our own actions, labelled from the stack.
        self.undo_action = self._action(self.tr("&Undo"), self._undo)
        self.undo_action.setShortcuts(QKeySequence.keyBindings(std.Undo))
        self.redo_action = self._action(self.tr("&Redo"), self._redo)
        self.redo_action.setShortcuts(redo_shortcuts())
        self.undo_stack.canUndoChanged.connect(self._label_undo_actions)
        self.undo_stack.canRedoChanged.connect(self._label_undo_actions)
        self.undo_stack.undoTextChanged.connect(self._label_undo_actions)
        self.undo_stack.redoTextChanged.connect(self._label_undo_actions)
        self._label_undo_actions()
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.copy_action = self._action(self.tr("&Copy"), self._copy, std.Copy)
        self.copy_citation_action = self._action(self.tr("Copy with C&itation"), self._copy_with_citation, "Ctrl+Shift+C")
        self.find_action = self._action(self.tr("&Find in Article…"), self._find_in_article, std.Find)
        self.search_action = self._action(self.tr("Find in &Dossier…"), self._find_in_dossier, "Ctrl+Shift+F")
        self.add_entity_action = self._action(self.tr("Add &Entity from Selection…"), self.add_entity_from_selection, "Ctrl+E")
        self.paste_article_action = self._action(self.tr("&Paste as New Article…"), lambda: self.paste_article(),
                                                 "Ctrl+Shift+V")
        self.preferences_action = self._action(self.tr("Pre&ferences…"), self.show_preferences, "Ctrl+,")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        for action in (self.copy_action, self.copy_citation_action, self.paste_article_action, None,
                       self.find_action, self.search_action, None, self.add_entity_action, None,
                       self.preferences_action):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)

        article_menu = self.menuBar().addMenu(self.tr("A&rticle"))
        self.properties_action = self._action(self.tr("&Properties…"), self.edit_article_properties, "Alt+Return")
        self.open_source_action = self._action(self.tr("&Open Source in Browser…"), self.open_article_source)
        self.delete_article_action = self._action(self.tr("&Delete Article…"), self.delete_article)
        self.sources_action = self._action(self.tr("&Sources…"), self.show_sources)
        for action in (self.properties_action, self.open_source_action, None, self.delete_article_action, None,
                       self.sources_action):
            article_menu.addSeparator() if action is None else article_menu.addAction(action)

        annotate_menu = self.menuBar().addMenu(self.tr("&Annotate"))
        self.highlight_action = self._action(self.tr("&Highlight"), lambda: self._annotate("highlight"), "H")
        self.note_action = self._action(self.tr("&Note"), lambda: self._annotate("note"), "N")
        self.claim_action = self._action(self.tr("&Claim"), lambda: self._annotate("claim"), "C")
        self.delete_annotation_action = self._action(self.tr("&Delete Annotation"), self._delete_annotation, "Ctrl+Delete")
        for action in (self.highlight_action, self.note_action, self.claim_action):
            # Single keys work while the article has the keyboard; elsewhere they are typing.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            annotate_menu.addAction(action)
        annotate_menu.addSeparator()
        annotate_menu.addAction(self.delete_annotation_action)
        self.add_event_action = self._action(self.tr("Add &Event from Selection…"), self.add_event_from_selection,
                                             "Ctrl+Shift+E")
        annotate_menu.addAction(self.add_event_action)
        self.tags_action = self._action(self.tr("&Tags…"), self.show_tags)
        annotate_menu.addAction(self.tags_action)
        self.related_action = self._action(self.tr("Find &Related Passages"), self.find_related_passages, "Ctrl+Shift+R")
        annotate_menu.addAction(self.related_action)
        toolbar = self.addToolBar(self.tr("Annotate"))
        toolbar.setObjectName("annotate_toolbar")
        self.import_action.setIconText(self.tr("Import"))
        for action in (self.import_action, None, self.highlight_action, self.note_action, self.claim_action, None,
                       self.export_pdf_action):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for dock in (self.articles_dock, self.annotations_dock, self.entities_dock, self.search_dock, self.editor_dock,
                     self.timeline_dock, self.claims_dock, self.network_dock, self.hypotheses_dock,
                     self.conflicts_dock):
            view_menu.addAction(dock.toggleViewAction())
        self.timeline_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+T"))
        self.claims_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.network_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.hypotheses_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.conflicts_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+K"))
        for dock in (self.timeline_dock, self.claims_dock, self.network_dock, self.hypotheses_dock,
                     self.conflicts_dock):  # one tab
            dock.toggleViewAction().triggered.connect(lambda shown, d=dock: d.raise_() if shown else None)
        view_menu.addSeparator()
        self.mentions_action = self._action(self.tr("Entity &Highlighting"), self._toggle_mentions, "Ctrl+Shift+H", True)
        self.mentions_action.setChecked(self._settings.get(keys.ENTITY_HIGHLIGHTING))
        view_menu.addAction(self.mentions_action)
        self.next_mention_action = self._action(self.tr("&Next Mention"), lambda: self._step_mention(1), "F8")
        self.previous_mention_action = self._action(self.tr("&Previous Mention"), lambda: self._step_mention(-1), "Shift+F8")
        view_menu.addAction(self.next_mention_action)
        view_menu.addAction(self.previous_mention_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = self._action(self.tr("&User Guide"), self.show_guide)
        self.guide_action.setShortcuts(standard_keys(QKeySequence.StandardKey.HelpContents, "F1"))
        self.shortcuts_action = self._action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts, "Ctrl+/")
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        about = self._action(self.tr("&About Dossier"), self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about)
        self._dossier_actions = [self.paste_article_action, self.import_action, self.import_folder_action,
                                 self.merge_action, self.export_pdf_action, *self.export_data_actions.values(),
                                 self.summary_action, self.export_document_action, self.save_copy_action, self.share_action, self.protect_action, self.restore_action, self.close_action, self.copy_action,
                                 self.copy_citation_action, self.find_action, self.search_action,
                                 self.add_entity_action, self.next_mention_action, self.previous_mention_action,
                                 self.highlight_action, self.note_action, self.claim_action, self.delete_annotation_action,
                                 self.tags_action, self.add_event_action, self.properties_action, self.open_source_action,
                                 self.delete_article_action, self.sources_action, self.related_action]

    # -- opening and closing ----------------------------------------------------------------

    def open_dossier(self, path: Path) -> bool:
        """Open `path`, or explain why not (offering a backup for a damaged file). A dossier of an
        older format is backed up and upgraded on a worker, the window saying so (at 100,000
        articles that takes half a minute): True then means it is being opened."""
        from dossier.store.inspect import needs_upgrade

        if needs_upgrade(path):
            self._open_upgrading(path)
            return True
        try:
            store = self._open_store(path)
        except PassphraseNeeded:  # asked in a dialog that unlocks it, then opened as any other
            from dossier.ui.passphrase import ask_passphrase

            return ask_passphrase(path, self._tasks, self) and self.open_dossier(path)
        except DossierError as error:
            return self._explain_open_error(path, error)
        self.set_store(store)
        return True

    def _explain_open_error(self, path: Path, error: DossierError) -> bool:
        from dossier.ui.open_errors import explain_open_error

        if explain_open_error(self, error) and getattr(error, "backup", None) is not None:
            return self._restore_then_open(path, error.backup)  # type: ignore[attr-defined]
        return False

    def _open_upgrading(self, path: Path) -> None:
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(self.tr("Upgrading %1 to this version's format (a backup is made first)…")
                                   .replace("%1", path.name), "", 0, 0, self)
        progress.setWindowTitle(self.tr("Opening %1").replace("%1", path.name))
        progress.setCancelButton(None)  # type: ignore[arg-type]  # an upgrade step ends whole
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setValue(0)
        self.statusBar().showMessage(progress.labelText())

        def opened(store: Database) -> None:
            self.statusBar().clearMessage()
            progress.reset()
            progress.deleteLater()
            self.set_store(store)

        def failed(error: BaseException) -> None:
            self.statusBar().clearMessage()
            progress.reset()
            progress.deleteLater()
            if isinstance(error, DossierError):
                self._explain_open_error(path, error)
            else:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self, self.tr("Open"), self.tr("%1 could not be upgraded (it is left as it "
                                                                  "was; a backup was made first): %2")
                                    .replace("%1", path.name).replace("%2", str(error)))

        open_store = self._open_store
        self._tasks.run(lambda: open_store(path), on_done=opened, on_error=failed)

    def set_store(self, store: Database) -> None:
        self._close_workspace()
        store.author = analyst_name(self._settings.get(keys.ANALYST_NAME))
        session = DossierSession(store, self.undo_stack, self)
        ws = Workspace(session, self._tasks, self)
        self.workspace = ws
        self.articles_dock.setWidget(ws.articles)
        self.entities_dock.setWidget(ws.entities)
        ws.panel_created.connect(self._show_panel)
        ws.annotation_opened.connect(lambda _id: (self.editor_dock.show(), self.editor_dock.raise_()))
        session.changed.connect(self._on_changed)
        session.refused.connect(lambda reason: self.statusBar().showMessage(reason, 10000))
        ws.articles.captures.said.connect(lambda words: self.statusBar().showMessage(words, 15000))
        self.setCentralWidget(ws.pane)
        for name, dock in self._lazy_docks.items():
            if not dock.visibleRegion().isEmpty():
                getattr(ws, name)  # its tab is in front: make its panel now
        for action in (self.highlight_action, self.note_action, self.claim_action):
            ws.pane.text_view.addAction(action)
        ws.pane.text_view.extra_actions[:0] = [self.highlight_action, self.note_action, self.claim_action]
        for widget in (ws.articles, ws.entities, ws.pane):
            widget.show()  # a child added to a window already shown must be shown itself
        if self._state_to_restore is not None:
            self.restoreState(self._state_to_restore)
            self._state_to_restore = None
        ws.pane.set_mentions_visible(self.mentions_action.isChecked())
        ws.pane.text_view.extra_actions.append(self.add_entity_action)
        self.setWindowTitle(self.tr("%1 — Dossier").replace("%1", store.path.name))
        self.protect_action.setText(self.tr("Remove the &Passphrase…") if is_encrypted(store.path)
                                    else self.tr("&Protect with a Passphrase…"))
        self._settings.add_recent(str(store.path.resolve()))
        for action in self._dossier_actions:
            action.setEnabled(True)
        ws.open_first_article()
        self._update_status()
        session.when_writable(lambda: self._detect_languages(session))  # before the check, which may close it
        self._check(session)
        if self._on_opened:
            self._on_opened(session)

    def _detect_languages(self, session: DossierSession) -> None:
        """Articles stored before Dossier detected languages get theirs, once, off the GUI thread."""
        from dossier.ui.background import detect_missing_languages

        def failed(error: BaseException) -> None:
            if session.is_open:
                self.statusBar().showMessage(
                    self.tr("The languages of older articles could not be detected: %1").replace("%1", str(error)), 15000)

        if session.is_open:
            detect_missing_languages(session, self._tasks, on_error=failed)

    def _check(self, session: DossierSession) -> None:
        """Run SQLite's quick_check on a worker (a second or so for a large dossier) while the
        dossier is shown; edits are refused until it passes. A damaged file is closed unchanged,
        with an offer of its newest good backup."""
        if session.writable:
            return
        checking = self.tr("Checking the dossier…")
        self.statusBar().showMessage(checking, 30000)

        def checked(problem: str) -> None:
            if not session.is_open:
                return
            if self.statusBar().currentMessage() == checking:
                self.statusBar().clearMessage()
            if problem == "ok":
                session.mark_writable()
                return
            from dossier.store.backups import newest_good_backup
            from dossier.store.errors import CorruptDossier

            path = session.store.path
            if self.workspace is not None and self.workspace.session is session:
                self.close_dossier()
            error = CorruptDossier(path, problem, newest_good_backup(path))
            from dossier.ui.open_errors import explain_open_error

            if explain_open_error(self, error) and error.backup is not None:
                self._restore_then_open(path, error.backup)

        self._tasks.run(session.store.integrity_problem, checked,
                        lambda error: checked(f"the check could not run ({error})"))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ARTICLES, ENTITIES, ANNOTATIONS):
            self._update_status()

    def _undo(self) -> None:
        if self.workspace is not None:
            self.workspace.session.undo()

    def _redo(self) -> None:
        if self.workspace is not None:
            self.workspace.session.redo()

    def _label_undo_actions(self) -> None:
        stack = self.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self.undo_action.setText(self.tr("&Undo %1").replace("%1", stack.undoText()).strip())
        self.redo_action.setText(self.tr("&Redo %1").replace("%1", stack.redoText()).strip())

    # -- importing ----------------------------------------------------------------------------

    def import_paths(self, paths: list[Path]) -> bool:
        if self.workspace is None:
            return False
        if self.importer is None:  # made on first use: import code stays out of start-up
            from dossier.ui.importing import ImportController

            self.importer = ImportController(self.workspace.session, self._tasks, self)
            self.importer.finished.connect(self._on_import_finished)
        return self.importer.start(paths)

    def choose_and_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import Articles"), "", self.tr(ARTICLE_FILTER))
        if files:
            self.import_paths([Path(f) for f in files])

    def merge_dossier(self, path: Path | None = None) -> None:
        """File > Merge Dossier…: preview, merge as one undo step, then show what it found."""
        from dossier.ui.team.merge_dialog import MergeFlow

        if self.workspace is None:
            return
        flow = MergeFlow(self, self.workspace.session, self._tasks)
        flow.finished.connect(self._merged)
        flow.start(path)

    def _merged(self, report: object) -> None:
        from dossier.store.merging import MergeReport

        if not isinstance(report, MergeReport) or self.workspace is None:
            return
        from dossier.core.citation import plural

        self.statusBar().showMessage(self.tr("Merged %1: %2, %3, %4").replace("%1", report.merged_from)
                                     .replace("%2", plural(report.articles_new, "new article"))
                                     .replace("%3", plural(report.annotations_new, "new annotation"))
                                     .replace("%4", plural(len(report.conflicts), "conflict")), 15000)
        if report.conflicts:
            self.conflicts_dock.show()
            self.conflicts_dock.raise_()
            self.workspace.conflicts.select_conflict(report.conflicts[0])

    def choose_folder_and_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a Folder of Articles"))
        if folder:
            self.import_paths([Path(folder)])

    def _on_import_finished(self, report: ImportReport) -> None:
        from dossier.ui.importing import summary

        self.statusBar().showMessage(summary(report), 10000)
        if self.workspace is not None and report.imported:
            self.workspace.open_article(report.imported[-1][1])
        if report.failed or report.notes:
            from PySide6.QtWidgets import QMessageBox

            from dossier.core.display import shown

            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import"), summary(report), parent=self)
            box.setDetailedText("\n".join(f"{shown(path.name)}: {shown(reason)}"
                                          for path, reason in report.failed + report.notes))
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            save = box.addButton(self.tr("Save Report…"), QMessageBox.ButtonRole.ActionRole)
            save.clicked.connect(lambda: self._save_import_report(report))
            box.addButton(QMessageBox.StandardButton.Ok)
            box.open()  # not exec(): the window goes on while the user reads

    def _save_import_report(self, report: ImportReport) -> None:
        """Every file of the import with what became of it, as CSV."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from dossier.ingest.pipeline import write_report_csv
        from dossier.store.targets import TargetRefused, check_target

        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the Import Report"), "import report.csv",
                                                self.tr("CSV (*.csv)"))
        if not chosen:
            return
        out = Path(chosen) if chosen.lower().endswith(".csv") else Path(chosen + ".csv")
        try:
            if self.workspace is not None:
                check_target(out, self.workspace.store.path)
            rows = write_report_csv(report, out)
        except (OSError, TargetRefused) as error:
            QMessageBox.warning(self, self.tr("Import"), str(error))
            return
        self.statusBar().showMessage(self.tr("Wrote the report of %1 files to %2").replace("%1", str(rows))
                                     .replace("%2", str(out)), 8000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        if self.workspace is not None and (_dropped_files(mime) or mime.hasHtml()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        paths = _dropped_files(mime)
        if paths:
            if self.import_paths(paths):
                event.acceptProposedAction()
        elif mime.hasHtml() or mime.hasText():
            event.acceptProposedAction()
            self.paste_article(mime.html() if mime.hasHtml() else None, mime.text() if mime.hasText() else None)

    def paste_article(self, html: str | None = None, text: str | None = None) -> None:
        """Edit > Paste as New Article, or a page dropped from a browser."""
        ws = self.workspace
        if ws is None:
            return
        if html is None and text is None:
            from PySide6.QtGui import QGuiApplication

            mime = QGuiApplication.clipboard().mimeData()
            html = mime.html() if mime.hasHtml() else None
            text = mime.text() if mime.hasText() else None
        from PySide6.QtWidgets import QMessageBox

        from dossier.ingest.clipboard import read_pasted
        from dossier.ingest.decode import UnreadableFile
        from dossier.operations.articles import AddDocument
        from dossier.store.articles import text_sha256
        from dossier.ui.articles.paste import PasteArticleDialog

        try:
            document = read_pasted(html, text)
        except UnreadableFile as error:
            QMessageBox.information(self, self.tr("Paste as New Article"), str(error))
            return
        dialog = PasteArticleDialog(document, self)
        accepted = dialog.exec() == PasteArticleDialog.DialogCode.Accepted
        document = dialog.document()
        dialog.deleteLater()
        if not accepted or self.workspace is not ws:
            return
        existing = ws.store.articles.id_by_sha256(text_sha256(document.text))
        if existing is not None:
            self.statusBar().showMessage(self.tr("That text is already in the dossier (article %1).")
                                         .replace("%1", str(existing)), 8000)
            ws.open_article(existing)
            return
        operation = AddDocument(document)
        if not ws.session.push(operation):
            return
        ws.open_article(operation.result)
        ws.store.mark_pending_extraction([operation.result])
        self.extract_pending(ws.session)

    def extract_pending(self, session: DossierSession) -> None:
        """Find people, places and dates in the articles waiting for it, off the GUI thread."""
        from dossier.ui.background import extract_pending

        def sidebar():  # type: ignore[no-untyped-def]
            ws = self.workspace
            return ws.entities if ws is not None and ws.session is session else None

        def progress(stage: str, done: int, total: int) -> None:
            if (panel := sidebar()) is not None:
                panel.show_busy(stage, done, total)

        def failed(error: BaseException) -> None:
            if (panel := sidebar()) is not None:
                panel.show_busy(None)
            self.statusBar().showMessage(self.tr("Extraction failed: %1").replace("%1", str(error)), 10000)

        def done() -> None:
            if (panel := sidebar()) is not None:
                panel.show_busy(None)
                self.statusBar().showMessage(self.tr("People, places and dates found."), 5000)

        def start() -> None:  # once the file has passed its check: the results are written in
            if session.is_open and extract_pending(session, self._tasks, on_applied=done, on_error=failed,
                                                   on_progress=progress):
                self.statusBar().showMessage(self.tr("Finding people, places and dates…"), 30000)

        session.when_writable(start)

    def _show_panel(self, name: str, panel: QWidget) -> None:
        self._lazy_docks[name].setWidget(panel)
        panel.show()
        if name == "editor":
            self.editor_dock.show()
            self.editor_dock.raise_()

    def _on_lazy_dock_visibility(self, name: str, visible: bool) -> None:
        if visible and self.workspace is not None:
            getattr(self.workspace, name)  # made on first sight
        dock = self._lazy_docks[name]
        if visible and name in ("timeline", "claims", "network", "hypotheses", "conflicts") and \
                dock.height() < TIMELINE_HEIGHT:
            # Shown for the first time: tall enough for several lanes (or rows) and the list.
            self.resizeDocks([dock], [max(TIMELINE_HEIGHT, self.height() // 3)], Qt.Orientation.Vertical)

    def find_related_passages(self) -> None:
        """For the claim in the editor: passages of other articles that may support or contradict it."""
        ws = self.workspace
        annotation_id = ws.editor.annotation_id if ws is not None and ws.has_panel("editor") else None
        if ws is None or annotation_id is None or ws.store.annotations.get(annotation_id).kind != "claim":
            self.statusBar().showMessage(self.tr("Open a claim first (click it in the article or the claims board)."), 5000)
            return
        self.editor_dock.show()
        self.editor_dock.raise_()
        ws.editor.find_related()

    def _annotate(self, kind: str) -> None:
        if self.workspace is None:
            return
        if self.workspace.annotate(kind) is None:
            self.statusBar().showMessage(self.tr("Select a passage in the article first."), 4000)
            return
        self.editor_dock.show()
        self.editor_dock.raise_()
        self.workspace.editor.focus_note()

    def export_pdf(self) -> None:
        self._export("pdf")

    def _export(self, kind: str) -> None:
        """The report as a PDF ("pdf") or as an editable document ("odt"), in a child process."""
        if self.workspace is None:
            return
        from dossier.ui.export_dialog import export_pdf_interactively

        article = self.workspace.pane.article
        export = export_pdf_interactively(self, self._settings, self.workspace.store.path,
                                          self.workspace.store.title, article.id if article else None, kind,
                                          tags=self.workspace.store.tags.all())
        if export is not None:
            self.exports.append(export)
            export.finished.connect(lambda *_: self.exports.remove(export) if export in self.exports else None)

    def export_document(self) -> None:
        """File > Export Document…: the report as OpenDocument text, to finish in a word processor."""
        self._export("odt")

    def edit_summary(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        from dossier.operations.report import SetSummary
        from dossier.store.database import SUMMARY
        from dossier.ui.summary_dialog import SummaryDialog

        dialog = SummaryDialog(ws.store.meta(SUMMARY) or "", self)
        accepted = dialog.exec() == SummaryDialog.DialogCode.Accepted
        text = dialog.summary()
        dialog.deleteLater()
        if accepted and text.strip() != (ws.store.meta(SUMMARY) or "").strip() and ws.session.push(SetSummary(text)):
            self.statusBar().showMessage(self.tr("Summary saved; it opens the report"), 5000)

    # -- article ----------------------------------------------------------------------------

    def edit_article_properties(self) -> None:
        ws = self.workspace
        if ws is None or ws.pane.article is None:
            return
        from dossier.operations.articles import EditArticle
        from dossier.ui.articles.properties import ArticlePropertiesDialog

        article = ws.pane.article
        reports = ws.store.articles.reports(article.id)
        dialog = ArticlePropertiesDialog(article, reports, self, captures=ws.store.team.captures(article.id),
                                         provenance=ws.store.provenance.words(article.id),
                                         attachments=ws.store.provenance.attachments(article.id),
                                         read_attachment=ws.store.provenance.attachment_content)
        accepted = dialog.exec() == ArticlePropertiesDialog.DialogCode.Accepted
        values, new_reports = dialog.values(), dialog.reports()
        dialog.deleteLater()
        if not accepted or (values == {k: getattr(article, k) for k in values} and new_reports == reports):
            return
        operation = EditArticle(article.id, **values, reports=new_reports)  # type: ignore[arg-type]
        if not ws.session.push(operation):
            return
        if operation.needs_extraction:  # a new language: names and dates read again in it
            self.statusBar().showMessage(self.tr("Dates found again in the article's language"), 8000)
            self.extract_pending(ws.session)
        elif (values["published"], values["published_precision"]) != (article.published, article.published_precision):
            self.statusBar().showMessage(self.tr("%1 events moved with the new published date")
                                         .replace("%1", str(operation.result)), 8000)

    def delete_article(self) -> None:
        ws = self.workspace
        if ws is None or ws.pane.article is None:
            return
        from PySide6.QtWidgets import QMessageBox

        from dossier.operations.articles import DeleteArticle

        article = ws.pane.article
        goes = ws.store.articles.dependents(article.id)
        answer = QMessageBox.question(
            self, self.tr("Delete Article"),
            self.tr("Delete “%1”? %2 annotations, %3 mentions and %4 events go with it. You can undo this.")
            .replace("%1", article.title).replace("%2", str(goes["annotations"]))
            .replace("%3", str(goes["mentions"])).replace("%4", str(goes["events"])),
        )
        if answer == QMessageBox.StandardButton.Yes:
            ws.session.push(DeleteArticle(article.id))

    def open_article_source(self) -> None:
        ws = self.workspace
        if ws is None or ws.pane.article is None:
            return
        if not ws.pane.article.url:
            self.statusBar().showMessage(self.tr("This article has no url; add one in its properties."), 5000)
            return
        from dossier.ui.articles.properties import confirm_open_source

        confirm_open_source(self, ws.pane.article.url)

    def show_sources(self) -> None:
        if self.workspace is None:
            return
        from dossier.ui.articles.sources import SourcesDialog

        dialog = SourcesDialog(self.workspace.session, self)
        dialog.exec()
        dialog.deleteLater()

    def show_preferences(self) -> None:
        from dossier.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self._settings, self)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            dialog.save()
            self.mentions_action.setChecked(self._settings.get(keys.ENTITY_HIGHLIGHTING))
            if self.workspace is not None:
                self.workspace.store.author = analyst_name(self._settings.get(keys.ANALYST_NAME))
                self.workspace.pane.set_mentions_visible(self.mentions_action.isChecked())

    def add_event_from_selection(self) -> None:
        ws = self.workspace
        if ws is None or not ws.pane.selected_text().strip():
            self.statusBar().showMessage(self.tr("Select the sentence that dates the event first."), 4000)
            return
        from dossier.ingest.text_reader import short_title
        from dossier.ui.timeline.editing import EventDialog

        article = ws.pane.article
        assert article is not None
        dialog = EventDialog(short_title(ws.pane.selected_text(), 80), "", "inferred", article.publication_day, self,
                             article.language)
        accepted = dialog.exec() == EventDialog.DialogCode.Accepted
        title, words, precision = dialog.title_edit.text(), dialog.words_edit.text(), str(dialog.precision_box.currentData())
        dialog.deleteLater()
        if accepted:
            self.timeline_dock.show()
            event_id = ws.add_event_from_selection(title, words, precision)
            if event_id is not None:
                ws.timeline.select_event(event_id)

    def show_tags(self) -> None:
        if self.workspace is None:
            return
        from dossier.ui.annotations.tags_dialog import TagsDialog

        dialog = TagsDialog(self.workspace.session, self)
        dialog.exec()
        dialog.deleteLater()

    def _delete_annotation(self) -> None:
        if self.workspace is not None and self.workspace.has_panel("editor"):
            annotation_id = self.workspace.editor.annotation_id
            if annotation_id is not None:
                self.workspace.annotations.delete(annotation_id)

    def close_dossier(self) -> None:
        self._close_workspace()
        self._show_empty()

    def _close_workspace(self) -> None:
        """Stop what runs for the open dossier, save pending typing, close the file."""
        if self.importer is not None:
            self.importer.cancel()
            self.importer = None
        if self.workspace is not None:
            self.workspace.close()  # the session closes the store and clears the undo stack
            self.workspace.deleteLater()
            self.workspace = None

    def _show_empty(self) -> None:
        empty = QLabel(self.tr("No dossier is open.\nFile > Open… or File > New Dossier…"))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(empty)
        for dock in (self.articles_dock, self.annotations_dock, self.entities_dock, self.search_dock, self.editor_dock,
                     self.timeline_dock):
            dock.setWidget(QWidget())
        self.setWindowTitle("Dossier")
        self.status.clear()
        for action in getattr(self, "_dossier_actions", []):
            action.setEnabled(False)

    def choose_and_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Dossier"), "", self.tr(DOSSIER_FILTER))
        if path:
            self.open_dossier(Path(path))

    def new_dossier(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from dossier.ui.open_errors import explain_open_error

        path, _ = QFileDialog.getSaveFileName(self, self.tr("New Dossier"), "", self.tr(DOSSIER_FILTER))
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".dossier")
        try:
            store = Database.create(target, target.stem)
        except DossierError as error:
            explain_open_error(self, error)
            return
        self.set_store(store)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._settings.get(keys.RECENT_DOSSIERS)
        for entry in recent:
            self.recent_menu.addAction(Path(entry).name, lambda p=entry: self.open_dossier(Path(p))).setToolTip(entry)
        if not recent:
            self.recent_menu.addAction(self.tr("No recent dossiers")).setEnabled(False)

    def save_copy(self) -> None:
        if self.workspace is None:
            return
        from PySide6.QtWidgets import QFileDialog

        suggestion = str(self.workspace.store.path.with_name(self.workspace.store.path.stem + " copy.dossier"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a Copy"), suggestion, self.tr(DOSSIER_FILTER))
        if path:
            from PySide6.QtWidgets import QMessageBox

            from dossier.store.targets import TargetRefused

            try:
                self.workspace.store.save_copy(Path(path))
            except (TargetRefused, OSError, sqlite3.Error) as error:
                QMessageBox.warning(self, self.tr("Save a Copy"), str(error))
                return
            self.statusBar().showMessage(self.tr("Saved a copy to %1").replace("%1", path), 5000)

    def protect_dossier(self) -> None:
        """File > Protect with a Passphrase… (Remove the Passphrase… once protected)."""
        if self.workspace is None:
            return
        from dossier.ui.passphrase import protect_or_remove

        self.workspace.session.flush_pending()
        self.protect_flow = protect_or_remove(
            self, self._tasks, self.workspace.store.path, lambda: (self.close_dossier(), True)[1], self.open_dossier,
            lambda text: self.statusBar().showMessage(text, 15000))

    def share_copy(self) -> None:
        """File > Share a Copy…: what to leave out and where, then the copy made on a worker."""
        if self.workspace is None:
            return
        from dossier.ui.share_dialog import ShareDialog, ShareFlow

        self.workspace.session.flush_pending()  # typing not yet saved belongs in the copy
        store = self.workspace.store
        dialog = ShareDialog(store.tags.all(), store.path.with_name(store.path.stem + " shared.dossier"), self)
        if dialog.exec() != ShareDialog.DialogCode.Accepted:
            return
        self.share_flow = ShareFlow(self, self._tasks, lambda text: self.statusBar().showMessage(text, 15000))
        self.share_flow.start(store.path, dialog.out_path(), dialog.choices())

    def restore_from_backup(self) -> None:
        if self.workspace is None:
            return
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        path = self.workspace.store.path
        backups = list_backups(path)
        if not backups:
            QMessageBox.information(self, self.tr("Restore from Backup"), self.tr("This dossier has no backups yet."))
            return
        labels = [f"{backup_taken_at(b):%Y-%m-%d %H:%M} UTC — {b.name}" for b in backups]
        label, ok = QInputDialog.getItem(self, self.tr("Restore from Backup"),
                                         self.tr("Replace the dossier with the backup taken at:"), labels, 0, False)
        if ok:
            self._close_workspace()
            self._show_empty()
            self._restore_then_open(path, backups[labels.index(label)])

    def _restore_then_open(self, path: Path, backup: Path) -> bool:
        try:
            aside = restore_backup(path, backup)
        except (OSError, DossierError) as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("Restore from Backup"), str(error))
            return False
        self.statusBar().showMessage(self.tr("Restored; the previous file is kept as %1").replace("%1", aside.name), 10000)
        return self.open_dossier(path)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self._settings.set(keys.WINDOW_STATE, self.saveState())
        self._settings.flush()
        for export in list(self.exports):
            export.cancel(wait=True)  # a half-written PDF is removed, never left behind
        self._close_workspace()
        super().closeEvent(event)

    # -- edit and view ----------------------------------------------------------------------

    def _copy(self) -> None:
        if self.workspace is not None:
            self.workspace.pane.text_view.copy()

    def _copy_with_citation(self) -> None:
        if self.workspace is not None:
            self.workspace.pane.copy_with_citation()

    def _find_in_article(self) -> None:
        if self.workspace is not None:
            self.workspace.pane.open_find_bar()

    def _find_in_dossier(self) -> None:
        if self.workspace is not None:
            self.search_dock.show()
            self.search_dock.raise_()
            self.workspace.search.focus_query()

    def add_entity_from_selection(self) -> None:
        if self.workspace is None or not self.workspace.pane.selected_text().strip():
            self.statusBar().showMessage(self.tr("Select the name in the article first."), 4000)
            return
        from dossier.ui.entities.dialogs import NewEntityDialog

        dialog = NewEntityDialog(self.workspace.pane.selected_text(), self)
        if dialog.exec() == NewEntityDialog.DialogCode.Accepted:
            name, kind = dialog.values()
            if name:
                self.workspace.add_entity_from_selection(name, kind)

    def _toggle_mentions(self) -> None:
        visible = self.mentions_action.isChecked()
        self._settings.set(keys.ENTITY_HIGHLIGHTING, visible)
        if self.workspace is not None:
            self.workspace.pane.set_mentions_visible(visible)

    def _step_mention(self, step: int) -> None:
        if self.workspace is not None:
            self.workspace.entities.step_mention(step)

    def _update_status(self) -> None:
        if self.workspace is None:
            return
        counts = self.workspace.store.summary_counts()
        self.status.setText(" · ".join([
            count_of(counts["articles"], self.tr("article"), self.tr("articles")),
            count_of(counts["entities"], self.tr("entity"), self.tr("entities")),
            count_of(counts["annotations"], self.tr("annotation"), self.tr("annotations")),
        ]))

    def show_guide(self) -> QWidget:
        from dossier.ui.help import show_user_guide

        return show_user_guide(self)

    def show_shortcuts(self) -> QWidget:
        from dossier.ui.help import show_keyboard_shortcuts

        return show_keyboard_shortcuts(self)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self, self.tr("About Dossier"),
            f"Dossier {__version__}\n\n"
            + self.tr("Read news articles verbatim, annotate and assess claims, export a dossier PDF.")
            + f"\n\nQt {qVersion()} · PySide6 {pyside_version} · Python {sys.version.split()[0]}"
            f" · SQLite {sqlite3.sqlite_version}",
        )


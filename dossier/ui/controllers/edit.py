"""EditController: the Edit menu's undo and redo (through the session, labelled from the stack),
copying from the article, finding in the article and in the dossier, and the preferences."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QUndoStack

from dossier.analyst import analyst_name
from dossier.ui import settings as keys
from dossier.ui.controllers.base import Controller, Window, redo_shortcuts


class EditController(Controller):
    def __init__(self, window: Window, undo_stack: QUndoStack) -> None:
        super().__init__(window)
        std = QKeySequence.StandardKey
        self._stack = undo_stack
        # Undo and redo go through the session (it saves pending typing first and tells every
        # view what changed), so these are our own actions, labelled from the stack.
        self.undo_action = self.action(self.tr("&Undo"), self._undo, needs_dossier=False)
        self.undo_action.setShortcuts(QKeySequence.keyBindings(std.Undo))
        self.redo_action = self.action(self.tr("&Redo"), self._redo, needs_dossier=False)
        self.redo_action.setShortcuts(redo_shortcuts())
        for signal in (undo_stack.canUndoChanged, undo_stack.canRedoChanged, undo_stack.undoTextChanged,
                       undo_stack.redoTextChanged):
            signal.connect(self._label_undo_actions)
        self._label_undo_actions()
        self.copy_action = self.action(self.tr("&Copy"), self._copy, std.Copy)
        self.copy_citation_action = self.action(self.tr("Copy with C&itation"), self._copy_with_citation,
                                                "Ctrl+Shift+C")
        self.find_action = self.action(self.tr("&Find in Article…"), self._find_in_article, std.Find)
        self.search_action = self.action(self.tr("Find in &Dossier…"), self._find_in_dossier, "Ctrl+Shift+F")
        self.preferences_action = self.action(self.tr("Pre&ferences…"), self.show_preferences, "Ctrl+,",
                                              needs_dossier=False)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)

    def _undo(self) -> None:
        if self.workspace is not None:
            self.workspace.session.undo()

    def _redo(self) -> None:
        if self.workspace is not None:
            self.workspace.session.redo()

    def _label_undo_actions(self) -> None:
        stack = self._stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self.undo_action.setText(self.tr("&Undo %1").replace("%1", stack.undoText()).strip())
        self.redo_action.setText(self.tr("&Redo %1").replace("%1", stack.redoText()).strip())

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
            self.window.show_dock("search")
            self.workspace.search.focus_query()

    def show_preferences(self) -> None:
        from dossier.ingest.ocr_engine import engine_words  # lazy: on first use, off the start-up path
        from dossier.ui.preferences import PreferencesDialog  # lazy: on first use, off the start-up path

        settings = self.window.settings
        dialog = PreferencesDialog(settings, self.window, ocr_engine=engine_words())
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            dialog.save()
            self.window.mentions_action.setChecked(settings.get(keys.ENTITY_HIGHLIGHTING))
            if self.workspace is not None:
                self.workspace.store.author = analyst_name(settings.get(keys.ANALYST_NAME))
                self.workspace.pane.set_mentions_visible(self.window.mentions_action.isChecked())

"""What every window controller shares: its actions, the window it serves, the open workspace.

A controller is one feature of the main window (opening files, bringing articles in, exporting…).
It makes its actions (parented to the window, so the shortcuts list finds them as before), opens
its dialogs and reaches the rest of the app only through the window's few public calls: the open
workspace, the status bar, a dock to show, a dossier to open. Dialogs and heavy modules are
imported where they are used: setting up their Qt types would cost the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QStatusBar

    from dossier.store import Database
    from dossier.ui.session import DossierSession
    from dossier.ui.settings import Settings
    from dossier.ui.tasks import TaskRunner
    from dossier.ui.workspace import Workspace


class Window(Protocol):
    """What a controller asks of the main window, which is built from the controllers and so is
    never imported by them (the window is a QMainWindow: dialogs and menus take it as parent)."""

    settings: Settings
    tasks: TaskRunner
    docks: dict[str, QDockWidget]
    workspace: Workspace | None
    mentions_action: QAction  # View > Entity Highlighting, the view controller's

    def statusBar(self) -> QStatusBar: ...
    def show_dock(self, name: str) -> None: ...
    def set_store(self, store: Database) -> None: ...
    def open_dossier(self, path: Path) -> bool: ...
    def close_dossier(self) -> None: ...
    def extract_pending(self, session: DossierSession) -> None: ...

# What an action's shortcut may be given as: a standard key, a key sequence or its text.
Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


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


class Controller(QObject):
    """One feature of the window. `dossier_actions` are enabled only while a dossier is open."""

    def __init__(self, window: Window) -> None:
        super().__init__(window)  # type: ignore[arg-type]  # the window is a QMainWindow (see Window)
        self.window = window
        self.dossier_actions: list[QAction] = []

    def action(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None, checkable: bool = False,
               tip: str | None = None, needs_dossier: bool = True) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if tip is not None:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        if needs_dossier:
            self.dossier_actions.append(action)
        return action

    @property
    def workspace(self) -> Workspace | None:
        return self.window.workspace

    def say(self, text: str, milliseconds: int = 0) -> None:
        """A message in the status bar for a while (0: until the next one)."""
        self.window.statusBar().showMessage(text, milliseconds)

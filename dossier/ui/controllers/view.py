"""ViewController and HelpController: the View menu (each panel's dock, entity highlighting,
stepping through an entity's mentions) and the Help menu (the guide, the keys, about)."""

from __future__ import annotations

import sqlite3
import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from dossier.ui import settings as keys
from dossier.ui.controllers.base import Controller, Window, standard_keys

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


# The docks of the bottom tab and their keys: shown on demand, each brought to the front.
BOTTOM_DOCK_KEYS = {"timeline": "Ctrl+T", "claims": "Ctrl+Shift+B", "network": "Ctrl+Shift+N", "map": "Ctrl+Shift+M",
                    "hypotheses": "Ctrl+Shift+Y", "conflicts": "Ctrl+Shift+K", "hits": "Ctrl+Shift+W"}


class ViewController(Controller):
    def __init__(self, window: Window) -> None:
        super().__init__(window)
        self.dock_actions = [dock.toggleViewAction() for dock in window.docks.values()]
        for name, key in BOTTOM_DOCK_KEYS.items():
            dock = window.docks[name]
            dock.toggleViewAction().setShortcut(QKeySequence(key))
            dock.toggleViewAction().triggered.connect(lambda shown, d=dock: d.raise_() if shown else None)
        self.mentions_action = self.action(self.tr("Entity &Highlighting"), self._toggle_mentions, "Ctrl+Shift+H",
                                           checkable=True, needs_dossier=False)
        self.mentions_action.setChecked(window.settings.get(keys.ENTITY_HIGHLIGHTING))
        self.next_mention_action = self.action(self.tr("&Next Mention"), lambda: self._step_mention(1), "F8")
        self.previous_mention_action = self.action(self.tr("&Previous Mention"), lambda: self._step_mention(-1),
                                                   "Shift+F8")

    def _toggle_mentions(self) -> None:
        visible = self.mentions_action.isChecked()
        self.window.settings.set(keys.ENTITY_HIGHLIGHTING, visible)
        if self.workspace is not None:
            self.workspace.pane.set_mentions_visible(visible)

    def _step_mention(self, step: int) -> None:
        if self.workspace is not None:
            self.workspace.entities.step_mention(step)


class HelpController(Controller):
    def __init__(self, window: Window) -> None:
        super().__init__(window)
        self.guide_action = self.action(self.tr("&User Guide"), self.show_guide, needs_dossier=False)
        self.guide_action.setShortcuts(standard_keys(QKeySequence.StandardKey.HelpContents, "F1"))
        self.shortcuts_action = self.action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts, "Ctrl+/",
                                            needs_dossier=False)
        self.about_action = self.action(self.tr("&About Dossier"), self.show_about, needs_dossier=False)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def show_guide(self) -> QWidget:
        from dossier.ui.help import show_user_guide  # lazy: on first use, off the start-up path

        return show_user_guide(self.window)

    def show_shortcuts(self) -> QWidget:
        from dossier.ui.help import show_keyboard_shortcuts  # lazy: on first use, off the start-up path

        return show_keyboard_shortcuts(self.window)

    def show_about(self) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QMessageBox

        from dossier import __version__  # lazy: on first use, off the start-up path

        QMessageBox.about(
            self.window, self.tr("About Dossier"),
            f"Dossier {__version__}\n\n"
            + self.tr("Read news articles verbatim, annotate and assess claims, export a dossier PDF.")
            + f"\n\nQt {qVersion()} · PySide6 {pyside_version} · Python {sys.version.split()[0]}"
            f" · SQLite {sqlite3.sqlite_version}",
        )

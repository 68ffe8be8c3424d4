"""Help > User Guide and Help > Keyboard Shortcuts.

The guide is README's part for users, shipped in the package (resources/guide, kept equal to
README by a test) and shown offline as formatted text; it opens no links by itself. The
shortcuts are read from the window's own actions, menu by menu, so the list can't fall behind
the keys that work; a filter finds one by its name, its menu or its key.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dossier.paths import resources_dir


def _label(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip()


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of the window's menus that has a key, in menu order,
    then those of panels (right-click menus and the like) that are not in a menu."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} > {_label(action)}")
            elif not action.isSeparator():
                seen.add(id(action))
                keys = action.shortcuts()
                if keys:
                    rows.append((path, _label(action), ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                                                 for k in keys)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _label(top))
    for action in window.findChildren(QAction):
        if id(action) not in seen and action.shortcuts() and action.associatedObjects():
            seen.add(id(action))
            rows.append((window.tr("Panels"), _label(action),
                         ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Keys")])
        for row in rows:
            items = [QStandardItem(text) for text in row]
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # the menu, the command or the key
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit = QLineEdit(placeholderText=self.tr("Find a command or a key"), clearButtonEnabled=True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = _close_button(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 520)


def user_guide_text() -> str:
    return (resources_dir() / "guide" / "user-guide.md").read_text(encoding="utf-8")


class UserGuide(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dossier User Guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # offline: nothing is fetched or followed
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(user_guide_text())
        self.find_edit = QLineEdit(placeholderText=self.tr("Find in the guide (Enter: next)"), clearButtonEnabled=True)
        self.find_edit.returnPressed.connect(self.find_next)
        buttons = _close_button(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def find_next(self) -> bool:
        words = self.find_edit.text()
        if not words:
            return False
        if self.browser.find(words):
            return True
        cursor = self.browser.textCursor()  # from the top again
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        return self.browser.find(words)


def _close_button(dialog: QDialog) -> QDialogButtonBox:
    """Close, which Enter does not press: Enter in the find field finds (it closed the guide)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setAutoDefault(False)
    close.setDefault(False)
    return buttons


def _show(dialog: QDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()  # beside the window: the user reads and works at once


def show_user_guide(window: QMainWindow) -> UserGuide:
    guide = UserGuide(window)
    _show(guide)
    return guide


def show_keyboard_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(shortcut_rows(window), window)
    _show(dialog)
    return dialog

"""FindBar: find in the open article, keyboard-first.

Typing selects the first match (ignoring case); Enter and Shift+Enter step forward and back,
wrapping around, and the bar says which match this is ("3 of 7"); Esc closes the bar and leaves
the match selected, with focus in the text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QToolButton, QWidget


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, view: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._matches: tuple[str, int, list[int]] = ("", -1, [])  # needle, document revision, starts
        self.edit = QLineEdit(placeholderText=self.tr("Find in article"), clearButtonEnabled=True)
        self.edit.setAccessibleName(self.tr("Find in article"))
        self.status = QLabel()
        previous = QToolButton(text="▲", toolTip=self.tr("Previous match (Shift+Enter)"), autoRaise=True)
        following = QToolButton(text="▼", toolTip=self.tr("Next match (Enter)"), autoRaise=True)
        close = QToolButton(text="✕", toolTip=self.tr("Close (Esc)"), autoRaise=True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.installEventFilter(self)
        previous.clicked.connect(lambda: self.find(backward=True))
        following.clicked.connect(lambda: self.find())
        close.clicked.connect(self.close_bar)

    def open_bar(self) -> None:
        self.show()
        selected = self._view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.edit.setText(selected)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def find(self, backward: bool = False, from_start: bool = False) -> bool:
        needle = self.edit.text()
        if not needle:
            self.status.clear()
            return False
        document = self._view.document()
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        cursor = self._view.textCursor()
        if from_start:
            cursor = QTextCursor(document)
        elif backward:
            cursor.setPosition(cursor.selectionStart())
        found = document.find(needle, cursor, flags)
        if found.isNull():  # wrap around
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, start, flags)
        if found.isNull():
            self.status.setText(self.tr("No match"))
            return False
        starts = self._match_starts(needle)
        where = starts.index(found.selectionStart()) + 1 if found.selectionStart() in starts else 0
        self.status.setText(self.tr("%1 of %2").replace("%1", f"{where:,}").replace("%2", f"{len(starts):,}"))
        self._view.setTextCursor(found)
        self._view.centerCursor()
        return True

    def _match_starts(self, needle: str) -> list[int]:
        """Where every match starts (Qt positions), found once per needle and text."""
        document = self._view.document()
        if self._matches[:2] != (needle, document.revision()):
            starts, cursor = [], QTextCursor(document)
            while True:
                cursor = document.find(needle, cursor)
                if cursor.isNull():
                    break
                starts.append(cursor.selectionStart())
            self._matches = (needle, document.revision(), starts)
        return self._matches[2]

    def _on_edit_text_edited(self, _text: str) -> None:
        self.find(from_start=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.find(backward=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

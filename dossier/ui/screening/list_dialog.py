"""WatchlistDialog: names typed into a new or existing watchlist, one a line, aliases after "|"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from dossier.core.vocabulary import ENTITY_KINDS
from dossier.ingest.screening import rows_from_lines
from dossier.store.screening import NameRow


class WatchlistDialog(QDialog):
    def __init__(self, lists: Sequence[str], names: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Watch Names"))
        self.list_box = QComboBox(editable=True)
        self.list_box.addItems(list(lists) or [self.tr("Watchlist")])
        self.list_box.setAccessibleName(self.tr("List"))
        self.kind_box = QComboBox()
        for kind in ENTITY_KINDS:
            self.kind_box.addItem(self.tr(kind.capitalize()), kind)
        self.names_edit = QPlainTextEdit()
        self.names_edit.setPlainText(names)
        self.names_edit.setPlaceholderText("Пашинян | Nikol Pashinyan | Փաշինյան")
        self.names_edit.setTabChangesFocus(True)
        self.names_edit.setAccessibleName(self.tr("Names"))
        self.note_edit = QLineEdit()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&List:"), self.list_box)
        form.addRow(self.tr("&Names:"), self.names_edit)
        form.addRow(QLabel(self.tr("One name a line; its other spellings after “|”. Every script and case "
                                   "ending is found without them: Пашинян finds Pashinyan, Пашиняна, "
                                   "Փաշինյան, Paşinyanın.")))
        form.addRow(self.tr("&Kind:"), self.kind_box)
        form.addRow(self.tr("N&ote:"), self.note_edit)
        form.addRow(self.buttons)
        self.names_edit.setFocus()

    def list_name(self) -> str:
        return self.list_box.currentText().strip()

    def rows(self) -> list[NameRow]:
        return rows_from_lines(self.names_edit.toPlainText(), self.kind_box.currentData(), self.note_edit.text().strip())

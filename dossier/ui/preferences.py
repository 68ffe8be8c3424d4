"""Edit > Preferences…: analyst name, default export folder, light/dark/system, entity marks, OCR
languages (and which engine reads them, or what to install)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from dossier.analyst import account_full_name
from dossier.ui import settings as keys
from dossier.ui.settings import Settings

THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


def apply_theme(choice: str) -> None:
    """Light, dark, or whatever the system says (Qt then follows it as it changes)."""
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(choice, Qt.ColorScheme.Unknown)
    QGuiApplication.styleHints().setColorScheme(scheme)


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, ocr_engine: str = "") -> None:
        """`ocr_engine`: the OCR engine in a sentence (ingest.ocr_engine.engine_words), or what to install."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        # Empty: the account's full name, shown as the placeholder so the user sees who they are.
        self.analyst_edit = QLineEdit(settings.get(keys.ANALYST_NAME), placeholderText=account_full_name())
        self.analyst_edit.setToolTip(self.tr("Recorded as the author of every annotation, assessment, evidence link "
                                             "and rating you make, and named on exports"))
        self.folder_edit = QLineEdit(settings.get(keys.EXPORT_FOLDER), placeholderText=self.tr("The last export's folder, else Documents"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.theme_box = QComboBox()
        for value, label in THEMES:
            self.theme_box.addItem(self.tr(label), value)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(settings.get(keys.THEME))))
        self.mentions_check = QCheckBox(self.tr("Underline entity mentions in articles"),
                                        checked=settings.get(keys.ENTITY_HIGHLIGHTING))
        # Tesseract's codes, as --ocr-lang takes them; empty reads English, Russian and Armenian at once.
        self.ocr_edit = QLineEdit(settings.get(keys.OCR_LANGUAGES), placeholderText="eng+rus+hye")
        self.ocr_edit.setToolTip(self.tr("The languages of screenshots and scans, read by OCR: Tesseract's codes "
                                         "joined by +, e.g. hye+eng, rus, ukr+eng, ara+fas"))
        form = QFormLayout(self)
        form.addRow(self.tr("Analyst name"), self.analyst_edit)
        form.addRow(self.tr("Export folder"), folder_row)
        form.addRow(self.tr("Appearance"), self.theme_box)
        form.addRow("", self.mentions_check)
        form.addRow(self.tr("OCR languages"), self.ocr_edit)
        self.ocr_engine_label = QLabel(ocr_engine, textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.ocr_engine_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy the command
        self.ocr_engine_label.setMinimumWidth(360)
        if ocr_engine:
            form.addRow(self.tr("OCR engine"), self.ocr_engine_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export Folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def save(self) -> None:
        self._settings.set(keys.ANALYST_NAME, self.analyst_edit.text().strip())
        self._settings.set(keys.EXPORT_FOLDER, self.folder_edit.text().strip())
        self._settings.set(keys.THEME, str(self.theme_box.currentData()))
        self._settings.set(keys.ENTITY_HIGHLIGHTING, self.mentions_check.isChecked())
        self._settings.set(keys.OCR_LANGUAGES, "+".join(self.ocr_edit.text().replace(",", "+").split()).strip("+"))
        self._settings.flush()
        apply_theme(str(self.theme_box.currentData()))

"""The event dialog: title, date words and precision, with what the words resolve to, read like
import's against the article's publication day. The edits themselves are operations.events."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from dossier.core.models import FuzzyDate
from dossier.core.vocabulary import EVENT_PRECISIONS
from dossier.ingest.dates import base_date, resolve
from dossier.ingest.local_dates import LANGUAGES, resolve_local
from dossier.ui.timeline.view import describe


def resolve_words(words: str, published: str | None, precision: str, language: str | None = None) -> FuzzyDate:
    """The user's date words as a range, counted from `published` (an article's
    publication_day): in the article's language ("14 мая") or in English; a chosen precision
    other than "inferred" wins."""
    found = None
    if words.strip() and language in LANGUAGES:
        found = resolve_local(words, language, base_date(published), "past")
    if found is None and words.strip():
        found = resolve(words, base_date(published))
    fuzzy = found or FuzzyDate(None, None, "approximate", words)
    if precision != "inferred":
        fuzzy = fuzzy._replace(precision=precision)
    return fuzzy


class EventDialog(QDialog):
    def __init__(self, title: str, words: str, precision: str, published: str | None,
                 parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Event"))
        self._published, self._language = published, language
        self.title_edit = QLineEdit(title)
        self.words_edit = QLineEdit(words, placeholderText=self.tr("e.g. yesterday, 14 May 2021, last year"))
        self.precision_box = QComboBox()
        self.precision_box.addItem(self.tr("As the words say"), "inferred")
        for value in EVENT_PRECISIONS:
            self.precision_box.addItem(self.tr(value), value)
        self.precision_box.setCurrentIndex(max(0, self.precision_box.findData(precision)))
        self.resolved = QLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Date words"), self.words_edit)
        form.addRow(self.tr("Precision"), self.precision_box)
        form.addRow(self.tr("Means"), self.resolved)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.words_edit.textChanged.connect(self._show)
        self.precision_box.currentIndexChanged.connect(self._show)
        self._show()
        self.resize(480, 0)

    def date(self) -> FuzzyDate:
        return resolve_words(self.words_edit.text(), self._published, str(self.precision_box.currentData()),
                             self._language)

    def _show(self) -> None:
        d = self.date()
        self.resolved.setText(describe(d.earliest, d.latest, d.precision))

"""ArticleListPanel: the filter box, the published-date range, the language and the article table."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import ARTICLES, Changes
from dossier.ingest.language import language_name
from dossier.store.articles import NO_LANGUAGE
from dossier.ui.articles.model import ARTICLE_ID_ROLE, ArticleListModel
from dossier.ui.session import DossierSession
from dossier.ui.team.captures import CaptureProposalBar

# A date as precise as the user knows it: 2021, 2021-05 or 2021-05-14.
PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
# No title or outlet is longer; a longer filter (a pasted page) would only match nothing slowly.
MAX_FILTER_CHARS = 500
COPIES_COLUMN = 4  # ArticleListModel's column of copies of one story


class ArticleListPanel(QWidget):
    article_chosen = Signal(int)

    def __init__(self, session: DossierSession, tasks: Any | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleListModel(session.store, self)
        # Two captures of one story (a web page and a pasted copy), proposed as one article.
        self.captures = CaptureProposalBar(session, tasks)
        self.filter_edit = QLineEdit(placeholderText=self.tr("Filter by title or source"), clearButtonEnabled=True)
        self.from_edit = self._date_edit(self.tr("From (YYYY-MM-DD)"))
        self.to_edit = self._date_edit(self.tr("To"))
        self.language_box = QComboBox()
        self.language_box.setAccessibleName(self.tr("Language"))
        self.language_box.setToolTip(self.tr("Show the articles in one language"))
        self._store = session.store
        self._list_languages()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        # The model already holds newest-first: say so before sorting is enabled, which sorts once.
        header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        # Fixed, interactive widths: sizing columns to contents would read a thousand rows.
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, metrics.horizontalAdvance("SouthFront") + 24)
        header.resizeSection(2, metrics.horizontalAdvance("2021-05-14") + 32)
        header.resizeSection(3, metrics.horizontalAdvance("Lang.") + 28)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, metrics.horizontalAdvance("Copies") + 24)
        self.table.setAccessibleName(self.tr("Articles"))

        dates = QHBoxLayout()
        dates.addWidget(self.from_edit)
        dates.addWidget(self.to_edit)
        dates.addWidget(self.language_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.captures)
        layout.addWidget(self.filter_edit)
        layout.addLayout(dates)
        layout.addWidget(self.table)

        # Filter as the user types, once typing pauses: one query per pause, not per key.
        self._refilter = QTimer(self, singleShot=True, interval=150)
        self._refilter.timeout.connect(self._apply_filter)
        for edit in (self.filter_edit, self.from_edit, self.to_edit):
            edit.textChanged.connect(self._refilter.start)
        self.language_box.currentIndexChanged.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.model.modelReset.connect(self._reselect)
        self._current_id: int | None = None
        self._show_copies_column()
        session.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ARTICLES):  # arrived, went, or retitled: list again, keeping the choice
            scrolled = self.table.verticalScrollBar().value()
            self._list_languages()
            self.model.reload()
            self.table.verticalScrollBar().setValue(scrolled)

    def _list_languages(self) -> None:
        """The filter's choices: every language of the dossier with its count, most first."""
        chosen = self.language_box.currentData() if self.language_box.count() else None
        self.language_box.blockSignals(True)
        self.language_box.clear()
        self.language_box.addItem(self.tr("All languages"), None)
        for code, count in self._store.articles.languages():
            if code is None:
                self.language_box.addItem(self.tr("Language not known (%1)").replace("%1", f"{count:,}"), NO_LANGUAGE)
            else:
                self.language_box.addItem(f"{language_name(code)} ({count:,})", code)
        found = self.language_box.findData(chosen)
        self.language_box.setCurrentIndex(max(0, found))
        self.language_box.blockSignals(False)
        if chosen is not None and found < 0:
            self._apply_filter()  # the last article in that language went

    def _date_edit(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit(placeholderText=placeholder, clearButtonEnabled=True)
        edit.setValidator(QRegularExpressionValidator(PARTIAL_DATE, edit))
        return edit

    def select_article(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        self._current_id = article_id
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.scrollTo(index)

    def current_article_id(self) -> int | None:
        return self._current_id

    def _apply_filter(self) -> None:
        def complete(edit: QLineEdit) -> str | None:
            text = edit.text().strip()
            return text if re.fullmatch(PARTIAL_DATE, text) else None

        # A NUL can only be pasted, never meant: it is left out rather than matched.
        text = self.filter_edit.text().replace("\x00", "")[:MAX_FILTER_CHARS]
        self.model.set_filter(text, complete(self.from_edit), complete(self.to_edit), self.language_box.currentData())

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            article_id = int(current.data(ARTICLE_ID_ROLE))
            if article_id != self._current_id:
                self._current_id = article_id
                self.article_chosen.emit(article_id)

    def _show_copies_column(self) -> None:
        """The Copies column only once the dossier has copies of one story: a narrow dock gives
        its width to the titles until then."""
        self.table.setColumnHidden(COPIES_COLUMN, not self._store.copies.any())

    def _reselect(self) -> None:
        """Keep the open article selected across filtering and sorting, when it still shows."""
        self._show_copies_column()
        if self._current_id is not None:
            self.select_article(self._current_id)

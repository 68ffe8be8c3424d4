"""CaptureProposalBar: above the article list, two articles that read as one story captured twice
(a web page and a pasted copy), one pair at a time: Join as One (the older stays the article, the
other's text and file are kept beside it, its annotations move across; one undo step) or Not the
Same (never proposed again). The pairs are looked for off the window's thread, after articles
arrive or go."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from dossier.core.changes import ARTICLES, Changes
from dossier.core.citation import plural
from dossier.core.display import shown
from dossier.operations.team import JoinCaptures, KeepApart
from dossier.store import Database
from dossier.store.team import CapturePair
from dossier.ui.session import DossierSession


def _pairs_in_file(path: Any) -> list[CapturePair]:
    with Database.reading(path) as store:  # a worker's own read-only connection
        pairs: list[CapturePair] = store.team.capture_proposals()
        return pairs


class CaptureProposalBar(QWidget):
    said = Signal(str)  # what a join did, or why pairs could not be looked for: for the status bar

    def __init__(self, session: DossierSession, tasks: Any | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._store, self._tasks = session, session.store, tasks
        self.label = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.join_button = QPushButton(self.tr("Join as One"))
        self.apart_button = QPushButton(self.tr("Not the Same"))
        self.apart_button.setToolTip(self.tr("Two different articles: never proposed again"))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 4)
        grid.addWidget(self.label, 0, 0, 1, 2)
        grid.addWidget(self.join_button, 1, 0)
        grid.addWidget(self.apart_button, 1, 1)
        self.pairs: list[CapturePair] = []
        self._asked = 0  # the newest question: an older answer is stale
        self.join_button.clicked.connect(self.join)
        self.apart_button.clicked.connect(self.keep_apart)
        session.changed.connect(self._on_changed)
        self.hide()
        self.look()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ARTICLES):
            self.look()

    def look(self) -> None:
        """Look for pairs again: on a worker with the app's task runner, else here."""
        if not self._store.is_open:
            return
        self._asked += 1
        asked = self._asked
        if self._tasks is None:
            self._show(self._store.team.capture_proposals(), asked)
            return
        path = self._store.path
        self._tasks.run(lambda: _pairs_in_file(path), on_done=lambda pairs: self._show(pairs, asked),
                        on_error=lambda error: self._failed(error, asked))

    def _failed(self, error: BaseException, asked: int) -> None:
        """Nothing is proposed, and the status bar says the look could not be made."""
        if asked == self._asked and self._store.is_open:
            self.said.emit(self.tr("Articles captured twice could not be looked for: %1").replace("%1", str(error)))

    def _show(self, pairs: list[CapturePair], asked: int) -> None:
        if asked != self._asked or not self._store.is_open:
            return
        self.pairs = [p for p in pairs if self._store.articles.exists(p.keep.id) and self._store.articles.exists(p.other.id)]
        self.setVisible(bool(self.pairs))
        if not self.pairs:
            return
        pair = self.pairs[0]

        def named(summary: Any) -> str:
            return f"“{shown(summary.title)}”" + (f" ({shown(summary.source)})" if summary.source else "") + \
                f" #{summary.id}"

        more = len(self.pairs) - 1
        self.label.setText(self.tr("%1 and %2 read as one story captured twice.").replace("%1", named(pair.keep))
                           .replace("%2", named(pair.other)) + (self.tr(" (%1 more)").replace("%1", str(more))
                                                                if more else ""))
        self.join_button.setToolTip(self.tr("#%1 stays the article; #%2's text and file are kept beside it and its "
                                            "annotations move onto the same words. Undo takes it back.")
                                    .replace("%1", str(pair.keep.id)).replace("%2", str(pair.other.id)))

    def join(self) -> None:
        if not self.pairs:
            return
        pair = self.pairs[0]
        operation = JoinCaptures(pair.keep.id, pair.other.id)
        if self._session.push(operation):
            joined = operation.result
            self.said.emit(self.tr("Joined #%1 into #%2: %3 moved, %4 orphaned (kept, with their quote)")
                           .replace("%1", str(pair.other.id)).replace("%2", str(pair.keep.id))
                           .replace("%3", plural(len(joined.moved), "annotation")).replace("%4", str(len(joined.orphaned))))

    def keep_apart(self) -> None:
        if self.pairs:
            pair = self.pairs[0]
            self._session.push(KeepApart(pair.keep.id, pair.other.id))

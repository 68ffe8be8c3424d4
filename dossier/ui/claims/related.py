"""RelatedPassages: sentences of other articles that may bear on the claim being edited.

"Find Related Passages" asks the store (store.claims.related_passages: shared names, rarer
words by bm25, the same dates) and ranks the answer (analysis.related) on a worker with its own read-only connection; an answer for a
claim no longer shown is dropped. One key links the chosen sentence to the claim, as one undo
step: S supports, X contradicts, C context. Enter opens it in its article to read around it.
Sentences already linked say so, and the list follows undo and redo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dossier.analysis.related import RelatedPassage, best_related, describe_related
from dossier.core.changes import ANNOTATIONS, Changes
from dossier.operations.annotations import AddEvidence
from dossier.store import Database
from dossier.ui import theme
from dossier.ui.session import DossierSession


def related_in_file(path: Path, claim_id: int) -> list[RelatedPassage]:
    """A claim's related passages through a read-only connection of its own: the editor asks on
    a worker thread, so a large dossier never holds up the window."""
    with Database.reading(path) as store:  # the window opened and checked it
        facts = store.claims.related_passages(claim_id)
        best = best_related(facts)
        return describe_related(facts, best, store.claims.text_stems([facts.sentences[i].text for i, _score in best]))


KEYS = {Qt.Key.Key_S: "supports", Qt.Key.Key_X: "contradicts", Qt.Key.Key_C: "context"}
LINKED = QColor(theme.LINKED)


class RelatedPassages(QWidget):
    passage_chosen = Signal(int, int, int)  # article, start, end: read it where it stands

    def __init__(self, session: DossierSession, tasks: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._store, self._tasks = session, session.store, tasks
        self._claim_id: int | None = None
        self._found: list[RelatedPassage] = []
        self._asked = 0  # answers to an earlier question are dropped
        self._asked_with: frozenset[tuple[int, str]] = frozenset()  # the claim's links when last asked
        self.find_button = QPushButton(self.tr("Find Related Passages"))
        self.find_button.setToolTip(self.tr("Sentences of other articles naming the same people and places, "
                                            "sharing the claim's rarer words or dated the same days (Ctrl+Shift+R)"))
        self.status = QLabel(wordWrap=True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setMinimumHeight(220)
        self.list.installEventFilter(self)
        self.link_buttons = {relation: QPushButton(label) for relation, label in (
            ("supports", self.tr("Supports")), ("contradicts", self.tr("Contradicts")), ("context", self.tr("Context")))}
        buttons = QHBoxLayout()
        for (relation, button), key in zip(self.link_buttons.items(), "SXC"):
            button.setToolTip(self.tr("Link the chosen passage to the claim as %1 (key %2)")
                              .replace("%1", self.tr(relation)).replace("%2", key))
            # They share the dock's width, never widen it (the article keeps its room).
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(40)
            button.clicked.connect(lambda _c=False, r=relation: self.link_current(r))
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find_button)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.find_button.clicked.connect(self.find_passages)
        self.list.itemActivated.connect(lambda item: self._read(self.list.row(item)))
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        session.changed.connect(self._on_changed)
        self._show([])

    def set_claim(self, claim_id: int | None) -> None:
        """The editor shows another annotation: what was found was for the last one."""
        if claim_id != self._claim_id:
            self._claim_id = claim_id
            self._asked += 1
            self._found = []
            self._show([])
            self.status.clear()

    def find_passages(self) -> None:
        if self._claim_id is None:
            return
        self._asked += 1
        asked, claim_id, path = self._asked, self._claim_id, self._store.path
        self._asked_with = self._links()
        self.status.setText(self.tr("Looking through the other articles…"))
        self._tasks.run(lambda: related_in_file(path, claim_id),
                        lambda found: self._answer(asked, found),
                        lambda error: self._failed(asked, error))

    def _answer(self, asked: int, found: list[RelatedPassage]) -> None:
        if asked != self._asked or not self._store.is_open:
            return
        self._found = found
        self._show(found)
        if not found:
            self.status.setText(self.tr("No sentence of another article shares this claim's names, rarer words or dates."))
        else:
            self.status.setText(self.tr("%1 passages of other articles, best first. S supports, X contradicts, "
                                        "C context; Enter reads it in its article.").replace("%1", str(len(found))))
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked == self._asked:
            self.status.setText(self.tr("Related passages could not be found: %1").replace("%1", str(error)))

    def _show(self, found: list[RelatedPassage]) -> None:
        current = self.list.currentRow()
        self.list.clear()
        for passage in found:
            where = " — ".join(p for p in (passage.outlet or self.tr("unknown outlet"), passage.article_title) if p)
            mark = f"✓ {self.tr(passage.linked)}: " if passage.linked else ""
            item = QListWidgetItem(f"{mark}{where}\n{' '.join(passage.text.split())}\n{passage.reasons}")
            item.setToolTip(passage.reasons)
            if passage.linked:
                item.setForeground(QBrush(LINKED))
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(min(max(current, 0), len(found) - 1))
        self._enable()

    def _enable(self) -> None:
        chosen = 0 <= self.list.currentRow() < len(self._found)
        for button in self.link_buttons.values():
            button.setEnabled(chosen)

    def link_current(self, relation: str) -> bool:
        row = self.list.currentRow()
        if self._claim_id is None or not 0 <= row < len(self._found):
            return False
        passage = self._found[row]
        return self._session.push(AddEvidence(self._claim_id, relation,
                                              passage=(passage.article_id, passage.start, passage.end)))

    def _read(self, row: int) -> None:
        if 0 <= row < len(self._found):
            p = self._found[row]
            self.passage_chosen.emit(p.article_id, p.start, p.end)

    def _on_changed(self, changes: Changes) -> None:
        """A link made (or undone) elsewhere: ask again, so the marks are right. Not for the
        claim's note or grades saved while typing: its links are what the marks show."""
        if self._found and self._claim_id is not None and changes.touches_id(ANNOTATIONS, self._claim_id):
            try:
                self._store.annotations.get(self._claim_id)
            except KeyError:  # the claim itself was undone
                self.set_claim(None)
                return
            if self._links() != self._asked_with:
                self.find_passages()

    def _links(self) -> frozenset[tuple[int, str]]:
        return frozenset((link.annotation_id, link.relation) for link in self._store.evidence.of(self._claim_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and event.key() in KEYS):
            self.link_current(KEYS[Qt.Key(event.key())])
            return True
        return super().eventFilter(watched, event)

"""Workspace: the panels of one open dossier, built around its store and wired together.

The main window swaps workspaces when another dossier is opened, so every panel gets the store
it works on through its constructor and never outlives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from dossier.store import Store
from dossier.ui.article.pane import ArticlePane
from dossier.ui.articles.panel import ArticleListPanel
from dossier.ui.entities.sidebar import EntitySidebar

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from dossier.ui.annotations.editor import AnnotationEditor
    from dossier.ui.annotations.list_panel import AnnotationsPanel
    from dossier.ui.search.panel import SearchPanel
    from dossier.ui.timeline.panel import TimelinePanel


class Workspace(QObject):
    counts_changed = Signal()
    panel_created = Signal(str, object)  # ("search" | "annotations" | "editor", the widget)
    annotation_opened = Signal(int)  # the editor now shows this annotation

    def __init__(self, store: Store, undo: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo = undo
        self.articles = ArticleListPanel(store)
        self.pane = ArticlePane(store)
        self.entities = EntitySidebar(store, undo)
        self._panels: dict[str, QWidget] = {}

        self.articles.article_chosen.connect(self.open_article)
        self.entities.mention_chosen.connect(self.open_passage)
        self.entities.article_chosen.connect(self.open_article)
        self.entities.entities_changed.connect(self._on_entities_changed)
        self.pane.annotation_clicked.connect(self._on_annotation_clicked)

    # Panels that wait behind a tab at start-up are made when first wanted: building them there
    # would cost the first paint.

    @property
    def search(self) -> SearchPanel:
        if "search" not in self._panels:
            from dossier.ui.search.panel import SearchPanel

            panel = SearchPanel(self.store)
            panel.result_chosen.connect(self._on_search_result_chosen)
            self._made("search", panel)
        return self._panels["search"]  # type: ignore[return-value]

    @property
    def editor(self) -> AnnotationEditor:
        if "editor" not in self._panels:
            from dossier.ui.annotations.editor import AnnotationEditor

            editor = AnnotationEditor(self.store, self.undo, self.notify, self._passage)
            editor.done_editing.connect(lambda: self.pane.text_view.setFocus(Qt.FocusReason.OtherFocusReason))
            self._made("editor", editor)
        return self._panels["editor"]  # type: ignore[return-value]

    @property
    def timeline(self) -> TimelinePanel:
        if "timeline" not in self._panels:
            from dossier.ui.timeline.panel import TimelinePanel

            panel = TimelinePanel(self.store, self.undo)
            panel.event_chosen.connect(self.open_passage)
            self.entities.tree.selectionModel().currentRowChanged.connect(
                lambda *_: panel.highlight_entity(self.entities.current_entity_id()))
            self._made("timeline", panel)
        return self._panels["timeline"]  # type: ignore[return-value]

    @property
    def annotations(self) -> AnnotationsPanel:
        if "annotations" not in self._panels:
            from dossier.ui.annotations.list_panel import AnnotationsPanel

            panel = AnnotationsPanel(self.store)
            panel.set_article(self.pane.article.id if self.pane.article else None)
            panel.annotation_chosen.connect(self.open_annotation)
            self._made("annotations", panel)
        return self._panels["annotations"]  # type: ignore[return-value]

    def _made(self, name: str, panel: QWidget) -> None:
        self._panels[name] = panel
        self.panel_created.emit(name, panel)

    def has_panel(self, name: str) -> bool:
        return name in self._panels

    # -- opening ------------------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        current = self.pane.article
        if current is None or current.id != article_id:
            self.pane.show_article(article_id)
            if self.has_panel("annotations"):
                self.annotations.set_article(article_id)
        self.articles.select_article(article_id)
        if self.has_panel("timeline"):
            self.timeline.select_article(article_id)

    def open_annotation(self, annotation_id: int) -> None:
        annotation = self.store.annotation(annotation_id)
        self.open_passage(annotation.article_id, annotation.start, annotation.end)
        self.editor.show_annotation(annotation_id)
        self.annotation_opened.emit(annotation_id)

    # -- annotating -----------------------------------------------------------------------------

    def annotate(self, kind: str) -> int | None:
        """H, N or C on a selection: the annotation is stored at once (one undo step) and the
        editor opens on it, ready for the note."""
        from dossier.ui.annotations.commands import AddAnnotationCommand

        passage = self._passage()
        if passage is None:
            return None
        command = AddAnnotationCommand(self.store, self.notify, passage[0], kind, passage[1], passage[2])
        self.undo.push(command)
        self.editor.show_annotation(command.annotation_id)
        return command.annotation_id

    def add_event_from_selection(self, title: str, words: str, precision: str) -> int | None:
        """An event made by hand: the selection is its evidence, the words its date."""
        from dossier.core.models import NewEvent
        from dossier.ui.timeline.editing import AddEventCommand, resolve_words

        passage = self._passage()
        if passage is None:
            return None
        article = self.store.article(passage[0])
        date = resolve_words(words, article.published if article.published_precision == "day" else None, precision)
        entity_ids = tuple(sorted({m.entity_id for m in self.store.mentions_in_article(article.id)
                                   if passage[1] <= m.start and m.end <= passage[2]}))
        command = AddEventCommand(self.store, self._events_changed, NewEvent(
            article.id, passage[1], passage[2], title, words, date.earliest, date.latest, date.precision, "user",
            entity_ids))
        self.undo.push(command)
        return command.event_id

    def _events_changed(self) -> None:
        if self.has_panel("timeline"):
            self.timeline.changed()

    def delete_annotation(self, annotation_id: int) -> None:
        from dossier.ui.annotations.commands import DeleteAnnotationCommand

        self.undo.push(DeleteAnnotationCommand(self.store, self.notify, annotation_id))

    def notify(self, what: str, ids: object) -> None:
        """After every undoable change: views re-read what they show."""
        self.pane.refresh_marks()
        if self.has_panel("editor"):
            self.editor.refresh()
        if self.has_panel("annotations"):
            self.annotations.reload()
        self.counts_changed.emit()

    def _passage(self) -> tuple[int, int, int] | None:
        article, selected = self.pane.article, self.pane.selected_range()
        if article is None or selected is None:
            return None
        return (article.id, selected[0], selected[1])

    def _on_annotation_clicked(self, annotation_id: int) -> None:
        self.editor.show_annotation(annotation_id)
        self.annotation_opened.emit(annotation_id)
        if self.has_panel("annotations"):
            self.annotations.select_annotation(annotation_id)

    def open_passage(self, article_id: int, start: int, end: int) -> None:
        self.open_article(article_id)
        self.pane.select_range(start, end)

    def open_first_article(self) -> None:
        ids = self.articles.model.rowCount()
        if ids:
            self.open_article(self.articles.model.article_id_at(0))

    def add_entity_from_selection(self, name: str, kind: str) -> int | None:
        article, selected = self.pane.article, self.pane.selected_range()
        if article is None or selected is None:
            return None
        return self.entities.add_from_selection(article.id, selected[0], selected[1], name, kind)

    def article_changed(self, article_id: int) -> None:
        """An article's properties changed, or it was deleted or restored: every view follows."""
        self.articles.model.reload()
        if self.store.has_article(article_id):
            self.pane.show_article(article_id)
            self.articles.select_article(article_id)
        elif self.pane.article is not None and self.pane.article.id == article_id:
            self.pane.show_article(None)
            self.open_first_article()
        self.entities.reload()
        if self.has_panel("timeline"):
            self.timeline.reload()
        self.notify("articles", [article_id])

    def refresh_after_import(self) -> None:
        """Articles arrived: list them, show their entities, open one if none is open."""
        self.articles.model.reload()
        self.entities.reload()
        if self.has_panel("timeline"):
            self.timeline.reload()
        if self.pane.article is None:
            self.open_first_article()
        self.counts_changed.emit()

    def refresh_extracted(self) -> None:
        """Entities and events were extracted in the background: show them."""
        self.entities.reload()
        if self.has_panel("timeline"):
            self.timeline.reload()
        self.pane.refresh_marks()
        self.counts_changed.emit()

    def _on_entities_changed(self) -> None:
        self.pane.refresh_marks()
        self.counts_changed.emit()

    def _on_search_result_chosen(self, article_id: int, match: str) -> None:
        self.open_article(article_id)
        if match:
            self.pane.select_first(match)

    def close(self) -> None:
        if self.has_panel("editor"):
            self.editor.flush()
        for widget in (self.articles, self.pane, self.entities, *self._panels.values()):
            widget.setParent(None)  # type: ignore[call-overload]
            widget.deleteLater()
        self.store.close()

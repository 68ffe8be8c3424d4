"""Workspace: the panels of one open dossier, built around its session and wired together.

The main window swaps workspaces when another dossier is opened, so every panel gets the session
it works on through its constructor and never outlives it. Panels edit through the session and
refresh themselves from its `changed` signal; the workspace only connects what one panel chooses
to what another shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from dossier.core.changes import ARTICLES, Changes
from dossier.core.models import NewEvent
from dossier.ui.article.pane import ArticlePane
from dossier.ui.articles.panel import ArticleListPanel
from dossier.ui.entities.sidebar import EntitySidebar
from dossier.ui.session import DossierSession

if TYPE_CHECKING:
    from dossier.ui.ach.panel import AchPanel
    from dossier.ui.annotations.editor import AnnotationEditor
    from dossier.ui.annotations.list_panel import AnnotationsPanel
    from dossier.ui.claims.board import ClaimsBoard
    from dossier.ui.map.panel import MapPanel
    from dossier.ui.network.panel import NetworkPanel
    from dossier.ui.screening.panel import HitsPanel
    from dossier.ui.search.panel import SearchPanel
    from dossier.ui.team.conflicts import ConflictsPanel
    from dossier.ui.timeline.panel import TimelinePanel


class Workspace(QObject):
    panel_created = Signal(str, object)  # ("search" | "annotations" | "editor" | "timeline" | "claims" | "network" | "map", it)
    annotation_opened = Signal(int)  # the editor now shows this annotation

    def __init__(self, session: DossierSession, tasks: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.store = session.store
        self.articles = ArticleListPanel(session, tasks)
        self.pane = ArticlePane(session)
        self.entities = EntitySidebar(session, tasks)
        self._panels: dict[str, QWidget] = {}

        self.articles.article_chosen.connect(self.open_article)
        self.entities.mention_chosen.connect(self.open_passage)
        self.entities.article_chosen.connect(self.open_article)
        self.pane.annotation_clicked.connect(self._on_annotation_clicked)
        session.changed.connect(self._on_changed)

    # Panels that wait behind a tab at start-up are made when first wanted: building them there
    # would cost the first paint.

    @property
    def search(self) -> SearchPanel:
        if "search" not in self._panels:
            from dossier.ui.search.panel import SearchPanel  # lazy: not on the start-up path

            panel = SearchPanel(self.store, self.tasks)
            panel.result_chosen.connect(self._on_search_result_chosen)
            panel.annotation_chosen.connect(self.open_annotation)
            self._made("search", panel)
        return cast("SearchPanel", self._panels["search"])

    @property
    def editor(self) -> AnnotationEditor:
        if "editor" not in self._panels:
            from dossier.ui.annotations.editor import AnnotationEditor  # lazy: not on the start-up path

            editor = AnnotationEditor(self.session, self._passage, self.tasks)
            editor.done_editing.connect(lambda: self.pane.text_view.setFocus(Qt.FocusReason.OtherFocusReason))
            editor.related.passage_chosen.connect(self.open_passage)
            self._made("editor", editor)
        return cast("AnnotationEditor", self._panels["editor"])

    @property
    def timeline(self) -> TimelinePanel:
        if "timeline" not in self._panels:
            from dossier.ui.timeline.panel import TimelinePanel  # lazy: not on the start-up path

            panel = TimelinePanel(self.session)
            panel.event_chosen.connect(self.open_passage)
            self.entities.tree.selectionModel().currentRowChanged.connect(
                lambda *_: panel.highlight_entity(self.entities.current_entity_id()))
            self._made("timeline", panel)
            self._map_follows_timeline()
        return cast("TimelinePanel", self._panels["timeline"])

    @property
    def annotations(self) -> AnnotationsPanel:
        if "annotations" not in self._panels:
            from dossier.ui.annotations.list_panel import AnnotationsPanel  # lazy: not on the start-up path

            panel = AnnotationsPanel(self.session)
            panel.set_article(self.pane.article.id if self.pane.article else None)
            panel.annotation_chosen.connect(self.open_annotation)
            self._made("annotations", panel)
        return cast("AnnotationsPanel", self._panels["annotations"])

    @property
    def claims(self) -> ClaimsBoard:
        if "claims" not in self._panels:
            from dossier.ui.claims.board import ClaimsBoard  # lazy: not on the start-up path

            board = ClaimsBoard(self.session)
            board.claim_chosen.connect(self.open_annotation)
            self.annotation_opened.connect(board.select_claim)
            self._made("claims", board)
        return cast("ClaimsBoard", self._panels["claims"])

    @property
    def network(self) -> NetworkPanel:
        if "network" not in self._panels:
            from dossier.ui.network.panel import NetworkPanel  # lazy: not on the start-up path

            panel = NetworkPanel(self.session, self.tasks, lambda: self.pane.article.id if self.pane.article else None)
            panel.entity_chosen.connect(self.entities.select_entity)
            panel.passage_chosen.connect(self.open_passage)
            self.entities.tree.selectionModel().currentRowChanged.connect(
                lambda *_: panel.select_entity(self.entities.current_entity_id()))
            self._made("network", panel)
        return cast("NetworkPanel", self._panels["network"])

    @property
    def map(self) -> MapPanel:
        if "map" not in self._panels:
            from dossier.ui.map.panel import MapPanel  # lazy: not on the start-up path

            panel = MapPanel(self.session, self.tasks)
            panel.entity_chosen.connect(self.entities.select_entity)
            panel.passage_chosen.connect(self.open_passage)
            self.entities.tree.selectionModel().currentRowChanged.connect(
                lambda *_: panel.select_entity(self.entities.current_entity_id()))
            self._made("map", panel)
            self._map_follows_timeline()
        return cast("MapPanel", self._panels["map"])

    def _map_follows_timeline(self) -> None:
        """The map marks the events of the days the timeline shows, once both panels exist."""
        if self.has_panel("map") and self.has_panel("timeline"):
            self.timeline.view.visible_days_changed.connect(self.map.set_range)
            self.map.set_range(*self.timeline.view.visible_days())

    @property
    def hypotheses(self) -> AchPanel:
        if "hypotheses" not in self._panels:
            from dossier.ui.ach.panel import AchPanel  # lazy: not on the start-up path

            panel = AchPanel(self.session, self._passage,
                             lambda: self.editor.annotation_id if self.has_panel("editor") else None)
            panel.annotation_chosen.connect(self.open_annotation)
            self._made("hypotheses", panel)
        return cast("AchPanel", self._panels["hypotheses"])

    @property
    def conflicts(self) -> ConflictsPanel:
        if "conflicts" not in self._panels:
            from dossier.ui.team.conflicts import ConflictsPanel  # lazy: not on the start-up path

            panel = ConflictsPanel(self.session)
            panel.annotation_chosen.connect(self.open_annotation)
            self._made("conflicts", panel)
        return cast("ConflictsPanel", self._panels["conflicts"])

    @property
    def hits(self) -> HitsPanel:
        if "hits" not in self._panels:
            from dossier.ui.screening.panel import HitsPanel  # lazy: not on the start-up path

            panel = HitsPanel(self.session)
            panel.passage_chosen.connect(self.open_passage)
            self._made("hits", panel)
        return cast("HitsPanel", self._panels["hits"])

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
        if self.has_panel("network"):
            self.network.article_opened()

    def open_annotation(self, annotation_id: int) -> None:
        annotation = self.store.annotations.get(annotation_id)
        self.open_passage(annotation.article_id, annotation.start, annotation.end)
        self.editor.show_annotation(annotation_id)
        self.annotation_opened.emit(annotation_id)

    # -- annotating -----------------------------------------------------------------------------

    def annotate(self, kind: str) -> int | None:
        """H, N or C on a selection: the annotation is stored at once (one undo step) and the
        editor opens on it, ready for the note."""
        from dossier.operations.annotations import AddAnnotation  # lazy: not on the start-up path

        passage = self._passage()
        if passage is None:
            return None
        operation = AddAnnotation(passage[0], kind, passage[1], passage[2])
        if not self.session.push(operation):
            return None
        annotation_id: int = operation.result
        self.editor.show_annotation(annotation_id)
        return annotation_id

    def add_event_from_selection(self, title: str, words: str, precision: str) -> int | None:
        """An event made by hand: the selection is its evidence, the words its date."""
        from dossier.operations.events import AddEvent  # lazy: not on the start-up path
        from dossier.ui.timeline.editing import resolve_words  # lazy: not on the start-up path

        passage = self._passage()
        if passage is None:
            return None
        article = self.store.articles.get(passage[0])
        date = resolve_words(words, article.publication_day, precision, article.language)
        entity_ids = tuple(sorted({m.entity_id for m in self.store.entities.mentions_in(article.id)
                                   if passage[1] <= m.start and m.end <= passage[2]}))
        operation = AddEvent(NewEvent(article.id, passage[1], passage[2], title, words, date.earliest, date.latest,
                                      date.precision, "user", entity_ids))
        event_id: int | None = operation.result if self.session.push(operation) else None
        return event_id

    def delete_annotation(self, annotation_id: int) -> None:
        from dossier.operations.annotations import DeleteAnnotation  # lazy: not on the start-up path

        self.session.push(DeleteAnnotation(annotation_id))

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

    def _on_changed(self, changes: Changes) -> None:
        """The open article was deleted (or an import undone): open another."""
        article = self.pane.article
        if article is not None and changes.touches_id(ARTICLES, article.id) and not self.store.articles.exists(article.id):
            self.pane.show_article(None)
            if self.has_panel("annotations"):
                self.annotations.set_article(None)
            self.open_first_article()
        elif article is None and changes.touches(ARTICLES):
            self.open_first_article()

    def _on_search_result_chosen(self, article_id: int, match: str) -> None:
        self.open_article(article_id)
        if match:
            self.pane.select_first(match)

    def close(self) -> None:
        """Save what is being typed, close the dossier, let the panels go."""
        self.session.close()
        for widget in (self.articles, self.pane, self.entities, *self._panels.values()):
            widget.setParent(None)
            widget.deleteLater()
        self.session.deleteLater()  # late results of workers find it closed (is_open) and stop

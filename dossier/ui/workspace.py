"""Workspace: the panels of one open dossier, built around its store and wired together.

The main window swaps workspaces when another dossier is opened, so every panel gets the store
it works on through its constructor and never outlives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from dossier.store import Store
from dossier.ui.article.pane import ArticlePane
from dossier.ui.articles.panel import ArticleListPanel
from dossier.ui.entities.sidebar import EntitySidebar

if TYPE_CHECKING:
    from dossier.ui.search.panel import SearchPanel


class Workspace(QObject):
    counts_changed = Signal()
    search_created = Signal(object)  # the SearchPanel, made when first wanted

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.articles = ArticleListPanel(store)
        self.pane = ArticlePane(store)
        self.entities = EntitySidebar(store)
        self._search: SearchPanel | None = None

        self.articles.article_chosen.connect(self.open_article)
        self.entities.mention_chosen.connect(self.open_passage)
        self.entities.article_chosen.connect(self.open_article)
        self.entities.entities_changed.connect(self._on_entities_changed)

    @property
    def search(self) -> SearchPanel:
        """The whole-dossier search panel, made on first use: it waits behind a tab at start-up,
        and building it there would cost the first paint."""
        if self._search is None:
            from dossier.ui.search.panel import SearchPanel

            self._search = SearchPanel(self.store)
            self._search.result_chosen.connect(self._on_search_result_chosen)
            self.search_created.emit(self._search)
        return self._search

    def open_article(self, article_id: int) -> None:
        current = self.pane.article
        if current is None or current.id != article_id:
            self.pane.show_article(article_id)
        self.articles.select_article(article_id)

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
        entity_id = self.store.add_entity_from_selection(article.id, selected[0], selected[1], name, kind)
        self.entities.reload()
        self.entities.select_entity(entity_id)
        self.pane.refresh_marks()
        self.counts_changed.emit()
        return entity_id

    def refresh_after_import(self) -> None:
        """Articles arrived: list them, show their entities, open one if none is open."""
        self.articles.model.reload()
        self.entities.reload()
        if self.pane.article is None:
            self.open_first_article()
        self.counts_changed.emit()

    def refresh_extracted(self) -> None:
        """Entities and events were extracted in the background: show them."""
        self.entities.reload()
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
        for widget in (self.articles, self.pane, self.entities, self._search):
            if widget is None:
                continue
            widget.setParent(None)  # type: ignore[call-overload]
            widget.deleteLater()
        self.store.close()

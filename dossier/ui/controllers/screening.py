"""ScreeningController: watchlists made in the window (typed, from a CSV, from the chosen entity),
the re-screen that follows on a worker, the Hits panel's wiring and the new hits in the status bar."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel

from dossier.core.changes import ARTICLES, SCREENING, Changes
from dossier.ui.controllers.base import Controller, Window

if TYPE_CHECKING:
    from dossier.store.screening import FoundHit, NameRow
    from dossier.ui.workspace import Workspace

ENTITY_LIST = "Watched entities"  # the list "Watch Chosen Entity" adds to when no list is chosen


class ScreeningController(Controller):
    def __init__(self, window: Window) -> None:
        super().__init__(window)
        tr = self.tr
        self.new_watchlist_action = self.action(tr("&Watch Names…"), self.new_list,
                                                tip=tr("Type names to flag in every article, now and to come"))
        self.import_watchlist_action = self.action(tr("Import Watch&list…"), self.ask_import_list,
                                                   tip=tr("A CSV with the columns name, kind, aliases (a|b), note"))
        self.watch_entity_action = self.action(tr("Watch Entit&y"), self.watch_entity,
                                               tip=tr("Flag the chosen entity's names in every article"))
        self.hits_label = QLabel()
        window.statusBar().addPermanentWidget(self.hits_label)
        self.screenings = 0  # re-screens started (tests wait for them)

    def workspace_opened(self, workspace: Workspace) -> None:
        workspace.session.changed.connect(self._on_changed)
        workspace.panel_created.connect(self._on_panel_created)
        if workspace.has_panel("hits"):  # its dock was in front when the dossier opened
            self._on_panel_created("hits", workspace.hits)
        self._update_count()

    def _on_panel_created(self, name: str, panel: Any) -> None:
        if name != "hits":
            return
        panel.new_list_asked.connect(self.new_list)
        panel.import_list_asked.connect(self.ask_import_list)
        panel.watch_entity_asked.connect(self.watch_entity)
        panel.search_chosen.connect(self.run_saved_search)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(SCREENING, ARTICLES):
            self._update_count()

    def _update_count(self) -> None:
        ws = self.workspace
        if ws is None or not ws.session.is_open:
            self.hits_label.clear()
            return
        new = ws.store.hits.count_new()
        self.hits_label.setText(self.tr("1 new hit ·") if new == 1 else
                                self.tr("%1 new hits ·").replace("%1", f"{new:,}") if new else "")

    # -- lists ------------------------------------------------------------------------------------

    def new_list(self) -> None:
        self.ask_names("")

    def ask_names(self, names: str) -> None:
        """The dialog to type names into a new or existing list, with `names` typed already."""
        from dossier.ui.screening.list_dialog import WatchlistDialog  # lazy: a dialog, made when asked for

        ws = self.workspace
        if ws is None:
            return
        dialog = WatchlistDialog([w.name for w in ws.store.watchlists.lists()], names, self.window)  # type: ignore[arg-type]  # the window is a QWidget
        if dialog.exec() and dialog.rows():
            self.watch(dialog.list_name(), dialog.rows(), keep_others=True)

    def ask_import_list(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # lazy: a dialog, made when asked for

        path, _filter = QFileDialog.getOpenFileName(self.window, self.tr("Import Watchlist"), "",  # type: ignore[arg-type]  # the window is a QWidget
                                                    self.tr("Watchlists (*.csv *.tsv *.txt);;All files (*)"))
        if path:
            self.import_list(Path(path))

    def import_list(self, path: Path) -> bool:
        """Add or update the list named after the file (names it leaves out are removed)."""
        from dossier.ingest.screening import ListError, read_list_file  # lazy: reading CSV, when asked for

        try:
            rows = read_list_file(path)
        except ListError as error:
            self.say(str(error), 15000)
            return False
        return self.watch(path.stem, rows, keep_others=False)

    def watch_entity(self) -> bool:
        """Put the entity chosen in the sidebar, with its aliases, on the chosen list (or ENTITY_LIST)."""
        from dossier.store.screening import ALIAS_SEPARATOR, NameRow  # lazy: with the first list

        ws = self.workspace
        entity_id = ws.entities.current_entity_id() if ws is not None else None
        if ws is None or entity_id is None:
            self.say(self.tr("Choose an entity in the Entities panel first."), 8000)
            return False
        entity = ws.store.entities.get(entity_id)
        aliases = [a for a in entity.aliases if a != entity.name]
        group = ws.hits.chosen_group() if ws.has_panel("hits") else None
        list_name = group.list_name if group is not None else ENTITY_LIST
        row = NameRow(entity.name, entity.kind, ALIAS_SEPARATOR.join(aliases))
        return self.watch(list_name, [row], keep_others=True)

    def watch(self, list_name: str, rows: Sequence[NameRow], keep_others: bool) -> bool:
        """Store the list (one undo step), then screen every article for it on a worker."""
        from dossier.operations.screening import SetWatchlist  # lazy: with the first list

        ws = self.workspace
        if ws is None:
            return False
        operation = SetWatchlist(list_name, rows, keep_others=keep_others)
        if not ws.session.push(operation):
            return False
        list_id, added, changed, removed = operation.result
        self.say(self.tr("%1: %2 added, %3 changed, %4 removed; screening the articles…").replace("%1", list_name)
                 .replace("%2", str(added)).replace("%3", str(changed)).replace("%4", str(removed)))
        self.rescreen(list_id)
        self.window.show_dock("hits")
        ws.hits.choose_list(list_id)
        return True

    def rescreen(self, list_id: int) -> None:
        """Screen every stored article for a list's names on a worker (its own read-only
        connection); the hits are stored on the GUI thread when it is done."""
        from dossier.ingest.screening import screen_texts  # lazy: with the first list
        from dossier.store import Database  # lazy: with the first list

        ws = self.workspace
        if ws is None:
            return
        session, path = ws.session, ws.store.path
        self.screenings += 1

        def work() -> tuple[list[int], list[FoundHit]]:
            with Database.reading(path) as reader:
                names = reader.watchlists.names(list_id)
                found = [hit for hits in screen_texts(names, reader.hits.article_texts()) for hit in hits]
            return [n.id for n in names], found

        def done(result: tuple[list[int], list[FoundHit]]) -> None:
            from dossier.operations.screening import StoreScreening  # lazy: with the first list

            if not session.is_open:
                return
            operation = StoreScreening(*result)
            if session.commit(operation) is not None:
                self.say(self.tr("Screened: %1 new hits").replace("%1", f"{operation.result:,}"), 10000)

        def failed(error: BaseException) -> None:
            self.say(self.tr("Screening failed: %1").replace("%1", str(error)), 15000)

        self.window.tasks.run(work, done, failed)

    def run_saved_search(self, query: str) -> None:
        ws = self.workspace
        if ws is None:
            return
        self.window.show_dock("search")
        ws.search.query_edit.setText(query)
        ws.search.run_search()

"""AnnotateController: what a selection in the article becomes — a highlight, note or claim (H, N,
C), an event, an entity — and the Annotate menu's other commands: delete the open annotation,
Tags…, Find Related Passages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from dossier.ui.controllers.base import Controller, Window

if TYPE_CHECKING:
    from dossier.ui.workspace import Workspace


class AnnotateController(Controller):
    def __init__(self, window: Window) -> None:
        super().__init__(window)
        self.highlight_action = self.action(self.tr("&Highlight"), lambda: self.annotate("highlight"), "H")
        self.note_action = self.action(self.tr("&Note"), lambda: self.annotate("note"), "N")
        self.claim_action = self.action(self.tr("&Claim"), lambda: self.annotate("claim"), "C")
        for action in (self.highlight_action, self.note_action, self.claim_action):
            # Single keys work while the article has the keyboard; elsewhere they are typing.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_annotation_action = self.action(self.tr("&Delete Annotation"), self.delete_annotation,
                                                    "Ctrl+Delete")
        self.add_event_action = self.action(self.tr("Add &Event from Selection…"), self.add_event_from_selection,
                                            "Ctrl+Shift+E")
        self.tags_action = self.action(self.tr("&Tags…"), self.show_tags)
        self.related_action = self.action(self.tr("Find &Related Passages"), self.find_related_passages,
                                          "Ctrl+Shift+R")
        self.add_entity_action = self.action(self.tr("Add &Entity from Selection…"), self.add_entity_from_selection,
                                             "Ctrl+E")

    def workspace_opened(self, ws: Workspace) -> None:
        """The article's keys and right-click menu: H, N, C first, Add Entity last."""
        marks = [self.highlight_action, self.note_action, self.claim_action]
        for action in marks:
            ws.pane.text_view.addAction(action)
        ws.pane.text_view.extra_actions[:0] = marks
        ws.pane.text_view.extra_actions.append(self.add_entity_action)

    def annotate(self, kind: str) -> None:
        if self.workspace is None:
            return
        if self.workspace.annotate(kind) is None:
            self.say(self.tr("Select a passage in the article first."), 4000)
            return
        self.window.show_dock("editor")
        self.workspace.editor.focus_note()

    def delete_annotation(self) -> None:
        if self.workspace is not None and self.workspace.has_panel("editor"):
            annotation_id = self.workspace.editor.annotation_id
            if annotation_id is not None:
                self.workspace.delete_annotation(annotation_id)

    def find_related_passages(self) -> None:
        """For the claim in the editor: passages of other articles that may support or contradict it."""
        ws = self.workspace
        annotation_id = ws.editor.annotation_id if ws is not None and ws.has_panel("editor") else None
        if ws is None or annotation_id is None or ws.store.annotations.get(annotation_id).kind != "claim":
            self.say(self.tr("Open a claim first (click it in the article or the claims board)."), 5000)
            return
        self.window.show_dock("editor")
        ws.editor.find_related()

    def add_event_from_selection(self) -> None:
        ws = self.workspace
        if ws is None or not ws.pane.selected_text().strip():
            self.say(self.tr("Select the sentence that dates the event first."), 4000)
            return
        from dossier.ingest.text_reader import short_title  # lazy: on first use, off the start-up path
        from dossier.ui.timeline.editing import EventDialog  # lazy: on first use, off the start-up path

        article = ws.pane.article
        assert article is not None
        dialog = EventDialog(short_title(ws.pane.selected_text(), 80), "", "inferred", article.publication_day,
                             self.window, article.language)
        accepted = dialog.exec() == EventDialog.DialogCode.Accepted
        title, words = dialog.title_edit.text(), dialog.words_edit.text()
        precision = str(dialog.precision_box.currentData())
        dialog.deleteLater()
        if accepted:
            self.window.docks["timeline"].show()
            event_id = ws.add_event_from_selection(title, words, precision)
            if event_id is not None:
                ws.timeline.select_event(event_id)

    def add_entity_from_selection(self) -> None:
        ws = self.workspace
        if ws is None or not ws.pane.selected_text().strip():
            self.say(self.tr("Select the name in the article first."), 4000)
            return
        from dossier.ui.entities.dialogs import NewEntityDialog  # lazy: on first use, off the start-up path

        dialog = NewEntityDialog(ws.pane.selected_text(), self.window)
        if dialog.exec() == NewEntityDialog.DialogCode.Accepted:
            name, kind = dialog.values()
            if name:
                ws.add_entity_from_selection(name, kind)

    def show_tags(self) -> None:
        if self.workspace is None:
            return
        from dossier.ui.annotations.tags_dialog import TagsDialog  # lazy: on first use, off the start-up path

        dialog = TagsDialog(self.workspace.session, self.window)
        dialog.exec()
        dialog.deleteLater()

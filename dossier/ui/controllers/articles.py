"""ArticleController: the Article menu — the open article's properties, its source in a browser,
deleting it — and Article > Sources… (each outlet's grade)."""

from __future__ import annotations

from dossier.ui.controllers.base import Controller, Window


class ArticleController(Controller):
    def __init__(self, window: Window) -> None:
        super().__init__(window)
        self.properties_action = self.action(self.tr("&Properties…"), self.edit_article_properties, "Alt+Return")
        self.open_source_action = self.action(self.tr("&Open Source in Browser…"), self.open_article_source)
        self.delete_article_action = self.action(self.tr("&Delete Article…"), self.delete_article)
        self.sources_action = self.action(self.tr("&Sources…"), self.show_sources)

    def edit_article_properties(self) -> None:
        ws = self.workspace
        if ws is None or ws.pane.article is None:
            return
        from dossier.operations.articles import EditArticle  # lazy: on first use, off the start-up path
        from dossier.ui.articles.properties import ArticlePropertiesDialog  # lazy: on first use, off the start-up path

        article = ws.pane.article
        reports = ws.store.articles.reports(article.id)
        dialog = ArticlePropertiesDialog(article, reports, self.window, captures=ws.store.team.captures(article.id),
                                         provenance=ws.store.provenance.words(article.id),
                                         attachments=ws.store.provenance.attachments(article.id),
                                         read_attachment=ws.store.provenance.attachment_content)
        accepted = dialog.exec() == ArticlePropertiesDialog.DialogCode.Accepted
        values, new_reports = dialog.values(), dialog.reports()
        dialog.deleteLater()
        if not accepted or (values == {k: getattr(article, k) for k in values} and new_reports == reports):
            return
        # The dialog's fields are named as EditArticle's parameters; a dict of them can't say each one's type.
        operation = EditArticle(article.id, **values, reports=new_reports)  # type: ignore[arg-type]  # see above
        if not ws.session.push(operation):
            return
        if operation.needs_extraction:  # a new language: names and dates read again in it
            self.say(self.tr("Dates found again in the article's language"), 8000)
            self.window.extract_pending(ws.session)
        elif (values["published"], values["published_precision"]) != (article.published, article.published_precision):
            self.say(self.tr("%1 events moved with the new published date").replace("%1", str(operation.result)), 8000)

    def delete_article(self) -> None:
        ws = self.workspace
        if ws is None or ws.pane.article is None:
            return
        from PySide6.QtWidgets import QMessageBox

        from dossier.operations.articles import DeleteArticle  # lazy: on first use, off the start-up path

        article = ws.pane.article
        goes = ws.store.articles.dependents(article.id)
        answer = QMessageBox.question(
            self.window, self.tr("Delete Article"),
            self.tr("Delete “%1”? %2 annotations, %3 mentions and %4 events go with it. You can undo this.")
            .replace("%1", article.title).replace("%2", str(goes["annotations"]))
            .replace("%3", str(goes["mentions"])).replace("%4", str(goes["events"])),
        )
        if answer == QMessageBox.StandardButton.Yes:
            ws.session.push(DeleteArticle(article.id))

    def open_article_source(self) -> None:
        ws = self.workspace
        if ws is None or ws.pane.article is None:
            return
        if not ws.pane.article.url:
            self.say(self.tr("This article has no url; add one in its properties."), 5000)
            return
        from dossier.ui.articles.properties import confirm_open_source  # lazy: on first use, off the start-up path

        confirm_open_source(self.window, ws.pane.article.url)

    def show_sources(self) -> None:
        if self.workspace is None:
            return
        from dossier.ui.articles.sources import SourcesDialog  # lazy: on first use, off the start-up path

        dialog = SourcesDialog(self.workspace.session, self.window)
        dialog.exec()
        dialog.deleteLater()

"""Fixing what import guessed: properties (published date moves events), delete with undo,
grading sources, opening the source in the browser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from dossier.operations.articles import EditArticle
from dossier.ui.articles.properties import ArticlePropertiesDialog
from dossier.ui.articles.sources import SourcesDialog
from tests.ui.conftest import answer_next_dialog
from tests.unit.test_store_article_history import dump


def test_a_new_published_date_moves_the_events_and_undo_moves_them_back(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    before = {e.date_text: (e.earliest, e.latest) for e in ws.store.events.all(1)}
    assert before["Yesterday"] == ("2021-05-13", "2021-05-13")

    def edit(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ArticlePropertiesDialog)
        dialog.published_edit.setText("2021-05-20")
        dialog.source_edit.setText("SouthFront (mirror)")
        dialog.url_edit.setText("https://example.org/sf")
        dialog.accept()

    answer_next_dialog(qtbot, edit)
    window.properties_action.trigger()
    after = {e.date_text: (e.earliest, e.latest) for e in ws.store.events.all(1)}
    assert after["Yesterday"] == ("2021-05-19", "2021-05-19") and after["last year"] == before["last year"]
    assert after["March 15"] == before["March 15"]
    assert "events moved with the new published date" in window.statusBar().currentMessage()
    assert ws.pane.provenance.text() == "SouthFront (mirror) · 20 May 2021 · https://example.org/sf"
    window.undo_action.trigger()
    assert {e.date_text: (e.earliest, e.latest) for e in ws.store.events.all(1)} == before
    assert ws.store.articles.get(1).source == "SouthFront"


def test_the_outlets_an_article_repeats_are_edited_in_its_properties(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    shown: list[str] = []

    def edit(dialog) -> None:  # type: ignore[no-untyped-def]
        shown.append(dialog.reports_edit.text())
        dialog.reports_edit.clear()
        qtbot.keyClicks(dialog.reports_edit, "Interfax, TASS ,, reuters")
        dialog.accept()

    answer_next_dialog(qtbot, edit)
    window.properties_action.trigger()
    assert shown == ["Interfax, Reuters"]  # the sample quotes both
    assert ws.store.articles.reports(1) == ["Interfax", "reuters", "TASS"]
    assert window.undo_action.text().endswith("Edit article properties")
    window.undo_action.trigger()
    assert ws.store.articles.reports(1) == ["Interfax", "Reuters"]


def test_an_impossible_date_is_refused_in_the_dialog(qtbot, sample_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from dossier.store import Database

    with Database.open(sample_path) as store:
        dialog = ArticlePropertiesDialog(store.articles.get(1), [])
    qtbot.addWidget(dialog)
    dialog.published_edit.setText("2021-02-30")
    seen: list[str] = []
    answer_next_dialog(qtbot, lambda box: (seen.append(box.text()), box.accept()))
    dialog._check_then_accept()
    assert seen and "is not a date" in seen[0] and dialog.result() != ArticlePropertiesDialog.DialogCode.Accepted


def test_delete_an_article_and_undo_restores_everything(qtbot, open_window, sample_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    before = dump(ws.store)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a, **k: (asked.append(text), QMessageBox.StandardButton.Yes)[1])
    window.delete_article_action.trigger()
    assert "2 annotations" in asked[0] and "mentions" in asked[0] and "8 events" in asked[0]
    assert ws.store.articles.count() == 0 and ws.pane.article is None
    window.undo_action.trigger()
    assert dump(ws.store) == before
    assert ws.pane.article is not None and ws.articles.model.rowCount() == 1


def test_a_claim_inherits_its_sources_grade(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace

    def grade(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, SourcesDialog)
        assert dialog.model.source(0).name == "SouthFront"
        dialog.reliability_box.setCurrentIndex(dialog.reliability_box.findData("D"))
        dialog.rationale_edit.setText("state-aligned, rarely sourced")
        dialog.apply_button.click()
        dialog.accept()

    answer_next_dialog(qtbot, grade)
    window.sources_action.trigger()
    assert ws.store.sources.by_name("SouthFront").reliability == "D"  # type: ignore[union-attr]
    ws.pane.select_range(0, 6)
    ws.pane.text_view.setFocus()
    window.claim_action.trigger()
    editor = ws.editor
    assert editor.reliability_box.currentText() == "Inherit: D (SouthFront)"
    assert editor.grade.text().startswith("D, credibility not graded") and "inherited" in editor.grade.text()
    assert ws.store.annotations.get(editor.annotation_id).claim.reliability is None  # inherited, not copied
    editor.reliability_box.setCurrentIndex(editor.reliability_box.findData("B"))
    editor.reliability_box.activated.emit(editor.reliability_box.currentIndex())
    assert ws.store.annotations.get(editor.annotation_id).claim.reliability == "B"  # the claim overrides
    assert editor.grade.text() == "B, credibility not graded"


def test_open_source_asks_first_and_uses_the_system_browser(qtbot, open_window, sample_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    assert window.workspace.session.push(EditArticle(1, "T", "SouthFront", "https://example.org/a", "2021-05-14",
                                                     "day"))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.open_source_action.trigger()
    assert opened == []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.open_source_action.trigger()
    assert opened == ["https://example.org/a"]


def test_a_dateline_s_proposal_is_shown_in_the_properties_and_can_be_changed(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ingest.pipeline import ImportOptions, import_files
    from dossier.store import Database

    wire = tmp_path / "wire.txt"
    wire.write_text("Armenia asks Russia for help\n\nYEREVAN, May 20 (Reuters) - Armenia asked Russia for help.\n",
                    encoding="utf-8")
    path = tmp_path / "wire.dossier"
    with Database.create(path, "Wire") as store:
        *_, progress = import_files(store, [wire], ImportOptions(extract=False))
    from dossier.ui.importing import summary

    assert summary(progress.report) == "Imported 1 (1 with an outlet or date proposed from a dateline)."
    window = open_window(path)
    ws = window.workspace
    assert ws.pane.provenance.text().startswith("Reuters · ")  # the outlet proposed, not "source unknown"
    seen: list[str] = []

    def edit(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.dateline_label.text())
        assert dialog.source_edit.text() == "Reuters"
        dialog.source_edit.setText("Reuters (via Azatutyun)")
        dialog.published_edit.setText("2021-05-20")
        dialog.accept()

    answer_next_dialog(qtbot, edit)
    window.properties_action.trigger()
    assert seen == ["Its dateline says: outlet Reuters, published 20 May, year not given"]
    article = ws.store.articles.get(ws.pane.article.id)
    assert (article.source, article.published) == ("Reuters (via Azatutyun)", "2021-05-20")

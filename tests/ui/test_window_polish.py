"""The window as a demanding user sees it: a readable timeline, search that finds notes, lists
that show what they hold, docks that keep their width, words that say what is happening."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from dossier.core.models import Claim, NewArticle
from dossier.store import Database
from dossier.ui.main_window import MainWindow
from dossier.ui.settings import Settings
from dossier.ui.timeline.view import AXIS, LABELS, PAD, ROW, _clusters, axis_labels
from tests.ui.conftest import SyncTaskRunner
from tests.ui.test_timeline import show_timeline

# -- the timeline ----------------------------------------------------------------------------------


def test_the_timeline_opens_tall_enough_for_several_lanes(qtbot, open_window, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.core.models import NewEvent

    with Database.open(three_articles) as store:  # an event in each of the three articles: three lanes
        store.events.add_many([NewEvent(i, 0, 10, f"Event {i}", "May 14", "2021-05-14", "2021-05-14", "day")
                          for i in store.articles.ids()])
    window = open_window(three_articles)
    window.timeline_dock.show()
    panel = window.workspace.timeline
    qtbot.waitUntil(lambda: panel.view.isVisible())
    assert panel.view.minimumHeight() >= AXIS + 3 * (ROW + PAD)
    qtbot.waitUntil(lambda: window.timeline_dock.height() >= 290)  # the dock's first height
    layout = panel.view.layout
    assert len(layout.heights) == 3 and layout.total <= panel.view.viewport().height() - AXIS  # all three show


def test_events_of_the_same_days_are_stacked_and_counted_when_they_meet(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = show_timeline(qtbot, window)
    data = panel.view.data
    may = [s for s in data.in_time_order if date.fromordinal(s.first) >= date(2021, 5, 10)]
    overlapping = [(a, b) for a in may for b in may if a.event_id < b.event_id and a.first <= b.last and b.first <= a.last]
    assert overlapping and all(a.row != b.row for a, b in overlapping)  # never drawn over each other
    assert data.rows[0] == max(s.row for s in data.lanes[0]) + 1 > 1
    assert panel.view.layout.heights[0] == data.rows[0] * ROW + PAD  # the lane grew to hold them
    # Zoomed out, points a few pixels apart in one row are one mark with their count.
    assert _clusters([(0, 100.0, 10.0, False), (0, 104.0, 10.0, True), (0, 130.0, 10.0, False)]) == [
        (100.0, 10.0, False, 2), (130.0, 10.0, False, 1)]


def test_axis_labels_are_never_cut_at_the_lane_names() -> None:
    def width(text: str) -> int:
        return 8 * len(text)

    marks = [(LABELS - 40, "Oct 2019"), (LABELS + 150, "Jan 2020"), (LABELS + 300, "Apr 2020")]
    assert axis_labels(marks, width) == [(LABELS, "Oct 2019"), (LABELS + 150, "Jan 2020"), (LABELS + 300, "Apr 2020")]
    crowded = [(LABELS - 40, "Oct 2019"), (LABELS + 20, "Jan 2020")]
    assert axis_labels(crowded, width) == [(LABELS + 20, "Jan 2020")]  # no room: the edge's label waits


def test_the_event_count_is_of_events_in_every_lane_mode(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = show_timeline(qtbot, window)
    assert panel.status.text() == "8 events"
    panel.lanes_box.setCurrentIndex(panel.lanes_box.findData("entity"))
    assert panel.status.text() == "8 events" and len(panel.view.data.lane_labels) > 1


def test_the_event_list_follows_the_zoom_and_opens_with_the_keyboard(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = show_timeline(qtbot, window)
    model = panel.events_model
    assert model.rowCount() == 8 and model.index(0, 0).data() == "1 Jan 2020 – 31 Dec 2020 (year)"
    view = panel.view
    view._zoomed_by_user = True
    view.zoom(40)  # into May 2021
    view.centerOn(date(2021, 5, 12).toordinal(), view.sceneRect().center().y())
    first, _last = view.visible_days()
    assert date.fromordinal(first) > date(2021, 1, 1)
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert 0 < len(shown) < 8 and all("2020" not in when for when in shown)
    panel.event_list.setFocus()
    panel.event_list.setCurrentIndex(model.index(0, 0))
    assert view.selected is not None and view.selected.event_id == model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    qtbot.keyClick(panel.event_list, Qt.Key.Key_Return)
    assert window.workspace.pane.selected_text()  # the evidence sentence is open and selected


# -- search and lists -------------------------------------------------------------------------------


def test_search_finds_notes_rationales_and_tags_and_says_where(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    window.search_action.trigger()
    search = ws.search
    qtbot.keyClicks(search.query_edit, "transcription")  # only in the sample's note
    qtbot.waitUntil(lambda: search.model.rowCount() == 1, timeout=5000)
    assert search.count_label.text() == "No articles match, and 1 annotation"
    heading = search.model.index(0, 0).data().split("\n")[0]
    assert heading == "Note on “request assassinate” — " + ws.store.articles.get(1).title
    qtbot.keyClick(search.query_edit, Qt.Key.Key_Return)
    assert ws.editor.annotation_id == next(a.id for a in ws.store.annotations.all() if a.kind == "note")
    search.query_edit.setText("Interfax")  # in the article, and in the claim's rationale
    search.run_search()
    kinds = [search.model.index(r, 0).data().split("\n")[0] for r in range(search.model.rowCount())]
    assert kinds[0] == ws.store.articles.get(1).title and kinds[1].startswith("Rationale of the claim “the agreement")
    claim = next(a for a in ws.store.annotations.all() if a.kind == "claim")
    from dossier.operations.annotations import SetTags

    assert ws.session.push(SetTags(claim.id, ["withdrawal agreement", "Şuşa"], lambda n: "#123456"))
    search.query_edit.setText("susa")  # a tag's name, accents and case ignored
    search.run_search()
    assert search.model.index(0, 0).data().startswith("Tags of “the agreement")


def test_the_annotations_table_shows_its_columns_readably(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    panel = window.workspace.annotations
    metrics = panel.table.fontMetrics()
    header = panel.table.horizontalHeader()
    for column, words in ((2, "a note of a few words"), (4, "Partially true, D2")):
        assert header.sectionSize(column) >= metrics.horizontalAdvance(words)
    claim_row = next(r for r in range(panel.model.rowCount()) if panel.model.annotation_at(r).kind == "claim")
    assert panel.model.index(claim_row, 4).data() == "Partially true, reliability not graded, 2"  # not "??"


def test_mention_snippets_are_cut_at_word_edges(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    sidebar = window.workspace.entities
    text = " ".join(window.workspace.store.articles.get(1).text.split("\n"))  # the list shows one line
    sidebar.select_entity(window.workspace.store.entities.ids_by_name("Syunik")[0])
    for row in range(sidebar.mentions_model.rowCount()):
        shown = sidebar.mentions_model.index(row, 0).data()
        before, _, after = shown.partition("[Syunik]")
        before, after = before.removeprefix("…"), after.removesuffix("…")
        start = text.index(before + "Syunik")
        assert start == 0 or not text[start - 1].isalnum()  # begins with a whole word
        end = text.index("Syunik" + after) + len("Syunik" + after)
        assert end == len(text) or not text[end].isalnum()  # ends with a whole word


def test_the_find_bar_says_which_match_of_how_many(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    pane = window.workspace.pane
    count = pane.article.text.lower().count("azerbaijan")
    window.find_action.trigger()
    qtbot.keyClicks(pane.find_bar.edit, "azerbaijan")
    assert pane.find_bar.status.text() == f"1 of {count}"
    qtbot.keyClick(pane.find_bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(pane.find_bar.edit, Qt.Key.Key_Return)
    assert pane.find_bar.status.text() == f"3 of {count}"
    qtbot.keyClick(pane.find_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.find_bar.status.text() == f"2 of {count}"


# -- layout and wording -----------------------------------------------------------------------------


def test_opening_the_annotation_panels_keeps_the_article_width(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    QApplication.processEvents()
    before = ws.pane.width()
    window.annotations_dock.raise_()
    ws.open_annotation(next(a.id for a in ws.store.annotations.all() if a.kind == "claim"))
    QApplication.processEvents()
    assert ws.has_panel("annotations") and ws.has_panel("editor")
    assert ws.pane.width() == before
    assert ws.editor.minimumSizeHint().width() <= window.editor_dock.width()
    assert ws.annotations.minimumSizeHint().width() <= window.annotations_dock.width()


def test_after_a_restart_with_the_timeline_the_article_keeps_its_width(qtbot, tmp_path: Path, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    ini = str(tmp_path / "restart.ini")

    def start() -> MainWindow:
        window = MainWindow(Settings(QSettings(ini, QSettings.Format.IniFormat)), SyncTaskRunner())
        qtbot.addWidget(window)
        window.resize(780, 560)  # inside the offscreen screen, so the geometry comes back as it was
        window.show()
        assert window.open_dossier(sample_path)
        for _ in range(5):
            QApplication.processEvents()
        return window

    first = start()
    first.timeline_dock.show()
    QApplication.processEvents()
    width = first.workspace.pane.width()
    first.close()
    again = start()
    assert again.timeline_dock.isVisible()
    assert abs(again.workspace.pane.width() - width) <= 4


def test_the_export_dialog_shows_its_hints_whole(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.export_dialog import ExportPdfDialog

    dialog = ExportPdfDialog(settings, True)
    qtbot.addWidget(dialog)
    dialog.show()
    for edit in (dialog.tags, dialog.analyst):
        assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 16


def test_first_start_says_what_is_being_found_and_how_far(qtbot, settings, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.sample import write_sample
    from dossier.ui.entities.sidebar import EntitySidebar

    path = tmp_path / "first.dossier"
    write_sample(path, extract=False).close()
    window = MainWindow(settings, SyncTaskRunner())
    qtbot.addWidget(window)
    seen: list[tuple[object, ...]] = []
    real = EntitySidebar.show_busy

    def recording(self, stage, done=0, total=0):  # type: ignore[no-untyped-def]
        seen.append((stage, done, total, self.busy_label.text() if stage is None else None))
        real(self, stage, done, total)
        if stage is not None:
            seen[-1] = (stage, done, total, self.busy_label.text())

    monkeypatch.setattr(EntitySidebar, "show_busy", recording)
    assert window.open_dossier(path)
    seen.clear()  # the sidebar said nothing while it was made
    window.extract_pending(window.workspace.session)
    stages = [s[:3] for s in seen]
    assert stages == [("loading", 0, 1), ("reading", 0, 1), (None, 0, 0)]
    assert "loading the language model" in seen[0][3] and "reading 1 of 1 article" in seen[1][3]
    assert not window.workspace.entities.busy_label.isVisible() and window.workspace.entities.model.visible_count() >= 10


def test_a_colour_emoji_font_is_there_for_the_window(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The desktop install brings one (fonts-noto-color-emoji); the bundle carries its own,
    added when the desktop has none. The PDF keeps DejaVu."""
    from dossier.ui import emoji

    repo = Path(__file__).resolve().parents[2]
    assert "fonts-noto-color-emoji" in (repo / ".ci" / "install-system-packages").read_text()
    assert "NotoColorEmoji.ttf" in (repo / "build_app.spec").read_text()
    system = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
    if not system.exists():
        pytest.skip("no emoji font on this machine to stand for the bundle's (CI installs without --desktop)")
    monkeypatch.setattr(emoji, "emoji_family", lambda: None)  # as on a desktop without one
    assert emoji.ensure_emoji_font(system) == "Noto Color Emoji"


def test_the_annotation_list_grade_wording_for_an_ungraded_claim(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ungraded.dossier"
    with Database.create(path, "Ungraded") as store:
        aid = store.articles.add(NewArticle("T", "The agreement was not implemented in full.", source="X"))
        store.annotations.add(aid, "claim", 0, 13, claim=Claim())
    window = open_window(path)
    panel = window.workspace.annotations
    assert panel.model.index(0, 4).data() == "Unverified, reliability not graded, credibility not graded"

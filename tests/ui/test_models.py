"""Every Qt model of the app passes Qt's model tester, also while edits change it in place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from dossier.analysis.corroboration import corroborated
from dossier.core.models import Claim, NewArticle
from dossier.operations.annotations import (
    AddAnnotation,
    DeleteAnnotation,
    EditClaim,
    EditNote,
    SetTags,
)
from dossier.operations.articles import GradeSource
from dossier.operations.tags import MergeTags, NestTag, NewTag
from dossier.store import Database
from dossier.ui.session import DossierSession
from tests.unit.test_merge import two_dossiers  # noqa: F401 - a fixture


def test_every_model_passes_the_model_tester(qapp, qtmodeltester, sample_path: Path, three_articles: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.annotations.list_panel import AnnotationListModel
    from dossier.ui.annotations.tags_dialog import TagTreeModel
    from dossier.ui.articles.model import ArticleListModel
    from dossier.ui.articles.sources import SourcesModel
    from dossier.ui.entities.models import (
        EntityArticlesModel,
        EntityListModel,
        MentionListModel,
    )
    from dossier.ui.search.panel import SearchResultsModel

    with Database.open(sample_path) as store:
        store.tags.add("nested", "#123456", parent_id=store.tags.all()[0].id)
        entity = store.entities.rows()[0].id
        for model in (AnnotationListModel(store), TagTreeModel(store), SourcesModel(store), EntityListModel(store),
                      ArticleListModel(store)):
            if isinstance(model, AnnotationListModel):
                model.reload()
            qtmodeltester.check(model)
        mentions, articles = MentionListModel(store), EntityArticlesModel(store)
        mentions.show_entity(entity)
        articles.show_entity(entity)
        qtmodeltester.check(mentions)
        qtmodeltester.check(articles)
        results = SearchResultsModel()
        results.set_hits(store.search.articles("border"))
        qtmodeltester.check(results)


def test_the_annotation_list_changes_in_place_under_the_tester(qtbot, qtmodeltester, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Rows come, go and change through the session's edits, with the tester watching every
    signal: no reset, and the model stays consistent."""
    from dossier.ui.annotations.list_panel import AnnotationsPanel

    with Database.open(sample_path) as store:
        store.articles.add(NewArticle("Second", "Russian troops moved to Syunik province on Friday."))
    store = Database.open(sample_path)
    session = DossierSession(store, QUndoStack())
    panel = AnnotationsPanel(session)
    qtbot.addWidget(panel)
    panel.scope_box.setCurrentIndex(panel.scope_box.findData("dossier"))
    model = panel.model
    qtmodeltester.check(model, force_py=True)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    claim = next(a for a in store.annotations.all() if a.kind == "claim")
    panel.select_annotation(claim.id)
    add = AddAnnotation(2, "note", 0, 7)
    assert session.push(add)
    assert session.push(EditNote(claim.id, "checked"))
    assert session.push(EditClaim(claim.id, Claim("confirmed", "B", 1, "seen")))
    assert session.push(SetTags(add.result, ["syunik"], lambda n: "#67c23a"))
    assert session.push(GradeSource("SouthFront", "D", "state-aligned"))
    assert session.push(DeleteAnnotation(add.result))
    session.undo()
    assert model.rowCount() == 3 and resets == []
    row = model.row_of(claim.id)
    assert panel.table.selectionModel().isRowSelected(row)  # the selection survived every change
    assert model.index(row, 4).data() == "Confirmed, B1"
    session.close()


def test_the_tag_tree_follows_nesting_and_merging(qapp, qtmodeltester, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.annotations.tags_dialog import TagTreeModel

    with Database.open(sample_path) as store:
        session = DossierSession(store, QUndoStack())
        model = TagTreeModel(store)
        qtmodeltester.check(model, force_py=True)
        top = store.tags.all()[0].id
        new = NewTag("syunik", "#123456")
        assert session.push(new)
        assert session.push(NestTag(new.result, top))
        model.reload()
        assert model.rowCount(model.index_of(top)) == 1
        assert session.push(MergeTags(top, new.result))  # into its own child: the child takes its place
        model.reload()
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["syunik"]
        assert model.index(0, 1).data(Qt.ItemDataRole.DisplayRole) == 1  # the claim it now carries


def test_the_board_timeline_ach_and_matrix_models_pass_the_tester_while_edits_change_them(  # type: ignore[no-untyped-def]
        qtbot, qtmodeltester, corpus_path: Path) -> None:
    """The claims board, the timeline's event list, the ACH matrix and the network matrix, each
    filled from the corpus and watched by the tester while the session's edits change them."""
    from dossier.core.network import NetworkFilter
    from dossier.operations.ach import AddHypothesis, AddRows, Rate
    from dossier.ui.ach.panel import AchPanel
    from dossier.ui.claims.board import ClaimsBoard
    from dossier.ui.network.matrix import MatrixModel
    from dossier.ui.timeline.panel import TimelinePanel

    store = Database.open(corpus_path)
    session = DossierSession(store, QUndoStack())
    board, timeline, ach = ClaimsBoard(session), TimelinePanel(session), AchPanel(session)
    for panel in (board, timeline, ach):
        qtbot.addWidget(panel)
        panel.reload()
    claim = next(a for a in store.annotations.all() if a.kind == "claim")
    hypothesis = AddHypothesis("Azerbaijan never meant to withdraw")
    assert session.push(hypothesis) and session.push(AddRows([claim.id]))
    ach.reload()
    for model in (board.model, timeline.events_model, ach.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
    matrix = MatrixModel(store, NetworkFilter())
    assert matrix.rowCount() > 1
    qtmodeltester.check(matrix, force_py=True)
    row = ach.model.row_order[0]
    assert session.push(EditClaim(claim.id, Claim("disputed", "B", 4, "contested")))
    assert session.push(Rate(row, hypothesis.result, "II"))
    board.reload()
    ach.reload()
    timeline.reload()
    assert ach.model.data_ is not None and ach.model.data_.ratings == {(row, hypothesis.result): "II"}
    session.undo()
    session.undo()
    assert board.model.rowCount() > 0 and ach.model.data_.ratings == {}
    session.close()


def test_the_conflicts_model_passes_the_tester_as_a_conflict_is_settled(qtbot, qtmodeltester, two_dossiers) -> None:  # type: ignore[no-untyped-def]
    from dossier.store.merging import merge_dossier
    from dossier.ui.team.conflicts import ConflictsPanel

    ann_path, boris_path = two_dossiers
    with Database.open(ann_path) as store:
        merge_dossier(store, boris_path)
    store = Database.open(ann_path)
    session = DossierSession(store, QUndoStack())
    panel = ConflictsPanel(session)
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.model.rowCount() == 1
    qtmodeltester.check(panel.model, force_py=True)
    from dossier.operations.team import ResolveConflict
    from dossier.store.team import KEEP_BOTH

    assert session.push(ResolveConflict(store.team.conflicts()[0].id, KEEP_BOTH))
    assert panel.model.rowCount() == 0
    session.undo()
    assert panel.model.rowCount() == 1
    session.close()


def test_the_record_tables_share_one_scaffolding(qapp, qtmodeltester, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The claims board, the events under the timeline, the annotations, the sources and the
    conflicts are one kind of table: headers from their columns, tips where a column has one, the
    row of a record found by its id."""
    from dossier.ui.annotations.list_panel import AnnotationListModel
    from dossier.ui.articles.sources import SourcesModel
    from dossier.ui.claims.board import HEADER_TIPS, ClaimsModel
    from dossier.ui.tables import RecordTableModel
    from dossier.ui.team.conflicts import ConflictsModel
    from dossier.ui.timeline.event_list import EventListModel, event_row

    with Database.open(sample_path) as store:
        claims = ClaimsModel()
        claims.set_rows(corroborated(store.claims.claim_rows()))
        events = EventListModel()
        events.set_events([event_row(e, e.date_text, "the sample") for e in store.events.all()])
        annotations = AnnotationListModel(store)
        annotations.reload()
        for model in (claims, events, annotations, SourcesModel(store), ConflictsModel(store)):
            assert isinstance(model, RecordTableModel)
            qtmodeltester.check(model, force_py=True)
            horizontal = Qt.Orientation.Horizontal
            assert [model.headerData(c, horizontal) for c in range(model.columnCount())] == list(model.COLUMNS)
            assert model.headerData(0, Qt.Orientation.Vertical) is None
        tip = claims.headerData(claims.COLUMNS.index("Grade"), horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip == HEADER_TIPS["Grade"]
        assert events.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole) is None  # no tips: none shown
        claim = claims.row_at(0).annotation.id
        assert claims.rowCount() >= 1 and claims.row_of(claim) == 0 and claims.row_of(-1) == -1
        assert annotations.row_of(annotations.annotation_at(1).id) == 1

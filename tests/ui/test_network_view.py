"""The network as a user meets it: View > Network on the sample, Pashinyan linked to Armenia,
Russia and Interfax; a click on the Pashinyan–Interfax link lists the quote, Enter opens it; a
click on a node chooses the entity in the sidebar; dragging a node keeps it where it was put; the
matrix; the files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt

from dossier.ui.network.panel import NetworkPanel


def _show_network(qtbot, window) -> NetworkPanel:  # type: ignore[no-untyped-def]
    window.network_dock.toggleViewAction().trigger()
    panel = window.workspace.network
    qtbot.waitUntil(lambda: bool(panel.item.nodes), timeout=30_000)
    qtbot.waitExposed(panel.canvas)
    return panel


def _ids(panel: NetworkPanel) -> dict[str, int]:
    return {n.name: n.id for n in panel.network.nodes}


def _on_screen(panel: NetworkPanel, scene_point: QPointF) -> QPoint:
    return panel.canvas.mapFromScene(scene_point)


def test_the_sample_network_links_pashinyan_and_a_click_on_a_link_opens_the_quote(qtbot, open_real_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """On the production task runner: reading and layout happen on a worker."""
    window = open_real_window(sample_path)
    ws = window.workspace
    panel = _show_network(qtbot, window)
    ids = _ids(panel)
    pashinyan = ids["Nikol Pashinyan"]
    linked = {({link.source, link.target} - {pashinyan}).pop() for link in panel.network.links
              if pashinyan in (link.source, link.target)}
    assert {ids["Armenia"], ids["Russia"], ids["Interfax"]} <= linked
    assert panel.status.text().startswith(f"{len(ids)} of {len(ids)} entities")
    # Click the middle of the Pashinyan–Interfax link.
    a, b = panel.item.position_of(pashinyan), panel.item.position_of(ids["Interfax"])
    middle = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
    assert panel.item.node_at(middle, 0) is None
    qtbot.mouseClick(panel.canvas.viewport(), Qt.MouseButton.LeftButton, pos=_on_screen(panel, middle))
    assert panel.item.selected_link in ((pashinyan, ids["Interfax"]), (ids["Interfax"], pashinyan))
    assert panel.passages.count() == 1
    assert panel.passages_label.text() in ("Nikol Pashinyan and Interfax: 1 passage",
                                           "Interfax and Nikol Pashinyan: 1 passage")
    assert panel.passages.item(0).text().startswith("“Yesterday an agreement was reached")
    panel.passages.setFocus()
    qtbot.keyClick(panel.passages, Qt.Key.Key_Return)
    selected = ws.pane.selected_range()
    assert selected is not None and ws.store.articles.get(1).text[selected[0]:selected[1]].startswith("“Yesterday")
    window.close()


def test_a_click_on_a_node_chooses_the_entity_and_dragging_keeps_it_where_put(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_path)
    ws = window.workspace
    panel = _show_network(qtbot, window)
    russia = _ids(panel)["Russia"]
    at = _on_screen(panel, panel.item.position_of(russia))
    qtbot.mouseClick(panel.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert ws.entities.current_entity_id() == russia and panel.item.selected_node == russia
    # Drag it 60 pixels right; a change to the dossier redraws, and it stays there.
    viewport = panel.canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at)
    for step in range(1, 7):
        qtbot.mouseMove(viewport, at + QPoint(10 * step, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at + QPoint(60, 0))
    moved = panel.item.position_of(russia)
    assert abs(panel.canvas.mapFromScene(moved).x() - (at.x() + 60)) <= 2
    kept = panel._positions[russia]
    panel.reload()
    assert panel._positions[russia] == kept
    # Neighbours of the chosen entity only.
    panel.around_box.setCurrentIndex(1)
    panel.reload()
    shown = {n.id for n in panel.network.nodes}
    assert russia in shown and all(russia in (link.source, link.target) or
                                   {link.source, link.target} <= shown for link in panel.network.links)
    assert len(shown) < len(_ids(panel)) + 1


def test_filters_narrow_the_network(qtbot, open_window, corpus_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(corpus_path)
    panel = _show_network(qtbot, window)
    everyone = len(panel.network.nodes)
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("person"))
    panel.reload()
    assert panel.network.nodes and {n.kind for n in panel.network.nodes} == {"person"}
    panel.kind_box.setCurrentIndex(0)
    panel.min_count.setValue(3)
    panel.reload()
    assert all(link.passages >= 3 for link in panel.network.links)
    panel.min_count.setValue(1)
    panel.limit.setValue(10)
    panel.reload()
    assert len(panel.network.nodes) == 10 and panel.network.hidden_nodes == everyone - 10
    assert "less busy not shown" in panel.status.text()
    panel.scope_box.setCurrentIndex(panel.scope_box.findData("article"))
    panel.reload()
    article = window.workspace.pane.article.id
    mentioned = {m.entity_id for m in window.workspace.store.entities.mentions_in(article)}
    assert {n.id for n in panel.network.nodes} <= mentioned


def test_the_matrix_counts_pairs_and_opens_their_passages(qtbot, open_window, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.network.matrix import MatrixDialog

    window = open_window(sample_path)
    panel = _show_network(qtbot, window)
    panel.show_matrix()
    dialog = next(w for w in panel.children() if isinstance(w, MatrixDialog))
    qtbot.addWidget(dialog)
    names = [n.name for n in dialog.model.nodes]
    row, column = names.index("Armenia"), names.index("Azerbaijan")
    assert dialog.model.index(row, column).data() == 5 and dialog.model.index(column, row).data() == 5
    index = dialog.sorted.mapFromSource(dialog.model.index(row, column))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=dialog.table.visualRect(index).center())
    assert dialog.passages.count() == 5 and dialog.label.text() == "Armenia and Azerbaijan: 5 passages"


def test_the_view_exports_graphml_and_pictures(qtbot, open_window, sample_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import networkx as nx
    from PySide6.QtWidgets import QFileDialog

    from dossier.ui.network.files import write

    window = open_window(sample_path)
    panel = _show_network(qtbot, window)
    write(panel, "graphml", tmp_path / "n.graphml")
    graph = nx.read_graphml(tmp_path / "n.graphml")
    assert graph.number_of_nodes() == len(panel.network.nodes)
    write(panel, "png", tmp_path / "n.png")
    write(panel, "svg", tmp_path / "n.svg")
    assert (tmp_path / "n.png").read_bytes()[:4] == b"\x89PNG" and b"<svg" in (tmp_path / "n.svg").read_bytes()
    write(panel, "csv", tmp_path / "m.csv")
    assert (tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith("entity,kind,")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "picked"), ""))
    from dossier.ui.network.files import export_view

    assert export_view(panel, "gexf") == tmp_path / "picked.gexf"
    assert "Wrote" in window.statusBar().currentMessage()

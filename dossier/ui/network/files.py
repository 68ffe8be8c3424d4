"""The network's Export menu: GraphML and GEXF of the network as filtered (all its entities, not
only the busiest drawn), the picture as PNG or SVG, the matrix as CSV."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dossier.export.graph_files import write_graph, write_matrix_csv, xml_text
from dossier.store.atomic import png_reads, written_whole, xml_parses
from dossier.store.targets import check_target

FORMATS = {"graphml": ("GraphML (*.graphml)", ".graphml"), "gexf": ("GEXF (*.gexf)", ".gexf"),
           "png": ("PNG picture (*.png)", ".png"), "svg": ("SVG picture (*.svg)", ".svg"),
           "csv": ("CSV (*.csv)", ".csv")}


def export_view(panel: Any, kind: str) -> Path | None:
    """Ask where, then write; says what was written in the window's status bar."""
    file_filter, suffix = FORMATS[kind]
    store = panel._store
    suggestion = str(store.path.with_name(store.path.stem + " network" + suffix))
    chosen, _ = QFileDialog.getSaveFileName(panel, panel.tr("Export the network"), suggestion, panel.tr(file_filter))
    if not chosen:
        return None
    out = Path(chosen) if chosen.lower().endswith(suffix) else Path(chosen + suffix)
    try:
        message = write(panel, kind, out)
    except (OSError, ValueError) as error:
        QMessageBox.warning(panel, panel.tr("Export the network"), str(error))
        return None
    window = panel.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(message, 8000)
    return out


def write(panel: Any, kind: str, out: Path) -> str:
    store = panel._store
    check_target(out, store.path)
    if kind in ("graphml", "gexf"):
        nodes, links = write_graph(store, out, kind, replace(panel.current_filter(), limit=None))
        return panel.tr("Wrote %1 entities and %2 links to %3").replace("%1", str(nodes)).replace(
            "%2", str(links)).replace("%3", str(out))
    if kind == "csv":
        rows = write_matrix_csv(store, out, panel.current_filter())
        return panel.tr("Wrote a %1 × %1 matrix to %2").replace("%1", str(rows)).replace("%2", str(out))
    content = panel.item.content
    margin = max(content.width(), content.height()) * 0.06 + 1
    rect = content.adjusted(-margin, -margin, margin + content.width() * 0.15, margin)
    with written_whole(out, xml_parses if kind == "svg" else png_reads) as partial:
        if kind == "svg":
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(partial))
            generator.setSize(QSize(int(rect.width()), int(rect.height())))
            generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
            generator.setTitle(xml_text(store.title))
            _render(panel, generator, rect)
        else:
            image = QImage(int(rect.width() * 2), int(rect.height() * 2), QImage.Format.Format_ARGB32)
            image.fill(0xFFFFFFFF)
            _render(panel, image, rect)
            # The stubs ask for bytes; PySide takes the format as str.
            if not image.save(str(partial), "PNG"):  # type: ignore[call-overload]  # stubs want bytes (see above)
                raise OSError(f"the picture could not be written to {out.parent}")
    return panel.tr("Wrote the picture to %1").replace("%1", str(out))


def _render(panel: Any, device: Any, rect: QRectF) -> None:
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    panel.canvas.scene().render(painter, QRectF(), rect)
    painter.end()

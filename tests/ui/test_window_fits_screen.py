"""No dock makes the window larger than a 1280×800 laptop screen: each dock alone, and all of the
bottom ones tabbed together (the Network dock once made it 1939 px wide)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QInputDialog

SCREEN = QSize(1280, 800)
# What the window may ask for at least: across, room to spare for fonts and styles wider than the
# tests' (it asked for 1275 px here, 1939 px on X11); down, the screen less a desktop's top bar
# (27 px) and the window's title bar (37 px).
ROOM = QSize(1024, 736)
BOTTOM = ("timeline_dock", "claims_dock", "network_dock", "map_dock", "hypotheses_dock", "conflicts_dock",
          "hits_dock")  # the map beside the others
SIDE = ("articles_dock", "annotations_dock", "entities_dock", "search_dock", "editor_dock")


def _long_hypotheses(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.hypotheses_dock.show()
    panel = window.workspace.hypotheses
    titles = iter(["H1: Azerbaijan's troops were sent to take and hold the heights above Lake Sev for good",
                   "H2: The border was never marked on the ground, so both sides believe they stand at home"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(titles), True))
    panel.add_hypothesis()
    panel.add_hypothesis()
    panel.add_claims()


def _fits(qtbot, window, what: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(50)  # layouts settle
    hint = window.minimumSizeHint()
    assert hint.width() <= ROOM.width() and hint.height() <= ROOM.height(), f"{what}: needs {hint.toTuple()}"
    assert window.width() <= SCREEN.width() and window.height() <= SCREEN.height(), \
        f"{what}: the window grew to {window.size().toTuple()}"


@pytest.mark.parametrize("dock", BOTTOM + SIDE)
def test_each_dock_alone_fits_a_laptop_screen(qtbot, open_window, corpus_path: Path, monkeypatch, dock: str) -> None:  # type: ignore[no-untyped-def]
    window = open_window(corpus_path)
    window.resize(SCREEN)
    _long_hypotheses(window, monkeypatch)
    window.hypotheses_dock.hide()
    for name in BOTTOM:
        getattr(window, name).hide()
    getattr(window, dock).show()
    getattr(window, dock).raise_()
    _fits(qtbot, window, dock)


def test_every_dock_open_and_tabbed_fits_a_laptop_screen(qtbot, open_window, corpus_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(corpus_path)
    window.resize(SCREEN)
    _long_hypotheses(window, monkeypatch)
    for name in BOTTOM + SIDE:
        action = getattr(window, name).toggleViewAction()
        if not action.isChecked():
            action.trigger()  # as View > … does
        _fits(qtbot, window, f"with {name} open")
    for name in BOTTOM + SIDE:  # each tab brought to the front in turn
        getattr(window, name).raise_()
        _fits(qtbot, window, f"{name} in front")
    window.timeline_dock.toggleViewAction().trigger()  # closing and opening the timeline again
    window.timeline_dock.toggleViewAction().trigger()
    _fits(qtbot, window, "the timeline toggled")

"""The main window's docks, declared as data: where each sits, which it shares a tab with, which
wait hidden until the View menu shows them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

Area = Qt.DockWidgetArea
# (name, title, area); the order is the View menu's. A bottom dock is hidden until asked for and
# shares one tab with the bottom docks before it.
DOCKS = (
    ("articles", "Articles", Area.LeftDockWidgetArea),
    ("annotations", "Annotations", Area.LeftDockWidgetArea),
    ("entities", "Entities", Area.RightDockWidgetArea),
    ("search", "Search", Area.RightDockWidgetArea),
    ("editor", "Annotation", Area.RightDockWidgetArea),
    ("timeline", "Timeline", Area.BottomDockWidgetArea),  # Ctrl+T; built when first shown
    ("claims", "Claims Board", Area.BottomDockWidgetArea),  # Ctrl+Shift+B
    ("network", "Network", Area.BottomDockWidgetArea),  # Ctrl+Shift+N
    ("map", "Map", Area.BottomDockWidgetArea),  # Ctrl+Shift+M
    ("hypotheses", "Competing Hypotheses", Area.BottomDockWidgetArea),  # Ctrl+Shift+Y
    ("conflicts", "Conflicts", Area.BottomDockWidgetArea),  # Ctrl+Shift+K, and shown by a merge that found some
    ("hits", "Hits", Area.BottomDockWidgetArea),  # Ctrl+Shift+W: watchlists, their hits, saved searches
)
BOTTOM_DOCKS = tuple(name for name, _title, area in DOCKS if area == Area.BottomDockWidgetArea)
# Bottom docks beside another rather than behind its tab: the map follows the timeline's range,
# so both are seen at once.
BESIDE = {"map": "timeline"}
SIDE_TABS = (("articles", "annotations"), ("entities", "search"), ("search", "editor"))
# Made at once, in front at start-up; the panels of the others are built when first seen.
FIRST_SEEN = ("articles", "entities")


def build_docks(window: QMainWindow) -> dict[str, QDockWidget]:
    docks: dict[str, QDockWidget] = {}
    for name, title, area in DOCKS:
        dock = QDockWidget(window.tr(title), window)
        dock.setObjectName(f"{name}_dock")  # restoreState finds docks by object name
        window.addDockWidget(area, dock)
        docks[name] = dock
    for name, neighbour in BESIDE.items():  # before the tabs: a dock split from a tabbed one joins its tabs
        window.splitDockWidget(docks[neighbour], docks[name], Qt.Orientation.Horizontal)
    previous_bottom: QDockWidget | None = None
    for name in BOTTOM_DOCKS:
        dock = docks[name]
        if name not in BESIDE:
            if previous_bottom is not None:
                window.tabifyDockWidget(previous_bottom, dock)
            previous_bottom = dock
        dock.hide()
    for first, second in SIDE_TABS:
        window.tabifyDockWidget(docks[first], docks[second])
    for name in FIRST_SEEN:
        docks[name].raise_()
    return docks

"""One rule for the whole app: the mouse wheel changes a value only in the widget that has the keyboard.

Scrolling a panel or dialog while the pointer passes over a combo box, spin box or slider would
otherwise change its value, one notch a step: a claim's credibility went 3 -> 2 -> 1 -> "Not
graded", saved, while the analyst scrolled to read the rationale. The guard is an event filter on
the application, so every panel and dialog, made now or later, follows it. An unfocused value
widget passes the wheel on to what holds it (the panel scrolls); clicking or tabbing into the
widget first gives it the keyboard, and then the wheel changes it as usual. Scroll bars are
sliders too, but scrolling is their job: they keep the wheel.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QScrollBar, QWidget

VALUE_WIDGETS = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def is_value_widget(widget: QObject) -> bool:
    return isinstance(widget, VALUE_WIDGETS) and not isinstance(widget, QScrollBar)


class WheelGuard(QObject):
    """Event filter on the QApplication: see the module's docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel and is_value_widget(watched):
            assert isinstance(watched, QWidget)
            if not watched.hasFocus():
                event.ignore()  # handed on to the parent (the scroll area), not swallowed
                return True
        elif kind == QEvent.Type.Polish and is_value_widget(watched):
            assert isinstance(watched, QWidget)
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # the wheel must not give it the keyboard
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard on `app` once; later calls return the one installed."""
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
    return guard

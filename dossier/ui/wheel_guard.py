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
            keep_the_wheel_from_focusing(watched)
        return False


def keep_the_wheel_from_focusing(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # the wheel must not give it the keyboard
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard on `app` once; later calls return the one installed.

    The app installs it just after the first paint: an application-wide Python filter sees every
    event of every object, and before the window first shows there are thousands (each new kind
    of object met costs PySide a Python type). The value widgets made before then are given the
    guard's focus policy here, so they behave as if it had been there from the start."""
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        for widget in app.allWidgets():
            if is_value_widget(widget):
                keep_the_wheel_from_focusing(widget)
        app.installEventFilter(guard)
    return guard

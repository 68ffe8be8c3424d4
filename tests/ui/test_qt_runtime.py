"""The Qt build we depend on behaves: PySide6-Essentials 6.12.0 aborted on Python 3.11 with
"Fatal Python error: none_dealloc" after ~5,000 calls returning None. 50,000 such calls, in a
child process so an abort fails this test instead of killing the test run."""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 50_000

CHILD = f"""
from PySide6.QtCore import QObject, QRect
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
obj, rect, label = QObject(), QRect(), QLabel()
for i in range({CALLS}):
    obj.setObjectName("x")   # each returns None
    rect.setWidth(i)
    label.setText("y")
print("survived", flush=True)
"""


def test_fifty_thousand_qt_calls_returning_none_do_not_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=300)
    assert "none_dealloc" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"


def test_the_installed_qt_is_the_slim_essentials_build_of_611() -> None:
    from importlib.metadata import PackageNotFoundError, version

    assert version("PySide6-Essentials").startswith("6.11.")
    try:
        version("PySide6-Addons")
    except PackageNotFoundError:
        pass
    else:  # pragma: no cover
        raise AssertionError("PySide6-Addons is installed: depend on PySide6-Essentials only")

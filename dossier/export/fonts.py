"""The bundled Unicode font (DejaVu Sans: Latin, Cyrillic, Armenian, Greek, Arabic, Hebrew),
registered once with Qt; anything it lacks falls back to the system's fonts."""

from __future__ import annotations

from dossier.paths import resources_dir

FAMILY = "DejaVu Sans"
_registered = False


def register_fonts() -> str:
    """Register the bundled fonts (needs a QGuiApplication); returns the family name."""
    global _registered
    if not _registered:
        from PySide6.QtGui import QFontDatabase

        for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
        _registered = True
    return FAMILY

"""Every setting declared once, with its type and default, over QSettings.

Preferences and window state are kept apart: state (geometry, dock layout) is what the app
remembers by itself, preferences are what the user chose. Tests pass a QSettings on a temporary
file, so they never touch the user's real settings.
"""

from __future__ import annotations

from typing import Any, Generic, NamedTuple, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")
MAX_RECENT = 10


class Key(NamedTuple, Generic[T]):
    name: str
    default: T


LAST_DOSSIER = Key("session/last_dossier", "")
RECENT_DOSSIERS: Key[list[str]] = Key("session/recent_dossiers", [])
ENTITY_HIGHLIGHTING = Key("preferences/entity_highlighting", True)
ANALYST_NAME = Key("preferences/analyst_name", "")
HANDLING = Key("export/handling", "")  # the cover's handling line, as last given
EXPORT_FOLDER = Key("preferences/export_folder", "")
THEME = Key("preferences/theme", "system")  # system | light | dark
OCR_LANGUAGES = Key("preferences/ocr_languages", "")  # "hye+eng"; empty: ingest.ocr_engine.AUTO_LANGUAGES
WINDOW_GEOMETRY = Key("state/window_geometry", QByteArray())
WINDOW_STATE = Key("state/window_state", QByteArray())


class Settings:
    def __init__(self, backend: QSettings | None = None) -> None:
        self._backend = backend if backend is not None else QSettings("Dossier", "Dossier")

    def get(self, key: Key[T]) -> T:
        value: Any = self._backend.value(key.name, key.default)
        return cast(T, _as_type_of(key.default, value))  # the key's type, as _as_type_of makes it

    def set(self, key: Key[T], value: T) -> None:
        self._backend.setValue(key.name, value)  # QSettings writes it out by itself, soon after

    def flush(self) -> None:
        """Write pending changes now (on closing the window)."""
        self._backend.sync()

    def add_recent(self, path: str) -> None:
        recent = [p for p in self.get(RECENT_DOSSIERS) if p != path]
        self.set(RECENT_DOSSIERS, [path, *recent][:MAX_RECENT])
        self.set(LAST_DOSSIER, path)


def _as_type_of(default: Any, value: Any) -> object:
    """A stored value as the type of the key's default: INI files give back text."""
    if isinstance(default, bool):  # "true"/"false"
        return (value in (True, "true", "1", 1)) if not isinstance(value, bool) else value
    if isinstance(default, list):
        if value in (None, ""):
            return []
        return [str(v) for v in (value if isinstance(value, list) else [value])]
    if isinstance(default, QByteArray):
        return value if isinstance(value, QByteArray) else QByteArray()
    return type(default)(value) if value is not None else default

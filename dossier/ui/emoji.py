"""A colour emoji font for the window, where the desktop has none.

Articles quote social-media posts, and those carry emoji; a desktop without an emoji font shows
empty boxes where the source had a flag or a face. The desktop's own font is used when it has
one (Debian: fonts-noto-color-emoji, which `.ci/install-system-packages --desktop` installs);
otherwise the bundle's copy of Noto Color Emoji is added to the application's fonts, where
Qt's font fallback finds it. The PDF keeps DejaVu Sans.
"""

from __future__ import annotations

from pathlib import Path

from dossier.paths import resources_dir

BUNDLED = "emoji/NotoColorEmoji.ttf"  # under resources, in the desktop bundle only


def emoji_family() -> str | None:
    """A font family of this system that draws emoji, or None."""
    from PySide6.QtGui import QFontDatabase

    return next((f for f in QFontDatabase.families() if "emoji" in f.casefold()), None)


def ensure_emoji_font(bundled: Path | None = None) -> str | None:
    """The emoji family the window can use: the system's, else the bundled one, added now."""
    found = emoji_family()
    if found is not None:
        return found
    path = bundled or resources_dir() / BUNDLED
    if not path.is_file():
        return None
    from PySide6.QtGui import QFontDatabase

    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None

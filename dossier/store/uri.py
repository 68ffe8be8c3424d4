"""The URI SQLite opens a dossier by: one function, below both the plain and the encrypted way of
connecting (store/files.py, store/encryption.py)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def sqlite_uri(path: Path, **parameters: str) -> str:
    """The URI SQLite opens `path` by, its absolute path quoted: "#" and "?" in a file name stay
    part of the name (SQLite here reads any name starting with "file:" as a URI, too)."""
    absolute = Path(os.path.abspath(path)).as_posix()
    if not absolute.startswith("/"):  # C:/… on Windows
        absolute = "/" + absolute
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    return f"file:{quote(absolute, safe='/:')}" + (f"?{query}" if query else "")

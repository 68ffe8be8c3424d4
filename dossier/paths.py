"""Where Dossier keeps the user's files: data folder, backups, the first-run sample dossier.

One module names these locations for the store, the CLI and the GUI alike. The environment
variable DOSSIER_DATA_DIR overrides the platform folder (tests and benchmarks use it, and so can
a user who wants everything on an encrypted volume).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Dossier"
SAMPLE_FILE_NAME = "Armenia-Azerbaijan border, May 2021.dossier"


def data_dir() -> Path:
    override = os.environ.get("DOSSIER_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # only when needed: start-up may not have to ask

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """What can be made again and is kept to save time (pages read by OCR): the platform's cache
    folder, or "cache" in DOSSIER_DATA_DIR."""
    override = os.environ.get("DOSSIER_DATA_DIR")
    if override:
        return Path(override) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def backups_dir(dossier_path: Path) -> Path:
    """The backup folder of one dossier: named after the file, made unique by its full path."""
    import hashlib

    resolved = Path(dossier_path).resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return data_dir() / "backups" / f"{resolved.stem}-{digest}"


def sample_dossier_path() -> Path:
    return data_dir() / SAMPLE_FILE_NAME


def resources_dir() -> Path:
    """The shipped resources: inside the package when installed from a wheel or bundled,
    beside it in a source checkout or editable install."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if (candidate / "sample").is_dir():
            return candidate
    raise FileNotFoundError(f"Dossier's resources folder is missing (looked beside {package})")

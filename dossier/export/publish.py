"""Read-only publishing with Datasette: the command that serves a dossier, with canned queries.

The queries (claims by status with their grades, an entity's mentions, the chronology) ship in
`resources/datasette/metadata.json`. Datasette files canned queries under the database's name,
which is the dossier's file name without its extension, so `publish` writes a copy of the
metadata for that name beside the user's other Dossier data and prints the command: Datasette
serves the file immutable (read-only, never locked or written) on this computer only.
"""

from __future__ import annotations

import json
from pathlib import Path

from dossier.paths import data_dir, resources_dir
from dossier.store.atomic import json_parses, written_whole

TEMPLATE = "datasette/metadata.json"
PLACEHOLDER = "DOSSIER"


def database_name(path: Path) -> str:
    """The name Datasette gives the file: its name without the extension."""
    return Path(path).stem


def metadata_for(path: Path) -> dict[str, object]:
    metadata = json.loads((resources_dir() / TEMPLATE).read_text(encoding="utf-8"))
    databases = metadata["databases"]
    databases[database_name(path)] = databases.pop(PLACEHOLDER)
    return metadata  # type: ignore[no-any-return]  # json gives Any; the template is a dict


def write_metadata(path: Path, folder: Path | None = None) -> Path:
    """The metadata for this dossier, written (atomically) where Dossier keeps its data."""
    target_folder = folder or data_dir() / "datasette"
    target_folder.mkdir(parents=True, exist_ok=True)
    out = target_folder / f"{database_name(path)}-metadata.json"
    with written_whole(out, json_parses) as partial:
        partial.write_text(json.dumps(metadata_for(path), ensure_ascii=False, indent=2), encoding="utf-8")
    return out


def publish_command(path: Path, port: int = 8001, folder: Path | None = None) -> list[str]:
    """The Datasette command that serves `path` read-only with the canned queries."""
    metadata = write_metadata(path, folder)
    return ["datasette", "serve", "--immutable", str(Path(path).resolve()), "--metadata", str(metadata),
            "--host", "127.0.0.1", "--port", str(port)]

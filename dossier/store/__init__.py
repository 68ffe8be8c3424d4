"""The dossier file: one SQLite database behind a plain-Python API. Never imports Qt.

What other layers use (nothing else of the store is public):
- `Database`: an open dossier (`Database.open(path)`, `.create(path, title)`, `.open_readonly`,
  `.reading`, `.second_writer`; close when done or use `with`). It owns the connection, the
  writer lock, transactions (`transaction()`, `recording()`, `replay()`), meta and counts, and
  one typed query object per area: `db.articles`, `db.sources`, `db.entities`, `db.events`,
  `db.annotations`, `db.evidence`, `db.tags`, `db.claims`, `db.extraction`, `db.network`,
  `db.ach`, `db.team`, `db.search`, `db.provenance` (their classes live in the area's module).
- `read_info(path)`: what `dossier info` prints, read without writing.
- Errors: `DossierError` and its kinds (`DossierNotFound`, `NotADossier`, `CorruptDossier`,
  `NewerDossier`, `DossierLocked`, `ReadOnlyDossier`).
- `SCHEMA_VERSION`, and the records `EntityRow`, `NewEvent`, `NewMention` (from core.models).
Records the store returns are core's (dossier.core.models), or small named tuples of the area's
module (e.g. store.claims.ClaimRow, store.network.Network).
"""

from __future__ import annotations

from dossier.core.models import EntityRow, NewEvent, NewMention
from dossier.store.database import Database, read_info
from dossier.store.errors import (
    CorruptDossier,
    DossierError,
    DossierLocked,
    DossierNotFound,
    NewerDossier,
    NotADossier,
    ReadOnlyDossier,
)
from dossier.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "CorruptDossier",
    "Database",
    "DossierError",
    "DossierLocked",
    "DossierNotFound",
    "EntityRow",
    "NewEvent",
    "NewMention",
    "NewerDossier",
    "NotADossier",
    "ReadOnlyDossier",
    "read_info",
]

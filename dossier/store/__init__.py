"""The dossier file: one SQLite database behind a plain-Python API. Never imports Qt."""

from __future__ import annotations

from dossier.store.ach import AchMatrix, AchQueries
from dossier.store.annotations import AnnotationHistory, AnnotationQueries
from dossier.store.articles import ArticleHistory, ArticleQueries
from dossier.store.claims import ClaimQueries
from dossier.store.database import Database, read_info
from dossier.core.models import EntityRow, NewEvent, NewMention
from dossier.store.entities import EntityEdits, EntityQueries
from dossier.store.errors import (
    CorruptDossier,
    DossierError,
    DossierLocked,
    DossierNotFound,
    NewerDossier,
    NotADossier,
    ReadOnlyDossier,
)
from dossier.store.extraction import ExtractionWrites
from dossier.store.schema import SCHEMA_VERSION
from dossier.store.network import NetworkQueries
from dossier.store.provenance import ProvenanceQueries
from dossier.store.search import SearchQueries
from dossier.store.team import TeamQueries


class Store(ArticleQueries, ArticleHistory, EntityQueries, EntityEdits, AnnotationQueries, AnnotationHistory,
            ClaimQueries, ExtractionWrites, NetworkQueries, AchQueries, AchMatrix, TeamQueries, SearchQueries,
            ProvenanceQueries, Database):
    """An open dossier. `Store.open(path)` / `Store.create(path, title)`; close when done."""


__all__ = [
    "CorruptDossier", "DossierError", "DossierLocked", "DossierNotFound", "EntityRow", "NewEvent", "NewMention",
    "NewerDossier", "NotADossier", "ReadOnlyDossier", "SCHEMA_VERSION", "Store", "read_info",
]

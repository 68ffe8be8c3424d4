"""Where a dossier's places are: its place entities matched to the world gazetteer
(ingest.world_places.map_places, analysis.places) with the analyst's decisions over them. Read by
the map, the exports and the report, on whatever thread reads the store."""

from __future__ import annotations

from functools import lru_cache

from dossier.analysis.places import Gazetteer, GazetteerRow, MapPlace, PlaceEntity, locate_places
from dossier.ingest.world_places import map_places
from dossier.store import Database


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per process (about 75,000 rows, a fraction of a second)."""
    return Gazetteer(GazetteerRow(*row) for row in map_places())


def dossier_places(store: Database) -> list[MapPlace]:
    """Every place entity of the dossier, with its position (None: not found, or off the map)."""
    entities = [PlaceEntity(*row) for row in store.places.entities()]
    return locate_places(entities, store.places.decisions(), gazetteer())

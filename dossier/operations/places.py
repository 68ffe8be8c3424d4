"""Edits of where places are: put a place on the map (drag it, or type its latitude and
longitude), take it off the map, or give it back to the gazetteer. Each is one undo step."""

from __future__ import annotations

from dossier.core.changes import Changes
from dossier.core.models import Entity
from dossier.core.places import position_problem
from dossier.operations import Edit, Refused, existing
from dossier.store import Database


def _place(store: Database, entity_id: int) -> Entity:
    entity = existing(store, "entity", store.entities.get, entity_id)
    if entity.kind != "place":
        raise Refused(f"“{entity.name}” is not a place: only places go on the map.")
    return entity


class SetPlacePosition(Edit):
    text = "Move place on the map"

    def __init__(self, entity_id: int, latitude: float, longitude: float) -> None:
        self.entity_id, self.latitude, self.longitude = entity_id, latitude, longitude

    def validate(self, store: Database) -> None:
        _place(store, self.entity_id)
        problem = position_problem(self.latitude, self.longitude)
        if problem:
            raise Refused(problem)

    def apply(self, store: Database) -> Changes:
        store.places.set_position(self.entity_id, round(self.latitude, 5), round(self.longitude, 5))
        return Changes(entities=[self.entity_id])


class MarkOffMap(Edit):
    text = "Mark place not on the map"

    def __init__(self, entity_id: int) -> None:
        self.entity_id = entity_id

    def validate(self, store: Database) -> None:
        _place(store, self.entity_id)

    def apply(self, store: Database) -> Changes:
        store.places.set_off_map(self.entity_id)
        return Changes(entities=[self.entity_id])


class ResetPlacePosition(Edit):
    """The analyst's decision goes: the place is where the gazetteer has it (if it has it)."""

    text = "Place where the gazetteer has it"

    def __init__(self, entity_id: int) -> None:
        self.entity_id = entity_id

    def validate(self, store: Database) -> None:
        _place(store, self.entity_id)
        if store.places.decision(self.entity_id) is None:
            raise Refused("This place is already where the gazetteer has it.")

    def apply(self, store: Database) -> Changes:
        store.places.forget(self.entity_id)
        return Changes(entities=[self.entity_id])

"""A mention extraction proposes, before the user decides: what both extraction (ingest.extract)
and its corrections (ingest.refine) speak."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProposedMention:
    start: int
    end: int
    surface: str
    name: str  # the entity it stands for ("Russia" for "Russian")
    kind: str
    sure: bool = False  # written down (the ruler, the dossier's names), not the model's guess

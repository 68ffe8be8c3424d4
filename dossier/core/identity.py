"""Stable identities for a dossier and its annotations, the same in every export and merge: an
annotation exported as Web Annotation JSON and the same annotation met again in a merge are
recognised as one, so neither brings it in twice."""

from __future__ import annotations

import uuid


def dossier_uuid(created: str | None, title: str) -> uuid.UUID:
    """A dossier's identity, from its creation time and title."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"dossier:{created}:{title}")


def annotation_iri(base: uuid.UUID, annotation_id: int, created: str) -> str:
    return f"urn:uuid:{uuid.uuid5(base, f'{annotation_id}:{created}')}"

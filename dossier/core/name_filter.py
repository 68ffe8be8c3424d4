"""Filtering many names as the user types, fast.

A proxy model that calls back into Python for each of 50,000 rows costs about a second per
keystroke; a prepared list of case-folded keys filtered with `in` costs a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable


class NameFilter:
    """Holds (key, id) pairs; `matching(text)` gives the ids whose key contains `text`."""

    def __init__(self, items: Iterable[tuple[int, Iterable[str]]]) -> None:
        # One key per item: its names joined by a separator no typed text contains.
        self._keys = [("\x1f".join(names).casefold(), item_id) for item_id, names in items]

    def matching(self, text: str) -> list[int]:
        needle = text.strip().casefold()
        if not needle:
            return [item_id for _, item_id in self._keys]
        return [item_id for key, item_id in self._keys if needle in key]

    def __len__(self) -> int:
        return len(self._keys)

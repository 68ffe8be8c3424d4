"""Export files appear whole or not at all: written under a temporary name beside the target,
renamed over it when complete, removed on any failure (or cancel). Targets are checked first
with `store.targets.check_target`: never a dossier, and the real reason when one can't be written."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def partial_path(out: Path) -> Path:
    """Where `out` is written until it is complete (hidden, in the same folder: the rename
    that finishes it never crosses a file system)."""
    return out.with_name(f".{out.name}.partial")


@contextmanager
def written_whole(out: Path) -> Iterator[Path]:
    """Yield the temporary path to write; on success it becomes `out`, on failure it goes."""
    partial = partial_path(out)
    try:
        yield partial
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

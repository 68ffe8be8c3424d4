"""Where a file may be written: never over a dossier (the one being exported or copied, its
companion files, or any other), and a clear reason when a place can't be written at all.

Every command that writes a file of its own (an export, Save a Copy) asks here first, before any
work is done, so no export can destroy a dossier and no failure surfaces as a stack of Qt
warnings halfway through a PDF."""

from __future__ import annotations

import os
from pathlib import Path

from dossier.store.schema import APPLICATION_ID

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID_AT = 68  # where SQLite's header keeps PRAGMA application_id


class TargetRefused(ValueError):
    """A target that must not be written; the message says why and what to do."""


def check_target(out: Path, dossier: Path | None = None) -> None:
    """Refuse a target that is (or would overwrite) a dossier, and one that can't be written,
    with the real reason, before any work is done."""
    if dossier is not None:
        companions = [dossier, *(dossier.with_name(dossier.name + s) for s in ("-wal", "-shm", ".lock"))]
        if any(_same(out, c) for c in companions):
            raise TargetRefused(f"{out} is the dossier itself (or one of its files); choose another name.")
    if out.is_dir():
        raise TargetRefused(f"{out} is a folder; give the file a name.")
    if _is_a_dossier(out):
        raise TargetRefused(f"{out} is a dossier; it is never replaced by an export or a copy. Choose another "
                            "name.")
    if not out.parent.is_dir():
        raise TargetRefused(f"can't write {out}: the folder {out.parent} does not exist.")
    partial = out.with_name(f".{out.name}.probe")  # the export is written beside it, then renamed
    try:
        with partial.open("wb"):
            pass
    except OSError as error:
        raise TargetRefused(f"can't write {out}: {error.strerror or error}.") from error
    finally:
        partial.unlink(missing_ok=True)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _is_a_dossier(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            header = f.read(72)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and header[APPLICATION_ID_AT:APPLICATION_ID_AT + 4] == \
        APPLICATION_ID.to_bytes(4, "big")

"""Which backups a dossier has: their names, stamped with the time each was taken, in the user's
data folder (dossier.paths). Reading names only, below both the backups that write them and the
inspection that offers the newest good one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from dossier.paths import backups_dir

CLOCK_SLACK = timedelta(minutes=5)
STAMP = "%Y%m%dT%H%M%S%fZ"
SUFFIX = ".dossier"


def list_backups(dossier_path: Path, now: datetime | None = None) -> list[Path]:
    """This dossier's backups, newest first. One stamped in the future (a clock that was wrong
    when it was made) comes last, so it can't pass for the newest forever."""
    folder = backups_dir(dossier_path)
    if not folder.is_dir():
        return []
    limit = (now or datetime.now(UTC)) + CLOCK_SLACK
    stamped = [(p, taken) for p in folder.glob(f"*{SUFFIX}") if (taken := backup_taken_at(p)) is not None]
    return [p for p, _ in sorted(stamped, key=lambda pair: (pair[1] <= limit, pair[1]), reverse=True)]


def backup_taken_at(backup: Path) -> datetime | None:
    stamp = backup.name.removesuffix(SUFFIX).rpartition("-")[2]
    try:
        return datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None

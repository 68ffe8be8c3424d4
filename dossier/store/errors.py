"""Why a dossier can't be opened, in words a user can act on."""

from __future__ import annotations

from pathlib import Path


class DossierError(Exception):
    """Base class: every message names the file and says what to do."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DossierNotFound(DossierError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path, f"{path}: no such file.")


class NotADossier(DossierError):
    """Not an SQLite file at all, or an SQLite database of another program."""


class CorruptDossier(DossierError):
    """Truncated or damaged. `backup` is the newest backup that passed its check, if any."""

    def __init__(self, path: Path | str, problem: str, backup: Path | None = None) -> None:
        advice = (
            f" The newest good backup is {backup}; restore it with File > Restore from Backup "
            f"or `dossier restore {path}`."
            if backup
            else " No backup of it was found."
        )
        super().__init__(path, f"{path} is damaged ({problem}); it was left unchanged.{advice}")
        self.problem = problem
        self.backup = backup


class NewerDossier(DossierError):
    def __init__(self, path: Path | str, version: int, supported: int) -> None:
        super().__init__(
            path,
            f"{path} was written by a newer version of Dossier (format {version}; this app reads "
            f"up to {supported}). Update Dossier to open it; the file was left unchanged.",
        )
        self.version = version
        self.supported = supported


class DossierLocked(DossierError):
    def __init__(self, path: Path | str, holder: str) -> None:
        super().__init__(
            path,
            f"{path} is already open in another copy of Dossier ({holder}). Close it there, "
            "or open a copy of the file instead.",
        )
        self.holder = holder


class UnsafeLockFile(DossierError):
    """The lock file beside the dossier is a link (following it would overwrite another file), a
    pipe, a device or a socket."""

    def __init__(self, path: Path | str, lock: Path, what: str = "a link") -> None:
        super().__init__(path, f"{lock} is {what}, not Dossier's lock file; nothing was written to it. "
                               f"Remove it, then open {path} again.")


class ReadOnlyDossier(DossierError):
    """The file or its folder can't be written (a read-only medium, missing permissions)."""


class MigrationError(DossierError):
    pass

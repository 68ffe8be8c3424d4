"""One writer per dossier: an advisory lock on a small file beside it.

The operating system releases the lock when its process ends, however it ends, so a lock left
by a killed process is recovered by simply taking it again. The file's text says who holds it
(for the message a second copy shows). A clean close removes the file; a holder that died leaves
it behind, saying "open", which tells the next one to check the dossier's integrity first.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path

from dossier.store.errors import DossierLocked, ReadOnlyDossier, UnsafeLockFile
from dossier.store.files import what_it_is


def lock_path(dossier_path: Path) -> Path:
    return dossier_path.with_name(dossier_path.name + ".lock")


class DossierLock:
    """Held from open to close of a dossier for writing."""

    def __init__(self, dossier_path: Path) -> None:
        self.dossier_path = dossier_path
        self.path = lock_path(dossier_path)
        self._fd: int | None = None
        self._previous = ""
        self.previous_exit_unclean = False

    def acquire(self) -> None:
        while True:
            fd = self._open()
            if not _try_lock(fd):
                holder = _read(fd).strip().partition("\n")[0] or "another process"
                os.close(fd)
                raise DossierLocked(self.dossier_path, holder.removeprefix("open "))
            if _still_at_path(fd, self.path):
                break
            # The holder closed and removed the file between our open and our lock: the lock we
            # got is on a file nobody else will see. Start again with the current file.
            os.close(fd)
        self._previous = _read(fd)
        # A file left saying "open" means its holder died without closing the dossier.
        self.previous_exit_unclean = self._previous.startswith("open")
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        _write(fd, f"open pid {os.getpid()} on {_host()} since {stamp}\n")
        self._fd = fd

    def release(self) -> None:
        """A clean close removes the lock file, so nothing is left beside the dossier."""
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass  # Windows refuses to remove an open file; the next holder overwrites it
        finally:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    def abandon(self) -> None:
        """Give the lock up without having opened the dossier: leave the lock file as it was
        found, so a crash mark stays for the next attempt (which must check the file again)."""
        if self._fd is None:
            return
        if self._previous:
            try:
                _write(self._fd, self._previous)
            finally:
                os.close(self._fd)
                self._fd = None
        else:
            self.release()

    def _open(self) -> int:
        # Never through a link: a lock file that is a symlink would have its target overwritten.
        if self.path.is_symlink():
            raise UnsafeLockFile(self.dossier_path, self.path)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # it became a link after the check above
                raise UnsafeLockFile(self.dossier_path, self.path) from exc
            raise ReadOnlyDossier(
                self.dossier_path,
                f"Can't write in {self.path.parent} ({exc.strerror}); "
                "copy the dossier to a folder you can write to.",
            ) from exc
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # a pipe, device or socket put in its place: never written to
            os.close(fd)

            raise UnsafeLockFile(self.dossier_path, self.path, what_it_is(mode))
        return fd

    @property
    def held(self) -> bool:
        return self._fd is not None


def _host() -> str:
    """This machine's name, for the message a second copy shows (no socket module at start-up)."""
    return os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "this computer")


def _still_at_path(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 4096).decode("utf-8", "replace")


def _write(fd: int, text: str) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, text.encode("utf-8"))
    os.fsync(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        # Lock a byte far past the text, so the text itself stays readable for the message.
        os.lseek(fd, 1 << 20, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

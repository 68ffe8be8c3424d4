"""FileController: new, open, recent, save a copy, restore from a backup, close, quit; and the
opening of a file itself: upgraded on a worker when it is of an older format, checked on a worker
while it is shown, and a damaged one offered its newest good backup."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from dossier.store import Database, DossierError
from dossier.store.encryption import PassphraseNeeded, is_encrypted
from dossier.ui import settings as keys
from dossier.ui.controllers.base import Controller, Window

if TYPE_CHECKING:
    from dossier.ui.session import DossierSession

DOSSIER_FILTER = "Dossiers (*.dossier);;All files (*)"


class FileController(Controller):
    def __init__(self, window: Window, open_store: Callable[[Path], Database] | None = None) -> None:
        super().__init__(window)
        # The file is shown at once; its integrity check runs on a worker (see check).
        self._open_store = open_store or (lambda path: Database.open(path, verify=False))
        std = QKeySequence.StandardKey
        self.new_action = self.action(self.tr("&New Dossier…"), self.new_dossier, std.New, needs_dossier=False)
        self.open_action = self.action(self.tr("&Open…"), self.choose_and_open, std.Open, needs_dossier=False)
        self.recent_menu = QMenu(self.tr("Open &Recent"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_copy_action = self.action(self.tr("Save a &Copy…"), self.save_copy, std.SaveAs)
        self.protect_action = self.action(self.tr("&Protect with a Passphrase…"), self.protect_dossier, tip=self.tr(
            "Encrypt the dossier and its backups: the file opens only with the passphrase"))
        self.restore_action = self.action(self.tr("Restore from &Backup…"), self.restore_from_backup)
        self.close_action = self.action(self.tr("&Close"), window.close_dossier, std.Close)
        self.quit_action = self.action(self.tr("&Quit"), window.close, std.Quit, needs_dossier=False)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    # -- opening ------------------------------------------------------------------------------

    def open_dossier(self, path: Path) -> bool:
        """Open `path`, or explain why not (offering a backup for a damaged file). A dossier of an
        older format is backed up and upgraded on a worker, the window saying so (at 100,000
        articles that takes half a minute): True then means it is being opened."""
        from dossier.store.inspect import needs_upgrade  # lazy: on first use, off the start-up path

        if needs_upgrade(path):
            self._open_upgrading(path)
            return True
        try:
            store = self._open_store(path)
        except PassphraseNeeded:  # asked in a dialog that unlocks it, then opened as any other
            from dossier.ui.passphrase import ask_passphrase  # lazy: on first use, off the start-up path

            return ask_passphrase(path, self.window.tasks, self.window) and self.open_dossier(path)
        except DossierError as error:
            return self._explain_open_error(path, error)
        self.window.set_store(store)
        return True

    def store_opened(self, store: Database) -> None:
        """The window shows `store`: the protect command says what it would do to it."""
        self.protect_action.setText(self.tr("Remove the &Passphrase…") if is_encrypted(store.path)
                                    else self.tr("&Protect with a Passphrase…"))

    def protect_dossier(self) -> None:
        """File > Protect with a Passphrase… (Remove the Passphrase… once protected)."""
        ws = self.workspace
        if ws is None:
            return
        from dossier.ui.passphrase import protect_or_remove  # lazy: on first use, off the start-up path

        ws.session.flush_pending()
        self.protect_flow = protect_or_remove(
            self.window, self.window.tasks, ws.store.path, lambda: (self.window.close_dossier(), True)[1],
            self.window.open_dossier, lambda text: self.window.statusBar().showMessage(text, 15000))

    def _explain_open_error(self, path: Path, error: DossierError) -> bool:
        from dossier.ui.open_errors import explain_open_error  # lazy: on first use, off the start-up path

        backup: Path | None = getattr(error, "backup", None)  # a damaged file's newest good backup
        if explain_open_error(self.window, error) and backup is not None:
            return self._restore_then_open(path, backup)
        return False

    def _open_upgrading(self, path: Path) -> None:
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(self.tr("Upgrading %1 to this version's format (a backup is made first)…")
                                   .replace("%1", path.name), "", 0, 0, self.window)
        progress.setWindowTitle(self.tr("Opening %1").replace("%1", path.name))
        progress.setCancelButton(None)  # no Cancel: an upgrade step ends whole
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setValue(0)
        self.say(progress.labelText())

        def opened(store: Database) -> None:
            self.window.statusBar().clearMessage()
            progress.reset()
            progress.deleteLater()
            self.window.set_store(store)

        def failed(error: BaseException) -> None:
            self.window.statusBar().clearMessage()
            progress.reset()
            progress.deleteLater()
            if isinstance(error, DossierError):
                self._explain_open_error(path, error)
            else:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self.window, self.tr("Open"),
                                    self.tr("%1 could not be upgraded (it is left as it was; a backup was made "
                                            "first): %2").replace("%1", path.name).replace("%2", str(error)))

        open_store = self._open_store
        self.window.tasks.run(lambda: open_store(path), on_done=opened, on_error=failed)

    def check(self, session: DossierSession) -> None:
        """Run SQLite's quick_check on a worker (a second or so for a large dossier) while the
        dossier is shown; edits are refused until it passes. A damaged file is closed unchanged,
        with an offer of its newest good backup."""
        if session.writable:
            return
        checking = self.tr("Checking the dossier…")
        self.say(checking, 30000)

        def checked(problem: str) -> None:
            if not session.is_open:
                return
            if self.window.statusBar().currentMessage() == checking:
                self.window.statusBar().clearMessage()
            if problem == "ok":
                session.mark_writable()
                return
            from dossier.store.backups import newest_good_backup  # lazy: on first use, off the start-up path
            from dossier.store.errors import CorruptDossier  # lazy: on first use, off the start-up path
            from dossier.ui.open_errors import explain_open_error  # lazy: on first use, off the start-up path

            path = session.store.path
            if self.workspace is not None and self.workspace.session is session:
                self.window.close_dossier()
            error = CorruptDossier(path, problem, newest_good_backup(path))
            if explain_open_error(self.window, error) and error.backup is not None:
                self._restore_then_open(path, error.backup)

        self.window.tasks.run(session.store.integrity_problem, checked,
                              lambda error: checked(f"the check could not run ({error})"))

    # -- the menu's commands --------------------------------------------------------------------

    def choose_and_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open Dossier"), "", self.tr(DOSSIER_FILTER))
        if path:
            self.open_dossier(Path(path))

    def new_dossier(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from dossier.ui.open_errors import explain_open_error  # lazy: on first use, off the start-up path

        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("New Dossier"), "", self.tr(DOSSIER_FILTER))
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".dossier")
        try:
            store = Database.create(target, target.stem)
        except DossierError as error:
            explain_open_error(self.window, error)
            return
        self.window.set_store(store)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.window.settings.get(keys.RECENT_DOSSIERS)
        for entry in recent:
            self.recent_menu.addAction(Path(entry).name, self._opener(Path(entry))).setToolTip(entry)
        if not recent:
            self.recent_menu.addAction(self.tr("No recent dossiers")).setEnabled(False)

    def _opener(self, path: Path) -> Callable[[], object]:
        return lambda: self.open_dossier(path)

    def save_copy(self) -> None:
        if self.workspace is None:
            return
        from PySide6.QtWidgets import QFileDialog

        store = self.workspace.store
        suggestion = str(store.path.with_name(store.path.stem + " copy.dossier"))
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save a Copy"), suggestion,
                                              self.tr(DOSSIER_FILTER))
        if path:
            from PySide6.QtWidgets import QMessageBox

            from dossier.store.targets import TargetRefused  # lazy: on first use, off the start-up path

            try:
                store.save_copy(Path(path))
            except (TargetRefused, OSError, sqlite3.Error) as error:
                QMessageBox.warning(self.window, self.tr("Save a Copy"), str(error))
                return
            self.say(self.tr("Saved a copy to %1").replace("%1", path), 5000)

    def restore_from_backup(self) -> None:
        if self.workspace is None:
            return
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from dossier.store.backups import backup_taken_at, list_backups  # lazy: on first use, off the start-up path

        path = self.workspace.store.path
        backups = list_backups(path)
        if not backups:
            QMessageBox.information(self.window, self.tr("Restore from Backup"),
                                    self.tr("This dossier has no backups yet."))
            return
        labels = [f"{backup_taken_at(b):%Y-%m-%d %H:%M} UTC — {b.name}" for b in backups]
        label, ok = QInputDialog.getItem(self.window, self.tr("Restore from Backup"),
                                         self.tr("Replace the dossier with the backup taken at:"), labels, 0, False)
        if ok:
            self.window.close_dossier()
            self._restore_then_open(path, backups[labels.index(label)])

    def _restore_then_open(self, path: Path, backup: Path) -> bool:
        from dossier.store.backups import restore_backup  # lazy: on first use, off the start-up path

        try:
            aside = restore_backup(path, backup)
        except (OSError, DossierError) as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self.window, self.tr("Restore from Backup"), str(error))
            return False
        self.say(self.tr("Restored; the previous file is kept as %1").replace("%1", aside.name), 10000)
        return self.open_dossier(path)

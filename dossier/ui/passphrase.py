"""Passphrases in the window: the prompt when an encrypted dossier is opened, and File > Protect
with a Passphrase… (or Remove the Passphrase… once it is protected).

The key derivation takes about a second on purpose, so both run it on the task runner while the
dialog says what it is doing; a wrong passphrase is said in the dialog, which stays open for
another try. Protecting closes the dossier (nobody may write it while it is rewritten), encrypts
it on a worker and opens it again with the key it was given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from dossier.store import encryption

if TYPE_CHECKING:
    from dossier.ui.tasks import TaskRunner


class PassphrasePrompt(QDialog):
    """Asks the passphrase of the encrypted dossier `path` and unlocks it on `tasks`; accepted
    once it opened, rejected on Cancel. The dialog stays open after a wrong passphrase."""

    def __init__(self, path: Path, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path, self._tasks = path, tasks
        self.setWindowTitle(self.tr("Encrypted Dossier"))
        self.intro = QLabel(self.tr("%1 is protected with a passphrase. Enter it to open the dossier.")
                            .replace("%1", path.name), wordWrap=True)
        self.field = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Passphrase"))
        self.message = QLabel("", wordWrap=True)
        self.message.setAccessibleName(self.tr("Why the passphrase was refused"))
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton(self.tr("Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._on_open_clicked)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        label = QLabel(self.tr("&Passphrase:"))
        label.setBuddy(self.field)
        form.addRow(label, self.field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.field.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text)))
        self.open_button.setEnabled(False)
        self.open_button.setDefault(True)
        self.setMinimumWidth(440)

    def _on_open_clicked(self) -> None:
        passphrase = self.field.text()
        if not passphrase:
            return
        self._busy(True)
        path = self._path
        self._tasks.run(lambda: encryption.unlock(path, passphrase),
                        on_done=lambda _none: self.accept(), on_error=self._on_refused)

    def _on_refused(self, error: BaseException) -> None:
        self._busy(False)
        self.message.setText(str(error) if isinstance(error, encryption.WrongPassphrase)
                             else self.tr("It could not be opened: %1").replace("%1", str(error)))
        self.message.show()
        self.adjustSize()  # room for the refusal's lines
        self.field.selectAll()
        self.field.setFocus()

    def _busy(self, busy: bool) -> None:
        self.field.setEnabled(not busy)
        self.open_button.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Checking the passphrase…"))
            self.message.show()


def ask_passphrase(path: Path, tasks: TaskRunner, parent: QWidget | None) -> bool:
    """Prompt for the passphrase of `path` until it opens or the user cancels; True if it opened."""
    prompt = PassphrasePrompt(path, tasks, parent)
    try:
        return prompt.exec() == QDialog.DialogCode.Accepted
    finally:
        prompt.deleteLater()


class ProtectDialog(QDialog):
    """A new passphrase, typed twice; `passphrase()` once accepted."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        from dossier.store.protect import MIN_PASSPHRASE  # lazy: on first use, off the start-up path

        super().__init__(parent)
        self.setWindowTitle(self.tr("Protect with a Passphrase"))
        intro = QLabel(self.tr(
            "%1 will be encrypted (SQLCipher: AES-256), and so will its backups. Anyone who copies the file "
            "then needs the passphrase to read any of it. Without the passphrase nobody can open it, you "
            "included: there is no way to recover it. Use a few words, at least %2 characters.")
            .replace("%1", path.name).replace("%2", str(MIN_PASSPHRASE)), wordWrap=True)
        self.first = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("New passphrase"))
        self.second = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(self.tr("The same passphrase again"))
        self.problem = QLabel("", wordWrap=True)
        form = QFormLayout()
        for text, field in ((self.tr("&Passphrase:"), self.first), (self.tr("&Again:"), self.second)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.protect_button = self.buttons.addButton(self.tr("Protect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for field in (self.first, self.second):
            field.textChanged.connect(self._update)
        self.protect_button.setDefault(True)
        self._update()
        self.setMinimumWidth(520)

    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        from dossier.store.protect import passphrase_problem  # lazy: on first use, off the start-up path

        first, second = self.first.text(), self.second.text()
        problem = passphrase_problem(first) if first else None
        if problem is None and second and second != first:
            problem = "the two passphrases differ"
        self.problem.setText(problem[:1].upper() + problem[1:] + "." if problem else "")
        self.protect_button.setEnabled(bool(first) and first == second and problem is None)


class ProtectFlow(QObject):
    """Encrypts (or decrypts) one closed dossier on the task runner, each step in the status bar,
    then `finished(ok)`; a failure is told in a warning, the file left as it was."""

    finished = Signal(bool)

    def __init__(self, window: QWidget, tasks: TaskRunner, show_status: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window, self._tasks, self._show = window, tasks, show_status

    def protect(self, path: Path, passphrase: str) -> None:
        from dossier.store.protect import encrypting  # lazy: on first use, off the start-up path

        self._run(lambda: encrypting(path, passphrase), self.tr("Protect with a Passphrase"))

    def remove(self, path: Path) -> None:
        from dossier.store.protect import decrypting  # lazy: on first use, off the start-up path

        self._run(lambda: decrypting(path), self.tr("Remove the Passphrase"))

    def _run(self, steps: Callable[[], object], caption: str) -> None:
        def failed(error: BaseException) -> None:
            self._show("")
            QMessageBox.warning(self._window, caption, str(error))
            self.finished.emit(False)

        self._tasks.run_steps(steps, on_step=lambda step: self._show(str(step)),
                              on_done=lambda _none: self.finished.emit(True), on_error=failed)


def protect_or_remove(window: QWidget, tasks: TaskRunner, path: Path, close: Callable[[], bool],
                      reopen: Callable[[Path], object], show_status: Callable[[str], None]) -> ProtectFlow | None:
    """File > Protect with a Passphrase… (Remove the Passphrase… for an encrypted dossier): ask,
    close the dossier, rewrite it on a worker, open it again. None if the user cancelled."""
    encrypted = encryption.is_encrypted(path)
    passphrase = ""
    if encrypted:
        answer = QMessageBox.question(
            window, window.tr("Remove the Passphrase"),
            window.tr("%1 will be written as a plain SQLite file again: anyone who copies it can read it. "
                      "Its backups stay encrypted. Remove the passphrase?").replace("%1", path.name))
        if answer != QMessageBox.StandardButton.Yes:
            return None
    else:
        dialog = ProtectDialog(path, window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        passphrase = dialog.passphrase()
        dialog.deleteLater()
        if not accepted:
            return None
    if not close():  # the dossier is rewritten whole: nobody may have it open
        return None
    flow = ProtectFlow(window, tasks, show_status)

    def finished(ok: bool) -> None:
        reopen(path)  # protected or not, the dossier comes back
        if ok:
            show_status(window.tr("%1 is no longer encrypted.").replace("%1", path.name) if encrypted else
                        window.tr("%1 is protected with a passphrase, and so are its backups.").replace("%1", path.name))

    flow.finished.connect(finished)
    if encrypted:
        flow.remove(path)
    else:
        flow.protect(path, passphrase)
    return flow

"""Why a dossier can't be opened, told in a dialog with what to do next. Never a traceback."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from dossier.store import CorruptDossier, DossierError, DossierLocked, NewerDossier, NotADossier

TITLES = (
    (DossierLocked, "Dossier Already Open"),
    (CorruptDossier, "Dossier Damaged"),
    (NewerDossier, "Dossier From a Newer Version"),
    (NotADossier, "Not a Dossier"),
    (DossierError, "Can't Open Dossier"),
)


def title_for(error: DossierError) -> str:
    return next(title for kind, title in TITLES if isinstance(error, kind))


def explain_open_error(parent: QWidget | None, error: DossierError) -> bool:
    """Show the error. Returns True if the user chose to restore the offered backup."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(parent.tr(title_for(error)) if parent else title_for(error))
    box.setText(str(error))
    restore = None
    if isinstance(error, CorruptDossier) and error.backup is not None:
        restore = box.addButton(box.tr("Restore Backup"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
    else:
        box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    return restore is not None and box.clickedButton() is restore

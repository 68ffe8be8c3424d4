"""File > Share a Copy…: choose what a copy for a partner leaves out (notes, rationales,
analysts' names and times, hypotheses, the summary, annotations or articles with chosen tags) and
where it goes; the copy is made on a worker (store.sharing) and the status bar says when it is
done. The dossier itself is only read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.models import Tag
from dossier.store.sharing import ShareChoices, sharing
from dossier.store.targets import TargetRefused, check_target

if TYPE_CHECKING:
    from dossier.ui.tasks import TaskRunner

DOSSIER_FILTER = "Dossiers (*.dossier)"


class TagChooser(QListView):
    """Tag names with a check box each; `chosen()` is the names ticked."""

    def __init__(self, tags: list[Tag], accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._model = QStandardItemModel(self)
        for tag in sorted(tags, key=lambda t: t.name.casefold()):
            item = QStandardItem(tag.name)
            item.setCheckable(True)
            item.setEditable(False)
            self._model.appendRow(item)
        self.setModel(self._model)
        self.setMaximumHeight(110)

    def chosen(self) -> tuple[str, ...]:
        return tuple(self._model.item(row).text() for row in range(self._model.rowCount())
                     if self._model.item(row).checkState() == Qt.CheckState.Checked)


class ShareDialog(QDialog):
    """What to leave out and where the copy goes; `choices()` and `out_path()` once accepted."""

    def __init__(self, tags: list[Tag], suggestion: Path, parent: QWidget | None = None,
                 choose_file: Callable[[QWidget, str], str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Share a Copy"))
        self._choose_file = choose_file or (lambda parent, start: _save_file_name(parent, start))
        hint = QLabel(self.tr("A new dossier to hand to a partner, without what you tick. Nothing left out can "
                              "be read back from the copy's file; this dossier is not changed."), wordWrap=True)
        self.notes_box = QCheckBox(self.tr("&Notes (of annotations, entities and conflicts)"))
        self.rationales_box = QCheckBox(self.tr("&Rationales (of claims and outlets)"))
        self.authors_box = QCheckBox(self.tr("Analysts' &names and times"))
        self.hypotheses_box = QCheckBox(self.tr("&Hypotheses (competing hypotheses)"))
        self.summary_box = QCheckBox(self.tr("The &summary"))
        self.annotation_tags = TagChooser(tags, self.tr("Leave out annotations with these tags"))
        self.article_tags = TagChooser(tags, self.tr("Leave out articles with annotations with these tags"))
        self.path_edit = QLineEdit(str(suggestion))
        self.path_edit.setAccessibleName(self.tr("Save the copy as"))
        browse = QPushButton(self.tr("C&hoose…"))
        browse.setAutoDefault(False)  # Return shares; it never opens the file chooser
        browse.clicked.connect(self._on_browse_clicked)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Annotations with tags:"), self.annotation_tags)
        form.addRow(self.tr("Articles with tags:"), self.article_tags)
        save_as = QLabel(self.tr("Save &as:"))
        save_as.setBuddy(self.path_edit)
        form.addRow(save_as, where)
        if not tags:
            for chooser in (self.annotation_tags, self.article_tags):
                chooser.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.share_button = self.buttons.addButton(self.tr("Share"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._on_share_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(QLabel(self.tr("Leave out:")))
        for box in (self.notes_box, self.rationales_box, self.authors_box, self.hypotheses_box, self.summary_box):
            layout.addWidget(box)
            box.toggled.connect(self._update_share_button)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for chooser in (self.annotation_tags, self.article_tags):
            chooser.model().dataChanged.connect(self._update_share_button)
        self.path_edit.textChanged.connect(self._update_share_button)
        self._update_share_button()
        self.share_button.setDefault(True)  # once in the dialog: a button only there is the dialog's default
        self.resize(520, 520)

    def choices(self) -> ShareChoices:
        return ShareChoices(notes=self.notes_box.isChecked(), rationales=self.rationales_box.isChecked(),
                            authors=self.authors_box.isChecked(), hypotheses=self.hypotheses_box.isChecked(),
                            summary=self.summary_box.isChecked(), annotation_tags=self.annotation_tags.chosen(),
                            article_tags=self.article_tags.chosen())

    def out_path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def _update_share_button(self) -> None:
        # A copy leaving nothing out is Save a Copy's job; one without a name can't be written.
        self.share_button.setEnabled(self.choices().anything and bool(self.path_edit.text().strip()))

    def _on_browse_clicked(self) -> None:
        path = self._choose_file(self, self.path_edit.text())
        if path:
            self.path_edit.setText(path)

    def _on_share_clicked(self) -> None:
        try:  # refused at once, with the reason, rather than after the work
            check_target(self.out_path())
        except TargetRefused as refusal:
            QMessageBox.warning(self, self.tr("Share a Copy"), str(refusal))
            return
        self.accept()


def _save_file_name(parent: QWidget, start: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Share a Copy"), start, parent.tr(DOSSIER_FILTER))
    return path


class ShareFlow(QObject):
    """Runs one shared copy on the app's task runner: each step in the status bar, then
    `finished(message)` (or a warning saying why it was not written)."""

    finished = Signal(str)

    def __init__(self, window: QWidget, tasks: TaskRunner, show_status: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window, self._tasks, self._show = window, tasks, show_status

    def start(self, source: Path, out: Path, choices: ShareChoices) -> None:
        def done(_result: object) -> None:
            message = (self.tr("Shared a copy without %1 to %2")
                       .replace("%1", choices.described()).replace("%2", str(out)))
            self._show(message)
            self.finished.emit(message)

        def failed(error: BaseException) -> None:
            self._show("")
            QMessageBox.warning(self._window, self.tr("Share a Copy"), str(error))
            self.finished.emit("")

        self._tasks.run_steps(lambda: sharing(source, out, choices),
                              on_step=lambda step: self._show(self.tr("Sharing a copy: %1").replace("%1", str(step))),
                              on_done=done, on_error=failed)

"""Article > Properties… and Open Source: fixing what import guessed.

Changing the published date re-resolves the article's automatic relative dates ("yesterday")
and says how many events moved; changing the language finds its dates again in that language.
The user's own events stay (operations.articles.EditArticle).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.display import shown, stamp
from dossier.core.models import Article
from dossier.core.provenance import StoredAttachment
from dossier.ingest.dateline import read_dateline
from dossier.ingest.dates import parse_published
from dossier.ingest.language import language_name
from dossier.store.team import Capture

PRECISIONS = (("day", "Day"), ("month", "Month"), ("year", "Year"), ("unknown", "Unknown"))
# Offered first in the language box: the languages this region's story is reported in, whose
# dates the dossier reads (ingest.local_dates) or, for English, the model does.
LANGUAGES = ("en", "ru", "uk", "hy", "az", "tr", "fa", "ar", "ka", "fr", "de")


class ArticleMetadataDialog(QDialog):
    """Title, source, url and published date (as precise as it is known), checked before OK."""

    def __init__(self, caption: str, title: str, source: str | None, url: str | None, published: str | None,
                 precision: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr(caption))
        self.title_edit = QLineEdit(title)
        self.source_edit = QLineEdit(source or "")
        self.url_edit = QLineEdit(url or "")
        self.published_edit = QLineEdit(published or "", placeholderText="2021-05-14, 2021-05 or 2021")
        self.precision_box = QComboBox()
        for value, label in PRECISIONS:
            self.precision_box.addItem(self.tr(label), value)
        self.precision_box.setCurrentIndex(self.precision_box.findData(precision))
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Title"), self.title_edit)
        self.form.addRow(self.tr("Source"), self.source_edit)
        self.form.addRow(self.tr("URL"), self.url_edit)
        self.form.addRow(self.tr("Published"), self.published_edit)
        self.form.addRow(self.tr("Known to the"), self.precision_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check_then_accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(540, 0)

    def finish_layout(self) -> None:
        self.form.addRow(self.buttons)

    def values(self) -> dict[str, object]:
        """The fields, the date normalised ("14 May 2021" -> 2021-05-14, day)."""
        text = self.published_edit.text().strip()
        parsed = parse_published(text) if text else None
        published, precision = None, "unknown"
        if parsed is not None:
            chosen = str(self.precision_box.currentData())
            published = parsed[0]
            # A full date may be known only to the month (the user says so); a partial one can't be a day.
            precision = chosen if chosen != "unknown" and len(published) == 10 else parsed[1]
        return {"title": self.title_edit.text().strip(), "source": self.source_edit.text().strip() or None,
                "url": self.url_edit.text().strip() or None, "published": published,
                "published_precision": precision}

    def _check_then_accept(self) -> None:
        text = self.published_edit.text().strip()
        if not self.title_edit.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("An article needs a title."))
        elif text and parse_published(text) is None:
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("“%1” is not a date: write 2021-05-14, 2021-05 or 2021.").replace("%1", text))
        else:
            self.accept()


class ArticlePropertiesDialog(ArticleMetadataDialog):
    """The metadata, and the outlets whose reporting the article repeats: its passages are then
    not counted as independent evidence for or against theirs (the claims board)."""

    def __init__(self, article: Article, reports: list[str], parent: QWidget | None = None,
                 captures: Sequence[Capture] = (), provenance: Sequence[str] = (),
                 attachments: Sequence[StoredAttachment] = (),
                 read_attachment: Callable[[str], bytes] | None = None, copies: QWidget | None = None) -> None:
        super().__init__("Article Properties", article.title, article.source, article.url,
                         article.published, article.published_precision, parent)
        self.reports_edit = QLineEdit(", ".join(reports), placeholderText=self.tr("Outlets, separated by commas"))
        self.reports_edit.setToolTip(self.tr(
            "Outlets this article quotes or retells (“Reuters reported…”). Its passages are not counted as "
            "independent evidence for or against their claims, nor theirs for its."))
        self.form.addRow(self.tr("Reports what these outlets said"), self.reports_edit)
        self.language_box = language_box(article.language, self)
        self.form.addRow(self.tr("Language"), self.language_box)
        # Other captures of this story joined into it: their text and file are kept in the dossier.
        self.captures_label = QLabel("\n".join(
            self.tr("%1 — “%2”, joined %3").replace("%1", shown(c.file_name or self.tr("pasted text")))
            .replace("%2", shown(c.title)).replace("%3", stamp(c.joined_at)) for c in captures),
            textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        if captures:
            self.form.addRow(self.tr("Also captured as"), self.captures_label)
        self.copies = copies  # copies of one story (ui/articles/copies.py)
        if copies is not None:
            self.form.addRow(self.tr("Copies"), copies)
        # What the text's dateline says, beside the fields it may have filled: a proposal the user
        # sees and can correct above, never a silent fact.

        dateline = read_dateline(article.text)
        self.dateline_label = QLabel(self.tr("Its dateline says: %1").replace("%1", dateline.describe().split(": ", 1)[1])
                                     if dateline else "", textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        if dateline:
            self.dateline_label.setToolTip(dateline.words)
            # A wrapped label's second line is not counted when the dialog sizes itself: room for two.
            self.dateline_label.setMinimumHeight(2 * self.dateline_label.fontMetrics().lineSpacing())
            self.form.addRow(self.tr("Dateline"), self.dateline_label)
        # Where it came from when its file held many (a Telegram message, an archived page).
        self.provenance_label = QLabel("\n".join(shown(line) for line in provenance),
                                       textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.provenance_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if provenance:
            # A wrapped label in a form gets the height of one line unless told what it needs.
            self.provenance_label.setMinimumHeight(self.provenance_label.heightForWidth(340))
            self.form.addRow(self.tr("Came from"), self.provenance_label)
        self._read_attachment = read_attachment
        self.attachment_buttons: list[QPushButton] = []
        if attachments:
            self.form.addRow(self.tr("Attachments"), self._attachment_rows(attachments))
        self.finish_layout()

    def _attachment_rows(self, attachments: Sequence[StoredAttachment]) -> QWidget:
        box = QWidget(self)
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        for a in attachments:
            line = QHBoxLayout()
            label = QLabel(self.tr("%1 (%2, %3 bytes)").replace("%1", shown(a.file_name)).replace(
                "%2", self.tr("photo") if a.role == "photo" else self.tr("file")).replace("%3", f"{a.size:,}"),
                textFormat=Qt.TextFormat.PlainText)
            label.setToolTip(f"sha256 {a.sha256}")
            button = QPushButton(self.tr("Save…"))
            button.setAccessibleName(self.tr("Save %1").replace("%1", a.file_name))
            button.clicked.connect(lambda _checked=False, a=a: self._save_attachment(a))
            self.attachment_buttons.append(button)
            line.addWidget(label, 1)
            line.addWidget(button)
            rows.addLayout(line)
        return box

    def _save_attachment(self, attachment: StoredAttachment) -> None:
        """Write an attachment out, byte for byte, where the user says."""
        from PySide6.QtWidgets import QFileDialog

        if self._read_attachment is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save Attachment"), attachment.file_name)
        if not chosen:
            return
        try:
            from pathlib import Path

            Path(chosen).write_bytes(self._read_attachment(attachment.sha256))
        except OSError as error:
            QMessageBox.warning(self, self.tr("Save Attachment"), str(error))

    def reports(self) -> list[str]:
        return [o.strip() for o in self.reports_edit.text().split(",") if o.strip()]

    def values(self) -> dict[str, object]:
        return {**super().values(), "language": self.language_box.currentData() or None}


def language_box(current: str | None, parent: QWidget) -> QComboBox:
    """The article's language, by name; "Not known" for none, and any other the dossier holds."""
    box = QComboBox(parent)
    box.addItem(parent.tr("Not known"), "")
    codes = list(LANGUAGES) + ([current] if current and current not in LANGUAGES else [])
    for code in codes:
        box.addItem(f"{language_name(code)} ({code})", code)
    box.setCurrentIndex(max(0, box.findData(current or "")))
    box.setToolTip(parent.tr("Dates are found in the article's language: changing it finds them again"))
    return box


def confirm_open_source(parent: QWidget, url: str) -> bool:
    """Open the article's url in the system browser, never inside the app, after asking."""
    answer = QMessageBox.question(
        parent, parent.tr("Open Source"),
        parent.tr("Open %1 in your web browser? The page may have changed since it was imported.").replace("%1", url),
    )
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl(url))
        return True
    return False

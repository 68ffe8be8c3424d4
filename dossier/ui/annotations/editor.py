"""AnnotationEditor: the dock where a highlight, note or claim is written and judged.

Every change is an operation on the session (one undo step). Typing is saved when it pauses
(400 ms), one undo step per pause, and before any other edit, undo or redo (the session asks);
choices in the claim's lists are saved at once. When the shown annotation changes (an undo, an
outlet's new grade), the fields are read again, except one the user is typing in. Esc hands the
keyboard back to the article, keeping what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dossier.analysis.corroboration import ClaimRow, corroborated
from dossier.core.changes import ANNOTATIONS, SOURCES, TAGS, Changes
from dossier.core.display import made_by, shown
from dossier.core.grading import RELIABILITY_NOT_GRADED
from dossier.core.models import Annotation, Claim
from dossier.core.vocabulary import (
    CLAIM_STATUS_LABELS,
    CLAIM_STATUSES,
    CREDIBILITY,
    EVIDENCE_RELATIONS,
    MAX_TAG_LENGTH,
    RELIABILITY,
)
from dossier.operations.annotations import AddEvidence, EditClaim, EditNote, RemoveEvidence, SetTags
from dossier.ui import theme
from dossier.ui.claims.board import DISAGREES
from dossier.ui.claims.related import RelatedPassages
from dossier.ui.session import DossierSession

SAVE_AFTER_MS = 400
CLAIM_NOTE_HEIGHT = 90
QWIDGETSIZE_MAX = (1 << 24) - 1
KIND_LABELS = {"highlight": "Highlight", "note": "Note", "claim": "Claim"}


class AnnotationEditor(QWidget):
    done_editing = Signal()  # Esc: back to the article

    def __init__(self, session: DossierSession, current_passage: Callable[[], tuple[int, int, int] | None],
                 tasks: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._store = session, session.store
        self._current_passage = current_passage
        self._annotation: Annotation | None = None
        self._loading = False

        self.heading = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)  # wraps: never widens the dock
        self.byline = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)  # who made it, and when
        self.byline.setEnabled(False)  # drawn as secondary text
        self.quote = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_edit = QPlainTextEdit(placeholderText=self.tr("Note"))
        self.note_edit.setTabChangesFocus(True)
        self.tags_edit = QLineEdit(placeholderText=self.tr("Tags: a comma or Enter makes each"))
        self.tags_edit.setToolTip(self.tr("A tag is made when you type a comma or press Enter; at most %1 characters")
                                  .replace("%1", str(MAX_TAG_LENGTH)))
        # Says why a word typed here is not (yet) a tag: never a silent refusal or a silent tag.
        self.tags_hint = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.tags_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.tags_hint.hide()
        self._tags_made_here: set[int] = set()  # tags this field made for the shown annotation
        self._tag_commas = 0  # commas in the field when last read or typed
        self._tag_names = QStringListModel(self)
        completer = QCompleter(self._tag_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(completer)

        self.status_box = QComboBox()
        for status in CLAIM_STATUSES:
            self.status_box.addItem(self.tr(CLAIM_STATUS_LABELS[status]), status)
        self.reliability_box = QComboBox()
        self.reliability_box.addItem("", None)  # "inherit": filled with the source's grade
        for letter, meaning in RELIABILITY.items():
            self.reliability_box.addItem(f"{letter} — {self.tr(meaning)}", letter)
            self.reliability_box.setItemData(self.reliability_box.count() - 1, self.tr(meaning), Qt.ItemDataRole.ToolTipRole)
        self.credibility_box = QComboBox()
        self.credibility_box.addItem(self.tr("Not graded"), None)
        for number, meaning in CREDIBILITY.items():
            self.credibility_box.addItem(f"{number} — {self.tr(meaning)}", number)
            self.credibility_box.setItemData(self.credibility_box.count() - 1, self.tr(meaning), Qt.ItemDataRole.ToolTipRole)
        for box in (self.status_box, self.reliability_box, self.credibility_box):
            # Long item texts must not make the dock (and squeeze the article) wider.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)
        self.reliability_box.setToolTip(self.tr("Source reliability (Admiralty grading): A completely reliable … "
                                                "F reliability cannot be judged"))
        self.credibility_box.setToolTip(self.tr("Information credibility: 1 confirmed by other sources … "
                                                "6 truth cannot be judged"))
        self.grade = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.assessed_by = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        # What the linked evidence suggests, beside the analyst's own: shown, never applied.
        self.suggestion = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.corroboration = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        for label in (self.grade, self.assessed_by, self.suggestion):
            # Two lines kept for what a choice rewrites ("(name not recorded), 7 Dec…" -> "root, 7 Dec…"):
            # the form below must not move between one click and the next.
            label.setMinimumHeight(2 * label.fontMetrics().lineSpacing())
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.rationale_edit = QPlainTextEdit(placeholderText=self.tr("Rationale: why this status and these grades"))
        self.rationale_edit.setTabChangesFocus(True)
        self.relation_box = QComboBox()
        for relation in EVIDENCE_RELATIONS:
            self.relation_box.addItem(self.tr(relation), relation)
        self.add_evidence_button = QPushButton(self.tr("Add Selection as Evidence"))
        self.add_evidence_button.setToolTip(self.tr("Select a passage in any article, then link it to this claim"))
        self.evidence_model = QStringListModel(self)
        self.evidence_view = QListView()
        self.evidence_view.setModel(self.evidence_model)
        self.evidence_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.evidence_view.setWordWrap(True)
        self.remove_evidence_button = QPushButton(self.tr("Remove Link"))
        self._evidence_ids: list[tuple[int, str]] = []
        self.related = RelatedPassages(session, tasks)

        self.relation_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.relation_box.setMinimumContentsLength(10)
        self.claim_group = QGroupBox(self.tr("Assessment"))
        form = QFormLayout(self.claim_group)
        # Every label above its field, the field the dock's full width: the editor never widens
        # the dock, the rationale is as wide as the note, and nothing reflows when a choice
        # changes a field's width (the next click used to land on another box).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("Status"), self.status_box)
        form.addRow(self.tr("Source reliability"), self.reliability_box)
        form.addRow(self.tr("Credibility"), self.credibility_box)
        form.addRow(self.tr("Grade"), self.grade)
        form.addRow(self.tr("Assessed by"), self.assessed_by)
        form.addRow(self.tr("Evidence suggests"), self.suggestion)
        form.addRow(self.tr("Rationale"), self.rationale_edit)
        self.evidence_group = QGroupBox(self.tr("Evidence"))
        evidence = QFormLayout(self.evidence_group)
        evidence.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        evidence.addRow(self.tr("Link the selection as"), self.relation_box)
        evidence.addRow(self.add_evidence_button)
        evidence.addRow(self.corroboration)
        evidence.addRow(self.evidence_view)
        evidence.addRow(self.remove_evidence_button)
        evidence.addRow(self.related)

        # A claim's form (grades, evidence, related passages) is taller than a laptop's dock: it
        # scrolls, rather than make the window taller than the screen.
        form_widget = QWidget()
        layout = QVBoxLayout(form_widget)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.byline)
        layout.addWidget(self.quote)
        layout.addWidget(self.note_edit, 1)
        layout.addWidget(self.claim_group, 2)
        layout.addWidget(self.tags_edit)
        layout.addWidget(self.tags_hint)
        layout.addWidget(self.evidence_group, 2)
        layout.addStretch(0)
        # The keyboard follows the form: note, the assessment, the rationale, then tags and evidence.
        chain = [self.note_edit, self.status_box, self.reliability_box, self.credibility_box, self.rationale_edit,
                 self.tags_edit, self.relation_box, self.add_evidence_button, self.evidence_view,
                 self.remove_evidence_button, self.related.find_button, self.related.list,
                 *self.related.link_buttons.values()]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.scroll_area = QScrollArea(widgetResizable=True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(form_widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

        self._note_timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._note_timer.timeout.connect(self._save_note)
        self._rationale_timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._rationale_timer.timeout.connect(self._save_rationale)
        self.note_edit.textChanged.connect(lambda: self._loading or self._note_timer.start())
        self.rationale_edit.textChanged.connect(lambda: self._loading or self._rationale_timer.start())
        self.tags_edit.returnPressed.connect(lambda: self._save_tags(everything=True))
        self.tags_edit.textEdited.connect(self._on_tags_typed)
        self.status_box.activated.connect(lambda _i: self._save_claim("status"))
        self.reliability_box.activated.connect(lambda _i: self._save_claim("source reliability"))
        self.credibility_box.activated.connect(lambda _i: self._save_claim("credibility"))
        self.add_evidence_button.clicked.connect(self.add_selection_as_evidence)
        self.remove_evidence_button.clicked.connect(self.remove_selected_evidence)
        for widget in (self.note_edit, self.rationale_edit, self.tags_edit, self.status_box,
                       self.reliability_box, self.credibility_box):
            widget.installEventFilter(self)
        session.add_flush(self.flush)
        session.changed.connect(self._on_changed)
        self.destroyed.connect(lambda: session.remove_flush(self.flush))
        self.show_annotation(None)

    # -- which annotation -----------------------------------------------------------------

    @property
    def annotation_id(self) -> int | None:
        return self._annotation.id if self._annotation else None

    def show_annotation(self, annotation_id: int | None) -> None:
        self.flush()
        if annotation_id != self.annotation_id:
            self._tags_made_here.clear()
        self.tags_edit.setModified(False)  # a word typed without a comma or Enter was never a tag
        self.tags_hint.hide()
        try:
            self._annotation = self._store.annotations.get(annotation_id) if annotation_id is not None else None
        except KeyError:
            self._annotation = None  # deleted (an undo): show nothing
        self._load()

    def _on_changed(self, changes: Changes) -> None:
        """Re-read the shown annotation if an edit (or an undo) touched it, keeping typing."""
        a = self._annotation
        if a is not None and (changes.touches_id(ANNOTATIONS, a.id) or changes.touches(TAGS, SOURCES)):
            try:
                self._annotation = self._store.annotations.get(a.id)
            except KeyError:
                self._annotation = None  # deleted (an undo): show nothing
            self._load()
        elif changes.touches(TAGS):
            self._tag_names.setStringList([t.name for t in self._store.tags.all()])

    def find_related(self) -> None:
        """Find Related Passages, brought into view with the keyboard on the list."""
        self.related.find_passages()
        self.scroll_area.ensureWidgetVisible(self.related.list)
        self.related.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_note(self) -> None:
        self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def flush(self) -> None:
        """Save the note or rationale being typed now (before any other edit, on Esc, on close).
        Tags are saved when confirmed (Enter, leaving the field): a half-typed name is no tag."""
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._save_note()
        if self._rationale_timer.isActive():
            self._rationale_timer.stop()
            self._save_rationale()

    def _load(self) -> None:
        a = self._annotation
        self._loading = True
        try:
            self.setEnabled(a is not None)
            self._tag_names.setStringList([t.name for t in self._store.tags.all()])
            if a is None:
                self.heading.setText(self.tr("Select a passage and press H, N or C to annotate it."))
                self.quote.clear()
                self.byline.clear()
                self.note_edit.clear()
                self.tags_edit.clear()
                self.claim_group.hide()
                self.evidence_group.hide()
                self.related.set_claim(None)
                return
            article = self._store.articles.get(a.article_id)
            state = "" if a.anchor_state == "anchored" else f" ({a.anchor_state})"
            self.heading.setText(f"{self.tr(KIND_LABELS[a.kind])}{state} — {article.title}")
            self.quote.setText(f"“{a.exact}”" + ("\n" + self.tr("First quoted as “%1”, in another capture of this "
                                                                   "article").replace("%1", a.quoted_as)
                                                  if a.quoted_as else ""))
            self.byline.setText(self.tr("By %1").replace("%1", made_by(a.author, a.created)))
            if self.note_edit.toPlainText() != a.note and not self._note_timer.isActive():
                self.note_edit.setPlainText(a.note)
            tags = {t.id: t.name for t in self._store.tags.all()}
            if not self.tags_edit.isModified():  # not while typed in (a last word waits for Enter)
                self.tags_edit.setText(", ".join(tags[t] for t in a.tag_ids if t in tags))
                self._tag_commas = self.tags_edit.text().count(",")
            self.claim_group.setVisible(a.kind == "claim")
            self.evidence_group.setVisible(a.kind == "claim")
            # A claim's note is a line or two beside its rationale; a note's is the whole point.
            self.note_edit.setMaximumHeight(CLAIM_NOTE_HEIGHT if a.kind == "claim" else QWIDGETSIZE_MAX)
            self.related.set_claim(a.id if a.kind == "claim" else None)
            if a.kind == "claim":
                self._load_claim(a, article.source)
        finally:
            self._loading = False

    def _load_claim(self, a: Annotation, source_name: str | None) -> None:
        claim = a.claim or Claim()
        self.status_box.setCurrentIndex(self.status_box.findData(claim.status))
        inherited = self._store.sources.grades().reliability(source_name)
        who = source_name or self.tr("unknown source")
        self.reliability_box.setItemText(
            0, self.tr("Inherit: %1 (%2)").replace("%1", inherited or self.tr(RELIABILITY_NOT_GRADED)).replace("%2", who))
        self.reliability_box.setCurrentIndex(self.reliability_box.findData(claim.reliability) if claim.reliability else 0)
        self.credibility_box.setCurrentIndex(self.credibility_box.findData(claim.credibility) if claim.credibility else 0)
        grade = self._store.sources.claim_grade(a)
        assert grade is not None
        self.grade.setText(grade.label + (self.tr("  (reliability inherited from the source)") if grade.inherited else ""))
        self.assessed_by.setText(made_by(a.assessed_by, a.assessed_at))
        if self.rationale_edit.toPlainText() != claim.rationale and not self._rationale_timer.isActive():
            self.rationale_edit.setPlainText(claim.rationale)
        (row,) = corroborated(self._store.claims.claim_rows([a.id]))
        self._show_corroboration(row)
        self._evidence_ids = [(item.annotation_id, item.relation) for item in row.evidence]
        lines = []
        for item in row.evidence:
            where = " — ".join(p for p in (item.outlet, item.article_title) if p)
            alone = "" if item.independent else self.tr(" (not independent: %1)").replace("%1", self.tr(item.dependence))
            by = self.tr(" (linked by %1)").replace("%1", shown(item.author)) if item.author else ""
            lines.append(f"{self.tr(item.relation)}: “{item.exact}” — {where}{alone}{by}")
        self.evidence_model.setStringList(lines)
        self.remove_evidence_button.setEnabled(bool(lines))

    def _show_corroboration(self, row: ClaimRow) -> None:
        found = row.corroboration
        self.corroboration.setText(found.line[0].upper() + found.line[1:] + ".")
        if found.suggestion is None:
            self.suggestion.setText(self.tr("nothing yet (no independent evidence)") if not found.contradicting else
                                    self.tr("nothing (the contradiction comes from less reliable sources)"))
            self.suggestion.setStyleSheet("")
            return
        text = f"{found.suggestion} — {self.tr(CREDIBILITY[found.suggestion])}"
        if row.disagrees:
            text += self.tr(" (you chose %1)").replace("%1", str(row.grade.credibility))
        self.suggestion.setText(text)
        self.suggestion.setStyleSheet(f"color: {DISAGREES.name()}; font-weight: bold" if row.disagrees else "")

    # -- saving ---------------------------------------------------------------------------

    def _save_note(self) -> None:
        a = self._annotation
        if a is None or not self._store.is_open:
            return
        text = self.note_edit.toPlainText()
        if text != self._store.annotations.get(a.id).note:
            self._session.push(EditNote(a.id, text))

    def _save_rationale(self) -> None:
        self._save_claim("rationale")

    def _save_claim(self, what: str) -> None:
        a = self._annotation
        if a is None or a.kind != "claim" or self._loading or not self._store.is_open:
            return
        old = self._store.annotations.get(a.id).claim or Claim()
        new = Claim(
            status=str(self.status_box.currentData()),
            reliability=self.reliability_box.currentData(),
            credibility=self.credibility_box.currentData(),
            rationale=self.rationale_edit.toPlainText(),
        )
        if new != old:
            self._session.push(EditClaim(a.id, new, what))

    def _on_tags_typed(self, text: str) -> None:
        """A comma typed ends a tag: the names before the last comma are saved, the rest is still
        being typed. Deleting a comma saves nothing yet (the word is being rewritten)."""
        commas, self._tag_commas = self._tag_commas, text.count(",")
        if self._tag_commas > commas:
            self._save_tags(everything=False)
        else:
            self._say_pending()

    def _say_pending(self, refused: str = "") -> None:
        pending = self.tags_edit.text().rsplit(",", 1)[-1].strip()
        if refused:
            self.tags_hint.setText(refused)
        elif pending and len(pending) > MAX_TAG_LENGTH:
            self.tags_hint.setText(self._too_long(pending))
        elif pending and not self.tags_edit.hasFocus():
            self.tags_hint.setText(self.tr("“%1” is not a tag yet: press Enter or type a comma after it.")
                                   .replace("%1", pending))
        else:
            self.tags_hint.clear()
        self.tags_hint.setVisible(bool(self.tags_hint.text()))

    def _too_long(self, name: str) -> str:
        return (self.tr("“%1…” is too long for a tag (at most %2 characters): a sentence belongs in the note or "
                        "the rationale.").replace("%1", name[:20]).replace("%2", str(MAX_TAG_LENGTH)))

    def _save_tags(self, everything: bool) -> None:
        """Save the field's tags: every name (Enter) or those ended by a comma (typing). A name
        longer than a tag may be is refused, with a word, and stays in the field to be fixed."""
        a = self._annotation
        if a is None or self._loading or not self._store.is_open:
            return
        current = {t.id: t.name for t in self._store.tags.all()}
        has = [current.get(t, "") for t in self._store.annotations.get(a.id).tag_ids]
        *names, last = [n.strip() for n in self.tags_edit.text().split(",")]
        if everything or last.casefold() in {n.casefold() for n in has}:
            names.append(last)  # a last word is a tag on Enter, or if the annotation has it already
            last = ""
        names = [n for n in names if n]
        known = {name.casefold() for name in current.values()}  # a colleague's long tag may stay
        too_long = [n for n in names if len(n) > MAX_TAG_LENGTH and n.casefold() not in known]
        if too_long:
            self._say_pending(self._too_long(too_long[0]))
            return
        if everything or not (last or self.tags_edit.hasFocus()):
            self.tags_edit.setModified(False)  # nothing waits in the field: it shows the tags as saved
        if [n.casefold() for n in has] == [n.casefold() for n in names]:
            self._say_pending()
            return
        operation = SetTags(a.id, names, theme.tag_color, made_here=self._tags_made_here)
        if self._session.push(operation):
            self._tags_made_here.update(operation.made)
        self._say_pending()

    def add_selection_as_evidence(self) -> None:
        a = self._annotation
        passage = self._current_passage()
        if a is None or a.kind != "claim" or passage is None:
            return
        self._session.push(AddEvidence(a.id, str(self.relation_box.currentData()), passage=passage))

    def remove_selected_evidence(self) -> None:
        a = self._annotation
        row = self.evidence_view.currentIndex().row()
        if a is None or not 0 <= row < len(self._evidence_ids):
            return
        target, _relation = self._evidence_ids[row]
        self._session.push(RemoveEvidence(a.id, target))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.flush()
            self.done_editing.emit()
            return True
        if watched is self.tags_edit and event.type() == QEvent.Type.FocusOut and self.tags_edit.isModified() \
                and isinstance(event, QFocusEvent) and event.reason() != Qt.FocusReason.PopupFocusReason:  # not the completer
            self._save_tags(everything=False)  # what commas ended (or removals); a last word waits for Enter
            QTimer.singleShot(0, self._say_pending)  # once the keyboard has gone: "not a tag yet"
        return super().eventFilter(watched, event)

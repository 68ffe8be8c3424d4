"""AnnotationsPanel: every annotation of the article or of the whole dossier, filtered by kind,
tag, claim status and text; choosing one opens its article with the passage selected.

It follows the session's changes in place: a saved note updates its row, a new annotation
appears as a row, and the selection and scroll position stay where the user left them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QVBoxLayout, QWidget

from dossier.core.changes import ANNOTATIONS, ARTICLES, SOURCES, TAGS, Changes
from dossier.core.display import made_by, shown
from dossier.core.grading import Grade
from dossier.core.models import Annotation
from dossier.core.vocabulary import ANNOTATION_KINDS, CLAIM_STATUS_LABELS, CLAIM_STATUSES
from dossier.store import Database
from dossier.ui.session import DossierSession
from dossier.ui.tables import Index, RecordTableModel, record_table

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Kind", "Quote", "Note", "Tags", "Status", "By")


class AnnotationListModel(RecordTableModel):
    COLUMNS = COLUMNS

    def __init__(self, store: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._all: list[Annotation] = []
        self._rows: list[Annotation] = []
        self._tags: dict[int, str] = {}
        self._grades: dict[int, Grade] = {}
        self.article_id: int | None = None  # None: the whole dossier
        self.kind: str | None = None
        self.tag_id: int | None = None
        self.status: str | None = None
        self.text = ""

    def reload(self) -> None:
        self._all = self._store.annotations.all(self.article_id)
        self._tags = {t.id: t.name for t in self._store.tags.all()}
        claims = [a for a in self._all if a.claim is not None]
        sources = {s.id: s.source for s in self._store.articles.summaries({a.article_id for a in claims}).values()}
        grades = self._store.sources.grades()
        self._grades = {a.id: grades.grade(claim, sources.get(a.article_id)) for a in claims if (claim := a.claim)}
        self.refilter()

    def refilter(self) -> None:
        needle = self.text.strip().casefold()
        rows = [
            a for a in self._all
            if (self.kind is None or a.kind == self.kind)
            and (self.tag_id is None or self.tag_id in a.tag_ids)
            and (self.status is None or (a.claim is not None and a.claim.status == self.status))
            and (not needle or needle in a.exact.casefold() or needle in a.note.casefold())
        ]
        self.sync_rows(rows, key=lambda a: a.id)
        if self._rows:  # tag names and grades are not in the rows: redraw those columns
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._rows) - 1, 4))

    def annotation_at(self, row: int) -> Annotation:
        return self._rows[row]

    def row_of(self, annotation_id: int) -> int:
        return self.row_where(lambda a: a.id == annotation_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        a = self._rows[index.row()]
        if role == ANNOTATION_ROLE:
            return a.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = COLUMNS[index.column()]
        if column == "Kind":
            return a.kind + ("" if a.anchor_state == "anchored" else f" ({a.anchor_state})")
        if column == "Quote":
            return a.exact.replace("\n", " ")
        if column == "Note":
            return a.note.replace("\n", " ")
        if column == "Tags":
            return ", ".join(self._tags[t] for t in a.tag_ids if t in self._tags)
        if column == "By":
            # A claim assessed by someone else than its maker shows both: the grade is theirs.
            if role == Qt.ItemDataRole.ToolTipRole:
                made = self.tr("Made by %1").replace("%1", made_by(a.author, a.created))
                if a.claim is not None:
                    made += "\n" + self.tr("Assessed by %1").replace("%1", made_by(a.assessed_by, a.assessed_at))
                return made
            if a.claim is not None and a.assessed_by and a.assessed_by != a.author:
                return f"{shown(a.author) or '—'} / {shown(a.assessed_by)}"
            return shown(a.author) or "—"
        if a.claim is None:
            return ""
        grade = self._grades.get(a.id)
        return f"{CLAIM_STATUS_LABELS[a.claim.status]}, {grade.label}" if grade else CLAIM_STATUS_LABELS[a.claim.status]


class AnnotationsPanel(QWidget):
    annotation_chosen = Signal(int)

    def __init__(self, session: DossierSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store = session.store
        self.model = AnnotationListModel(store, self)
        self.scope_box = QComboBox()
        self.scope_box.addItem(self.tr("This article"), "article")
        self.scope_box.addItem(self.tr("Whole dossier"), "dossier")
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("All kinds"), None)
        for kind in ANNOTATION_KINDS:
            self.kind_box.addItem(self.tr(kind.capitalize()), kind)
        self.tag_box = QComboBox()
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("Any status"), None)
        for status in CLAIM_STATUSES:
            self.status_box.addItem(self.tr(CLAIM_STATUS_LABELS[status]), status)
        self.text_edit = QLineEdit(placeholderText=self.tr("Filter by quote or note"), clearButtonEnabled=True)
        self.table = record_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(48)
        metrics = self.table.fontMetrics()
        # Room for what each column says (columns of 10 characters cut every quote, note and
        # status); the quote first. A narrow dock scrolls sideways rather than cut them all.
        for column, sample in ((1, "the agreement was not implemented"), (2, "a note of a few words, more"),
                               (3, "withdrawal agreement"), (4, "Partially true, D2"),
                               (5, "Ann Vardanyan")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        # Two rows of filters, each box as narrow as a short label: opening this tab must not
        # widen the dock and squeeze the article.
        rows = [QHBoxLayout(), QHBoxLayout()]
        for n, widget in enumerate((self.scope_box, self.kind_box, self.tag_box, self.status_box)):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(8)
            rows[n // 2].addWidget(widget, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for row in rows:
            layout.addLayout(row)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.table, 1)
        self.scope_box.currentIndexChanged.connect(lambda _i: self._apply_scope())
        self.kind_box.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.tag_box.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.status_box.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.text_edit.textChanged.connect(lambda _t: self._apply_filters())
        self.table.activated.connect(self._on_activated)
        self.table.clicked.connect(self._on_activated)
        self._article_id: int | None = None
        session.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ANNOTATIONS, TAGS, SOURCES, ARTICLES):
            self.reload()

    def set_article(self, article_id: int | None) -> None:
        self._article_id = article_id
        if self.scope_box.currentData() == "article":
            self._apply_scope()

    def reload(self) -> None:
        current = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem(self.tr("Any tag"), None)
        for tag in self._store.tags.all():
            self.tag_box.addItem(tag.name, tag.id)
        self.tag_box.setCurrentIndex(max(0, self.tag_box.findData(current)))
        self.tag_box.blockSignals(False)
        self._apply_scope()

    def select_annotation(self, annotation_id: int | None) -> None:
        row = self.model.row_of(annotation_id) if annotation_id is not None else -1
        if row >= 0:
            self.table.selectRow(row)

    def _apply_scope(self) -> None:
        self.model.article_id = self._article_id if self.scope_box.currentData() == "article" else None
        if self.scope_box.currentData() == "article" and self._article_id is None:
            self.model.article_id = -1  # no article open: nothing to list
        self._apply_filters(reload=True)

    def _apply_filters(self, reload: bool = False) -> None:
        self.model.kind = self.kind_box.currentData()
        self.model.tag_id = self.tag_box.currentData()
        self.model.status = self.status_box.currentData()
        self.model.text = self.text_edit.text()
        if reload:
            self.model.reload()
        else:
            self.model.refilter()

    def _on_activated(self, index: QModelIndex) -> None:
        self.annotation_chosen.emit(int(index.data(ANNOTATION_ROLE)))

"""ClaimsBoard: every claim of the dossier in one table, with what other sources say of it.

Each row: the quote, its article, outlet and date, the status and grade the analyst gave, the
credibility the evidence suggests (flagged where it differs: the analyst's own is never
changed), and the evidence counted by distinct independent sources (store.claims). Filters by
status, tag, entity, outlet, published range, "contested" and "grade disagrees"; columns sort.
Choosing a row opens the passage and the claim in the editor. The board follows the session's
changes in place, keeping selection and scroll.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dossier.analysis.corroboration import ClaimRow, corroborated
from dossier.core.changes import ANNOTATIONS, ARTICLES, ENTITIES, SOURCES, TAGS, Changes
from dossier.core.citation import format_date
from dossier.core.display import made_by, shown
from dossier.core.vocabulary import CLAIM_STATUS_LABELS, CLAIM_STATUSES, CREDIBILITY
from dossier.operations.articles import ISO_DATE
from dossier.ui import theme
from dossier.ui.session import DossierSession
from dossier.ui.tables import Index, RecordTableModel, record_table

CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Quote", "Article", "Outlet", "Published", "Status", "Grade", "Assessed by", "Evidence suggests", "For",
           "Against", "Context", "Tags", "Entities")
DISAGREES = QColor(theme.DISAGREES)  # the suggestion differs from the analyst's credibility
HEADER_TIPS = {
    "Grade": "Source reliability (A–F) and information credibility (1–6) as you graded them; ? not graded; "
             "“inherited”: the reliability is the outlet's",
    "Evidence suggests": "The credibility the linked evidence suggests (see README: Claims board). Red: it differs "
                         "from yours, which is never changed",
    "Assessed by": "Who last set the claim's status, grades or rationale (Edit > Preferences > Analyst name)",
    "For": "Independent origins supporting the claim (copies of one story, and an outlet repeating another, "
           "count once), and the outlets behind them when there are more",
    "Against": "Independent origins contradicting the claim, and the outlets behind them when there are more",
    "Context": "Independent origins giving context, and the outlets behind them when there are more",
}


class ClaimFilter:
    """What the filter bar asks for; None or empty: anything."""

    def __init__(self) -> None:
        self.status: str | None = None
        self.tag: str | None = None
        self.entity: str | None = None
        self.outlet: str | None = None
        self.published_from = ""
        self.published_to = ""
        self.contested = False
        self.disagrees = False

    def accepts(self, row: ClaimRow) -> bool:
        claim = row.annotation.claim
        published = row.published or ""
        return bool((self.status is None or (claim is not None and claim.status == self.status))
                and (self.tag is None or self.tag in row.tags)
                and (self.entity is None or self.entity in row.entities)
                and (self.outlet is None or (row.outlet or "").casefold() == self.outlet.casefold())
                # A partial bound covers its whole month or year: "to 2021-05" keeps 2021-05-31.
                and (not self.published_from or (published and published >= self.published_from))
                and (not self.published_to or (published and published[:len(self.published_to)] <= self.published_to))
                and (not self.contested or row.corroboration.contested)
                and (not self.disagrees or row.disagrees))


class ClaimsModel(RecordTableModel):
    COLUMNS = COLUMNS
    HEADER_TIPS = HEADER_TIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[ClaimRow] = []
        self._rows: list[ClaimRow] = []
        self.filter = ClaimFilter()

    @property
    def all_rows(self) -> list[ClaimRow]:
        return self._all

    def set_rows(self, rows: list[ClaimRow]) -> None:
        self._all = rows
        self.refilter()

    def refilter(self) -> None:
        self.sync_rows([r for r in self._all if self.filter.accepts(r)], key=lambda r: r.annotation.id)

    def row_at(self, row: int) -> ClaimRow:
        return self._rows[row]

    def row_of(self, claim_id: int) -> int:
        return self.row_where(lambda r: r.annotation.id == claim_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == CLAIM_ROLE:
            return row.annotation.id
        if role == SORT_ROLE:
            return sort_key(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "Evidence suggests" and row.disagrees:
            return QBrush(DISAGREES)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("For", "Against", "Context"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def cell_text(row: ClaimRow, column: str) -> str:
    claim, found = row.annotation.claim, row.corroboration
    if column == "Quote":
        return " ".join(row.annotation.exact.split())
    if column == "Article":
        return row.article_title
    if column == "Outlet":
        return row.outlet or ""
    if column == "Published":
        return format_date(row.published, row.published_precision) if row.published else ""
    if column == "Status":
        return CLAIM_STATUS_LABELS[claim.status] if claim else ""
    if column == "Grade":
        # Compact: "B2", "?2" (reliability not graded), "B?"; the tooltip says it in words.
        grade = row.grade
        return f"{grade.reliability or '?'}{grade.credibility or '?'}" + (" (inherited)" if grade.inherited else "")
    if column == "Assessed by":
        return shown(row.annotation.assessed_by) or "—"
    if column == "Evidence suggests":
        if found.suggestion is None:
            return ""
        return f"{found.suggestion} ≠ {row.grade.credibility}" if row.disagrees else str(found.suggestion)
    if column in ("For", "Against", "Context"):
        which = ("For", "Against", "Context").index(column)
        origins = len((found.supporting, found.contradicting, found.context)[which])
        outlets = found.outlets[which]
        return f"{origins} ({outlets} outlets)" if outlets > origins else str(origins)
    if column == "Tags":
        return ", ".join(row.tags)
    return ", ".join(row.entities)


def cell_tip(row: ClaimRow, column: str) -> str:
    found = row.corroboration
    if column == "Evidence suggests" and found.suggestion is not None:
        tip = f"The evidence suggests {found.suggestion} — {CREDIBILITY[found.suggestion]}: {found.line}."
        if row.disagrees and row.grade.credibility is not None:
            tip += f" You graded it {row.grade.credibility} — {CREDIBILITY[row.grade.credibility]}."
        return tip
    if column in ("For", "Against", "Context", "Evidence suggests"):
        return found.line
    if column == "Grade":
        return row.grade.label + (" (the reliability is the outlet's)" if row.grade.inherited else "")
    if column == "Assessed by":
        return made_by(row.annotation.assessed_by, row.annotation.assessed_at)
    return cell_text(row, column)


def sort_key(row: ClaimRow, column: str) -> Any:
    found = row.corroboration
    numbers = {"For": len(found.supporting), "Against": len(found.contradicting), "Context": len(found.context),
               "Evidence suggests": found.suggestion if found.suggestion is not None else 99}
    if column in numbers:
        return numbers[column]
    if column == "Published":
        return row.published or ""
    if column == "Status":
        return CLAIM_STATUSES.index(row.annotation.claim.status) if row.annotation.claim else -1
    return cell_text(row, column).casefold()


class ClaimsBoard(QWidget):
    claim_chosen = Signal(int)

    def __init__(self, session: DossierSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = session.store
        self.model = ClaimsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.status_box = self._box(self.tr("Any status"))
        for status in CLAIM_STATUSES:
            self.status_box.addItem(self.tr(CLAIM_STATUS_LABELS[status]), status)
        self.tag_box = self._box(self.tr("Any tag"))
        self.entity_box = self._box(self.tr("Any entity"))
        self.outlet_box = self._box(self.tr("Any outlet"))
        self.from_edit = QLineEdit(placeholderText=self.tr("Published from"), clearButtonEnabled=True)
        self.to_edit = QLineEdit(placeholderText=self.tr("to (2021-05-31, 2021-05…)"), clearButtonEnabled=True)
        self.contested_box = QCheckBox(self.tr("Contested"))
        self.contested_box.setToolTip(self.tr("Claims an independent source contradicts"))
        self.disagrees_box = QCheckBox(self.tr("Grade disagrees with evidence"))
        self.disagrees_box.setToolTip(self.tr("Claims whose credibility differs from what the evidence suggests"))
        self.count_label = QLabel()

        self.table = record_table(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the dossier's order until a header is clicked
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(36)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(("the agreement was not implemented in full", "Armenia–Azerbaijan border",
                                         "SouthFront", "14 May 2021", "Partially true", "D2 (inherited)",
                                         "Ann Vardanyan", "Evidence suggests", "2 (4 outlets)", "Against", "Context",
                                         "withdrawal agreement")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 20)

        filters = QHBoxLayout()
        for widget in (self.status_box, self.tag_box, self.entity_box, self.outlet_box):
            filters.addWidget(widget, 1)
        filters.addWidget(self.from_edit, 1)
        filters.addWidget(self.to_edit, 1)
        checks = QHBoxLayout()
        checks.addWidget(self.contested_box)
        checks.addWidget(self.disagrees_box)
        checks.addStretch(1)
        checks.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addLayout(checks)
        layout.addWidget(self.table, 1)

        for box in (self.status_box, self.tag_box, self.entity_box, self.outlet_box):
            box.currentIndexChanged.connect(lambda _i: self._apply_filters())
        for edit in (self.from_edit, self.to_edit):
            edit.textChanged.connect(lambda _t: self._apply_filters())
        for check in (self.contested_box, self.disagrees_box):
            check.toggled.connect(lambda _on: self._apply_filters())
        self.table.activated.connect(self._on_activated)
        self.table.clicked.connect(self._on_activated)
        session.changed.connect(self._on_changed)
        self.reload()

    def _box(self, anything: str) -> QComboBox:
        box = QComboBox()
        box.addItem(anything, None)
        # As narrow as a short label: the board sits under the article, beside the timeline.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(8)
        return box

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ANNOTATIONS, TAGS, SOURCES, ARTICLES, ENTITIES):
            self.reload()

    def reload(self) -> None:
        rows = corroborated(self._store.claims.claim_rows())
        self._fill(self.tag_box, sorted({t for r in rows for t in r.tags}, key=str.casefold))
        self._fill(self.entity_box, sorted({e for r in rows for e in r.entities}, key=str.casefold))
        outlets: dict[str, str] = {}
        for r in rows:
            if r.outlet:
                outlets.setdefault(r.outlet.casefold(), r.outlet)
        self._fill(self.outlet_box, sorted(outlets.values(), key=str.casefold))
        self.model.set_rows(rows)
        self._apply_filters()

    def _fill(self, box: QComboBox, values: list[str]) -> None:
        """New choices, keeping the one made (while it still exists)."""
        current = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for value in values:
            box.addItem(value, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def _apply_filters(self) -> None:
        f = self.model.filter
        f.status, f.tag = self.status_box.currentData(), self.tag_box.currentData()
        f.entity, f.outlet = self.entity_box.currentData(), self.outlet_box.currentData()
        f.published_from = self._date_bound(self.from_edit)
        f.published_to = self._date_bound(self.to_edit)
        f.contested, f.disagrees = self.contested_box.isChecked(), self.disagrees_box.isChecked()
        self.model.refilter()
        shown, total = self.model.rowCount(), len(self.model.all_rows)
        noun = self.tr("claim") if total == 1 else self.tr("claims")
        self.count_label.setText(f"{total} {noun}" if shown == total else
                                 self.tr("%1 of %2 %3").replace("%1", str(shown)).replace("%2", str(total))
                                 .replace("%3", noun))

    def _date_bound(self, edit: QLineEdit) -> str:
        """A typed bound, or "" while it is not (yet) a date: 2021, 2021-05 or 2021-05-14."""
        text = edit.text().strip()
        valid = not text or ISO_DATE.fullmatch(text) is not None
        edit.setToolTip("" if valid else self.tr("Write 2021-05-14, 2021-05 or 2021"))
        edit.setStyleSheet("" if valid else "color: #b3261e")
        return text if text and valid else ""

    def select_claim(self, claim_id: int) -> None:
        row = self.model.row_of(claim_id)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def _on_activated(self, index: QModelIndex) -> None:
        self.claim_chosen.emit(int(index.data(CLAIM_ROLE)))

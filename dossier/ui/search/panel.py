"""SearchPanel: search the whole dossier; results with snippets; Enter opens the article.

Search runs once typing pauses, on a worker thread with its own read-only connection, so even
a pasted page of words never holds up the window; an answer to a query the user has since
changed is dropped. Selective queries answer in a few milliseconds, ranked by relevance. A query matching thousands of articles ("the", "border") would cost a quarter of a
second to rank at 100,000 articles, so past the store's RANK_LIMIT its results come newest first,
unranked, and the panel says so: adding a word ranks them again.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from dossier.core.citation import format_date
from dossier.core.models import AnnotationHit, SearchHit
from dossier.store import Database
from dossier.store.search import Found, search_file

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SYNTAX_EXAMPLES = """Examples:
Pashinyan — also finds Пашинян and Փաշինյանը when the dossier knows those spellings
"102nd Base" — the words in this order
Russia* — words starting so
Russian NEAR/5 troops — within five words of each other
(Syunik OR Lachin) NOT ceasefire — operators in capitals; parentheses group
outlet:Reuters published:2021-05 lang:en border — filters of articles
kind:claim status:disputed rationale:sources — claims, their assessment and rationale
note:withdraw tag:urgent — notes and tags of annotations"""
PAGE = 50
COUNT_CAP = 10_000

Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit | AnnotationHit] = []

    def set_hits(self, hits: list[SearchHit | AnnotationHit]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            heading = hit.title if isinstance(hit, SearchHit) else hit_heading(hit)
            return f"{heading}\n{''.join(text for text, _ in hit.snippet_parts())}"
        if role == HIT_ROLE:
            return hit
        return None


HEADINGS = {"quote": "Annotated passage “%1”", "note": "Note on “%1”", "rationale": "Rationale of the claim “%1”",
            "tags": "Tags of “%1”"}


def hit_heading(hit: AnnotationHit) -> str:
    """Where an annotation matched: "Rationale of the claim “the agreement…” — Article"."""
    quote = hit.exact if len(hit.exact) <= 60 else hit.exact[:60].rsplit(" ", 1)[0] + "…"
    return HEADINGS[hit.where].replace("%1", " ".join(quote.split())) + f" — {hit.article_title}"


def hit_html(hit: SearchHit | AnnotationHit) -> str:
    """Heading and snippet as HTML of our own making: every piece of text is escaped."""
    snippet = "".join(
        f"<b>{html.escape(text)}</b>" if match else html.escape(text) for text, match in hit.snippet_parts()
    )
    if isinstance(hit, AnnotationHit):
        return f"<i>{html.escape(hit_heading(hit))}</i><br>{snippet}"
    where = " · ".join(p for p in (hit.source or "", format_date(hit.published, "day")) if p)
    return f"<b>{html.escape(hit.title)}</b> <small>{html.escape(where)}</small><br>{snippet}"


class HitDelegate(QStyledItemDelegate):
    """Draws a hit with its matches in bold, from escaped text only."""

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(hit_html(hit))
        doc.setTextWidth(max(100, option.rect.width() - 8))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, hit)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.translate(4, 2)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 8, option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        doc = self._document(option, index.data(HIT_ROLE))
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 6)


class SearchPanel(QWidget):
    result_chosen = Signal(int, str)  # article id, the first matched text (to select)
    annotation_chosen = Signal(int)  # a note, rationale or tag matched: open that annotation

    def __init__(self, store: Database, tasks: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._asked = 0  # the number of the newest search sent to the worker
        self._open_first = False  # Enter was pressed before the answer came
        self.query_edit = QLineEdit(placeholderText=self.tr("Search the whole dossier"), clearButtonEnabled=True)
        self.query_edit.setAccessibleName(self.tr("Search the whole dossier"))
        self.count_label = QLabel()
        # The operators, in one line under the box; examples in its tooltip.
        self.syntax_label = QLabel(self.tr('"a phrase"  prefix*  a NEAR/5 b  AND OR NOT ( )  note: rationale: tag: '
                                           "kind:claim status:disputed outlet: lang: published:2021-05"))
        self.syntax_label.setTextFormat(Qt.TextFormat.PlainText)
        self.syntax_label.setWordWrap(True)
        self.syntax_label.setEnabled(False)  # drawn as a hint, in the palette's quieter text
        self.syntax_label.setToolTip(self.tr(SYNTAX_EXAMPLES))
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setAccessibleName(self.tr("Search results"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.syntax_label)
        layout.addWidget(self.count_label)
        layout.addWidget(self.results, 1)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(self._debounce.start)
        self.query_edit.returnPressed.connect(self._on_query_return)
        self.results.activated.connect(self._on_result_activated)
        self.results.clicked.connect(self._on_result_activated)

    def focus_query(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def run_search(self) -> None:
        """Search for what is typed, on a worker; the answer is shown when it comes."""
        self._debounce.stop()
        text = self.query_edit.text()
        self._asked += 1
        asked, path = self._asked, self._store.path
        self._tasks.run(lambda: search_file(path, text, PAGE), lambda found: self._show(asked, text, found),
                        lambda error: self._failed(asked, error))

    def _show(self, asked: int, text: str, found: Found) -> None:
        if asked != self._asked:
            return  # the query changed since: a newer answer is on its way
        hits: list[SearchHit | AnnotationHit] = [*found.articles, *found.annotations]
        self.model.set_hits(hits)
        if not text.strip():
            self.count_label.clear()
            return
        count = found.count
        shown = f"{count:,}+" if count >= COUNT_CAP else f"{count:,}"
        if count == 0:
            label = self.tr("No articles match")
        elif count == 1:
            label = self.tr("1 article matches")
        else:
            label = self.tr("%1 articles match").replace("%1", shown)
        if found.annotations:
            n = len(found.annotations)
            label += self.tr(", and %1 annotations").replace("%1", f"{n:,}{'+' if n >= PAGE else ''}") if n > 1 \
                else self.tr(", and 1 annotation")
        if not found.ranked:
            label += self.tr(" — newest first; add words to rank by relevance")
        self.count_label.setText(label)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        if self._open_first:
            self._open_first = False
            if hits:
                self._on_result_activated(self.model.index(0, 0))

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked == self._asked:
            self.model.set_hits([])
            self.count_label.setText(self.tr("The search could not run: %1").replace("%1", str(error)))

    def _on_query_return(self) -> None:
        if self._debounce.isActive():
            self._open_first = True
            self.run_search()  # its answer opens the first result
            return
        if self.model.rowCount():
            self._on_result_activated(self.results.currentIndex() if self.results.currentIndex().isValid()
                                      else self.model.index(0, 0))

    def _on_result_activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, AnnotationHit):
            self.annotation_chosen.emit(hit.annotation_id)
            return
        matches = [text for text, is_match in hit.snippet_parts() if is_match]
        self.result_chosen.emit(hit.article_id, matches[0] if matches else "")

"""ArticlePane: the article's headline, its provenance and its verbatim text.

The text is always plain text: QPlainTextEdit never interprets markup, follows links or loads
resources, and the headline labels are set to plain text too. Entity mentions (underlined in
their kind's colour) and annotations (in their tag's colour) are drawn as extra selections of
the visible article only. Offsets convert between code points and Qt's UTF-16 positions through
`dossier.core.offsets`, nowhere else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import ARTICLES, CONTENT, Changes
from dossier.core.citation import citation, provenance_for_display
from dossier.core.models import Article
from dossier.core.offsets import OffsetMap
from dossier.ui import theme
from dossier.ui.article.find_bar import FindBar
from dossier.ui.article.page_view import PageImageView
from dossier.ui.session import DossierSession


class InertDocument(QTextDocument):
    """A document that loads nothing: asked for an image or a style sheet (which plain text
    never needs), it answers with nothing and notes the request."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentLayout(QPlainTextDocumentLayout(self))
        self.blocked_resources: list[str] = []

    def loadResource(self, kind: int, name: object) -> object:
        self.blocked_resources.append(name.toString() if hasattr(name, "toString") else str(name))
        return None


class ArticleTextView(QPlainTextEdit):
    """Read-only, selectable with mouse and keyboard (a caret to move and Shift+arrows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(InertDocument(self))
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        self.document().setDocumentMargin(16)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        self.setAccessibleName(self.tr("Article text"))
        self.extra_actions: list[QAction] = []

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu: QMenu = self.createStandardContextMenu(event.pos())
        if self.extra_actions:
            menu.addSeparator()
            for action in self.extra_actions:
                menu.addAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()


class ArticlePane(QWidget):
    selection_changed = Signal()
    annotation_clicked = Signal(int)  # the caret was put inside an annotated passage

    def __init__(self, session: DossierSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = session.store
        self._article: Article | None = None
        self._offsets = OffsetMap("")
        self._mention_selections: list[QTextEdit.ExtraSelection] = []
        self._annotation_selections: list[QTextEdit.ExtraSelection] = []
        self._annotation_spans: list[tuple[int, int, int]] = []  # (start, end, id), for clicks
        self._show_mentions = True
        self.marks_not_shown = 0  # marks of the article lying outside its text (a damaged or forged row)

        self.headline = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        headline_font = QFont(self.headline.font())
        headline_font.setPointSizeF(headline_font.pointSizeF() * 1.5)
        headline_font.setBold(True)
        self.headline.setFont(headline_font)
        self.provenance = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.provenance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.provenance.setOpenExternalLinks(False)
        self.provenance.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.text_view = ArticleTextView()
        self.find_bar = FindBar(self.text_view)
        self.find_bar.hide()
        # An article read by OCR shows the page it was read from beside its text.
        self.page_view = PageImageView()
        self.page_view.hide()
        self.page_view.word_clicked.connect(self.select_range)
        self.text_and_page = QSplitter(Qt.Orientation.Horizontal)
        self.text_and_page.addWidget(self.text_view)
        self.text_and_page.addWidget(self.page_view)
        self.text_and_page.setStretchFactor(0, 3)
        self.text_and_page.setStretchFactor(1, 2)
        self._page_sized = False  # the user moved the splitter: their sizes stay
        self.text_and_page.splitterMoved.connect(lambda *_: setattr(self, "_page_sized", True))

        self.setMinimumWidth(360)  # docks may grow, but the article stays readable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 4)
        layout.addWidget(self.headline)
        layout.addWidget(self.provenance)
        layout.addWidget(self.text_and_page, 1)
        layout.addWidget(self.find_bar)

        self.copy_citation_action = QAction(self.tr("Copy with Citation"), self)
        self.copy_citation_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_citation_action.triggered.connect(self.copy_with_citation)
        self.text_view.extra_actions.append(self.copy_citation_action)
        self.text_view.selectionChanged.connect(self.selection_changed)
        self.text_view.selectionChanged.connect(self._outline_on_page)
        self.text_view.cursorPositionChanged.connect(self._on_cursor_moved)
        session.changed.connect(self._on_changed)
        self.show_article(None)

    def _on_changed(self, changes: Changes) -> None:
        """Redraw the marks if this article's annotations or mentions changed; its headline if
        its properties did. The text, the selection and the scroll position stay."""
        if self._article is None:
            return
        if changes.touches_id(ARTICLES, self._article.id):
            if not self._store.articles.exists(self._article.id):
                return  # deleted: the workspace opens another
            self._article = self._store.articles.get(self._article.id)
            self.headline.setText(self._article.title)
            self.provenance.setText(self._provenance_text(self._article))
        if changes.touches_id(CONTENT, self._article.id):
            self.refresh_marks()

    def _provenance_text(self, article: Article) -> str:
        """Source · date · url, then where a message or archived page came from, a line each."""
        lines = [provenance_for_display(article), *self._store.provenance.words(article.id)]
        return "\n".join(lines)

    # -- showing --------------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    def show_article(self, article_id: int | None) -> None:
        if article_id is None:
            self._article = None
            self.headline.setText(self.tr("No article open"))
            self.provenance.setText(self.tr("Choose an article from the list."))
            self.text_view.setPlainText("")
            self._offsets = OffsetMap("")
            self._mention_selections, self._annotation_selections, self._annotation_spans = [], [], []
            self._apply_selections()
            self.page_view.set_pages([], bytes)
            return
        article = self._store.articles.get(article_id)
        self._article = article
        self.headline.setText(article.title)
        self.provenance.setText(self._provenance_text(article))
        self.text_view.setPlainText(article.text)
        self._offsets = OffsetMap(article.text)
        pages = self._store.ocr_pages
        self.page_view.set_pages(pages.pages(article_id), pages.picture)
        self._size_page_view()
        self.refresh_marks()

    def refresh_marks(self) -> None:
        """Re-read this article's mentions and annotations and draw them. A mark whose passage
        lies outside the text (a row no constraint forbids, from a damaged or forged file) is not
        drawn and is reported: the article still shows."""
        if self._article is None:
            return
        palette = self.text_view.palette()
        length = len(self._article.text)
        outside = 0
        self._mention_selections = []
        underlines: dict[str, QTextCharFormat] = {}
        for mark in self._store.entities.mention_marks(self._article.id):
            if not 0 <= mark.start < mark.end <= length:
                outside += 1
                continue
            if mark.kind not in underlines:
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(theme.kind_color(mark.kind, palette))
                underlines[mark.kind] = fmt
            self._mention_selections.append(self._selection(mark.start, mark.end, underlines[mark.kind]))
        tag_colors = {t.id: t.color for t in self._store.tags.all()}
        formats: dict[tuple[str, str | None], QTextCharFormat] = {}  # one per look, shared
        self._annotation_selections = []
        self._annotation_spans = []
        for a in self._store.annotations.all(self._article.id):
            if a.anchor_state == "orphaned":
                continue
            if not 0 <= a.start < a.end <= length:
                outside += 1
                continue
            self._annotation_spans.append((a.start, a.end, a.id))
            color = next((tag_colors[t] for t in a.tag_ids if t in tag_colors), None)
            look = (a.kind if color is None else "tagged", color)
            if look not in formats:
                formats[look] = self._annotation_format(a.kind, color)
            self._annotation_selections.append(self._selection(a.start, a.end, formats[look]))
        self._apply_selections()
        self.marks_not_shown = outside
        # Said with the article, under its provenance: seen while it is shown, not lost in the status bar.
        note = self.tr("%1 mark(s) of this article lie outside its text (a damaged or altered row) and are not "
                       "shown.").replace("%1", str(outside)) if outside else ""
        self.provenance.setText(self._provenance_text(self._article) + (f"\n{note}" if note else ""))

    def set_mentions_visible(self, visible: bool) -> None:
        self._show_mentions = visible
        self._apply_selections()

    def _annotation_format(self, kind: str, tag_color: str | None) -> QTextCharFormat:
        """Highlighted in the first tag's colour; an untagged claim stands out as work to do."""
        palette = self.text_view.palette()
        fmt = QTextCharFormat()
        if tag_color is not None:
            fmt.setBackground(theme.highlight_background(tag_color, palette))
        elif kind == "claim":
            fmt.setBackground(theme.highlight_background(theme.UNTAGGED_CLAIM, palette))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor(theme.UNTAGGED_CLAIM))
        else:
            default = theme.DEFAULT_NOTE if kind == "note" else theme.DEFAULT_HIGHLIGHT
            fmt.setBackground(theme.highlight_background(default, palette))
        return fmt

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _apply_selections(self) -> None:
        mentions = self._mention_selections if self._show_mentions else []
        # Annotations last, so their background shows over a mention's underline span.
        self.text_view.setExtraSelections(mentions + self._annotation_selections)

    def _size_page_view(self) -> None:
        """The text three fifths, the page two, until the user moves the splitter."""
        if self.page_view.page is not None and not self._page_sized:
            width = self.text_and_page.width()
            self.text_and_page.setSizes([width * 3 // 5, width - width * 3 // 5])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_page_view()

    def changeEvent(self, event: QEvent) -> None:
        # Light/dark switch: marks are drawn in colours chosen for the palette, so redraw them.
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_marks()
        super().changeEvent(event)

    def annotation_at(self, offset: int) -> int | None:
        """The innermost annotation covering a code-point offset."""
        covering = [(e - s, i) for s, e, i in self._annotation_spans if s <= offset < e]
        return min(covering)[1] if covering else None

    def _on_cursor_moved(self) -> None:
        cursor = self.text_view.textCursor()
        if cursor.hasSelection() or self._article is None:
            return
        offset = self._offsets.to_codepoint(cursor.position())
        annotation_id = self.annotation_at(offset)
        if self.page_view.isVisibleTo(self):  # the page of the caret, the passage it is in outlined
            span = next(((s, e) for s, e, i in self._annotation_spans if i == annotation_id), (offset, offset))
            self.page_view.show_span(*span)
        if annotation_id is not None:
            self.annotation_clicked.emit(annotation_id)

    def _outline_on_page(self) -> None:
        selected = self.selected_range()
        if selected is not None and self.page_view.isVisibleTo(self):
            self.page_view.show_span(*selected)

    # -- selecting ------------------------------------------------------------------------

    def select_range(self, start: int, end: int) -> None:
        """Select text[start:end] (code points), scroll it into view and give the text focus. A
        range beyond the text (from a damaged row) is cut to the text."""
        length = len(self._article.text) if self._article is not None else 0
        start, end = min(max(start, 0), length), min(max(end, 0), length)
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.text_view.setTextCursor(cursor)
        self.text_view.centerCursor()
        self.text_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as code-point offsets into the article text, or None."""
        cursor = self.text_view.textCursor()
        if self._article is None or not cursor.hasSelection():
            return None
        return (self._offsets.to_codepoint(cursor.selectionStart()), self._offsets.to_codepoint(cursor.selectionEnd()))

    def selected_text(self) -> str:
        selected = self.selected_range()
        if selected is None or self._article is None:
            return ""
        return self._article.text[selected[0] : selected[1]]

    def select_first(self, needle: str) -> bool:
        """Select the first occurrence of `needle`, ignoring case (for search results)."""
        found = self.text_view.document().find(needle)
        if found.isNull():
            return False
        self.text_view.setTextCursor(found)
        self.text_view.centerCursor()
        self.text_view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # -- copying --------------------------------------------------------------------------

    def copy_with_citation(self) -> None:
        quote = self.selected_text()
        if self._article is None:
            return
        text = citation(quote, self._article) if quote else citation(self._article.title, self._article)
        QGuiApplication.clipboard().setText(text)

    def open_find_bar(self) -> None:
        self.find_bar.open_bar()

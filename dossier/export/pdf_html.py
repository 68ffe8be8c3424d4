"""The dossier PDF's content as HTML of our own making: every piece of text from the dossier
(article text, titles, notes, names) is escaped, so an article containing `<b>` or `&amp;` prints
those characters. Qt's rich-text engine lays this out; see pdf.py."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from itertools import pairwise

from dossier.analysis.corroboration import ClaimRow
from dossier.core.citation import format_date, provenance_for_display
from dossier.core.grading import SourceGrades
from dossier.core.models import Annotation, Article
from dossier.core.vocabulary import CLAIM_STATUS_LABELS, CREDIBILITY


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def anchor(name: str) -> str:
    """A named place links (`href="#name"`) and the outline can lead to."""
    return f'<a name="{name}"></a>'


@dataclass
class Section:
    """A heading that gets a TOC line, a bookmark and (after layout) a page."""

    key: str
    title: str


@dataclass
class PdfContent:
    sections: list[Section] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    # The parts that print page numbers (the contents, the entity index), by their place in
    # `parts`, each with what makes it for the page each anchor is on: report.renumber.
    numbered: dict[int, Callable[[Mapping[str, int] | None], str]] = field(default_factory=dict)

    def section(self, key: str, title: str) -> str:
        self.sections.append(Section(key, title))
        return f"<h1>{anchor(key)}{esc(title)}</h1>"


def article_body(text: str, annotations: Sequence[Annotation], colors: dict[int, str],
                 numbers: dict[int, int], note_ids: set[int], places: Mapping[int, Sequence[str]] | None = None) -> str:
    """The verbatim text, paragraph by paragraph, with annotated passages highlighted in their
    colour and a numbered marker (linking to its endnote) after each annotation with a note.
    `places`: more anchors to set, by offset (the chronology links to its events' sentences)."""
    places = places or {}
    placed = [a for a in annotations if a.anchor_state != "orphaned"]
    ends: dict[int, list[Annotation]] = {}
    starts: dict[int, list[Annotation]] = {}
    for a in placed:
        ends.setdefault(a.end, []).append(a)
        starts.setdefault(a.start, []).append(a)
    out = []
    offset = 0
    waiting: list[Annotation] = []  # passages that begin in the break before a paragraph
    for paragraph in text.split("\n\n"):
        start, end = offset, offset + len(paragraph)
        offset = end + 2
        # A passage that starts at a paragraph break (or in an empty paragraph) is anchored at
        # the start of the next paragraph with text: the claims table's link must lead somewhere.
        waiting += [a for p in sorted(starts) if p < start or (p == start == end) for a in starts.pop(p)]
        cuts = sorted({start, end, *(p for a in placed for p in (a.start, a.end) if start < p < end),
                       *(p for p in places if start < p < end)})
        pieces = []
        for lo, hi in pairwise(cuts):
            for a in waiting + starts.pop(lo, []):  # the claims table links here
                pieces.append(anchor(f"ann-{a.id}"))
            pieces += [anchor(name) for name in places.get(lo, ())]
            waiting = []
            covering = [a for a in placed if a.start <= lo and hi <= a.end]
            chunk = esc(text[lo:hi]).replace("\n", "<br/>")
            if covering:
                inner = min(covering, key=lambda a: a.end - a.start)
                chunk = f'<span style="background-color:{colors[inner.id]}">{chunk}</span>'
            pieces.append(chunk)
            for a in ends.get(hi, []):
                if a.id in note_ids:
                    n = numbers[a.id]
                    pieces.append(note_marker(n))
        out.append(f"<p>{''.join(pieces)}</p>")
    if waiting:  # nothing with text followed (the passage is the trailing break itself)
        out.append(f"<p>{''.join(anchor(f'ann-{a.id}') for a in waiting)}</p>")
    return "".join(out)


def note_marker(n: int) -> str:
    """The [n] after a passage, linking to its endnote. The name the endnote's ↩ returns to sits
    on the bracket, outside the link: on a character that is also a link, Qt's PDF writer makes
    the link and drops the name, and the ↩ would lead nowhere."""
    return f'<sup>{anchor(f"ref-{n}")}[<a href="#note-{n}">{n}</a>]</sup>'


def endnotes(article: Article, annotations: Sequence[Annotation], numbers: dict[int, int],
             grades: SourceGrades) -> str:
    rows = []
    for a in annotations:
        if a.id not in numbers:
            continue
        n = numbers[a.id]
        claim = ""
        if a.claim is not None:
            claim = (f"<br/><i>{esc(CLAIM_STATUS_LABELS[a.claim.status])}, "
                     f"{esc(grades.grade(a.claim, article.source).words)}</i>"
                     + (f" — {esc(a.claim.rationale)}" if a.claim.rationale else ""))
        orphan = " <i>(passage no longer found in the text)</i>" if a.anchor_state == "orphaned" else ""
        note = esc(a.note.strip()).replace(chr(10), "<br/>")
        rows.append(
            f'<p>{anchor(f"note-{n}")}<b>[{n}]</b> <a href="#ref-{n}">↩</a> “{esc(a.exact)}”{orphan}'
            + (f"<br/>{note}" if note else "") + f"{claim}</p>"
        )
    return f"<h3>Notes</h3>{''.join(rows)}" if rows else ""


def provenance_line(article: Article, came_from: Sequence[str] = ()) -> str:
    """Source · date · url · imported · sha256, then where a message or archived page came from
    (a Telegram export, a web archive), a line each."""
    imported = article.imported_at[:10]
    lines = "".join(f"<br/>{esc(line)}" for line in came_from)
    return (f'<p dir="ltr" style="color:#555555">{esc(provenance_for_display(article))} · imported {esc(imported)} · '
            f"sha256 {esc(article.sha256[:12])}{lines}</p>")


def claims_table(rows: Sequence[tuple[Annotation, Article, str, str]],
                 boards: Mapping[int, ClaimRow] | None = None, printed: Set[int] = frozenset()) -> str:
    """(claim, its article, the anchor of its place in the text, effective grade) per row; under
    each claim, what other sources say of it (its board row): the corroboration line, the
    credibility that suggests beside the analyst's, and each piece of evidence with its outlet.
    Evidence whose passage is printed links to it."""
    if not rows:
        return "<p>No claims.</p>"
    boards = boards or {}
    head = ("<tr><th>Quote</th><th>Status</th><th>Grade</th><th>Article</th><th>Rationale</th></tr>")
    body = []
    for a, article, anchor_name, grade in rows:
        body.append(
            f'<tr><td><a href="#{anchor_name}">“{esc(a.exact)}”</a></td>'
            f"<td>{esc(CLAIM_STATUS_LABELS[a.claim.status] if a.claim else '')}</td>"
            f"<td>{esc(grade)}</td><td>{esc(article.title)}<br/>"
            f"<small>{esc(article.source or '')} {esc(format_date(article.published, article.published_precision))}</small></td>"
            f"<td>{esc(a.claim.rationale if a.claim else '')}</td></tr>")
        board = boards.get(a.id)
        if board is not None:
            body.append(f'<tr><td colspan="5">{corroboration_html(board, printed)}</td></tr>')
    return f'<table border="1" cellspacing="0" cellpadding="4" width="100%">{head}{"".join(body)}</table>'


def corroboration_html(row: ClaimRow, printed: Set[int]) -> str:
    found = row.corroboration
    line = f"<i>Corroboration:</i> {esc(found.line)}."
    if found.suggestion is not None:
        line += f" <i>The evidence suggests</i> {found.suggestion} — {esc(CREDIBILITY[found.suggestion])}"
        if row.disagrees and row.grade.credibility is not None:
            line += f"; <b>the analyst graded it {row.grade.credibility} — {esc(CREDIBILITY[row.grade.credibility])}</b>"
        line += "."
    items = []
    for item in row.evidence:
        quote = f"“{esc(item.exact)}”"
        if item.annotation_id in printed:
            quote = f'<a href="#ann-{item.annotation_id}">{quote}</a>'
        where = " — ".join(esc(p) for p in (item.outlet, item.article_title) if p)
        alone = "" if item.independent else f" <i>(not independent: {esc(item.dependence)})</i>"
        items.append(f"<br/>{esc(item.relation.capitalize())}: {quote} — {where}{alone}")
    return f"<small>{line}{''.join(items)}</small>"

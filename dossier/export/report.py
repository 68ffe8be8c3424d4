"""What the dossier report says, section by section, as escaped HTML for Qt's rich-text engine:
the same content becomes the PDF (pdf.py, with page numbers and links) and the editable
OpenDocument copy (odt.py, without them).

Order: cover; contents; the analyst's summary; sources; chronology (figures, then every event
in date order); claims grouped by status, each with its grade in words, its assessor, rationale,
evidence and corroboration; the competing-hypotheses matrix, if there are hypotheses; the
articles, verbatim, with highlights and endnotes; the entity index by kind, with page numbers only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dossier.analysis.chronology import ChronologyEntry, chronology_entries
from dossier.analysis.corroboration import ClaimRow, corroborated
from dossier.core.citation import format_date, format_span, plural
from dossier.core.colors import blend, default_color
from dossier.core.display import made_by
from dossier.core.grading import SourceGrades
from dossier.core.models import Annotation, Article, Event
from dossier.core.provenance import Provenance, collected
from dossier.core.vocabulary import CLAIM_STATUS_LABELS, RELIABILITY
from dossier.export.ach_export import ach_section
from dossier.export.page_figures import PREFIX as PAGE_FIGURE
from dossier.export.page_figures import figures_html
from dossier.export.pdf_html import (
    PdfContent,
    Section,
    anchor,
    article_body,
    corroboration_html,
    endnotes,
    esc,
    note_marker,
    provenance_line,
)
from dossier.export.timeline_figure import Figure
from dossier.store import Database
from dossier.store.database import SUMMARY

# Every part of the report (cover, contents, each section, a run of articles, the index) starts a
# page; each is laid out as its own document.
PAGE_BREAK = '<div style="page-break-before:always"></div>'
PART_CHARS = 60_000  # article text laid out as one part (about twenty pages)
PAGE_COLUMN_PX = 28  # the contents' column of page numbers, in CSS pixels
STATUS_ORDER = ("confirmed", "partially_true", "disputed", "false", "unverified")
KIND_HEADINGS = (("person", "People"), ("organisation", "Organisations"), ("place", "Places"),
                 ("unit", "Military units"), ("other", "Other"))

MAP_FIGURE = "map:places"  # the chronology's map of the places (export.map_figure.report_map)


@dataclass
class ReportOptions:
    article_ids: Sequence[int] | None = None  # None: every article
    tag_names: Sequence[str] | None = None  # only annotations with one of these tags
    claims_only: bool = False
    passages_only: bool = False  # only the annotated passages, not the full text
    analyst: str = ""
    handling: str = ""  # "Internal — not for publication", on the cover


@dataclass
class Selection:
    articles: list[Article]
    annotations: dict[int, list[Annotation]]
    events: list[Event] = field(default_factory=list)


def select(store: Database, options: ReportOptions) -> Selection:
    """The articles and annotations the options ask for, and those articles' events."""
    ids = list(options.article_ids) if options.article_ids is not None else store.articles.ids("published", False)
    tag_ids = None
    if options.tag_names:
        wanted = {n.casefold() for n in options.tag_names}
        tag_ids = {t.id for t in store.tags.all() if t.name.casefold() in wanted}
    articles, annotations = [], {}
    for article_id in ids:
        chosen = [a for a in store.annotations.all(article_id)
                  if (not options.claims_only or a.kind == "claim")
                  and (tag_ids is None or set(a.tag_ids) & tag_ids)]
        if (options.claims_only or tag_ids is not None) and not chosen:
            continue
        try:
            articles.append(store.articles.get(article_id))
        except KeyError:
            raise ValueError(f"there is no article {article_id} in this dossier") from None
        annotations[article_id] = chosen
    included = {a.id for a in articles}
    events = [e for e in store.events.all() if e.article_id in included]
    return Selection(articles, annotations, events)


STYLE = ("h1 { font-size: 16pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; } "
         "th { background-color: #eeeeee; }")


def report_document(family: str, figures: Sequence[Figure]) -> Any:
    """An empty QTextDocument in the report's type (10 pt body, headings) with the figures as
    its images: the PDF's and the editable copy's alike. Needs a QGuiApplication."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QFont, QTextDocument

    doc = QTextDocument()
    font = QFont(family)
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(STYLE)
    for figure in figures:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(figure.name), figure.image)
    return doc


@dataclass
class Layout:
    """What the medium knows: the page each anchor is on (the PDF, after a first layout; None
    for a copy without pages) and how to fill a contents line with leaders."""

    pages: Mapping[str, int] | None = None
    # The dots after a title that fill its cell up to the column of page numbers: (title, indent px).
    leaders: Callable[[str, int], str] | None = None


def build(store: Database, options: ReportOptions, chosen: Selection, figures: Sequence[Figure], layout: Layout,
          check: Callable[[], None] = lambda: None) -> PdfContent:
    c = PdfContent()
    articles, annotations = chosen.articles, chosen.annotations
    grades = store.sources.grades()
    claims = [a for article in articles for a in annotations[article.id] if a.kind == "claim" and a.claim is not None]
    entity_pairs = store.entities.article_pairs([a.id for a in articles])
    c.parts.append(_cover(store, options, chosen, len(claims), len({e for e, _a in entity_pairs})))
    c.parts.append(PAGE_BREAK)
    c.parts.append(c.section("contents", "Contents"))
    toc_index = len(c.parts)
    c.parts.append("")  # filled once every section is known

    summary = (store.meta(SUMMARY) or "").strip()
    if summary:
        c.parts.append(PAGE_BREAK)
        c.parts.append(c.section("summary", "Summary"))
        c.parts.append("".join(f"<p>{esc(p).replace(chr(10), '<br/>')}</p>" for p in summary.split("\n\n") if p.strip()))

    c.parts.append(PAGE_BREAK)
    c.parts.append(c.section("sources", "Sources"))
    records = store.provenance.of_many(a.id for a in articles)
    came_from = store.provenance.words_of(records)
    c.parts.append(_sources(store, articles, records))

    c.parts.append(PAGE_BREAK)
    c.parts.append(c.section("chronology", "Chronology"))
    full_text = not options.passages_only
    places, targets = event_places(chosen, full_text)
    c.parts.append(_chronology(store, chosen, figures, targets))

    c.parts.append(PAGE_BREAK)
    c.parts.append(c.section("claims", "Claims"))
    boards = {row.annotation.id: row for row in corroborated(store.claims.claim_rows([a.id for a in claims]))} if claims else {}
    printed = {a.id for article in articles for a in annotations[article.id] if a.anchor_state != "orphaned"}
    c.parts.append(_claims(claims, {a.id: article for article in articles for a in annotations[article.id]},
                           boards, printed, grades))
    hypotheses = store.ach.data()
    if hypotheses.hypotheses:
        c.parts.append(PAGE_BREAK)
        c.parts.append(c.section("hypotheses", "Competing hypotheses"))
        c.parts.append(ach_section(hypotheses))

    tags = {t.id: t for t in store.tags.all()}
    number = 0
    in_part = 0  # characters of article text in the part being filled
    for index, article in enumerate(articles):
        check()
        picked = annotations[article.id]
        colors, numbers, with_notes = {}, {}, set()
        for a in picked:
            tag_colors = [tags[t].color for t in a.tag_ids if t in tags]
            colors[a.id] = blend(tag_colors[0] if tag_colors else default_color(a.kind), 0.45)
            if a.note or a.claim is not None:
                number += 1
                numbers[a.id] = number
                if a.anchor_state != "orphaned":
                    with_notes.add(a.id)
        # Short articles follow one another; a new page starts once a part holds about twenty
        # pages of text, so memory holds one part's layout, not the whole report's.
        if index == 0 or in_part + len(article.text) > PART_CHARS:
            c.parts.append(PAGE_BREAK)
            in_part = 0
        else:
            c.parts.append('<hr/>')
        in_part += len(article.text)
        if index == 0:
            c.sections.append(_group("articles", "Articles"))
        c.parts.append(c.section(f"article-{article.id}", article.title))
        c.parts.append(provenance_line(article, came_from.get(article.id, ())))
        if index == 0:
            c.parts.append(_highlight_legend([a for v in annotations.values() for a in v], tags))
        if full_text:
            c.parts.append(article_body(article.text, picked, colors, numbers, with_notes, places.get(article.id)))
        else:
            c.parts.append("".join(
                f'<p>{anchor(f"ann-{a.id}")}<span style="background-color:{colors[a.id]}">“{esc(a.exact)}”</span>'
                + (note_marker(numbers[a.id]) if a.id in numbers else "") + "</p>"
                for a in picked))
        c.parts.append(endnotes(article, picked, numbers, grades))
        c.parts.append(figures_html(figures, article.id))  # the quoted pages of a scan, as read by OCR

    c.parts.append(PAGE_BREAK)
    c.parts.append(c.section("entities", "Entity index"))
    c.parts.append("")  # filled with the contents, below
    c.numbered = {toc_index: lambda pages: _contents(c, Layout(pages, layout.leaders)),
                  len(c.parts) - 1: lambda pages: _entity_index(store, entity_pairs, pages)}
    renumber(c, layout.pages)
    return c


def renumber(c: PdfContent, pages: Mapping[str, int] | None) -> None:
    """The contents and the entity index again, for the pages the layout found: the rest of
    the report does not depend on them, so it is built once per export."""
    for index, make in c.numbered.items():
        c.parts[index] = make(pages)


# -- cover and contents --------------------------------------------------------------------------

def _cover(store: Database, options: ReportOptions, chosen: Selection, claims: int, entities: int) -> str:
    today = datetime.now(UTC).date()
    published = sorted(a.published for a in chosen.articles if a.published)
    lines = ["<p style=\"font-size:10pt; color:#666666\">DOSSIER</p>",
             f'<h1 style="font-size:26pt">{esc(store.title)}</h1>']
    if options.handling.strip():
        lines.append(f'<p style="font-size:12pt; color:#a00000"><b>{esc(options.handling.strip())}</b></p>')
    by = f"Prepared by {esc(options.analyst)} · " if options.analyst.strip() else "Prepared "
    lines.append(f"<p>{by}{esc(format_date(today.isoformat()))}</p>")
    if published:
        first = next(a for a in chosen.articles if a.published == published[0])
        last = next(a for a in chosen.articles if a.published == published[-1])
        period = format_date(first.published, first.published_precision)
        if published[-1] != published[0]:
            period += " – " + format_date(last.published, last.published_precision)
        lines.append(f"<p>Sources published {esc(period)}</p>")
    annotations = sum(len(v) for v in chosen.annotations.values())
    lines.append("<p>" + " · ".join(esc(part) for part in (
        plural(len(chosen.articles), "article"),
        f"{plural(annotations, 'annotation')} ({plural(claims, 'claim')})",
        plural(entities, "entity"), plural(len(chosen.events), "event"))) + "</p>")
    return '<div align="center"><br/><br/><br/><br/><br/><br/>' + "".join(lines) + "</div>"


def _group(key: str, title: str) -> Section:
    """A heading of the contents and the outline that is no page of its own ("Articles")."""
    return Section(f"group:{key}", title)


def _contents(c: PdfContent, layout: Layout) -> str:
    if layout.pages is None:
        note = ("<p><i>This editable copy has no page numbers and no links; the PDF of the same "
                "dossier has both.</i></p>")
        return note + "".join(
            f'<p style="margin-left:{18 if s.key.startswith("article-") else 0}px">{esc(s.title)}</p>'
            for s in c.sections if s.key != "contents")
    rows = []
    for s in c.sections:
        if s.key == "contents":
            continue
        if s.key.startswith("group:"):
            rows.append(f'<tr><td colspan="2" style="padding-top:4px"><b>{esc(s.title)}</b></td></tr>')
            continue
        indent = 18 if s.key.startswith("article-") else 0
        page = str(layout.pages.get(s.key, 0) + 1)
        dots = layout.leaders(s.title, indent) if layout.leaders else ""
        rows.append(f'<tr><td style="padding-left:{indent}px"><a href="#{s.key}">{esc(s.title)}</a>'
                    f'<span style="color:#888888">{dots}</span></td>'
                    f'<td width="{PAGE_COLUMN_PX}" align="right" valign="bottom">{page}</td></tr>')
    return f'<table width="100%" cellspacing="0" cellpadding="0">{"".join(rows)}</table>'


# -- sources and chronology ----------------------------------------------------------------------

def _sources(store: Database, articles: Sequence[Article], records: Mapping[int, list[Provenance]]) -> str:
    """Per outlet: its grade, its articles, their dates, how they were collected (a Telegram
    export, web archives) and why the grade."""
    by_outlet: dict[str, list[Article]] = {}
    for article in articles:
        by_outlet.setdefault(article.source or "", []).append(article)
    known = {s.name: s for s in store.sources.all()}
    rows = []
    for outlet in sorted(by_outlet, key=lambda o: (o == "", o.casefold())):
        items = by_outlet[outlet]
        source = known.get(outlet)
        reliability = (f"{source.reliability} — {RELIABILITY[source.reliability]}" if source and source.reliability
                       else "not graded")
        dated = sorted((a.published, a.published_precision) for a in items if a.published)
        span = ""
        if dated:
            span = format_date(*dated[0]) + ("" if dated[0] == dated[-1] else " – " + format_date(*dated[-1]))
        how = collected([p for a in items for p in records.get(a.id, ())])
        rows.append(f"<tr><td>{esc(outlet or 'Outlet unknown')}</td><td>{esc(reliability)}</td>"
                    f'<td align="right">{len(items)}</td><td>{esc(span)}</td><td>{esc(how)}</td>'
                    f"<td>{esc(source.rationale if source else '')}</td></tr>")
    head = ('<tr><th width="15%">Outlet</th><th width="15%">Default reliability</th><th width="11%">Articles</th>'
            '<th width="15%">Published</th><th width="21%">Collected</th><th width="23%">Why this grade</th></tr>')
    return (f'<table border="1" cellspacing="0" cellpadding="4" width="100%">{head}{"".join(rows)}</table>'
            if rows else "<p>No articles.</p>")


def event_places(chosen: Selection, full_text: bool) -> tuple[dict[int, dict[int, list[str]]], dict[int, str]]:
    """Where the chronology's links land: (article id -> offset -> anchor names to set in its text,
    event id -> the anchor it links to). One anchor per place: the events of one sentence share
    it, and a passage annotated from there lends its own (Qt's PDF writer keeps one name of two
    set at one place). Without the full text, each links to its article's heading."""
    if not full_text:
        return {}, {e.id: f"article-{e.article_id}" for e in chosen.events}
    annotated = {(article_id, a.start): f"ann-{a.id}" for article_id, items in chosen.annotations.items()
                 for a in items if a.anchor_state != "orphaned"}
    places: dict[int, dict[int, list[str]]] = {}
    targets: dict[int, str] = {}
    for e in chosen.events:
        name = annotated.get((e.article_id, e.start)) or f"s-{e.article_id}-{e.start}"
        targets[e.id] = name
        if name.startswith("s-"):
            names = places.setdefault(e.article_id, {}).setdefault(e.start, [])
            if name not in names:
                names.append(name)
    return places, targets


def _chronology(store: Database, chosen: Selection, figures: Sequence[Figure], targets: Mapping[int, str]) -> str:
    out = []
    for figure in figures:
        if figure.name.startswith(PAGE_FIGURE):
            continue
        how = "." if figure.name == MAP_FIGURE else ": one lane per outlet."
        out.append(f'<p align="center"><img src="{figure.name}" width="{figure.width}"/><br/>'
                   f'<small><i>{esc(figure.caption)}{how}</i></small></p>')
    names = {r.id: r.name for r in store.entities.rows()}
    by_id = {a.id: a for a in chosen.articles}

    def entry(item: ChronologyEntry) -> str:
        e = item.first
        article = by_id[e.article_id]
        # The sentence as written, less an opening quote the sentence splitter left at its end.
        sentence = " ".join(article.text[e.start:e.end].split()).rstrip(" “‘«„(")
        who = ", ".join(names[i] for i in item.entity_ids if i in names)
        where = esc(article.source or article.title)
        target = targets[e.id]
        return (f"<p><b>{esc(format_span(item.earliest, item.latest, item.precision))}</b> — {esc(sentence)}<br/>"
                f'<small>{esc(who) + " · " if who else ""}<a href="#{target}">{where}</a></small></p>')

    # One entry per sentence and day: a sentence naming its day twice, or two days, prints once.
    entries = chronology_entries(chosen.events)
    dated = sorted((x for x in entries if x.earliest),
                   key=lambda x: (x.earliest, x.latest or x.earliest, by_id[x.first.article_id].published or "",
                                  x.first.id))
    undated = [x for x in entries if not x.earliest]
    out += [entry(x) for x in dated]
    if undated:
        out.append("<h3>Not placed in time</h3><p><small>Dates whose words could not be resolved "
                   "(“on Friday” with no tense to tell which, or an undated article).</small></p>")
        out += [entry(x) for x in undated]
    return "".join(out) or "<p>No dated events.</p>"


# -- claims --------------------------------------------------------------------------------------

def _claims(claims: Sequence[Annotation], article_of: Mapping[int, Article], boards: Mapping[int, object],
            printed: set[int], grades: SourceGrades) -> str:
    if not claims:
        return "<p>No claims.</p>"
    out = []
    for status in STATUS_ORDER:
        group = [a for a in claims if a.claim is not None and a.claim.status == status]
        if not group:
            continue
        out.append(f"<h2>{esc(CLAIM_STATUS_LABELS[status])} ({len(group)})</h2>")
        for a in group:
            assert a.claim is not None
            article = article_of[a.id]
            quote = f"“{esc(a.exact)}”"
            if a.id in printed:
                quote = f'<a href="#ann-{a.id}">{quote}</a>'
            lines = [f"{esc(article.title)} — {esc(article.source or 'outlet unknown')}"
                     + (f", {esc(format_date(article.published, article.published_precision))}" if article.published else ""),
                     f"<i>Grade:</i> {esc(grades.grade(a.claim, article.source).words)}"]
            if a.assessed_by:  # who stands behind the grade (a merged dossier has more than one analyst)
                lines.append(f"<i>Assessed by:</i> {esc(made_by(a.assessed_by, a.assessed_at))}")
            if a.claim.rationale.strip():
                lines.append(f"<i>Rationale:</i> {esc(a.claim.rationale.strip())}")
            board = boards.get(a.id)
            body = "<br/>".join(lines)
            if board is not None:
                body += "<br/>" + _evidence(board, printed, grades)
            out.append(f'<p style="margin-top:10px"><b>{quote}</b></p>'
                       f'<p style="margin-left:16px">{body}</p>')
    return "".join(out)


def _evidence(board: ClaimRow, printed: set[int], grades: SourceGrades) -> str:
    """The corroboration line, then each piece of evidence: relation, quote, outlet and its grade."""
    text = corroboration_html(board._replace(evidence=()), printed)
    items = []
    for item in board.evidence:
        quote = f"“{esc(item.exact)}”"
        if item.annotation_id in printed:
            quote = f'<a href="#ann-{item.annotation_id}">{quote}</a>'
        reliability = grades.reliability(item.outlet)
        graded = f"{reliability} — {RELIABILITY[reliability].lower()}" if reliability else "not graded"
        alone = "" if item.independent else f"; <i>not independent: {esc(item.dependence)}</i>"
        items.append(f"<br/>{esc(item.relation.capitalize())}: {quote} — {esc(item.outlet or item.article_title)} "
                     f"({esc(graded)}{alone})")
    return text + (f"<small>{''.join(items)}</small>" if items else "")


# -- highlights and the index --------------------------------------------------------------------

def _highlight_legend(annotations: Sequence[Annotation], tags: Mapping[int, object]) -> str:
    """What the colours of the highlighted passages mean: each tag used, and the kinds."""
    seen: dict[str, str] = {}
    for a in annotations:
        tag_ids = [t for t in a.tag_ids if t in tags]
        if tag_ids:
            tag = tags[tag_ids[0]]
            seen.setdefault(f"tag “{tag.name}”", blend(tag.color, 0.45))  # type: ignore[attr-defined]  # `tags` holds Tag records, typed loosely
        else:
            seen.setdefault({"claim": "claim", "note": "note"}.get(a.kind, "highlight"),
                            blend(default_color(a.kind), 0.45))
    if not seen:
        return ""
    swatches = " ".join(f'<span style="background-color:{color}">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;{esc(words)}'
                        for words, color in seen.items())
    return f'<p><small><i>Highlights:</i> {swatches}; [n] a note at the end of the article.</small></p>'


def _entity_index(store: Database, pairs: Sequence[tuple[int, int]], pages: Mapping[str, int] | None) -> str:
    articles_of: dict[int, set[int]] = {}
    for entity_id, article_id in pairs:
        articles_of.setdefault(entity_id, set()).add(article_id)
    rows = [r for r in store.entities.rows() if r.id in articles_of]
    if not rows:
        return "<p>No entities.</p>"
    out = []
    for kind, heading in KIND_HEADINGS:
        group = [r for r in rows if (r.kind if r.kind in dict(KIND_HEADINGS) else "other") == kind]
        if not group:
            continue
        out.append(f"<h2>{esc(heading)}</h2>")
        for r in group:
            if pages is None:
                where = ""
            else:
                numbers = sorted({pages.get(f"article-{a}", 0) + 1: a for a in articles_of[r.id]}.items())
                where = ", ".join(f'<a href="#article-{a}">{n}</a>' for n, a in numbers)
                where = f'&nbsp;&nbsp;<span style="white-space:nowrap; color:#444444">{where}</span>'
            out.append(f'<p style="margin:0">{esc(r.name)}{where}</p>')
    return "".join(out)

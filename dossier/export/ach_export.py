"""The competing-hypotheses matrix outside the app: a section of the report (a table of ratings
with each hypothesis's score, the evidence quoted with its provenance and grade, the ranking and
the rows it rests on) and a CSV file."""

from __future__ import annotations

import csv
from pathlib import Path

from dossier.analysis import ach
from dossier.core.cells import neutralise
from dossier.core.citation import format_date
from dossier.core.colors import ACH_CELL_COLORS
from dossier.core.grading import Grade
from dossier.export.pdf_html import esc
from dossier.store import Database
from dossier.store.ach import AchData
from dossier.store.atomic import text_reads, written_whole
from dossier.store.targets import check_target

CELL_COLORS = ACH_CELL_COLORS  # as the panel shows them


def ach_section(data: AchData, weighted: bool = False) -> str:
    """The matrix as HTML for the report; "" when there are no hypotheses."""
    if not data.hypotheses:
        return ""
    m = ach.matrix(data.rows, [h.id for h in data.hypotheses], data.ratings)
    titles = {h.id: h.title for h in data.hypotheses}
    columns = ach.ranking(m, weighted)
    scores = ach.inconsistency(m, weighted)
    rows = {r.id: r for r in data.rows}
    width = max(8, 48 // max(1, len(columns)))
    head = "<tr><th>Evidence</th>" + "".join(
        f'<th width="{width}%">{esc(titles[h])}<br/><small>inconsistency {scores[h]:g}</small></th>' for h in columns
    ) + "</tr>"
    body = []
    for row_id in ach.rows_by_diagnosticity(m):
        r = rows[row_id]
        grey = "" if ach.diagnosticity(m, row_id) else ' style="color:#888888"'
        where = ", ".join(p for p in (r.outlet or "outlet unknown", format_date(r.published, r.published_precision)) if p)
        grade = Grade(r.reliability, r.credibility, False).label + (f" ×{m.weights[row_id]:.2f}" if weighted else "")
        cells = "".join(
            f'<td align="center" style="background-color:{CELL_COLORS[rating]}">{rating}</td>'
            if (rating := m.ratings.get((row_id, h))) else '<td align="center"></td>' for h in columns)
        body.append(f"<tr{grey}><td>“{esc(r.quote)}”<br/><small>{esc(r.article_title)} — {esc(where)} · "
                    f"{esc(grade)}</small></td>{cells}</tr>")
    lead = ach.leaders(m, weighted)
    ranking = ", then ".join(f"{esc(titles[h])} ({scores[h]:g})" for h in columns)
    sensitive = ach.sensitive_rows(m, weighted)
    notes = [f"<p><b>{'Tied, least' if len(lead) > 1 else 'Least'} inconsistent:</b> {ranking}.</p>"]
    notes.append("<p><small>Ratings: CC very consistent, C consistent, N neutral, I inconsistent, II very "
                 "inconsistent, NA not applicable. A hypothesis's inconsistency counts each I as 1 and each II "
                 "as 2" + (", each row weighted by its grade" if weighted else "") + "; rows are ordered by "
                 "how much their ratings differ across hypotheses, and greyed where they do not.</small></p>")
    if sensitive:
        notes.append("<p>The ranking rests on " + "; ".join(f"“{esc(rows[r].quote)}”" for r in sensitive)
                     + (": without it" if len(sensitive) == 1 else ": without any one of these")
                     + ", another hypothesis would lead.</p>")
    descriptions = "".join(f"<p><b>{esc(h.title)}</b> — {esc(h.description)}</p>" for h in data.hypotheses
                           if h.description)
    return (descriptions + f'<table border="1" cellspacing="0" cellpadding="4" width="100%">{head}{"".join(body)}'
            f"</table>" + "".join(notes))


def write_ach_csv(store: Database, out: Path, weighted: bool = False) -> int:
    """One row per evidence row (the most diagnostic first), a column per hypothesis (least
    inconsistent first), then the scores; returns the number of evidence rows."""
    check_target(out, store.path)
    data = store.ach.data()
    m = ach.matrix(data.rows, [h.id for h in data.hypotheses], data.ratings)
    columns = ach.ranking(m, weighted)
    titles = {h.id: h.title for h in data.hypotheses}
    rows = {r.id: r for r in data.rows}
    scores = ach.inconsistency(m, weighted)
    with written_whole(out, text_reads) as partial, open(partial, "w", newline="", encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        writer.writerow(["evidence", "outlet", "published", "reliability", "credibility", "weight", "diagnosticity",
                         *(neutralise(titles[h]) for h in columns)])
        for row_id in ach.rows_by_diagnosticity(m):
            r = rows[row_id]
            writer.writerow([neutralise(r.quote), neutralise(r.outlet or ""), r.published or "", r.reliability or "",
                             r.credibility or "", f"{m.weights[row_id]:.2f}", ach.diagnosticity(m, row_id),
                             *(m.ratings.get((row_id, h), "") for h in columns)])
        writer.writerow(["inconsistency", "", "", "", "", "", "", *(f"{scores[h]:g}" for h in columns)])
    return len(data.rows)

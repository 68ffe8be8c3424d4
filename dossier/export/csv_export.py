"""CSV: one row per annotation, for a spreadsheet. UTF-8 with a byte-order mark (so Excel reads
the accents and scripts right), and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
from pathlib import Path

from dossier.analysis.corroboration import ClaimRow, corroborated
from dossier.core.cells import neutralise
from dossier.core.models import Article
from dossier.store import Database
from dossier.store.atomic import text_reads, written_whole
from dossier.store.targets import check_target

HEADER = ["article", "source", "published", "url", "quote", "kind", "tags", "status", "reliability",
          "credibility", "grade", "note", "rationale", "anchor", "created",
          # A claim's evidence, counted by independent origins (the claims board: copies of one
          # story, and an outlet repeating another, count once).
          "supporting_sources", "contradicting_sources", "context_sources", "suggested_credibility",
          "corroboration",
          # Who made the annotation, and who last assessed the claim and when (schema 12).
          "author", "assessed_by", "assessed_at",
          # Where the article came from when its file held many: a Telegram message, an archived
          # page ("Telegram export, Border Watch, message 103, …"), one record per line (schema 15).
          "came_from",
          # The outlets behind those origins (more than the origins when copies stand behind them).
          "supporting_outlets", "contradicting_outlets", "context_outlets"]


def rows(store: Database) -> list[list[str]]:
    tags = {t.id: t.name for t in store.tags.all()}
    grades = store.sources.grades()
    articles: dict[int, Article] = {}
    out = []
    boards = {row.annotation.id: row for row in corroborated(store.claims.claim_rows())}
    annotations = store.annotations.all()
    came_from = store.provenance.words_of(store.provenance.of_many({a.article_id for a in annotations}))
    for a in annotations:
        article = articles.get(a.article_id) or articles.setdefault(a.article_id, store.articles.get(a.article_id))
        claim = a.claim
        grade = grades.grade(claim, article.source) if claim else None
        reliability = ""
        if grade is not None and grade.reliability:
            reliability = f"{grade.reliability} (source)" if grade.inherited else grade.reliability
        out.append([neutralise(v) for v in (
            article.title, article.source, article.published, article.url, a.exact, a.kind,
            "; ".join(tags[t] for t in a.tag_ids if t in tags),
            claim.status if claim else "", reliability,
            claim.credibility if claim and claim.credibility else "",
            grade.label if grade else "",
            a.note, claim.rationale if claim else "", a.anchor_state, a.created,
            *_corroboration(boards.get(a.id)),
            a.author, a.assessed_by if claim else "", (a.assessed_at or "") if claim else "",
            "\n".join(came_from.get(a.article_id, ())),
            *_outlets(boards.get(a.id)),
        )])
    return out


def _corroboration(row: ClaimRow | None) -> tuple[object, ...]:
    if row is None:
        return ("", "", "", "", "")
    found = row.corroboration
    return (len(found.supporting), len(found.contradicting), len(found.context),
            found.suggestion if found.suggestion is not None else "", found.line)


def _outlets(row: ClaimRow | None) -> tuple[object, ...]:
    return ("", "", "") if row is None else row.corroboration.outlets


def write_csv(store: Database, out: Path) -> int:
    """Write every annotation to `out` (whole or not at all). Returns how many rows."""
    check_target(out, store.path)
    data = rows(store)
    with written_whole(out, text_reads) as partial, partial.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(data)
    return len(data)

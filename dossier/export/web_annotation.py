"""W3C Web Annotation JSON-LD: export a dossier's annotations, and read such a file back.

Each annotation targets its article by url, or by `urn:sha256:<hash of the text>` when the
article has none, with a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector
(code points, as in the dossier). Bodies: the note (commenting), each tag (tagging), and for a
claim its assessment (assessing) with status and grades in the `dossier:` namespace.

Reading back never guesses: an annotation is placed by quote and context (and position) with
the same re-anchoring as the app; one whose passage can't be found is kept, orphaned, with its
quote; one whose article isn't in the dossier is reported, not forced onto another. Importing
the same file twice adds nothing the second time.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.core.anchoring import reanchor
from dossier.core.models import Annotation, Article, Claim
from dossier.core.grading import SourceGrades
from dossier.core.vocabulary import ANNOTATION_KINDS, CLAIM_STATUSES, EVIDENCE_RELATIONS
from dossier.export.atomic import written_whole
from dossier.store import Store

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
DOSSIER_NS = "https://dossier-app.github.io/ns#"
CONTEXT = [ANNO_CONTEXT, {"dossier": DOSSIER_NS}]
MOTIVATION = {"highlight": "highlighting", "note": "commenting", "claim": "assessing"}
KIND_OF_MOTIVATION = {v: k for k, v in MOTIVATION.items()}


def dossier_uuid(store: Store) -> uuid.UUID:
    """A stable identity for the dossier, from its title and creation time."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"dossier:{store.meta('created')}:{store.title}")


def annotation_iri(base: uuid.UUID, annotation: Annotation) -> str:
    return f"urn:uuid:{uuid.uuid5(base, f'{annotation.id}:{annotation.created}')}"


def target_source(article: Article) -> str:
    return article.url or f"urn:sha256:{article.sha256}"


def to_web_annotation(store: Store, annotation: Annotation, article: Article, base: uuid.UUID,
                      tags: dict[int, str], grades: SourceGrades, creator: str | None = None) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if annotation.note:
        bodies.append({"type": "TextualBody", "value": annotation.note, "format": "text/plain",
                       "purpose": "commenting"})
    for tag_id in annotation.tag_ids:
        if tag_id in tags:
            bodies.append({"type": "TextualBody", "value": tags[tag_id], "purpose": "tagging"})
    if annotation.kind == "claim" and annotation.claim is not None:
        claim = annotation.claim
        grade = grades.grade(claim, article.source)
        bodies.append({
            "type": "TextualBody", "purpose": "assessing", "format": "text/plain",
            "value": f"{claim.status.replace('_', ' ')} ({grade.label})"
                     + (f": {claim.rationale}" if claim.rationale else ""),
            "dossier:status": claim.status,
            "dossier:reliability": claim.reliability,
            "dossier:reliabilityInherited": grade.reliability if grade.inherited else None,
            "dossier:credibility": claim.credibility,
            "dossier:rationale": claim.rationale,
        })
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_iri(base, annotation),
        "type": "Annotation",
        "motivation": MOTIVATION[annotation.kind],
        "created": annotation.created,
        "modified": annotation.modified,
        "target": {
            "source": target_source(article),
            "selector": [
                {"type": "TextQuoteSelector", "exact": annotation.exact, "prefix": annotation.prefix,
                 "suffix": annotation.suffix},
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            ],
        },
        "dossier:kind": annotation.kind,
        "dossier:anchorState": annotation.anchor_state,
        "dossier:articleTitle": article.title,
    }
    if creator:
        item["creator"] = {"type": "Person", "name": creator}
    if bodies:
        item["body"] = bodies
    links = store.evidence(annotation.id) if annotation.kind == "claim" else []
    if links:
        by_id = {a.id: a for a in store.annotations(None)}
        item["dossier:evidence"] = [
            {"relation": link.relation, "annotation": annotation_iri(base, by_id[link.annotation_id])}
            for link in links if link.annotation_id in by_id
        ]
    return item


def export_collection(store: Store, annotation_ids: Iterable[int] | None = None,
                      creator: str | None = None) -> dict[str, Any]:
    base = dossier_uuid(store)
    wanted = set(annotation_ids) if annotation_ids is not None else None
    tags = {t.id: t.name for t in store.tags()}
    grades = store.source_grades()
    articles: dict[int, Article] = {}
    items = []
    for annotation in store.annotations():
        if wanted is not None and annotation.id not in wanted:
            continue
        article = articles.get(annotation.article_id) or articles.setdefault(
            annotation.article_id, store.article(annotation.article_id))
        items.append(to_web_annotation(store, annotation, article, base, tags, grades, creator))
    collection_id = f"urn:uuid:{base}"
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": store.title,
        "total": len(items),
        "first": {"id": f"{collection_id}#page1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def write_collection(store: Store, out: Path, creator: str | None = None) -> int:
    """Write the dossier's annotations to `out` (atomically). Returns how many."""
    collection = export_collection(store, creator=creator)
    with written_whole(out) as partial:
        partial.write_text(json.dumps(collection, ensure_ascii=False, indent=2), encoding="utf-8")
    return int(collection["total"])


# -- reading back -------------------------------------------------------------------------------


@dataclass
class AnnotationImport:
    placed: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)
    already_there: int = 0
    skipped: list[str] = field(default_factory=list)  # reasons, one per annotation left out


def read_items(document: Any) -> list[dict[str, Any]]:
    if isinstance(document, list):
        return [d for d in document if isinstance(d, dict)]
    if isinstance(document, dict):
        if document.get("type") == "Annotation":
            return [document]
        items = document.get("items") or (document.get("first") or {}).get("items") or []
        return [d for d in items if isinstance(d, dict)]
    return []


def import_annotations(store: Store, path: Path) -> AnnotationImport:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path} is not a readable Web Annotation JSON file ({exc})") from exc
    result = AnnotationImport()
    by_source = _articles_by_source(store)
    pending_evidence: list[tuple[int, list[dict[str, Any]]]] = []
    iri_to_id: dict[str, int] = {}
    with store.transaction():
        for item in read_items(document):
            iri = item.get("id")
            if not isinstance(iri, str):
                result.skipped.append("an annotation without an id")
                continue
            existing = store.annotation_for_external_id(iri)
            if existing is not None:
                result.already_there += 1
                iri_to_id[iri] = existing
                continue
            already = result.already_there
            placed = _place(store, item, by_source, result)
            if placed is None:
                continue
            if result.already_there > already:
                store.remember_external_id(placed, iri)
                iri_to_id[iri] = placed
                continue
            store.remember_external_id(placed, iri)
            iri_to_id[iri] = placed
            evidence = item.get("dossier:evidence")
            if isinstance(evidence, list):
                pending_evidence.append((placed, evidence))
        for claim_id, links in pending_evidence:
            for link in links:
                target = iri_to_id.get(link.get("annotation", "")) if isinstance(link, dict) else None
                relation = link.get("relation") if isinstance(link, dict) else None
                if target is not None and relation in EVIDENCE_RELATIONS:
                    store.add_evidence(claim_id, target, relation)
    return result


def _articles_by_source(store: Store) -> dict[str, int]:
    found: dict[str, int] = {}
    for article_id in store.article_ids(order="id", descending=False):
        article = store.article(article_id)
        found.setdefault(f"urn:sha256:{article.sha256}", article.id)
        if article.url:
            found.setdefault(article.url, article.id)
    return found


def _place(store: Store, item: dict[str, Any], by_source: dict[str, int], result: AnnotationImport) -> int | None:
    target = item.get("target")
    target = target[0] if isinstance(target, list) and target else target
    if not isinstance(target, dict):
        result.skipped.append(f"{item.get('id')}: no target")
        return None
    source = target.get("source")
    article_id = by_source.get(source) if isinstance(source, str) else None
    if article_id is None:
        result.skipped.append(f"{item.get('id')}: its article ({source}) is not in this dossier")
        return None
    selectors = target.get("selector")
    selectors = selectors if isinstance(selectors, list) else [selectors] if isinstance(selectors, dict) else []
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        result.skipped.append(f"{item.get('id')}: no quote to place it by")
        return None
    text = store.article(article_id).text
    start = position.get("start") if isinstance(position, dict) and isinstance(position.get("start"), int) else 0
    found = reanchor(text, quote["exact"], str(quote.get("prefix") or ""), str(quote.get("suffix") or ""), start)
    kind = item.get("dossier:kind") if item.get("dossier:kind") in ANNOTATION_KINDS else KIND_OF_MOTIVATION.get(
        str(item.get("motivation")), "highlight")
    note, tags, claim = _bodies(item, kind)
    if found is not None:
        same = next((a for a in store.annotations(article_id)
                     if (a.start, a.end, a.kind, a.note) == (found.start, found.end, kind, note)), None)
        if same is not None:  # exported from this very dossier: it is already here
            result.already_there += 1
            return same.id

        annotation_id = store.add_annotation(article_id, kind, found.start, found.end, note=note, claim=claim)
        if found.state != "anchored":
            store.set_anchor_state(annotation_id, found.state)
        result.placed.append(annotation_id)
    else:
        annotation_id = store.add_orphan(article_id, kind, quote["exact"], str(quote.get("prefix") or ""),
                                         str(quote.get("suffix") or ""), note=note, claim=claim)
        result.orphaned.append(annotation_id)
    for name in tags:
        tag = store.find_tag(name)
        tag_id = tag.id if tag else store.add_tag(name, "#e6a23c")
        store.tag_annotation(annotation_id, tag_id)
    return annotation_id


def _bodies(item: dict[str, Any], kind: str) -> tuple[str, list[str], Claim | None]:
    bodies = item.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    notes, tags, claim = [], [], None
    for body in bodies:
        if not isinstance(body, dict):
            continue
        purpose, value = body.get("purpose"), body.get("value")
        if purpose == "tagging" and isinstance(value, str) and value.strip():
            tags.append(value.strip())
        elif purpose == "assessing" and kind == "claim":
            status = body.get("dossier:status")
            reliability = body.get("dossier:reliability")
            credibility = body.get("dossier:credibility")
            claim = Claim(
                status=status if status in CLAIM_STATUSES else "unverified",
                reliability=reliability if reliability in tuple("ABCDEF") else None,
                credibility=credibility if credibility in range(1, 7) else None,
                rationale=str(body.get("dossier:rationale") or ""),
            )
        elif isinstance(value, str) and purpose in (None, "commenting", "describing"):
            notes.append(value)
    return "\n\n".join(notes), tags, claim if kind == "claim" else None

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.core import identity, limits
from dossier.core.anchoring import CONTEXT_CHARS, reanchor
from dossier.core.colors import tag_color
from dossier.core.grading import SourceGrades
from dossier.core.models import Annotation, Article, Claim, Made
from dossier.core.provenance import Provenance, describe
from dossier.core.validity import text_problem
from dossier.core.vocabulary import ANNOTATION_KINDS, CLAIM_STATUSES, EVIDENCE_RELATIONS
from dossier.store import Database
from dossier.store.atomic import json_parses, written_whole
from dossier.store.database import utc_now
from dossier.store.files import NotAFile, read_bounded
from dossier.store.targets import check_target

if TYPE_CHECKING:
    from dossier.analysis.places import MapPlace

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
DOSSIER_NS = "https://dossier-app.github.io/ns#"
CONTEXT = [ANNO_CONTEXT, {"dossier": DOSSIER_NS}]
MOTIVATION = {"highlight": "highlighting", "note": "commenting", "claim": "assessing"}
KIND_OF_MOTIVATION = {v: k for k, v in MOTIVATION.items()}


def dossier_uuid(store: Database) -> uuid.UUID:
    """A stable identity for the dossier, from its title and creation time."""
    return identity.dossier_uuid(store.meta("created"), store.title)


def annotation_iri(base: uuid.UUID, annotation: Annotation) -> str:
    return identity.annotation_iri(base, annotation.id, annotation.created)


def target_source(article: Article) -> str:
    return article.url or f"urn:sha256:{article.sha256}"


def to_web_annotation(store: Database, annotation: Annotation, article: Article, base: uuid.UUID,
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
        assessment: dict[str, Any] = {
            "type": "TextualBody", "purpose": "assessing", "format": "text/plain",
            "value": f"{claim.status.replace('_', ' ')} ({grade.label})"
                     + (f": {claim.rationale}" if claim.rationale else ""),
            "dossier:status": claim.status,
            "dossier:reliability": claim.reliability,
            "dossier:reliabilityInherited": grade.reliability if grade.inherited else None,
            "dossier:credibility": claim.credibility,
            "dossier:rationale": claim.rationale,
        }
        if annotation.assessed_by:
            assessment["creator"] = _person(annotation.assessed_by)
        if annotation.assessed_at:
            assessment["created"] = annotation.assessed_at
        bodies.append(assessment)
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
    came_from = store.provenance.of(article.id)
    if came_from:  # a Telegram message or an archived page: how the article came (schema 15)
        item["dossier:provenance"] = [provenance_json(p) for p in came_from]
    read = store.ocr_pages.readings([article.id]).get(article.id)
    if read is not None:  # read by OCR from pictures (schema 17): the quote is to be checked against them
        item["dossier:ocr"] = {"engine": read.engine, "languages": read.languages, "pages": read.pages,
                               "meanConfidence": None if read.confidence is None else round(read.confidence, 1)}
    if annotation.quoted_as:  # moved onto another capture: the quote as first written
        item["dossier:quotedAs"] = annotation.quoted_as
    author = annotation.author or creator  # the export's --analyst names those whose author is unknown
    if author:
        item["creator"] = _person(author)
    if bodies:
        item["body"] = bodies
    links = store.evidence.of(annotation.id) if annotation.kind == "claim" else []
    if links:
        by_id = {a.id: a for a in store.annotations.all(None)}
        item["dossier:evidence"] = [
            {"relation": link.relation, "annotation": annotation_iri(base, by_id[link.annotation_id]),
             **({"creator": _person(link.author)} if link.author else {}),
             **({"created": link.created} if link.created else {})}
            for link in links if link.annotation_id in by_id
        ]
    return item


def provenance_json(p: Provenance) -> dict[str, Any]:
    """A provenance record as JSON: its identity, kind and every field it has."""
    fields = ("collection", "item", "posted_at", "author", "forwarded_from", "forwarded_from_id", "reply_to",
              "edited_at", "target_url", "captured_at", "digest", "archive")
    out: dict[str, Any] = {"identity": p.identity, "kind": p.kind, "description": describe(p)}
    out.update({name: getattr(p, name) for name in fields if getattr(p, name)})
    if p.links:  # where the text's words link: offsets into the article's text, and the address
        out["links"] = [{"start": start, "end": end, "href": url} for start, end, url in p.links]
    return out


def _person(name: str) -> dict[str, str]:
    return {"type": "Person", "name": name}


def creator_name(value: Any) -> str:
    """The name in a W3C `creator`: a Person's name (or nickname), an account IRI as it is, the
    first of several; "" when there is none. Cut to a sensible length: it is shown on one line."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("nickname") or value.get("id")
    return " ".join(value.split())[:MAX_NAME_CHARS] if isinstance(value, str) else ""


def _time(value: Any) -> str | None:
    """A W3C timestamp as stored (an ISO 8601 string), or None if it is not one."""
    from datetime import datetime

    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def export_collection(store: Database, annotation_ids: Iterable[int] | None = None,
                      creator: str | None = None, places: Mapping[int, MapPlace] | None = None) -> dict[str, Any]:
    """The annotations as a W3C AnnotationCollection; with `places` (entity id -> a place with its
    position, ingest.geocoding), each annotation lists the places its passage names under
    "dossier:places", with their latitude and longitude."""
    base = dossier_uuid(store)
    wanted = set(annotation_ids) if annotation_ids is not None else None
    tags = {t.id: t.name for t in store.tags.all()}
    grades = store.sources.grades()
    articles: dict[int, Article] = {}
    place_mentions: dict[int, list[tuple[int, int, int]]] = {}
    items = []
    for annotation in store.annotations.all():
        if wanted is not None and annotation.id not in wanted:
            continue
        article = articles.get(annotation.article_id) or articles.setdefault(
            annotation.article_id, store.articles.get(annotation.article_id))
        item = to_web_annotation(store, annotation, article, base, tags, grades, creator)
        if places:
            named = _places_in(store, annotation, places, place_mentions)
            if named:
                item["dossier:places"] = named
        items.append(item)
    collection_id = f"urn:uuid:{base}"
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": store.title,
        "total": len(items),
        "first": {"id": f"{collection_id}#page1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _places_in(store: Database, annotation: Annotation, places: Mapping[int, MapPlace],
               cache: dict[int, list[tuple[int, int, int]]]) -> list[dict[str, Any]]:
    """The places with a position named within the annotation's passage, in text order."""
    if annotation.article_id not in cache:
        cache[annotation.article_id] = [(m.start, m.end, m.entity_id) for m in store.entities.mentions_in(
            annotation.article_id) if m.entity_id in places]
    seen: dict[int, dict[str, Any]] = {}
    for start, end, entity_id in cache[annotation.article_id]:
        place = places[entity_id]
        if annotation.start <= start and end <= annotation.end and place.position and entity_id not in seen:
            seen[entity_id] = {"name": place.name, "latitude": round(place.position.latitude, 6),
                               "longitude": round(place.position.longitude, 6), "positionFrom": place.position.origin}
    return list(seen.values())


def write_collection(store: Database, out: Path, creator: str | None = None,
                     places: Mapping[int, MapPlace] | None = None) -> int:
    """Write the dossier's annotations to `out` (atomically). Returns how many."""
    check_target(out, store.path)
    collection = export_collection(store, creator=creator, places=places)
    with written_whole(out, json_parses) as partial:
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


# Limits on what is read back (README states them): a file larger than this is refused whole;
# a number longer than this is read as nothing (Python refuses to convert one of 4,300 digits,
# which would stop the whole file); one annotation's failure is reported and skipped.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NUMBER_DIGITS = 18
MAX_ID_CHARS = 2_000
MAX_NAME_CHARS = 200


def _bounded_int(text: str) -> int | None:
    return int(text) if len(text.lstrip("-")) <= MAX_NUMBER_DIGITS else None


def read_document(path: Path) -> Any:
    """The JSON of a Web Annotation file, read within the limits above (ValueError if not): a
    pipe, a device or a folder is refused by its type before anything is read."""
    try:
        data = read_bounded(path, MAX_FILE_BYTES, "Web Annotation file")
        return json.loads(data.decode("utf-8-sig"), parse_int=_bounded_int)
    except NotAFile as error:
        raise ValueError(f"{error} Nothing was imported.") from None
    except RecursionError:
        raise ValueError(f"{path} is nested deeper than any Web Annotation file is; nothing was imported.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path} is not a readable Web Annotation JSON file ({exc})") from exc


class _ArticleCache:
    """What placing annotations needs of each article, read once: its text and the passages
    already annotated (so 4,000 annotations on one article cost 4,000 lookups, not 4,000 scans)."""

    def __init__(self, store: Database) -> None:
        self._store = store
        self.by_source = {}
        for article_id, url, sha256 in store.articles.identifiers():
            self.by_source.setdefault(f"urn:sha256:{sha256}", article_id)
            if url:
                self.by_source.setdefault(url, article_id)
        self._texts: dict[int, str] = {}
        self._placed: dict[int, dict[tuple[int, int, str, str], int]] = {}

    def text(self, article_id: int) -> str:
        if article_id not in self._texts:
            self._texts[article_id] = self._store.articles.get(article_id).text
        return self._texts[article_id]

    def placed(self, article_id: int) -> dict[tuple[int, int, str, str], int]:
        if article_id not in self._placed:
            self._placed[article_id] = {(a.start, a.end, a.kind, a.note): a.id
                                        for a in self._store.annotations.all(article_id)}
        return self._placed[article_id]


def import_annotations(store: Database, path: Path) -> AnnotationImport:
    """Read a Web Annotation file into the dossier, in one transaction. Each annotation is
    judged on its own: one that can't be read or placed is reported and skipped, the others
    come in."""
    document = read_document(path)
    result = AnnotationImport()
    cache = _ArticleCache(store)
    pending_evidence: list[tuple[int, list[Any]]] = []
    iri_to_id: dict[str, int] = {}
    with store.transaction():
        for number, item in enumerate(read_items(document), 1):
            iri = item.get("id")
            if not isinstance(iri, str) or not iri or len(iri) > MAX_ID_CHARS:
                result.skipped.append(f"annotation {number}: no usable id")
                continue
            try:
                with store.transaction():  # a savepoint: a failure undoes this annotation only
                    placed = _import_one(store, item, iri, cache, result)
            except Exception as error:  # reported, and the next one is read
                result.skipped.append(f"{iri[:200]}: could not be read ({type(error).__name__}: {error})")
                continue
            if placed is None:
                continue
            iri_to_id[iri] = placed[0]
            if placed[1]:
                pending_evidence.append((placed[0], placed[1]))
        for claim_id, links in pending_evidence:
            for link in links:
                if not isinstance(link, dict):
                    continue
                target, relation = link.get("annotation"), link.get("relation")
                target_id = iri_to_id.get(target) if isinstance(target, str) else None
                if target_id is not None and target_id != claim_id and relation in EVIDENCE_RELATIONS:
                    store.evidence.add(claim_id, target_id, relation, author=creator_name(link.get("creator")),
                                       created=_time(link.get("created")))
    return result


def _import_one(store: Database, item: dict[str, Any], iri: str, cache: _ArticleCache,
                result: AnnotationImport) -> tuple[int, list[Any]] | None:
    """Place one annotation (or find it already here). Returns its id and its evidence links."""
    existing = store.annotations.by_external_id(iri)
    if existing is not None:
        result.already_there += 1
        return existing, []
    already = result.already_there
    placed = _place(store, item, cache, result)
    if placed is None:
        return None
    store.annotations.remember_external_id(placed, iri)
    if result.already_there > already:
        return placed, []
    evidence = item.get("dossier:evidence")
    return placed, evidence if isinstance(evidence, list) else []


def _place(store: Database, item: dict[str, Any], cache: _ArticleCache, result: AnnotationImport) -> int | None:
    target = item.get("target")
    target = target[0] if isinstance(target, list) and target else target
    label = str(item.get("id"))[:200]
    if not isinstance(target, dict):
        result.skipped.append(f"{label}: no target")
        return None
    source = target.get("source")
    article_id = cache.by_source.get(source) if isinstance(source, str) else None
    if article_id is None:
        result.skipped.append(f"{label}: its article ({str(source)[:200]}) is not in this dossier")
        return None
    selectors = target.get("selector")
    selectors = selectors if isinstance(selectors, list) else [selectors] if isinstance(selectors, dict) else []
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        result.skipped.append(f"{label}: no quote to place it by")
        return None
    text = cache.text(article_id)
    start = position.get("start") if isinstance(position, dict) else None
    start = start if isinstance(start, int) and 0 <= start <= len(text) else 0  # a hint only
    # The context as this app writes it: a longer one would only make the search longer.
    prefix, suffix = str(quote.get("prefix") or "")[-CONTEXT_CHARS:], str(quote.get("suffix") or "")[:CONTEXT_CHARS]
    kind = item.get("dossier:kind") if item.get("dossier:kind") in ANNOTATION_KINDS else KIND_OF_MOTIVATION.get(
        str(item.get("motivation")), "highlight")
    note, tags, claim, made = _bodies(item, kind)
    problem = (text_problem(quote["exact"], limits.ARTICLE_TEXT, "its quote")
               or text_problem(note, limits.NOTE, "its note")
               or next((p for t in tags if (p := text_problem(t, limits.TAG_NAME, "a tag's name"))), None)
               or text_problem(claim.rationale if claim else "", limits.NOTE, "its rationale")
               or text_problem(made.author, limits.NAME, "its creator"))
    if problem:
        result.skipped.append(f"{label}: {problem}")
        return None
    found = reanchor(text, quote["exact"], prefix, suffix, start)
    placed = cache.placed(article_id)
    if found is not None:
        same = placed.get((found.start, found.end, kind, note))
        if same is not None:  # exported from this very dossier: it is already here
            result.already_there += 1
            return same
        annotation_id = store.annotations.add(article_id, kind, found.start, found.end, note=note, claim=claim,
                                             made=made)
        if found.state != "anchored":
            store.annotations.set_anchor_state(annotation_id, found.state)
        written = item.get("dossier:quotedAs") if isinstance(item.get("dossier:quotedAs"), str) else None
        if written or text[found.start:found.end] != quote["exact"]:
            # Placed on words typeset differently (another capture): the quote as first written stays.
            store.annotations.set_quoted_as(annotation_id, written or quote["exact"])
        placed[(found.start, found.end, kind, note)] = annotation_id
        result.placed.append(annotation_id)
    else:
        annotation_id = store.annotations.add_orphan(article_id, kind, quote["exact"], prefix, suffix, note=note, claim=claim,
                                         made=made)
        result.orphaned.append(annotation_id)
    for name in tags:
        tag = store.tags.find(name)
        tag_id = tag.id if tag else store.tags.add(name, tag_color(0))
        store.tags.attach(annotation_id, tag_id)
    return annotation_id


def _bodies(item: dict[str, Any], kind: str) -> tuple[str, list[str], Claim | None, Made]:
    """The note, tag names and assessment of an annotation, and who made it and when (the
    file's creator and times; the time of reading where the file gives none)."""
    bodies = item.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    notes, tags, claim = [], [], None
    now = utc_now()
    created = _time(item.get("created")) or now
    made = Made(creator_name(item.get("creator")), created, _time(item.get("modified")) or created)
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
            made = made._replace(assessed_by=creator_name(body.get("creator")) or made.author,
                                 assessed_at=_time(body.get("created")) or made.modified)
        elif isinstance(value, str) and purpose in (None, "commenting", "describing"):
            notes.append(value)
    if kind == "claim" and claim is None:  # a claim without an assessment body: its maker's
        made = made._replace(assessed_by=made.author, assessed_at=made.created)
    return "\n\n".join(notes), tags, claim if kind == "claim" else None, made

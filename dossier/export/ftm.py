"""FollowTheMoney: a dossier as line-delimited FtM entities, the format of OpenAleph, and read back.

Needs the optional extra (`pip install 'dossier[ftm]'`, the followthemoney package); every entity
written is checked by the library's own model first. The mapping (README, "FollowTheMoney"):

  article        Article: title, bodyText (verbatim), publishedAt (as precise as known), sourceUrl,
                 publisher (the outlet, its grade as keywords), language, fileName, retrievedAt
                 (when it was imported, or the capture time of an archived page), notes (where a
                 Telegram message or archived page came from, a line each) and `dossier:` keywords
                 naming each message or capture (`dossier:provenance=telegram:<chat>:<message>`)
  person         Person
  organisation   Organization
  unit           Organization, topic "mil"
  place          LegalEntity with keyword "dossier:place" (and its country when it names one): FtM
                 has no Place, and its Address can't be what a Mention resolves to or an Event
                 involves (both take a LegalEntity); a LegalEntity can be both. Its position goes
                 where FtM keeps one and Aleph and ftm-geocode put it: an Address (full: the name,
                 latitude, longitude) that the place names as its addressEntity, with keywords
                 saying whence (`dossier:positionFrom=user|gazetteer`), and who set it and when;
                 a place taken off the map says so (`dossier:offMap=yes`)
  other          LegalEntity
  mention        Mention: document, resolved, name (the surface)
  event          Event: name, date or startDate/endDate, summary (the date words), description (the
                 passage that dates it), proof (the article), involved
  annotation     Note: entity (the article), summary (the quote), description (the note), notes (a
                 claim's rationale), publisher (its author), createdAt, modifiedAt

FtM keeps text in values of up to 65,000 characters, cleaned (white space at the ends, control
characters) unless told they are clean: an article's text (and a quote, a note, a rationale) is
written verbatim as several values of that size at most, each of its own length so that none is
dropped as a repeat, which joined in order give the text back byte for byte.

FtM's Mention has no offsets, nor its Note an anchor: the dossier keeps them in the ids it
writes (`…-m<start>-<end>`), and a claim's status, grades, assessor, tags and evidence links in
`dossier:` keywords, so a round trip loses nothing a dossier needs. A Mention from elsewhere
(OpenAleph's own extraction) has no such id: every place its name stands in the text is taken.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.core.ftm import KEYWORD, PLACE_KEYWORD, PREFIX, ftm_model
from dossier.store import Database
from dossier.store.atomic import json_lines_parse, written_whole
from dossier.store.targets import check_target

if TYPE_CHECKING:
    from dossier.analysis.places import MapPlace

SCHEMA_OF_KIND = {"person": "Person", "organisation": "Organization", "unit": "Organization", "place": "LegalEntity",
                  "other": "LegalEntity"}


TEXT_VALUE_CHARS = 65_000  # followthemoney's longest value of its "text" type


def text_pieces(text: str) -> list[str]:
    """`text` cut into pieces FtM takes as they are: each under its longest value, and each
    shorter than the one before (FtM keeps one of two equal values), joined in order it is
    `text` again."""
    pieces, start, size = [], 0, TEXT_VALUE_CHARS
    while len(text) - start > size:
        pieces.append(text[start:start + size])
        start, size = start + size, size - 1
    pieces.append(text[start:])
    return pieces


def add_verbatim(proxy: Any, prop: str, text: str | None) -> None:
    """Add `text` to a text property as it is: no cleaning, cut in pieces if long (text_pieces)."""
    if text:
        proxy.add(prop, text_pieces(text), cleaned=True)


def article_key(sha256: str) -> str:
    return f"{PREFIX}-article-{sha256[:40]}"


def entity_key(kind: str, name: str) -> str:
    digest = hashlib.sha1(f"{kind}\x00{name.casefold()}".encode()).hexdigest()
    return f"{PREFIX}-entity-{digest}"


def _short(*parts: object) -> str:
    return hashlib.sha1("\x00".join(map(str, parts)).encode()).hexdigest()[:12]


def published_value(published: str | None, precision: str) -> str | None:
    """A published date as precise as it is known: FtM dates are ISO prefixes."""
    if not published:
        return None
    return {"day": published[:10], "month": published[:7], "year": published[:4]}.get(precision)


def ftm_entities(store: Database, places: Mapping[int, MapPlace] | None = None) -> Iterator[Any]:
    """Every article, entity, mention, event and annotation of the dossier as FtM entity proxies,
    each validated by followthemoney's model (InvalidData if one isn't). A place's position is
    the one in `places` (entity id -> the place with its position, ingest.geocoding, which export
    can't call), else the analyst's if they set one."""
    model = ftm_model()
    tags = {t.id: t.name for t in store.tags.all()}
    entities = {e.id: e for e in store.entities.all()}
    schema_of = {eid: SCHEMA_OF_KIND[e.kind] for eid, e in entities.items()}
    keys = {eid: entity_key(e.kind, e.name) for eid, e in entities.items()}
    decisions = store.places.decisions()
    for e in entities.values():
        decision = decisions.get(e.id)
        address = _address(model, e, keys[e.id], (places or {}).get(e.id), decision)
        proxy = _entity(model, e, keys[e.id])
        if address is not None:
            proxy.add("addressEntity", address.id)
        if e.kind == "place" and decision is not None and decision.off_map:
            proxy.add("keywords", f"{KEYWORD}offMap=yes")
        yield _checked(model, proxy)
        if address is not None:
            yield _checked(model, address)
    for article_id in store.articles.ids(order="id", descending=False):
        article = store.articles.get(article_id)
        key = article_key(article.sha256)
        yield _checked(model, _article(model, store, article, key))
        for m in store.entities.mentions_in(article_id):
            proxy = model.make_entity("Mention")
            proxy.id = f"{key}-m{m.start}-{m.end}" + ("-u" if m.origin != "auto" else "")
            proxy.add("document", key)
            proxy.add("resolved", keys[m.entity_id])
            proxy.add("name", m.surface)
            proxy.add("detectedSchema", schema_of[m.entity_id])
            yield _checked(model, proxy)
        for ev in store.events.all(article_id):
            yield _checked(model, _event(model, ev, article.text, key, keys))
        for a in store.annotations.all(article_id):
            yield _checked(model, _note(model, store, a, key, tags))


def _checked(model: Any, proxy: Any) -> Any:
    model.get(proxy.schema.name).validate(proxy.to_dict())
    return proxy


def _entity(model: Any, e: Any, key: str) -> Any:
    from followthemoney.types import registry

    proxy = model.make_entity(SCHEMA_OF_KIND[e.kind])
    proxy.id = key
    proxy.add("name", e.name)
    for alias in e.aliases:
        proxy.add("alias", alias)
    add_verbatim(proxy, "notes", e.notes)
    if e.kind == "unit":
        proxy.add("topics", "mil")
    if e.kind == "place":
        proxy.add("keywords", PLACE_KEYWORD)
        proxy.add("address", e.name)
        country = registry.country.clean(e.name)  # a place that is a country says which
        if country:
            proxy.add("country", country)
    return proxy


def _address(model: Any, e: Any, key: str, place: MapPlace | None, decision: Any) -> Any:
    """The place's position as an Address, or None if it has none."""
    if e.kind != "place":
        return None
    if place is not None and place.position is not None:
        latitude, longitude, origin = place.position.latitude, place.position.longitude, place.position.origin
    elif decision is not None and decision.latitude is not None and decision.longitude is not None:
        latitude, longitude, origin = decision.latitude, decision.longitude, "user"
    else:
        return None
    proxy = model.make_entity("Address")
    proxy.id = f"{key}-address"
    proxy.add("full", e.name)
    # repr: every digit (FtM's number type would round a float to two places)
    proxy.add("latitude", repr(float(latitude)))
    proxy.add("longitude", repr(float(longitude)))
    words = [f"{KEYWORD}positionFrom={origin}"]
    if origin == "user" and decision is not None:
        words += [f"{KEYWORD}positionBy={decision.author}", f"{KEYWORD}positionAt={decision.set_at or ''}"]
    proxy.add("keywords", words)
    return proxy


def _article(model: Any, store: Database, article: Any, key: str) -> Any:
    from followthemoney.types import registry

    proxy = model.make_entity("Article")
    proxy.id = key
    proxy.add("title", article.title)
    add_verbatim(proxy, "bodyText", article.text)
    proxy.add("publishedAt", published_value(article.published, article.published_precision))
    proxy.add("sourceUrl", article.url)
    proxy.add("publisher", article.source)
    if article.language:
        proxy.add("language", registry.language.clean(article.language))
    proxy.add("fileName", article.original_name)
    proxy.add("retrievedAt", article.imported_at[:19] if article.imported_at else None)
    for outlet in store.articles.reports(article.id):
        proxy.add("keywords", f"{KEYWORD}reports={outlet}")
    records = store.provenance.of(article.id)
    if records:  # a Telegram message or an archived page: how it came, kept (schema 15)
        proxy.add("notes", store.provenance.words(article.id))
        proxy.add("keywords", [f"{KEYWORD}provenance={p.identity}" for p in records])
        captured = sorted(p.captured_at for p in records if p.captured_at)
        if captured:  # an archived page was retrieved from the web when it was captured
            proxy.set("retrievedAt", captured[0][:19])
    source = store.sources.by_name(article.source) if article.source else None
    if source is not None and (source.reliability or source.rationale):  # the outlet's grade, on each of its articles
        proxy.add("keywords", [f"{KEYWORD}outletReliability={source.reliability or ''}",
                               f"{KEYWORD}outletRationale={source.rationale}"])
    return proxy


def _event(model: Any, ev: Any, text: str, article: str, keys: dict[int, str]) -> Any:
    proxy = model.make_entity("Event")
    proxy.id = f"{article}-e{ev.start}-{ev.end}-{_short(ev.date_text, ev.title)}"
    proxy.add("name", ev.title)
    if ev.earliest and ev.earliest == ev.latest:
        proxy.add("date", ev.earliest)
    else:
        proxy.add("startDate", ev.earliest)
        proxy.add("endDate", ev.latest)
    proxy.add("summary", ev.date_text)
    if ev.end > ev.start:
        add_verbatim(proxy, "description", text[ev.start:ev.end])
    proxy.add("proof", article)
    for entity_id in ev.entity_ids:
        proxy.add("involved", keys[entity_id])
    proxy.add("keywords", [f"{KEYWORD}precision={ev.precision}", f"{KEYWORD}origin={ev.origin}"])
    return proxy


def _note(model: Any, store: Database, a: Any, article: str, tags: dict[int, str]) -> Any:
    proxy = model.make_entity("Note")
    proxy.id = note_id(article, a)
    proxy.add("entity", article)
    proxy.add("name", f"{a.kind.capitalize()}: “{a.exact[:120]}”")
    add_verbatim(proxy, "summary", a.exact)
    add_verbatim(proxy, "description", a.note)
    proxy.add("publisher", a.author or None)
    proxy.add("createdAt", a.created[:19])
    proxy.add("modifiedAt", a.modified[:19])
    words = [f"{KEYWORD}kind={a.kind}"]
    if a.quoted_as:
        words.append(f"{KEYWORD}quotedAs={a.quoted_as}")
    if a.kind == "claim" and a.claim is not None:
        c = a.claim
        words.append(f"{KEYWORD}status={c.status}")
        if c.reliability:
            words.append(f"{KEYWORD}reliability={c.reliability}")
        if c.credibility:
            words.append(f"{KEYWORD}credibility={c.credibility}")
        if a.assessed_by:
            words.append(f"{KEYWORD}assessedBy={a.assessed_by}")
        if a.assessed_at:
            words.append(f"{KEYWORD}assessedAt={a.assessed_at}")
        add_verbatim(proxy, "notes", c.rationale)
        for link in store.evidence.of(a.id):
            target = store.annotations.get(link.annotation_id)
            # relation, the linked annotation's id, when and by whom (the name last: it may hold spaces)
            words.append(f"{KEYWORD}evidence={link.relation} "
                         f"{note_id(article_key(store.articles.get(target.article_id).sha256), target)} "
                         f"{link.created or '-'} {link.author}".rstrip())
    words += [f"{KEYWORD}tag={tags[t]}" for t in a.tag_ids if t in tags]
    proxy.add("keywords", words)
    return proxy


def note_id(article: str, a: Any) -> str:
    """An annotation's id: its article's, its offsets (o: orphaned, the offsets mean nothing) and
    a hash that tells two annotations on one passage apart."""
    state = "o" if a.anchor_state == "orphaned" else ""
    return f"{article}-a{a.start}-{a.end}{state}-{_short(a.kind, a.created, a.id)}"


def write_ftm(store: Database, out: Path, places: Mapping[int, MapPlace] | None = None) -> int:
    """Write the dossier as line-delimited FtM JSON to `out` (atomically), the places at their
    positions (ftm_entities). Returns how many entities."""
    ftm_model()  # the extra, before anything is written
    check_target(out, store.path)
    count = 0
    with written_whole(out, json_lines_parse) as partial, partial.open("w", encoding="utf-8") as stream:
        for proxy in ftm_entities(store, places):
            stream.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count

"""Reading FollowTheMoney entities (line-delimited JSON, as `dossier export --ftm` writes them or
OpenAleph exports them) into a dossier.

Each line is read and checked by followthemoney's own model; one that fails is reported and
skipped. The entities are put into a scratch dossier first (articles, entities, mentions, events,
annotations, as export/ftm.py maps them), which is then merged into the dossier the way another
analyst's dossier is (store/merging.py): what is there already is matched, never stored twice,
nothing is overwritten, and importing the same file again adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from calendar import monthrange
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.core.anchoring import reanchor
from dossier.core.colors import tag_color
from dossier.core.ftm import KEYWORD, PLACE_KEYWORD, ftm_model
from dossier.core.models import Claim, Made, NewArticle, NewEvent, NewMention
from dossier.core.places import PlaceDecision, position_problem
from dossier.core.vocabulary import CLAIM_STATUSES, EVENT_PRECISIONS, EVIDENCE_RELATIONS
from dossier.store import Database
from dossier.store.articles import text_sha256
from dossier.store.files import NotAFile, open_regular
from dossier.store.merging import MergeReport, merge_dossier, preview_merge
from dossier.store.transactions import utc_now

MAX_FILE_BYTES = 512 * 1024 * 1024
MENTION_ID = re.compile(r"-m(\d+)-(\d+)(-u)?$")
EVENT_ID = re.compile(r"-e(\d+)-(\d+)-[0-9a-f]+$")
NOTE_ID = re.compile(r"-a(\d+)-(\d+)(o?)-[0-9a-f]+$")


@dataclass
class FtmImport:
    report: MergeReport
    read: int = 0  # entities read and valid
    skipped: list[str] = field(default_factory=list)  # one reason per line or entity left out


def import_ftm(store: Database, path: Path, *, preview: bool = False) -> FtmImport:
    """Read `path` and merge what it holds into `store` (or only say what that would do)."""
    proxies, skipped, digest = read_ftm(path)
    with tempfile.TemporaryDirectory(prefix="dossier-ftm-") as folder:
        scratch_path = Path(folder) / "ftm.dossier"
        scratch = Database.create(scratch_path, path.name)
        try:
            # The scratch dossier's identity comes from the file: its annotations' ids are then the
            # same every time the same file is read, and a second import is recognised whole.
            scratch.set_meta("created", f"ftm:{digest[:32]}")
            _Fill(scratch, skipped).run(proxies)
        finally:
            scratch.close()
        label = f"{path.name} (FollowTheMoney)"
        report = (preview_merge if preview else merge_dossier)(store, scratch_path, label=label)
    return FtmImport(report, len(proxies), skipped)


def read_ftm(path: Path) -> tuple[list[Any], list[str], str]:
    """The file's entities, each checked by the model; why the others were left out; and the
    sha256 of the file. A pipe, a device or a folder is refused by its type, unread; a line may
    start with a byte-order mark (files joined end to end keep each one's)."""
    model = ftm_model()
    try:
        stream = open_regular(path, MAX_FILE_BYTES, "FollowTheMoney file")
    except NotAFile as error:
        raise ValueError(f"{error} Nothing was imported.") from None
    proxies, skipped = [], []
    digest = hashlib.sha256()
    with stream:
        for number, raw in enumerate(stream, 1):
            digest.update(raw)
            try:
                line = raw.decode("utf-8").lstrip("\ufeff")
            except UnicodeDecodeError as error:
                raise ValueError(f"{path} is not UTF-8 text (line {number}: {error}); nothing was imported.") from None
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                schema = model.get(data.get("schema")) if isinstance(data, dict) else None
                if schema is None:
                    raise ValueError(f"no FollowTheMoney schema {str(data.get('schema'))[:60]!r}"
                                     if isinstance(data, dict) else "not an entity")
                schema.validate(data)  # as written, before the model cleans anything away
                proxy = model.get_proxy(data, cleaned=False)
                proxy.context[VERBATIM] = _verbatim(data)
            except Exception as error:  # the line is reported and the next one read
                detail = getattr(error, "errors", None) or str(error)
                skipped.append(f"line {number}: {type(error).__name__}: {str(detail)[:200]}")
                continue
            proxies.append(proxy)
    return proxies, skipped, digest.hexdigest()


# Text properties read as written: the model's cleaning would strip white space at their ends and
# control characters, and an article's text must come back byte for byte (export/ftm.py writes
# them verbatim, in pieces of FtM's longest value).
VERBATIM = "dossier:verbatim"
VERBATIM_PROPERTIES = ("bodyText", "summary", "description", "notes")


def _verbatim(data: dict[str, Any]) -> dict[str, str]:
    properties = data.get("properties")
    found = {}
    for prop in VERBATIM_PROPERTIES:
        values = properties.get(prop) if isinstance(properties, dict) else None
        if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
            found[prop] = "".join(values)
    return found


def verbatim(proxy: Any, prop: str) -> str | None:
    """A text property's values joined as the file wrote them (None if it has none)."""
    return proxy.context.get(VERBATIM, {}).get(prop) or None


def _z(value: str | None) -> str | None:
    """An FtM time as the dossier keeps times (UTC, with Z)."""
    if not value:
        return None
    return value if value.endswith("Z") or "+" in value[10:] else value + "Z"


def _words(proxy: Any) -> dict[str, list[str]]:
    """The `dossier:` keywords, by name."""
    found: dict[str, list[str]] = {}
    for word in proxy.get("keywords"):
        if word.startswith(KEYWORD) and "=" in word:
            name, value = word[len(KEYWORD):].split("=", 1)
            found.setdefault(name, []).append(value)
    return found


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _day_range(value: str) -> tuple[str, str, str]:
    """An FtM date prefix as (earliest, latest, precision)."""
    value = value[:10]
    if len(value) == 10:
        return value, value, "day"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-01", f"{value}-{monthrange(year, month)[1]:02d}", "month"
    return f"{value[:4]}-01-01", f"{value[:4]}-12-31", "year"


def _language(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    found = pycountry.languages.get(alpha_3=code)
    return getattr(found, "alpha_2", None) or code


class _Fill:
    """Puts the entities into the scratch dossier, schema by schema."""

    def __init__(self, store: Database, skipped: list[str]) -> None:
        self.store, self.skipped = store, skipped
        self.articles: dict[str, int] = {}
        self.texts: dict[int, str] = {}
        self.entities: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        self.notes: dict[str, int] = {}

    def run(self, proxies: list[Any]) -> None:
        kinds = {"article": [], "entity": [], "mention": [], "event": [], "note": []}  # type: dict[str, list[Any]]
        for proxy in proxies:
            schema = proxy.schema
            if schema.is_a("Document"):
                kinds["article"].append(proxy)
            elif schema.name == "Mention":
                kinds["mention"].append(proxy)
            elif schema.name == "Event":
                kinds["event"].append(proxy)
            elif schema.name == "Note":
                kinds["note"].append(proxy)
            elif schema.is_a("LegalEntity") or schema.name == "Address":
                kinds["entity"].append(proxy)
            else:
                self.skipped.append(f"{proxy.id}: a {schema.name} is nothing a dossier keeps")
        # An Address a place names as its addressEntity is where that place is, not a place of its
        # own (an Address of anything else, a company's say, is still read as a place).
        self.addresses = {p.id: p for p in kinds["entity"] if p.schema.name == "Address"}
        named = {a for p in kinds["entity"] if p.schema.name != "Address" and PLACE_KEYWORD in p.get("keywords")
                 for a in p.get("addressEntity")}
        kinds["entity"] = [p for p in kinds["entity"] if p.id not in named or p.schema.name != "Address"]
        steps = (("article", self._article), ("entity", self._entity), ("entity", self._position),
                 ("mention", self._mention), ("event", self._event), ("note", self._note), ("note", self._evidence))
        with self.store.transaction():
            for kind, step in steps:
                for proxy in kinds[kind]:
                    try:
                        with self.store.transaction():  # a savepoint: one entity's failure undoes it alone
                            step(proxy)
                    except Exception as error:  # reported, and the next one read
                        self.skipped.append(f"{proxy.id}: could not be read ({type(error).__name__}: {error})")

    def _article(self, proxy: Any) -> None:
        text = verbatim(proxy, "bodyText")
        if not text:
            self.skipped.append(f"{proxy.id}: a {proxy.schema.name} without its text (bodyText)")
            return

        existing = self.store.articles.id_by_sha256(text_sha256(text))
        if proxy.id in self.articles and self.articles[proxy.id] != existing:
            # Whatever names this id (mentions, events, notes) can't say which text it meant: it
            # stays with the first, and the second article is left out, said so.
            self.skipped.append(f"{proxy.id}: the id of another article of the file, with another text; this "
                                "one was left out (what the file says of that id stays with the first)")
            return
        if existing is not None:  # the same text twice in the file: one article
            self.articles[proxy.id] = existing
            return
        published = proxy.first("publishedAt") or proxy.first("date")
        earliest, _latest, precision = _day_range(published) if published else (None, None, "unknown")
        value = {"day": earliest, "month": (earliest or "")[:7], "year": (earliest or "")[:4]}.get(precision)
        article_id = self.store.articles.add(NewArticle(
            proxy.first("title") or proxy.first("name") or proxy.first("fileName") or "Untitled", text,
            proxy.first("publisher"), proxy.first("sourceUrl"), value, precision,
            _language(proxy.first("language")), proxy.first("fileName")))
        words = _words(proxy)
        if words.get("reports"):
            self.store.articles.set_reports(article_id, words["reports"])
        reliability = (words.get("outletReliability") or [""])[0]
        if proxy.first("publisher") and (reliability or words.get("outletRationale")):
            self.store.sources.set_grade(proxy.first("publisher"), reliability if reliability in tuple("ABCDEF") else None,
                                        (words.get("outletRationale") or [""])[0])
        self.articles[proxy.id] = article_id
        self.texts[article_id] = text

    def _kind(self, proxy: Any) -> str:
        schema = proxy.schema
        if schema.name == "Person":
            return "person"
        if schema.name == "Address" or PLACE_KEYWORD in proxy.get("keywords"):
            return "place"
        if schema.is_a("Organization"):
            return "unit" if "mil" in proxy.get("topics") else "organisation"
        return "other"

    def _entity(self, proxy: Any) -> None:
        name = proxy.first("name") or (proxy.first("full") if proxy.schema.name == "Address" else None)
        if not name:
            self.skipped.append(f"{proxy.id}: a {proxy.schema.name} without a name")
            return
        kind = self._kind(proxy)
        key = (kind, name.casefold())
        if key not in self.by_name:
            aliases = [a for a in proxy.get("alias") if a.casefold() != name.casefold()]
            self.by_name[key] = self.store.entities.add(name, kind, aliases)
            notes = verbatim(proxy, "notes")
            if notes:
                self.store.entities.set_notes(self.by_name[key], notes)
        self.entities[proxy.id] = self.by_name[key]

    def _position(self, proxy: Any) -> None:
        """A place's position, as its Address gives it (or as it is, if it is an Address), or
        that it is off the map. One the gazetteer gave the writing dossier is left to this one's
        gazetteer (it is no decision of the analyst's); one from elsewhere (ftm-geocode, Aleph)
        is taken as set by hand."""
        entity_id = self.entities.get(proxy.id)
        if entity_id is None or self._kind(proxy) != "place":
            return
        if "offMap" in _words(proxy):
            self.store.places.set_off_map(entity_id)
            return
        addresses = [proxy] if proxy.schema.name == "Address" else [
            self.addresses[a] for a in proxy.get("addressEntity") if a in self.addresses]
        for address in addresses:
            words = _words(address)
            latitude, longitude = _number(address.first("latitude")), _number(address.first("longitude"))
            if latitude is None or longitude is None or "gazetteer" in words.get("positionFrom", []):
                continue
            problem = position_problem(latitude, longitude)
            if problem:
                self.skipped.append(f"{address.id}: {problem}")
                continue
            author = (words.get("positionBy") or [self.store.author])[0]
            self.store.places.add_decision(PlaceDecision(entity_id, latitude, longitude, False, author,
                                                         (words.get("positionAt") or [None])[0] or utc_now()))
            return

    def _text_of(self, proxy: Any, prop: str) -> tuple[int, str] | None:
        article_id = self.articles.get(proxy.first(prop) or "")
        if article_id is None:
            self.skipped.append(f"{proxy.id}: its document ({proxy.first(prop)}) is not in the file")
            return None
        return article_id, self.texts.get(article_id) or self.store.articles.get(article_id).text

    def _mention(self, proxy: Any) -> None:
        found = self._text_of(proxy, "document")
        name = proxy.first("name")
        if found is None or not name:
            return
        article_id, text = found
        entity_id = self.entities.get(proxy.first("resolved") or "")
        if entity_id is None:  # not resolved to an entity: one of the name, as the mention guessed it
            kind = "person" if proxy.first("detectedSchema") == "Person" else "other"
            key = (kind, name.casefold())
            entity_id = self.by_name.get(key) or self.store.entities.add(name, kind)
            self.by_name[key] = entity_id
        spot = MENTION_ID.search(proxy.id or "")
        if spot and text[int(spot[1]):int(spot[2])] == name:
            spans = [(int(spot[1]), int(spot[2]), "user" if spot[3] else "auto")]
        else:  # a mention from elsewhere says only that the name is there: every place it stands
            spans = [(m.start(), m.end(), "auto") for m in re.finditer(re.escape(name), text)]
        taken = {(m.start, m.end) for m in self.store.entities.mentions_in(article_id)}
        self.store.entities.add_mentions([NewMention(article_id, entity_id, s, e, text[s:e], origin)
                                 for s, e, origin in spans if (s, e) not in taken])

    def _event(self, proxy: Any) -> None:
        found = self._text_of(proxy, "proof")
        if found is None:
            return
        article_id, text = found
        words = _words(proxy)
        start_date = proxy.first("date") or proxy.first("startDate")
        end_date = proxy.first("date") or proxy.first("endDate") or start_date
        earliest = _day_range(start_date)[0] if start_date else None
        latest = _day_range(end_date)[1] if end_date else None
        precision = (words.get("precision") or [None])[0]
        if precision not in EVENT_PRECISIONS:
            precision = _day_range(start_date)[2] if start_date and start_date == end_date else "range"
        passage = verbatim(proxy, "description") or ""
        spot = EVENT_ID.search(proxy.id or "")
        if spot and text[int(spot[1]):int(spot[2])] == passage:
            start, end = int(spot[1]), int(spot[2])
        elif passage and passage in text:
            start = text.index(passage)
            end = start + len(passage)
        else:
            start = end = 0
        origin = (words.get("origin") or ["user"])[0]
        involved = tuple(self.entities[i] for i in proxy.get("involved") if i in self.entities)
        self.store.events.add_many([NewEvent(article_id, start, end, proxy.first("name") or "Event",
                                        proxy.first("summary") or start_date or "", earliest, latest, precision,
                                        origin if origin in ("auto", "user") else "user", involved)])

    def _note(self, proxy: Any) -> None:
        found = self._text_of(proxy, "entity")
        quote = verbatim(proxy, "summary")
        if found is None:
            return
        article_id, text = found
        words = _words(proxy)
        kind = (words.get("kind") or ["note" if verbatim(proxy, "description") else "highlight"])[0]
        claim = None
        if kind == "claim":
            status = (words.get("status") or ["unverified"])[0]
            reliability = (words.get("reliability") or [None])[0]
            credibility = (words.get("credibility") or [None])[0]
            claim = Claim(status if status in CLAIM_STATUSES else "unverified",
                          reliability if reliability in tuple("ABCDEF") else None,
                          int(credibility) if credibility in tuple("123456") else None,
                          verbatim(proxy, "notes") or "")
        created = _z(proxy.first("createdAt")) or _z(proxy.first("modifiedAt")) or ""
        author = proxy.first("publisher") or ""
        made = Made(author, created, _z(proxy.first("modifiedAt")) or created,
                    (words.get("assessedBy") or [author if kind == "claim" else ""])[0],
                    (words.get("assessedAt") or [None])[0])
        note = verbatim(proxy, "description") or ""
        if not created:
            made = None  # no time in the file: the time of reading
        spot = NOTE_ID.search(proxy.id or "")
        if not quote:
            self.skipped.append(f"{proxy.id}: a Note without its quote (summary)")
            return
        start = int(spot[1]) if spot else 0
        placed = None
        if not (spot and spot[3]):
            placed = reanchor(text, quote, "", "", start)
        if placed is None:
            annotation_id = self.store.annotations.add_orphan(article_id, kind, quote, "", "", note=note, claim=claim, made=made)
        else:
            annotation_id = self.store.annotations.add(article_id, kind, placed.start, placed.end, note=note,
                                                      claim=claim, made=made)
        quoted_as = (words.get("quotedAs") or [None])[0]
        if quoted_as:
            self.store.annotations.set_quoted_as(annotation_id, quoted_as)
        for name in words.get("tag", []):
            tag = self.store.tags.find(name)
            self.store.tags.attach(annotation_id, tag.id if tag else self.store.tags.add(name, tag_color(0)))
        self.notes[proxy.id] = annotation_id

    def _evidence(self, proxy: Any) -> None:
        claim_id = self.notes.get(proxy.id)
        if claim_id is None:
            return
        for link in _words(proxy).get("evidence", []):
            relation, target, created, author = [*link.split(" ", 3), "", "", ""][:4]
            target_id = self.notes.get(target)
            if relation in EVIDENCE_RELATIONS and target_id is not None and target_id != claim_id:
                self.store.evidence.add(claim_id, target_id, relation, author=author,
                                        created=None if created in ("", "-") else created)

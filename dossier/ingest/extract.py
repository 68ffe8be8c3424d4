"""Proposals from text: entity mentions and dated events, as plain data.

`analyse` runs the pipeline over texts and returns what it found with names, not ids, so it
can run on a worker thread and its result be handed to the store by whoever owns it.
`apply_proposal` writes a proposal into the dossier: names link to existing entities by name or
alias (ignoring case and accents), new ones are created, and nothing the user has said is
undone — rejected names and removed mentions stay out, user-made mentions and events stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dossier.core.models import FuzzyDate, NewEvent, NewMention
from dossier.core.names import fold, script_of
from dossier.ingest.dates import base_date, find_dates
from dossier.ingest.english_dates import dated_sentences as dated_sentences_en
from dossier.ingest.local_dates import LANGUAGES as LOCAL_LANGUAGES
from dossier.ingest.local_dates import dated_sentences, resolve_local
from dossier.ingest.local_names import before_known, capitalised_names
from dossier.ingest.names_abroad import LANGUAGES as FOREIGN_LANGUAGES
from dossier.ingest.names_abroad import Found, KnownKeys, known_forms, transliterated_names
from dossier.ingest.natasha_ner import russian_names
from dossier.ingest.nlp import SHAPE, UNIT_LABEL, load_pipeline
from dossier.ingest.proposed import ProposedMention
from dossier.ingest.refine import capitalised_mid_sentence, refine
from dossier.ingest.refine_article import refine_article
from dossier.ingest.tense import Tense, tense_of
from dossier.ingest.world_patterns import OTHER_LABEL
from dossier.store import Database

# The script each language read without a model writes its names in.
LANGUAGE_SCRIPTS = {"ru": "CYRILLIC", "uk": "CYRILLIC", "hy": "ARMENIAN", "az": "LATIN", "tr": "LATIN",
                    "fa": "ARABIC", "ar": "ARABIC"}
KINDS = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
    UNIT_LABEL: "unit", OTHER_LABEL: "other", "NORP": "other", "EVENT": "other", "LAW": "other", "PRODUCT": "other",
    "WORK_OF_ART": "other",
}
TITLE_CHARS = 90


@dataclass(frozen=True)
class ProposedEvent:
    start: int  # the sentence: the evidence for the date
    end: int
    title: str
    date: FuzzyDate
    entity_names: tuple[str, ...]


@dataclass
class Proposal:
    mentions: list[ProposedMention] = field(default_factory=list)
    events: list[ProposedEvent] = field(default_factory=list)


@dataclass(frozen=True)
class KnownName:
    """A name (or alias) of an entity already in the dossier: found again in new articles even
    where the model misses it ("PASHINYAN" in a headline, a surname alone)."""

    text: str
    name: str
    kind: str


class NameMatcher:
    """Finds known names in documents, ignoring case. Grows as an import learns new names, so
    a name found by the model in one article is found in the next even where the model isn't."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self._nlp = nlp
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entries: dict[str, KnownName] = {}
        self._keys: set[str] = set()
        self._seen: set[str] = set()  # texts already considered: most names recur in every article

    def add(self, names: Iterable[KnownName]) -> None:
        fresh = []
        for entry in names:
            if entry.text in self._seen:
                continue
            self._seen.add(entry.text)
            key = fold(entry.text)
            if key in self._keys or len(entry.text) < 3 or entry.text.islower():
                continue  # already known, too short, or a common word to find by itself
            self._keys.add(key)
            fresh.append(entry)
        for entry, pattern in zip(fresh, self._nlp.tokenizer.pipe(e.text for e in fresh)):
            label = f"known:{len(self._entries)}"
            self._entries[label] = entry
            self._matcher.add(label, [pattern])

    def names(self) -> list[KnownName]:
        """Every name it looks for: the dossier's and those learnt so far in this import."""
        return list(self._entries.values())

    def __call__(self, doc: Any) -> list[tuple[KnownName, Any]]:
        return [(self._entries[doc.vocab.strings[match_id]], doc[start:end])
                for match_id, start, end in self._matcher(doc)]


# spaCy refuses a text over nlp.max_length (1,000,000 characters) and needs memory in proportion
# to a text's length: a long article is read in pieces of at most this many characters, cut at
# paragraph breaks (else sentence ends, else spaces), and the offsets put back together exactly.
PIECE_CHARS = 100_000


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) covering `text` exactly, each piece at most `limit` characters."""
    out, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n\n")
        if cut <= limit // 4:
            ends = [window.rfind(mark) for mark in (". ", "! ", "? ", "\n")]
            cut = max(ends) + 1 if max(ends) > limit // 4 else window.rfind(" ")
        if cut <= 0:
            cut = limit  # one unbroken run of characters: cut it where it must be cut
        out.append((start, text[start : start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def model_texts(nlp: Any, texts: Sequence[str], languages: Sequence[str | None] | None = None
                ) -> list[tuple[int, int, str]]:
    """(text index, offset, piece) of what the English model reads of these texts: the English
    ones and those whose language is not known, a long one in pieces (see PIECE_CHARS)."""
    languages = languages or [None] * len(texts)
    limit = min(PIECE_CHARS, getattr(nlp, "max_length", PIECE_CHARS))
    return [(i, offset, piece) for i, text in enumerate(texts) if languages[i] not in FOREIGN_LANGUAGES
            for offset, piece in pieces(text, limit)]


def analyse(nlp: Any, texts: Sequence[str], published: Sequence[str | None], batch_size: int = 16,
            known: Sequence[KnownName] = (), matcher: NameMatcher | None = None,
            languages: Sequence[str | None] | None = None, docs: Iterable[Any] | None = None) -> list[Proposal]:
    """Run the pipeline over the texts (in batches) and read each document's proposals.

    Names the model finds in any of the texts, and the `known` names of the dossier, are then
    looked for in all of them. A long text is read in pieces (see PIECE_CHARS). A text in one of
    the languages of `names_abroad` is not given to the model: `read_foreign` reads its names and
    dates in its own language."""
    languages = languages or [None] * len(texts)
    # The English model reads English, and articles whose language is not known; the others are
    # read by `read_foreign`, with no model guessing in a script it doesn't know. `docs`: the
    # model's documents for `model_texts`, read elsewhere (model_pool) and given in their order.
    parts = model_texts(nlp, texts, languages)
    docs = list(docs if docs is not None else nlp.pipe((piece for _i, _offset, piece in parts),
                                                       batch_size=batch_size))
    matcher = matcher or NameMatcher(nlp)
    matcher.add(known)
    # The model's guesses, corrected (ingest.refine); a word is a name if it is capitalised
    # mid-sentence in any of the texts, or known to the dossier.
    named = capitalised_mid_sentence(docs) | {k.text for k in known}
    found = [refine(doc, _model_mentions(doc), named) for doc in docs]
    for mentions in found:
        matcher.add(KnownName(m.surface, m.name, m.kind) for m in mentions)
        # A full name teaches its surname: "Pashinyan" alone in the next article is him too.
        matcher.add(KnownName(m.name.split()[-1], m.name, "person") for m in mentions
                    if m.kind == "person" and len(m.name.split()) >= 2)
    proposals = [Proposal() for _ in texts]
    for (i, offset, _piece), doc, mentions in zip(parts, docs, found):
        part = read_doc(doc, published[i], matcher, mentions)
        proposals[i].mentions += [replace(m, start=m.start + offset, end=m.end + offset) for m in part.mentions]
        proposals[i].events += [replace(e, start=e.start + offset, end=e.end + offset) for e in part.events]
    foreign = [i for i, language in enumerate(languages) if language in FOREIGN_LANGUAGES]
    if foreign:
        names = [*known, *matcher.names()]
        keys = KnownKeys([(k.name, k.kind) for k in names]
                         + [(m.name, m.kind) for p in proposals for m in p.mentions])
        for i in foreign:
            proposals[i] = read_foreign(texts[i], published[i], languages[i], names, keys)  # type: ignore[arg-type]  # `foreign` holds articles with a language
    return proposals


def read_foreign(text: str, published: str | None, language: str, known: Sequence[KnownName],
                 keys: KnownKeys) -> Proposal:
    """An article the English model can't read: the names written down for its language and the
    dossier's own in its script, Natasha's for Russian, known names in this script's spelling
    (`ingest.names_abroad`), and its dates read in its language."""
    script = LANGUAGE_SCRIPTS.get(language)
    extra = tuple(sorted({(k.text, k.name, k.kind) for k in known if script_of(k.text) == script}))
    taken: list[tuple[int, int]] = []
    mentions: list[ProposedMention] = []

    def add(start: int, end: int, surface: str, name: str, kind: str, sure: bool) -> None:
        if not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            mentions.append(ProposedMention(start, end, surface, name, kind, sure=sure))

    known_found = known_forms(language, extra).find(text)
    russian: list[Any] = []
    if language == "ru":
        russian = russian_names(text)
    # Organisations longer than the known names in them go first ("Совета безопасности Армении").
    longer = [Found(n.start, n.end, n.surface, n.name, n.kind, False) for n in russian if n.kind == "organisation"]
    for f in (*before_known(text, language, known_found, longer), *known_found):
        add(f.start, f.end, f.surface, f.name, f.kind, f.known)
    for n in russian:
        add(n.start, n.end, n.surface, n.name, n.kind, False)
    for f in transliterated_names(text, language, keys, taken):
        add(f.start, f.end, f.surface, f.name, f.kind, False)
    for f in capitalised_names(text, language, taken):  # what no list knows, by how it is written
        add(f.start, f.end, f.surface, f.name, f.kind, f.known)
    # A surname after the full name is the same person: "Пашиняном" after "Никол Пашинян".
    full_names: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.kind == "person" and len(m.name.split()) >= 2:
            full_names.setdefault(m.name.split()[-1], m.name)
    mentions = sorted((replace(m, name=full_names[m.name]) if m.kind == "person" and m.name in full_names else m
                       for m in mentions), key=lambda m: m.start)
    return Proposal(mentions, _events(text, dated_sentences(text, language, base_date(published)), mentions))


def _events(text: str, dated: Iterable[tuple[int, int, FuzzyDate]],
            mentions: Sequence[ProposedMention]) -> list[ProposedEvent]:
    """An event for each date of a sentence (once, however often it is written there), with the
    sentence as its evidence and the entities named in it."""
    events: list[ProposedEvent] = []
    seen: set[tuple[int, str | None, str | None]] = set()
    for start, end, fuzzy in dated:
        key = (start, fuzzy.earliest, fuzzy.latest) if fuzzy.earliest else (start, fuzzy.text, None)
        if key in seen:
            continue
        seen.add(key)
        names = tuple(dict.fromkeys(m.name for m in mentions if start <= m.start and m.end <= end))
        events.append(ProposedEvent(start, end, _title(text[start:end]), fuzzy, names))
    return events


def read_doc(doc: Any, published: str | None, matcher: NameMatcher | None = None,
             model_mentions: list[ProposedMention] | None = None) -> Proposal:
    proposal = Proposal()
    if model_mentions is None:
        model_mentions = refine(doc, _model_mentions(doc), capitalised_mid_sentence([doc]))
    mentions = model_mentions
    if matcher is not None:
        mentions = _with_known_names(doc, matcher, mentions)
    mentions = refine_article(doc.text, mentions, _mention)  # datelines, abbreviations, titles, ships
    mentions = _with_bare_surnames(doc.text, mentions)
    proposal.mentions = mentions
    proposal.events = _events(doc.text, dated_sentences_en(doc, base_date(published)), mentions)
    return proposal


def _mention(start: int, end: int, surface: str, name: str, kind: str, sure: bool) -> ProposedMention:
    return ProposedMention(start, end, surface, name, kind, sure=sure)


def _model_mentions(doc: Any) -> list[ProposedMention]:
    """What the model (and the ruler in front of it) marked as entities."""
    found: list[ProposedMention] = []
    for ent in doc.ents:
        kind = KINDS.get(ent.label_)
        if kind is None:
            continue
        span = ent
        if span[0].lower_ == "the" and len(span) > 1:  # "the 102nd Base": the name starts after "the"
            span = span[1:]
        named = ent.ent_id_ and not ent.ent_id_.startswith(SHAPE)  # a name the ruler knows, with its canonical form
        found.append(ProposedMention(span.start_char, span.end_char, span.text, ent.ent_id_ if named else span.text,
                                     kind, sure=bool(ent.ent_id_)))
    return found


def _with_known_names(doc: Any, matcher: NameMatcher, found: list[ProposedMention]) -> list[ProposedMention]:
    """Add known names where the model saw nothing (it wins where it did)."""
    taken = [(m.start, m.end) for m in found]
    added: list[ProposedMention] = []
    for entry, span in sorted(matcher(doc), key=lambda m: (m[1].start, -len(m[1]))):
        if any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        if span.text.islower():
            continue  # "turkey" the bird, "base" the word
        added.append(ProposedMention(span.start_char, span.end_char, span.text, entry.name, entry.kind, sure=True))
        taken.append((span.start_char, span.end_char))
    return sorted(found + added, key=lambda m: m.start)


def _with_bare_surnames(text: str, found: list[ProposedMention]) -> list[ProposedMention]:
    """"Pashinyan" after "Nikol Pashinyan" is the same person, whether or not the model tagged it."""
    full_names = {}
    for m in found:
        parts = m.name.split()
        if m.kind == "person" and len(parts) >= 2:
            full_names.setdefault(parts[-1], (m.name, m.start))
    taken = [(m.start, m.end) for m in found]
    result = [m for m in found if not (m.kind == "person" and m.name in full_names
                                       and full_names[m.name][1] < m.start)]
    for surname, (name, first_seen) in full_names.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            start, end = match.span()
            if start <= first_seen:
                continue
            if any(s < end and start < e for s, e in taken if not (s == start and e == end)):
                continue
            result.append(ProposedMention(start, end, surname, name, "person"))
    unique = {(m.start, m.end): m for m in result}  # one mention per span, whoever found it
    return sorted(unique.values(), key=lambda m: m.start)


def sentence_tense(sentence: str, date_words: str, language: str | None = None) -> Tense:
    """The tense of `date_words` where they stand in their sentence (an event's evidence)."""
    at = sentence.find(date_words)
    return tense_of(sentence, at, at + len(date_words), language or "en") if at >= 0 else "unknown"


def read_date_words(words: str, language: str | None, base: Any, tense: Tense) -> FuzzyDate | None:
    """An event's date words read again, in the article's language."""
    if language in LOCAL_LANGUAGES:
        return resolve_local(words, language, base, tense)  # type: ignore[arg-type]  # a LOCAL_LANGUAGES code, not None
    found = find_dates(words, base, tense)
    return found[0][2] if found else None


def _title(sentence: str) -> str:
    text = " ".join(sentence.split())
    if len(text) <= TITLE_CHARS:
        return text
    cut = text.rfind(" ", 0, TITLE_CHARS)
    return text[: cut if cut > 40 else TITLE_CHARS].rstrip(",;:") + "…"


class EntityLinker:
    """Names to entity ids for one dossier: existing names and aliases first, then new entities."""

    def __init__(self, store: Database) -> None:
        self._store = store
        self._ids: dict[str, int] = {}
        self.forget_unsaved()

    def forget_unsaved(self) -> None:
        """Read the names again from the dossier: after a rolled-back write, the entities this
        linker made in it are not there."""
        self._ids = {}
        for entity in self._store.entities.all():
            for name in (entity.name, *entity.aliases):
                self._ids.setdefault(fold(name), entity.id)
        self._rejected = self._store.entities.rejected_name_keys()

    def known_names(self) -> list[KnownName]:
        return [KnownName(text, entity.name, entity.kind) for entity in self._store.entities.all()
                for text in (entity.name, *entity.aliases)]

    def is_rejected(self, name: str) -> bool:
        return fold(name) in self._rejected

    def entity_id(self, name: str, kind: str, surface: str) -> int:
        key = fold(name)
        entity_id = self._ids.get(key) or self._ids.get(fold(surface))
        if entity_id is None:
            entity_id = self._store.entities.add(name, kind)
            self._ids[key] = entity_id
        if fold(surface) not in self._ids:
            self._store.entities.add_alias(entity_id, surface)  # "Russian" -> Russia, found again next time
            self._ids[fold(surface)] = entity_id
        return entity_id


def apply_proposal(store: Database, article_id: int, proposal: Proposal, linker: EntityLinker | None = None) -> None:
    """Replace the article's automatic mentions and events with the proposal, in one transaction,
    leaving alone what the user has said: removed mentions and rejected names stay out, passages
    they marked themselves and events they deleted, made or edited are not the extractor's."""
    linker = linker or EntityLinker(store)
    with store.transaction():
        guards = store.extraction.guards(article_id)
        ids_by_name: dict[str, int] = {}
        mentions = []
        for m in proposal.mentions:
            if (m.start, m.end) in guards.rejected_spans or linker.is_rejected(m.name) or linker.is_rejected(m.surface):
                continue
            if any(s < m.end and m.start < e for s, e in guards.user_spans):
                continue
            entity_id = linker.entity_id(m.name, m.kind, m.surface)
            ids_by_name[m.name] = entity_id
            mentions.append(NewMention(article_id, entity_id, m.start, m.end, m.surface, "auto"))
        events = [
            NewEvent(article_id, e.start, e.end, e.title, e.date.text, e.date.earliest, e.date.latest,
                     e.date.precision, "auto", tuple(ids_by_name[n] for n in e.entity_names if n in ids_by_name))
            for e in proposal.events if (e.start, e.end, e.date.text) not in guards.kept_events
        ]
        store.extraction.replace_automatic(article_id, mentions, events)


def extract_articles(store: Database, article_ids: Iterable[int], nlp: Any | None = None,
                     matcher: NameMatcher | None = None) -> None:
    """(Re-)extract entities and events for stored articles (the CLI and tests; the app runs
    `analyse` on a worker and `apply_proposal` on its own thread)."""
    nlp = nlp or load_pipeline()
    ids = list(article_ids)
    articles = [store.articles.get(i) for i in ids]
    linker = EntityLinker(store)
    proposals = analyse(nlp, [a.text for a in articles],
                        [a.publication_day for a in articles],
                        known=linker.known_names(), matcher=matcher, languages=[a.language for a in articles])
    with store.transaction():
        for article_id, proposal in zip(ids, proposals):
            apply_proposal(store, article_id, proposal, linker)


def reresolve_dates(store: Database, article_id: int) -> int:
    """After the published date changed: resolve the automatic events' date words again against
    it. User-made events are left alone. Returns how many events moved."""
    article = store.articles.get(article_id)
    base = base_date(article.publication_day)
    moved = []
    for event in store.extraction.automatic_events(article_id):
        tense = sentence_tense(article.text[event.start:event.end], event.date_text, article.language)
        new = (read_date_words(event.date_text, article.language, base, tense)
               or FuzzyDate(None, None, event.precision, event.date_text))
        if (new.earliest, new.latest, new.precision) != (event.earliest, event.latest, event.precision):
            moved.append((event.id, new.earliest, new.latest, new.precision))
    store.extraction.set_event_dates(moved)
    return len(moved)


def refind_dates(store: Database, article_id: int) -> bool:
    """After the article's language changed: find its dates again in that language, keeping the
    events the user made, edited or deleted. Needs no model where `local_dates` reads the
    language; for any other, False: the caller re-runs extraction (spaCy finds English dates)."""
    article = store.articles.get(article_id)
    if article.language not in LOCAL_LANGUAGES:
        return False
    guards = store.extraction.guards(article_id)
    events = [
        NewEvent(article_id, start, end, _title(article.text[start:end]), fuzzy.text, fuzzy.earliest, fuzzy.latest,
                 fuzzy.precision, "auto", tuple(store.extraction.entities_in_span(article_id, start, end)))
        for start, end, fuzzy in dated_sentences(article.text, article.language, base_date(article.publication_day))
        if (start, end, fuzzy.text) not in guards.kept_events
    ]
    store.extraction.replace_automatic_events(article_id, events)
    return True

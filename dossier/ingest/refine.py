"""What the model proposes, corrected by rules that say why: each one a mistake it makes on this
kind of news, measured on the hand-marked set (tests/data/entities, bench_entities.py).

- A possessive is not part of a name: "European Union's" is "European Union".
- A name of two or three capitalised words ending like a surname of the region (-yan, -ian,
  -ov, -ev, -shvili, -dze, -enko, -zade…) is a person: the model made "Kassym-Jomart Tokayev"
  an organisation and missed "Ruben Vardanyan".
- The capitalised first word of a sentence or caption is no name unless something else says
  so: "Screen" (from "Screen grab from …"), "Turnout". Something else: the word capitalised
  elsewhere in the text, the ruler, the dossier's names.
- "Defence" alone is no organisation (it is half of "Defence Ministry").
- A name in lower case is no name ("coast guard", "navy").
- A name the model took for a person, an organisation or something else (a nationality: "Alican")
  is a place when a place noun follows it
  ("the Hakari bridge", "the Alican crossing", "the Kamkhud and Alagyaz training grounds"), when
  "village of", "town of"… comes before it, or when GeoNames lists it as a place of the region;
  and, for an organisation or a one-word person, when the world gazetteer (ingest.world_places)
  knows it ("El Fasher", "Goma", "Shan"), unless it is a word of a person named in full in the
  article ("Lai" of "Lai Ching-te").

Only the model's guesses are changed: what the ruler or the dossier's names said stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import replace
from typing import Any

from dossier.ingest import gazetteer
from dossier.ingest.places import place_names
from dossier.ingest.proposed import ProposedMention
from dossier.ingest.world_places import kind_of

SURNAME = re.compile(r"(?:yan|ian|ov|ova|ev|eva|yev|yeva|sky|skiy|skaya|shvili|dze|enko|zade|oglu|ogly|uly|kyzy)$")
NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
PLACE_NOUNS = ("bridge", "crossing", "checkpoint", "village", "villages", "town", "river", "province", "region",
               "district", "municipality", "valley", "gorge", "pass", "airport", "highway", "road", "training",
               "border", "settlement", "reservoir", "lake", "mountain", "mountains", "corridor", "area")
PLACE_BEFORE = re.compile(r"\b(?:villages?|towns?|city|cities|regions?|provinces?|districts?|municipality|"
                          r"settlements?|capital)\s+of\s+$", re.IGNORECASE)
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def capitalised_mid_sentence(docs: Iterable[Any]) -> set[str]:
    """Words written with a capital somewhere other than at a sentence's start: such a word is a
    name, or part of one, wherever it stands."""
    seen: set[str] = set()
    for doc in docs:
        for token in doc:
            if token.is_title and not token.is_sent_start and not _after_line_break(token):
                seen.add(token.text)
    return seen


def refine(doc: Any, mentions: Sequence[Any], named_elsewhere: set[str]) -> list[Any]:
    """The model's mentions of one document, corrected (see the module's rules)."""
    text = doc.text
    # Words of the people named in full here: "Lai" after "Lai Ching-te" is him, not the town.
    people = {w for m in mentions if m.kind == "person" for w in m.surface.split() if len(m.surface.split()) >= 2}
    out = []
    for m in mentions:
        if not m.sure:
            m = _without_possessive(m)
            if m is None or _sentence_start_word(doc, m, named_elsewhere) or _half_a_ministry(m) \
                    or m.surface.islower():
                continue
            m = _by_shape(text, m, people)
        out.append(m)
    return _with_missed_people(doc, out)


def _without_possessive(m: Any) -> Any | None:
    surface = POSSESSIVE.sub("", m.surface)
    if surface == m.surface:
        return m
    if not surface.strip():
        return None
    return replace(m, end=m.start + len(surface), surface=surface, name=POSSESSIVE.sub("", m.name))


def _sentence_start_word(doc: Any, m: Any, named_elsewhere: set[str]) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return (token.is_sent_start or _after_line_break(token)) and token.text not in named_elsewhere


def _after_line_break(token: Any) -> bool:
    return token.i > 0 and "\n" in token.doc[token.i - 1].text


def _half_a_ministry(m: Any) -> bool:
    return m.kind == "organisation" and m.surface.casefold() in gazetteer.MINISTRY_FIELDS


def _by_shape(text: str, m: Any, people: Set[str] = frozenset()) -> Any:
    words = m.surface.split()
    if m.kind != "person" and 2 <= len(words) <= 3 and all(NAME_WORD.match(w) for w in words) \
            and SURNAME.search(words[-1]):
        return replace(m, kind="person")
    if m.kind in ("person", "organisation", "other") and _placed_by_context(text, m):
        return replace(m, kind="place")
    if m.kind == "organisation" and m.surface in place_names():
        return replace(m, kind="place")
    # A one-word "person" GeoNames knows as a town of the region ("Gavar"); not a surname.
    if m.kind == "person" and len(words) == 1 and m.surface in place_names() and not SURNAME.search(m.surface):
        return replace(m, kind="place")
    # A place of the world the model took for an organisation or a person ("El Fasher", "Goma",
    # "Shan"): not one word of a person named in full here, nor a surname of the region.
    world = kind_of(m.surface)
    if world and m.kind == "organisation" and not any(w.casefold() in gazetteer.ORGANISATION_NOUNS for w in words):
        return replace(m, kind="place")
    if world and m.kind == "person" and len(words) == 1 and m.surface not in people and not SURNAME.search(m.surface):
        return replace(m, kind="place")
    return m


def _placed_by_context(text: str, m: Any) -> bool:
    if PLACE_BEFORE.search(text[max(0, m.start - 40):m.start]):
        return True
    after = text[m.end:m.end + 60]
    # "the Kamkhud and Alagyaz training grounds": past one "and <Name>" to the noun.
    after = re.sub(r"^\s+(?:and|or)\s+[A-Z][\w'’-]*", "", after)
    following = re.match(r"\s+([a-z]+)", after)
    return bool(following and following.group(1) in PLACE_NOUNS)


def _with_missed_people(doc: Any, found: list[Any]) -> list[Any]:
    """A first name and a surname of the region that nothing marked ("Ruben Vardanyan, a former
    state minister"; "President Ilham Aliyev" gives "Ilham Aliyev"): a person."""
    from spacy.lang.en.stop_words import STOP_WORDS

    taken = [(m.start, m.end) for m in found]
    surnames = {m.surface.split()[-1] for m in found if m.kind == "person" and len(m.surface.split()) >= 2}
    lower_words = {w for w in re.findall(r"\b[a-z]+\b", doc.text)}
    added = []
    for run in re.finditer(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ ]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)+", doc.text):
        words = list(re.finditer(r"\S+", run.group(0)))
        first, last = words[-2].group(0), words[-1].group(0)
        if not SURNAME.search(last) or last in surnames:  # a known person's surname: the bare-surname rule's
            continue
        # "Following Pashinyan's request": a word that opens sentences is no first name.
        word = first.casefold()
        if word in STOP_WORDS or word in lower_words or word.endswith(("ing", "ly", "ed")):
            continue
        start, end = run.start() + words[-2].start(), run.end()
        if any(s < end and start < e for s, e in taken):
            continue
        added.append(ProposedMention(start, end, doc.text[start:end], doc.text[start:end], "person"))
    return sorted(found + added, key=lambda m: m.start)

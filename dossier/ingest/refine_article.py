"""What an article says about its own names, read after the model and the ruler (ingest.extract):

- a wire copy's dateline names a place and an agency: "NEW DELHI, June 16 (Reuters) -";
- an abbreviation written after its long form, "Rapid Support Forces (RSF)", is that entity
  wherever the article writes it: one entity, the abbreviation its alias. The long form is the
  name found just before the brackets, or the capitalised words whose initials the abbreviation
  is ("Ta'ang National Liberation Army (TNLA)");
- a title before a name says the name is a person's and is not part of it: "Defence Minister
  Rajnath Singh", "Lt. Gen. Abdel Fattah al-Burhan";
- an outlet cited by what it is ("the newspaper Kathimerini", "the state news agency SUNA") is an
  organisation;
- a corps named after a place is a formation ("Africa Corps"), not a service ("Marine Corps");
- a ship named after what it is ("the cargo ship Rubymar", "the car carrier Galaxy Leader"), and
  drills named as such ("the drills, named Joint Sword-2024A", "the Balikatan exercises"), are of
  kind "other".
What the ruler or the dossier's names marked (`sure`) stands, except where the article itself
says otherwise (an abbreviation it defines, a dateline).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from dossier.ingest import gazetteer, world_names
from dossier.ingest.english_dates import DATELINE
from dossier.ingest.places import place_names
from dossier.ingest.world_places import kind_of

_DEFINED = re.compile(r"(?<= )\(([A-Z][A-Z0-9&]{1,9})\)")
_WORD = re.compile(r"[\w'’.&-]+")
_SMALL = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "al", "el", "on", "in", "to"}
_TITLES = sorted(world_names.TITLES, key=len, reverse=True)
_TITLE = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+"
                    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|de|da|van|von|der|la|le)[- ]|[A-Z])[\w'’-]*)*)")
# Words after a title that make it part of another name: "General Staff", "General Assembly",
# "General Motors".
_NOT_A_NAME = set(gazetteer.ORGANISATION_NOUNS) | {"staff", "assembly", "command", "general", "minister", "of", "state",
                                                  "motors", "electric", "dynamics", "atomics", "mills", "hospital",
                                                  "secretariat", "directorate", "prosecutor"}
_SHIP = re.compile(r"\b(?:(?:cargo|container|car|bulk|oil|chemical|patrol|research|supply)\s+)?(?:ship|vessel|tanker|"
                   r"destroyer|frigate|corvette|warship|cruiser|submarine|ferry|freighter|trawler|cutter|bulker|dredger|"
                   r"(?:car|aircraft|bulk|ore|gas)\s+carrier)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_CITED = re.compile(r"\b(?:news\s+agency|news\s+site|news\s+outlet|newspaper|broadcaster|daily|weekly)\s+"
                    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})")
_DRILLS = re.compile(r"\b(?:drills?|exercises?|war\s+games|operation|campaign|offensive),?\s+(?:named|dubbed|called|"
                     r"code-?named)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
                     r"|\b(?P<before>[A-Z][a-z][\w-]+)\s+(?:exercises|drills|war\s+games)\b")


def refine_article(text: str, mentions: Sequence[Any], make: Callable[..., Any]) -> list[Any]:
    """The article's mentions corrected by what it says itself (see above). `make` builds a
    mention: make(start, end, surface, name, kind, sure)."""
    found = list(mentions)
    found = _datelines(text, found, make)
    found = _titled_people(text, found, make)
    found = _ships_and_drills(text, found, make)
    found = _cited_outlets(text, found, make)
    found = _abbreviations(text, found, make)
    found = [_corps_of_a_place(m) for m in found]
    return sorted(found, key=lambda m: m.start)


def _corps_of_a_place(m: Any) -> Any:
    """"Africa Corps", a corps named after a place, is a formation; "Marine Corps" is a service."""
    words = m.surface.split()
    if m.kind == "organisation" and len(words) == 2 and words[1] == "Corps" and \
            kind_of(words[0]) in ("continent", "country", "region"):
        return replace(m, kind="unit")
    return m


def _put(found: list[Any], new: Any) -> list[Any]:
    """`new` in place of every mention it overlaps."""
    return [m for m in found if not (m.start < new.end and new.start < m.end)] + [new]


def _is_place(name: str) -> bool:
    return bool(kind_of(name)) or name in place_names()


def _datelines(text: str, found: list[Any], make: Callable[..., Any]) -> list[Any]:
    for match in DATELINE.finditer(text):
        written = match.group("place")
        name = " ".join(w.capitalize() if "-" not in w else "-".join(p.capitalize() for p in w.split("-"))
                        for w in written.split())
        if kind_of(name) or kind_of(written):
            found = _put(found, make(match.start("place"), match.end("place"), written, name, "place", True))
        agency = match.group("agency")
        start = match.start("agency")
        if agency[:1].isupper() and not any(m.start <= start < m.end for m in found):
            found = _put(found, make(start, start + len(agency), agency, agency, "organisation", True))
    return found


def _titled_people(text: str, found: list[Any], make: Callable[..., Any]) -> list[Any]:
    for match in _TITLE.finditer(text):
        start, end = match.span("name")
        words = match.group("name").split()
        while words and (words[-1].casefold() in _NOT_A_NAME or words[-1].endswith("'s")):
            words.pop()  # "President Putin's" is Putin; "General Staff" is nobody
        if not words or words[0].casefold() in _NOT_A_NAME or (len(words) == 1 and _is_place(words[0])):
            continue
        end = start + len(" ".join(words)) if match.group("name").startswith(" ".join(words)) else end
        if text[start:end] != " ".join(words):
            continue
        inside = [m for m in found if m.start < end and start < m.end]
        if any(m.sure and m.kind != "person" for m in inside):
            continue  # the ruler knows the words: "General Assembly"
        # The model's person with the title in it, or a name it took for something else.
        if any(m.kind == "person" and m.start >= start and m.end <= end for m in inside) and all(
                m.start >= start and m.end <= end for m in inside):
            continue  # the model's own reading of the name stands ("Zaw Min Tun")
        name = text[start:end]
        found = _put(found, make(start, end, name, name, "person", False))
    return found


def _ships_and_drills(text: str, found: list[Any], make: Callable[..., Any]) -> list[Any]:
    for match in (*_SHIP.finditer(text), *_DRILLS.finditer(text)):
        group = "before" if match.groupdict().get("before") else "name"
        start, end = match.span(group)
        if group == "before" and (start == 0 or text[:start].rstrip()[-1:] in ".!?\n" or not text[:start].strip()):
            continue  # "Joint exercises began…": a sentence's first word says nothing
        name = text[start:end]
        if name in gazetteer.DEMONYMS or name in world_names.DEMONYMS or _is_place(name):
            continue
        if any(m.sure and m.start < end and start < m.end for m in found):
            continue  # "NATO exercises", "Russian drills", "the vessel Maersk chartered"
        found = _put(found, make(start, end, name, name, "other", False))
    return found


def _cited_outlets(text: str, found: list[Any], make: Callable[..., Any]) -> list[Any]:
    """"the newspaper Kathimerini", "the state news agency SUNA": an outlet, an organisation."""
    for match in _CITED.finditer(text):
        start, end = match.span("name")
        name = text[start:end]
        if _is_place(name) or any(m.sure and m.start < end and start < m.end for m in found):
            continue  # "the news agency in Khartoum" has no capital; "the daily Kommersant" is known
        found = _put(found, make(start, end, name, name, "organisation", False))
    return found


def _abbreviations(text: str, found: list[Any], make: Callable[..., Any]) -> list[Any]:
    for match in _DEFINED.finditer(text):
        abbreviation = match.group(1)
        long_form = _long_form(text, match.start() - 1, abbreviation, found)
        if long_form is None:
            continue
        start, end, kind = long_form
        name = text[start:end]
        found = _put(found, make(start, end, name, name, kind, True))
        for use in re.finditer(rf"(?<![\w-]){re.escape(abbreviation)}(?![\w-])", text):
            found = _put(found, make(use.start(), use.end(), abbreviation, name, kind, True))
    return found


def _long_form(text: str, end: int, abbreviation: str, found: list[Any]) -> tuple[int, int, str] | None:
    """(start, end, kind) of the name the abbreviation stands for, ending at `end`, if any."""
    while end > 0 and text[end - 1] == " ":
        end -= 1
    words = list(_WORD.finditer(text[max(0, end - 120):end]))
    offset = max(0, end - 120)
    for count in range(1, min(len(words), 10) + 1):
        chosen = words[-count:]
        if not chosen[0].group(0)[:1].isupper():
            continue
        capitals = "".join(w.group(0)[0] for w in chosen if w.group(0)[:1].isupper())
        every = "".join(w.group(0)[0].upper() for w in chosen)
        if abbreviation.replace("&", "") in (capitals, every):
            start = offset + chosen[0].start()
            return start, end, _kind_at(found, start, end)
    named = [m for m in found if m.end == end and m.kind in ("organisation", "unit", "place", "other")]
    if named:  # "the Congo River Alliance (AFC)": named just before, though the initials differ
        m = max(named, key=lambda m: m.end - m.start)
        return m.start, m.end, m.kind
    return None


def _kind_at(found: list[Any], start: int, end: int) -> str:
    """The kind of the long form: of the name found there whole, else of the last name in it that
    is not a place ("Armed Forces of the Philippines"), else an organisation's."""
    whole = [m for m in found if (m.start, m.end) == (start, end)]
    if whole:
        return whole[0].kind
    inside = [m for m in found if m.start < end and start < m.end and m.kind != "place"]
    last = max(inside, key=lambda m: m.end, default=None)
    return last.kind if last is not None else "organisation"

"""People, places and organisations in Russian text, by Natasha (MIT; its models ship in its
wheels: nothing is downloaded).

Natasha's news NER tags PER, LOC and ORG over its own segmentation; with its morphology tagger
and pymorphy2's dictionary a person or place comes back in its base form ("Сергеем Лавровым" ->
"Сергей Лавров", "Москве" -> "Москва"), so every case form of a name is one entity. An
organisation keeps its words as written: Natasha's normal form of one declines each word on its
own ("Организация Договор о коллективная безопасность"). A name in capitals (a dateline's "ЕРЕВАН")
is written with a capital first letter only.

Its guesses are then mended (`corrected`): an organisation it cut before its country or field is
joined to it ("Совета безопасности" + "Армении"), and an organisation that is a building ("в
здании Горисского драматического театра") or a town of the gazetteer ("Алма-Ате") is a place.
Units, outlets after their noun and datelines are found apart (`ingest.units_abroad`,
`ingest.local_names`).

pymorphy2 finds its dictionary through pkg_resources, which the desktop bundle leaves out, unless
PYMORPHY2_DICT_PATH says where it is; that is set before anything of Natasha loads. Natasha's own
MorphVocab is used, never pymorphy2.MorphAnalyzer directly (on Python 3.11 it fails on
inspect.getargspec).
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from typing import Any

from dossier.ingest.local_names import known_place

KINDS = {"PER": "person", "LOC": "place", "ORG": "organisation"}


@dataclass(frozen=True)
class RussianName:
    start: int
    end: int
    surface: str
    name: str
    kind: str


_models: tuple[Any, ...] | None = None
_lock = threading.Lock()


def _load() -> tuple[Any, ...]:
    global _models
    with _lock:
        if _models is None:
            import pymorphy2_dicts_ru

            os.environ.setdefault("PYMORPHY2_DICT_PATH", pymorphy2_dicts_ru.get_path())
            from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

            embedding = NewsEmbedding()
            _models = (Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsNERTagger(embedding))
        return _models


def russian_names(text: str) -> list[RussianName]:
    """Every name Natasha finds in `text`, with exact offsets into it."""
    from natasha import Doc

    segmenter, vocab, morph, ner = _load()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    found = []
    for span in doc.spans:
        kind = KINDS.get(span.type)
        surface = text[span.start:span.stop]
        if kind is None or len(surface) < 2 or not surface[0].isupper():
            continue
        name = surface
        if kind != "organisation":
            span.normalize(vocab)
            name = span.normal or surface
        if name.isupper() and len(name) > 4:  # "ЕРЕВАН": a dateline's capitals, not an abbreviation
            name = name.title()
        found.append(RussianName(span.start, span.stop, surface, " ".join(name.split()), kind))
    return corrected(text, found)


# An organisation Natasha cut short: its country or field after it ("Совета безопасности" +
# "Армении", "Европейский суд" + "по правам человека").
_FIELD_AFTER = re.compile(r" по(?: [а-яё]+){1,2}(?=[\s.,;:»)]|$)")
# What Natasha calls an organisation but is a building or place: "в здании Горисского
# драматического театра", "в аэропорту «Звартноц»".
_BUILDING = re.compile(r"театр|больниц|аэропорт|стадион|собор|монастыр|вокзал", re.IGNORECASE)
_BUILDING_BEFORE = re.compile(r"(?:аэропорт|стадион|вокзал|театр|больниц|площад)\w*\s*«?$", re.IGNORECASE)


def corrected(text: str, found: list[RussianName]) -> list[RussianName]:
    """Natasha's names, mended: an organisation joined to its country or field after it, a
    building or a known town called an organisation made a place."""
    out: list[RussianName] = []
    for n in sorted(found, key=lambda n: n.start):
        if out and out[-1].kind == "organisation" and text[out[-1].end:n.start] == " " and n.kind != "person":
            last = out.pop()
            n = RussianName(last.start, n.end, text[last.start:n.end], text[last.start:n.end], "organisation")
        if n.kind == "organisation":
            field = _FIELD_AFTER.match(text, n.end)
            if field:
                n = RussianName(n.start, field.end(), text[n.start:field.end()], text[n.start:field.end()], n.kind)
            if _BUILDING.search(n.surface) or _BUILDING_BEFORE.search(text[max(0, n.start - 20):n.start]):
                n = RussianName(n.start, n.end, n.surface, n.name, "place")
            elif " " not in n.surface and (known := known_place(n.surface.title(), "ru")) and known[2] == "place":
                n = RussianName(n.start, n.end, n.surface, known[1], "place")  # "Алма-Ате" is a city
        out.append(n)
    return out

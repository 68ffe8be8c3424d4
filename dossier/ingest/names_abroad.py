"""Names in articles the English model can't read: only names that are written down somewhere.

For an article in Russian, Armenian, Azerbaijani, Turkish, Persian, Arabic or Ukrainian no model
guesses at entities here (Natasha reads Russian, `ingest.natasha_ner`): the English model made
"են։" an organisation and "edib ki" a person. What is found:

1. Known forms: the region's places, organisations, agencies and units in each language
   (`resources/gazetteer/names.tsv`), countries in the language's own names (pycountry's
   translations), and the dossier's names and aliases in that script. Each is proposed under the
   name the rest of the dossier uses ("России" is Russia), so it joins the same entity.
2. A known name written in this script: a run of capitalised words whose transliteration
   (`core.names.script_key`) is within an edit or two of a person or place the dossier knows
   ("Նիկոլ Փաշինյանը" for Nikol Pashinyan). It becomes an entity in its own spelling, and the
   sidebar proposes merging the two: never merged silently. Arabic script writes no short vowels
   and has no capitals, so Persian and Arabic names are found through known forms only.

What no list knows is found by how each language writes names (`ingest.local_names`: capitalised
words in Armenian and Azerbaijani, datelines) and units by their country (`ingest.units_abroad`).
A one-word form is found only where the text capitalises it as the form does: "палатки" (tents)
is not "Палау".

Forms are matched tolerant of case endings: Russian and Ukrainian words lose their ending and may
take another ("Россия" finds "России", "Сюникская область" "Сюникской области"); Armenian,
Azerbaijani and Turkish ones may take suffixes ("Ռուսաստանին", "Azərbaycanın", "Türkiye'nin").
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from dossier.core.names import KeyIndex, fold, script_key
from dossier.ingest import gazetteer
from dossier.paths import resources_dir

# Languages read here (and Russian, by Natasha, whose guesses these names correct).
LANGUAGES = frozenset({"ru", "uk", "hy", "az", "tr", "fa", "ar"})
_CASE_LANGUAGES = ("ru", "uk")  # endings replace the word's last letters
_SUFFIX_LANGUAGES = ("hy", "az", "tr")  # suffixes follow the whole word
_ADJECTIVE_ENDINGS = ("ая", "яя", "ий", "ый", "ой", "ое", "ее", "ие", "ые", "ій", "а", "я")
_VOWELS = "аяоеёиыуюэйьіїєґ"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    surface: str
    name: str  # the entity's name: the dossier's for a known form, the text's own for a transliteration
    kind: str
    known: bool  # a written-down form (sure); False for a transliteration match (its own entity)


@lru_cache(maxsize=1)
def region_forms() -> dict[str, list[tuple[str, str, str]]]:
    """language -> [(form, name, kind)] from the gazetteer file and pycountry's country names."""
    forms: dict[str, list[tuple[str, str, str]]] = {}
    for line in (resources_dir() / "gazetteer" / "names.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, language, written = line.split("\t")
        forms.setdefault(language, []).extend((form, name, kind) for form in written.split("|"))
    for language, countries in _country_names().items():
        forms.setdefault(language, []).extend(countries)
    return forms


def _country_names() -> dict[str, list[tuple[str, str, str]]]:
    """Every country under its name in each language read here, from pycountry's translations
    (the bundle ships those of these languages only)."""
    import gettext

    import pycountry

    names: dict[str, list[tuple[str, str, str]]] = {}
    for language in sorted(LANGUAGES):
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            english = gazetteer.COUNTRY_SHORT_NAMES.get(country.alpha_2) or getattr(country, "common_name", None) \
                or country.name
            if "," in english:
                continue
            for msgid in {country.name, getattr(country, "common_name", country.name)}:
                translated = translation.gettext(msgid)
                if translated != msgid and "," not in translated and "(" not in translated:
                    names.setdefault(language, []).append((translated, english, "place"))
    return names


def _word_pattern(word: str, language: str) -> str:
    """One word of a form, with the endings its language may give it."""
    if word.isupper() or len(word) < 4 or not word[-1].isalpha():
        return re.escape(word)  # abbreviations, short words and numbers are written as they are
    if language in _CASE_LANGUAGES:
        stem = word
        lower = word.lower()
        for ending in _ADJECTIVE_ENDINGS:
            if lower.endswith(ending) and len(word) - len(ending) >= 4:
                stem = word[: -len(ending)]
                break
        else:
            if lower[-1] in _VOWELS and len(word) > 4:
                stem = word[:-1]
        return re.escape(stem) + r"\w{0,3}"
    if language == "hy" and word.endswith("ություն"):  # the stem changes: "կազմակերպության"
        return re.escape(word[: -len("ություն")]) + r"ությ(?:ուն|ան)\w{0,4}"
    if language in _SUFFIX_LANGUAGES:
        return re.escape(word) + r"(?:['’]\w{1,6}|\w{0,5})"
    return re.escape(word)


def _form_pattern(form: str, language: str) -> str:
    return r"[\s\u00a0]+".join(_word_pattern(word, language) for word in form.split())


class KnownForms:
    """The known forms of one language compiled into one pattern; grows with the dossier's names."""

    def __init__(self, language: str, extra: Iterable[tuple[str, str, str]] = ()) -> None:
        self.language = language
        entries: dict[str, tuple[str, str, str]] = {}  # casefolded form -> (form, name, kind)
        for form, name, kind in [*region_forms().get(language, []), *extra]:
            form = " ".join(form.split())
            if len(form) >= 2 and form.casefold() not in entries:
                entries[form.casefold()] = (form, name, kind)
        ordered = sorted(entries.values(), key=lambda entry: len(entry[0]), reverse=True)
        self._forms = ordered
        prefix = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل]))" if language == "ar" else r"(?<!\w)"
        body = "|".join(f"(?P<f{i}>{_form_pattern(form, language)})" for i, (form, _n, _k) in enumerate(ordered))
        self._pattern = re.compile(rf"{prefix}(?:{body})(?!\w)", re.IGNORECASE) if ordered else None

    def find(self, text: str) -> list[Found]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            form, name, kind = self._forms[int((match.lastgroup or "f0")[1:])]
            if form[0].isupper() and not match.group(0)[0].isupper() and " " not in form:
                continue  # a name written small is a word: "палатки" (tents) is not "Палау"
            found.append(Found(match.start(), match.end(), match.group(0), name, kind, True))
        return found


_cache: dict[tuple[str, frozenset[tuple[str, str, str]]], KnownForms] = {}
_lock = threading.Lock()


def known_forms(language: str, extra: Sequence[tuple[str, str, str]] = ()) -> KnownForms:
    key = (language, frozenset(extra))
    with _lock:
        if key not in _cache:
            if len(_cache) > 8:
                _cache.clear()
            _cache[key] = KnownForms(language, extra)
        return _cache[key]


_WORD = re.compile(r"[^\W\d_]+")
# What a language writes onto the end of a name: the Armenian article, case endings.
_NAME_SUFFIXES = {
    "hy": ("ը", "ն", "ի", "ին", "ից", "ով", "ում", "ի՝"),
    "az": ("ın", "in", "un", "ün", "nın", "nin", "a", "ə", "ya", "yə", "da", "də", "dan", "dən", "ı", "i", "u", "ü"),
    "tr": ("'ın", "'in", "'un", "'ün", "'a", "'e", "'ya", "'ye", "'da", "'de", "'dan", "'den", "'ı", "'i"),
    "uk": ("а", "у", "ом", "ові", "ем", "им", "ого"),
    "ru": ("а", "у", "ом", "е", "ым", "ой", "ого", "ому"),
}


class KnownKeys:
    """The dossier's people, places and organisations by transliteration key, made once per batch."""

    def __init__(self, known: Iterable[tuple[str, str]]) -> None:
        self._by_key: dict[str, tuple[str, str]] = {}
        for name, kind in known:
            key = script_key(name)
            if len(key) >= 4 and kind in ("person", "place", "organisation", "unit"):
                self._by_key.setdefault(key, (name, kind))
        for name, kind in known:  # a full name teaches its surname, after every full name is in
            words = script_key(name).split()
            if kind == "person" and len(words) >= 2 and len(words[-1]) >= 5:
                self._by_key.setdefault(words[-1], (name.split()[-1], kind))
        self._index = KeyIndex(self._by_key)

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def closest(self, candidate: str, language: str) -> tuple[str, tuple[str, str]] | None:
        """The candidate or its base form (a name suffix taken off the last word), if its key is
        close to a known one: (the spelling, (known name, kind))."""
        variants = [candidate]
        for suffix in sorted(_NAME_SUFFIXES.get(language, ()), key=len, reverse=True):
            if candidate.endswith(suffix) and len(candidate) - len(suffix) >= 4:
                variants.append(candidate[: -len(suffix)])
        for variant in sorted(variants, key=len):  # the base first: "Փաշինյան" before "Փաշինյանը"
            key = script_key(variant)
            if len(key) >= 4:
                for near in self._index.close(key):
                    return variant, self._by_key[near]
        return None


def transliterated_names(text: str, language: str, keys: KnownKeys,
                         taken: Sequence[tuple[int, int]] = ()) -> list[Found]:
    """Capitalised names whose transliteration is close to a known name: each in its own
    spelling, without the suffix its sentence gave it ("Փաշինյանը" -> "Փաշինյան")."""
    if language in ("fa", "ar") or not keys:
        return []
    found = []
    for run in _capitalised_runs(text):
        start, end = run[0][0], run[-1][1]
        if any(s < end and start < e for s, e in taken):
            continue
        # The whole run, then without a first word that only opens the sentence.
        for first in range(len(run)):
            at = run[first][0]
            best = keys.closest(text[at:end], language)
            if best is None:
                continue
            spelling, (name, kind) = best
            if fold(spelling) == fold(name):
                break  # the name itself: a known form's business, not a new spelling
            found.append(Found(at, at + len(spelling), spelling, spelling, kind, False))
            break
    return found


def _capitalised_runs(text: str, longest: int = 3) -> list[list[tuple[int, int]]]:
    """Runs of up to `longest` capitalised words, one space apart: where a name may stand."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not word[0].isupper():
            current = []
            continue
        if current and (text[current[-1][1]:match.start()] not in (" ", "\u00a0") or len(current) == longest):
            current = []
        if not current:
            runs.append(current)
        current.append(match.span())
    return runs

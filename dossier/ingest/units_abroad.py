"""Military units in Armenian, Azerbaijani and Russian: armed forces, armies, special forces,
border troops, peacekeeping contingents, named by their country or its adjective.

Each is proposed under one English name ("Rusiya sülhməramlı kontingenti", "Ռուս
խաղաղապահները" and "российские миротворцы" are all "Russian peacekeeping contingent"), so a
unit named in three languages is one entity. The country is part of the unit's span: it is the
unit's name, not a second mention beside it (a known-form match of the country alone would
otherwise take "Азербайджана" out of "Вооружённые силы Азербайджана").
"""

from __future__ import annotations

import re
from functools import lru_cache

from dossier.ingest.names_abroad import Found

# The words that name a country beside a unit: its name in the genitive or its adjective.
_COUNTRIES: dict[str, dict[str, str]] = {
    "hy": {"Ռուսաստանի": "Russia", "ռուսական": "Russia", "ռուս": "Russia", "Ադրբեջանի": "Azerbaijan",
           "ադրբեջանական": "Azerbaijan", "Հայաստանի": "Armenia", "ՀՀ": "Armenia", "հայկական": "Armenia",
           "Թուրքիայի": "Turkey", "թուրքական": "Turkey"},
    "az": {"Rusiya": "Russia", "rus": "Russia", "Azərbaycan": "Azerbaijan", "Ermənistan": "Armenia",
           "erməni": "Armenia", "Türkiyə": "Turkey", "türk": "Turkey"},
    "ru": {"российск": "Russia", "России": "Russia", "РФ": "Russia", "азербайджанск": "Azerbaijan",
           "Азербайджана": "Azerbaijan", "армянск": "Armenia", "Армении": "Armenia", "турецк": "Turkey",
           "Турции": "Turkey"},
}
_ADJECTIVE_ENDING = r"(?:ий|ый|ая|ое|ие|ые|ого|ому|ыми|ими|ым|им|ом|ой|ую|их|ых)"

# Unit nouns: (pattern, English name with {} for the country). A noun of the "before" list takes
# its country before it ("Rusiya sülhməramlı kontingenti"), of the "after" list after it
# ("Вооружённые силы Азербайджана").
_BEFORE: dict[str, list[tuple[str, str]]] = {
    "hy": [(r"զինված ուժեր\w*", "Armed Forces of {}"), (r"խաղաղապահ զորակազմ\w*", "{} peacekeeping contingent"),
           (r"խաղաղապահ\w*", "{} peacekeeping contingent"),
           (r"հատուկ նշանակության ուժեր\w*", "{} Special Forces"),
           (r"ԱԴԾ սահմանապահ վարչությ\w*", "FSB Border Department in Armenia"),
           (r"սահմանապահ զորքեր\w*", "{} Border Troops"), (r"սահմանապահներ\w*", "{} border guards")],
    "az": [(r"Ordusunun Xüsusi Təyinatlı Qüvvələr\w*", "{} Special Forces"),
           (r"Xüsusi Təyinatlı Qüvvələr\w*", "{} Special Forces"), (r"Silahlı Qüvvələr\w*", "Armed Forces of {}"),
           (r"Ordusu\w*", "{} Army"), (r"sülhməramlı kontingent\w*", "{} peacekeeping contingent"),
           (r"sülhməramlıları\w*", "{} peacekeeping contingent"), (r"Sərhəd Qoşunları\w*", "{} Border Troops"),
           (r"sərhədçiləri\w*", "{} border guards")],
    "ru": [(r"миротворческ\w* контингент\w*", "{} peacekeeping contingent"),
           (r"миротворц\w*", "{} peacekeeping contingent"), (r"спецназ\w*", "{} Special Forces"),
           (r"пограничник\w*", "{} border guards")],
}
_AFTER: dict[str, list[tuple[str, str]]] = {
    "ru": [(r"[Вв]оор[уу]ж[её]нн\w* сил\w*", "Armed Forces of {}"),
           (r"[Сс]ил\w* специального назначения", "{} Special Forces"),
           (r"[Пп]ограничн\w* войск\w*", "{} Border Troops"),
           (r"[Пп]ограничн\w* управлени\w* ФСБ России в", "FSB Border Department in {}")],
}
# Units of no country's name: (pattern, English name or None for the text's own words).
_NAMED: dict[str, list[tuple[str, str | None]]] = {
    "hy": [(r"Պաշտպանության բանակ\w*", "Artsakh Defence Army"), (r"\d+-րդ (?:\w+ ){0,2}(?:բրիգադ|գումարտակ|"
                                                                   r"գունդ|դիվիզիա|կորպուս|զորամաս)\w*", None)],
    "az": [(r"Xüsusi Təyinatlı Qüvvələr\w*", "Azerbaijani Special Forces"),
           (r"Sərhəd Qoşunları\w*", "Azerbaijani Border Troops"),
           (r"\d+-(?:c[iıuü]|nc[iıuü]) (?:\w+ ){0,2}(?:briqada|batalyon|alay|diviziya|korpus)\w*", None)],
    "ru": [(r"Арми\w* обороны (?:Нагорного Карабаха|НКР|Арцаха)", "Artsakh Defence Army"),
           (r"[Оо]тдельн\w* общевойсков\w* арми\w*", "Separate Combined Arms Army"),
           (r"\d+-(?:я|й|го|м|ю) (?:\w+ ){0,2}(?:бригад|батальон|полк|дивизи|корпус)\w*", None)],
}
# What follows armed forces when the phrase is their staff, an organisation: "ՀՀ զինված ուժերի
# Գլխավոր շտաբ", "Генеральный штаб Вооружённых сил" is found by its own noun.
_NOT_A_UNIT_AFTER = re.compile(r"\s+(?:Գլխավոր շտաբ|Baş Qərargah|Генеральн\w* штаб)")


@lru_cache(maxsize=8)
def _patterns(language: str) -> list[tuple[re.Pattern[str], str | None, bool]]:
    """(pattern, English name, the country is in the match) for the language, longest first."""
    countries = _COUNTRIES.get(language, {})

    after_words = "|".join(re.escape(w) for w in sorted(countries, key=len, reverse=True) if w[0].isupper())
    found: list[tuple[re.Pattern[str], str | None, bool]] = []
    # An adjective opening a sentence is written with a capital: "Ռուս խաղաղապահները".
    before_words = "|".join((f"[{w[0]}{w[0].upper()}]" + re.escape(w[1:]) if w[0].islower() else re.escape(w))
                            + (_ADJECTIVE_ENDING if language == "ru" else "")
                            for w in sorted(countries, key=len, reverse=True)
                            if language != "ru" or w[0].islower())
    flags = re.IGNORECASE if language == "ru" else 0
    for noun, name in _BEFORE.get(language, []):
        found.append((re.compile(rf"(?<!\w)(?P<country>{before_words})\s+{noun}(?!\w)", flags), name, True))
    for noun, name in _AFTER.get(language, []):
        found.append((re.compile(rf"(?<!\w){noun}\s+(?P<country>{after_words})(?!\w)"), name, True))
    for noun, fixed in _NAMED.get(language, []):
        found.append((re.compile(rf"(?<!\w){noun}(?!\w)"), fixed, False))
    return found


def _country(language: str, word: str) -> str | None:
    for written, country in _COUNTRIES.get(language, {}).items():
        if word == written or (word.lower().startswith(written.lower()) and written[0].islower()):
            return country
    return None


_ADJECTIVES = {"Russia": "Russian", "Azerbaijan": "Azerbaijani", "Armenia": "Armenian", "Turkey": "Turkish"}


def units(text: str, language: str) -> list[Found]:
    """Every unit of the language's patterns in `text`, the longest where two overlap."""
    candidates: list[Found] = []
    for pattern, name, with_country in _patterns(language):
        for match in pattern.finditer(text):
            if with_country and _NOT_A_UNIT_AFTER.match(text, match.end()):
                continue
            surface = match.group(0)
            if with_country:
                country = _country(language, match.group("country")) or ""
                # "{} Army" reads "Azerbaijani Army"; "Armed Forces of {}" the country's name
                assert name is not None
                label = name.format(_ADJECTIVES.get(country, country) if name.startswith("{}") else country)
            else:
                label = name or " ".join(surface.split())
            candidates.append(Found(match.start(), match.end(), surface, label, "unit", True))
    chosen: list[Found] = []
    for f in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
        if not any(c.start < f.end and f.start < c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)

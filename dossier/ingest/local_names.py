"""Names in Armenian and Azerbaijani found the way these languages write them, with no model:
capitalised words that do not open a sentence, their case endings taken off, their kind told by
the words around them. And, in these languages and Russian, a dateline's capitals folded to its
place ("ԵՐԵՎԱՆ, մայիսի 9" is Yerevan).

Both languages write names, and only names, with a capital in mid-sentence, so a capitalised run
there is a name; its kind comes from, in order:
1. the gazetteer: the run without its ending is a town of places.tsv or a name of names.tsv by
   its transliteration key ("Վարդենիսից" -> Vardenis, "Vaşinqtonda" -> Washington);
2. cue words after it: a settlement or region noun ("Սոթք գյուղը", "Qazax rayonunun"; a list
   before a plural cue, "Kirants, Baghanis … գյուղերի", is all places), an outlet noun ("Report
   agentliyi"), or an institution noun ending it ("Dövlət Sərhəd Xidməti", Armenian "Ներքին
   գործերի նախարարությունը", whose later words are written small);
3. a title before it ("վարչապետ", "nazir", "sözçüsü") or a surname's shape ("-յան", "-ov",
   "-yeva"): a person;
4. two capitalised words in mid-sentence with none of these: a person (a given name and a
   surname); one word alone only when its case says where ("Բրյուսելում", "Brüsseldə"): a place.
A run opening a sentence is a name only when something of 1–3 says so, or its word is named
elsewhere in the text ("Սոթքի" after "Սոթք գյուղը"); a first word of a run that is nowhere else
capitalised may only open the sentence ("Վարչապետ Նիկոլ Փաշինյանը"), and is left out.
A foreign name written here joins its English name when its transliteration is near one of
names.tsv ("Էմանուել Մակրոնին" -> Emmanuel Macron).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from dossier.core.names import KeyIndex, script_key
from dossier.ingest.names_abroad import Found, region_forms
from dossier.ingest.units_abroad import units
from dossier.paths import resources_dir

LANGUAGES = ("hy", "az")  # capitalised runs; datelines are read in Russian too
DATELINE_LANGUAGES = ("hy", "az", "ru")

# Endings a name takes, longest first: the Armenian article and cases; Azerbaijani cases and
# possessives. A single vowel ending is taken off only when what is left is known (a name may
# end in one: "Xocalı", "Ալավերդի").
_ENDINGS = {
    "hy": ("ներից", "ներում", "ների", "ում", "ից", "ով", "ին", "ը", "ի", "ն", "ու"),
    "az": ("ndakı", "ndəki", "dakı", "dəki", "nın", "nin", "nun", "nün", "dan", "dən", "lə", "la", "da", "də",
           "ya", "yə", "ın", "in", "un", "ün", "a", "ə", "ı", "i", "u", "ü"),
}
_SAFE_ENDINGS = {"hy": ("ներից", "ներում", "ների", "ում", "ից", "ով", "ը", "ին"),
                 "az": ("ndakı", "ndəki", "dakı", "dəki", "nın", "nin", "dan", "dən", "da", "də", "lə", "la")}

_PLACE_AFTER = {
    "hy": r"գյուղ|քաղաք|մարզ(?!պետ)|համայնք|շրջան|օդանավակայան|գետ|լճ|լիճ|լեռ|միջանցք|ավան|հանքավայր",
    "az": r"kənd|şəhər|rayon|qəsəbə|çay|dəhliz|istiqamət|hava liman|keçid|dağ(?:ı|lar)|göl(?:ü|ün)|bölgə|"
          r"iqtisadi rayon",
}
_ORGANISATION_AFTER = {
    "hy": r"թեմ|ռադիոկայան|գործակալությ|թերթ|կուսակցությ|հեռուստաընկերությ|կայք",
    "az": r"agentliy|qəzet|telekanal|partiya|saytı|portal",
}
_ORGANISATION_NOUNS = {
    "hy": r"նախարարությ|կոմիտե|ծառայությ|միությ|ժողով|խորհրդ|խորհուրդ|բանկ|կազմակերպությ|առաքելությ|"
          r"վարչությ|շտաբ|գործակալությ|ոստիկանությ|դատարան|համալսարան|կուսակցությ|հանձնաժողով|"
          r"գրասենյակ|ինստիտուտ|հիմնադրամ|եկեղեցի",
    "az": r"Nazirliy|Xidmət|Komitə|Agentliy|İttifaq|Departament|Administrasiya|Hakimiyyət|Məclis|Proqram|"
          r"Təşkilat|Bank|Şura|Mərkəz|Assosiasiya|Universitet|Partiya|Fond|Komissiya|Parlament|Məhkəmə|"
          r"Akademiya|Aparat|Qrup",
}
# Armenian writes such nouns small, after the name: a cue (_PLACE_AFTER), not part of it.
_PLACE_NOUNS = {"az": r"Hava Liman|Stadion|Meydan|Körpü"}
_RUSSIAN_OUTLET = re.compile(r"(?:[Аа]гентств|[Гг]азет|[Ии]здани|[Тт]елеканал|[Рр]адиостанци)\w*\s+«?"
                             r"([A-ZА-ЯЁ][\w-]*(?:\.[a-z]{2,4})?(?: [A-ZА-ЯЁ][\w-]*)?)")
_PERSON_BEFORE = {
    "hy": r"վարչապետ|նախագահ|նախարար|փոխվարչապետ|մարզպետ|ղեկավար|խոսնակ|քարտուղար|պատգամավոր|"
          r"բնակիչ|հրամանատար|պետ|օգնական|պաշտպան|պետքարտուղար|քաղաքապետ|առաջնորդ|դեսպան|պետնախարար|"
          r"գեներալ|գնդապետ|արքեպիսկոպոս|տիկին|պարոն|լրագրող|փորձագետ|ներկայացուցիչ|նախագահող|դիտորդ",
    "az": r"naziri|nazir|sədri|katibi|[Pp]rezidenti|[Pp]rezident|müavini|rəisi|başçısı|sözçüsü|nümayəndəsi|"
          r"köməkçisi|komandanı|sakini|müxbiri|səfiri|rəhbəri|general-\w+|polkovnik|[Bb]aş naziri|xanım|cənab|"
          r"jurnalist|ekspert|iştirakçısı|deputat|millət vəkili|köçkünlərdən|sakinlərdən|müşaviri",
}
_SURNAME = {"hy": r"(?:յան|ունց|ենց|յանց)(?:ը|ն|ի|ին|ից|ով|ի՝)?$",
            "az": r"(?:ov|ova|yev|yeva|ev|eva|zadə|lı|li|lu|lü|oğlu|qızı)(?:un|ün|in|ın|la|lə|a|ə|nın|nin|dan|dən)?$"}
# The first word of a two-word place name: "Վերին Շորժա", "Cənubi Qafqaz", "Aşağı Əskipara".
_PLACE_FIRST = {"hy": {"Վերին", "Ներքին", "Նոր", "Հին", "Մեծ", "Փոքր", "Հյուսիսային", "Հարավային", "Արևելյան",
                       "Արևմտյան", "Լեռնային"},
                "az": {"Cənubi", "Şimali", "Şərqi", "Qərbi", "Dağlıq", "Aşağı", "Yuxarı", "Böyük", "Kiçik", "Yeni",
                       "Köhnə", "Orta"}}
_LOCATIVE = {"hy": r"\w{3}(?:ում|ից)$", "az": r"\w{3}(?:da|də|dan|dən)$"}
_LIST_JOIN = re.compile(r",\s*|\s+(?:և|ու|və|ilə|и)\s+")
# A paragraph's first word(s), in capitals, then a comma or dash and a date ("13 sentyabr", "մայիսի 9").
_DATELINE = re.compile(r"(?m)^[ \t]*([^\W\d_]{3,}(?:[ -][^\W\d_]{2,})?)(?=\s*[,—–]\s*(?:\w+\s+)?\d)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
_SENTENCE_END = re.compile(r"(?:[.!?։:…»\"“”]\s*|^\s*)$")


def _lower(word: str, language: str) -> str:
    if language == "az":
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower().replace("և", "եվ").replace("եւ", "եվ")


@lru_cache(maxsize=1)
def gazetteer_keys() -> tuple[dict[str, tuple[str, str]], KeyIndex]:
    """Transliteration key -> (English name, kind): the towns of places.tsv under their own names
    (every other name of a town leads to its own), and the names of names.tsv."""
    by_key: dict[str, tuple[str, str]] = {}
    for line in (resources_dir() / "gazetteer" / "names.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, kind, _language, _forms = line.split("\t")
            by_key.setdefault(script_key(name), (name, kind))
    groups: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    for line in (resources_dir() / "gazetteer" / "places.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, country, population, main = line.split("\t")
            groups.setdefault((country, population), []).append((name, main == "1"))
    for (country, population), names in groups.items():
        if country not in ("AM", "AZ", "GE") and int(population) < 100_000:
            continue  # a small town abroad is more often a word of these languages than the town
        own = next((name for name, main in names if main), names[0][0])
        for name, _main in names:
            key = script_key(name)
            if len(key) >= 4:
                by_key.setdefault(key, (own, "place"))
    by_key.pop("", None)
    return by_key, KeyIndex(by_key)


@lru_cache(maxsize=8)
def _forms_by_fold(language: str) -> dict[str, tuple[str, str]]:
    return {_lower(form, language): (name, kind) for form, name, kind in region_forms().get(language, [])}


def _bases(word: str, language: str) -> list[str]:
    """The word and the word without each ending it may carry, the word itself first."""
    found = [word]
    for ending in _ENDINGS.get(language, ()):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            found.append(word[: -len(ending)])
    return found


def known_place(run: str, language: str, near: bool = False) -> tuple[str, str, str] | None:
    """(base, English name, kind) of a run whose base is in the region's forms or the gazetteer."""
    by_key, index = gazetteer_keys()
    words = run.split()
    forms = _forms_by_fold(language)
    for base in _bases(words[-1], language):
        spelled = " ".join([*words[:-1], base])
        if _lower(spelled, language) in forms:
            return (spelled, *forms[_lower(spelled, language)])
        key = script_key(spelled)
        if len(key) >= 4 and key in by_key:
            return (spelled, *by_key[key])
        if near and len(key) >= 5:
            for close in index.close(key):
                return (spelled, *by_key[close])
    return None


def datelines(text: str, language: str) -> list[Found]:
    """A paragraph's opening place in capitals, before its date: "ԵՐԵՎԱՆ, մայիսի 14", "BAKI, 13
    sentyabr", "ИДЖЕВАН, 20 апреля". Named as the gazetteer names it, else written small."""
    found = []
    for match in _DATELINE.finditer(text):
        surface = match.group(1)
        if not surface.isupper():
            continue
        small = _lower(surface, language)
        written = surface[0] + small[1:]  # "BAKI" Bakı, "ԵՐԵՎԱՆ" Երևան
        if language == "hy":
            written = written.replace("եվ", "և")
        named = _forms_by_fold(language).get(small) or _near_place(written)
        name, kind = named or (written, "place")
        found.append(Found(match.start(1), match.end(1), surface, name, kind, named is not None))
    return found


def _near_place(word: str) -> tuple[str, str] | None:
    by_key, index = gazetteer_keys()
    key = script_key(word)
    if len(key) < 4:
        return None
    if key in by_key:
        return by_key[key]
    close = index.close(key)
    return by_key[close[0]] if close else None


def _sentence_start(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    return bool(_SENTENCE_END.search(text[max(line_start, at - 3):at]))


def _runs(text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words one space apart (an abbreviation in capitals too)."""
    runs: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        if not match.group(0)[0].isupper():
            continue
        if runs and text[runs[-1][1]:match.start()] == " ":
            runs[-1] = (runs[-1][0], match.end())
        else:
            runs.append(match.span())
    return runs


def before_known(text: str, language: str, known: list[Found], longer: Sequence[Found] = ()) -> list[Found]:
    """What goes before the written-down forms, which are shorter: datelines, units, and
    institutions longer than the known names in them ("Rusiya Xarici İşlər Nazirliyinin" is not
    Russia and Azerbaijan's ministry), found here or given (`longer`: Natasha's organisations)."""
    first = [*datelines(text, language), *units(text, language)] if language in DATELINE_LANGUAGES else []
    if language == "ru":  # an outlet after its noun: агентство «Арменпресс», агентство Sputnik Армения
        for match in _RUSSIAN_OUTLET.finditer(text):
            if any(k.start <= match.start(1) and match.end(1) <= k.end for k in known):
                continue  # a known outlet keeps the name the dossier uses ("Арменпресс" Armenpress)
            first.append(Found(match.start(1), match.end(1), match.group(1), match.group(1), "organisation", True))
    if language in _PLACE_NOUNS:
        for start, end in _institution(text, language, _PLACE_NOUNS[language]):
            first.append(Found(start, end, text[start:end], " ".join(text[start:end].split()), "place", False))
    institutions = [Found(s, e, text[s:e], _institution_name(text[s:e], language), "organisation", False)
                    for s, e in (_institution(text, language) if language in LANGUAGES else [])
                    if not _sentence_start_title(text, s, e, language)]
    for f in [*institutions, *longer]:
        inside = [k for k in known if k.start < f.end and f.start < k.end]
        if all(f.start <= k.start and k.end <= f.end and k.end - k.start < f.end - f.start for k in inside) \
                and (inside or f in institutions):
            first.append(f)
    return first


# The case a sentence gave an institution's last word: "Departamentinin" is Departamenti,
# "նախարարությանը" նախարարություն, "կոմիտեն" կոմիտե.
_INSTITUTION_CASE = {"az": (re.compile(r"(?<=[ıiuü])n(?:ın|in|un|ün|a|ə|da|də|dan|dən)$"), ""),
                     "hy": (re.compile(r"ությ(?:ան|ունը|ունն|անը|ամբ|ունից|ունում)$"), "ություն")}


def _institution_name(surface: str, language: str) -> str:
    name = " ".join(surface.split())
    if language in _INSTITUTION_CASE:
        pattern, base = _INSTITUTION_CASE[language]
        name = pattern.sub(base, name)
        if language == "hy":
            name = re.sub(r"(?<=[աեէիոօ])ն$|ը$", "", name)
    return name


def _institution(text: str, language: str, nouns: str = "") -> list[tuple[int, int]]:
    """Institutions by their noun: in Azerbaijani every word capitalised ("Dövlət Sərhəd
    Xidməti"); in Armenian the first only ("Ներքին գործերի նախարարությունը"). With `nouns`,
    places named the same way ("Füzuli Beynəlxalq Hava Limanı")."""
    nouns = nouns or _ORGANISATION_NOUNS[language]
    if language == "hy":
        # The words before the noun are genitives and adjectives: "Կարմիր Խաչի միջազգային կոմիտեն".
        pattern = rf"(?<!\w)[Ա-Ֆ]\w*(?:[ ](?:\w*(?:ի|ին|ան|ային|ական|յան|ած|ու|ց)|[Ա-Ֆ]\w*)){{0,4}}?[ ](?:{nouns})\w*"
    else:
        pattern = rf"(?<!\w)(?:(?:[A-ZÇĞİÖŞÜƏ]\w*|rayon|şəhər)[ ,]+(?:və[ ])?){{0,5}}(?:{nouns})\w*"
    spans = []
    for match in re.finditer(pattern, text):
        start, end = match.span()
        words = text[start:end].split()
        first = words[0]
        if _sentence_start(text, start) and len(words) > 1 and (
                (language == "az" and known_place(first, language) is None
                and (re.search(r"(?:a|ə|da|də|dan|dən)$", first) or known_place(words[1], language)))
                or (language == "hy" and words[1][0].isupper())):
            # The sentence's own first word: "Görüşə ABŞ Dövlət Departamentinin" (a case ending no
            # institution's first word has), "Bunu Rusiya Xarici İşlər Nazirliyinin" (an institution
            # named by its country starts with it), "Իսկ Ներքին գործերի…" (Armenian capitalises the
            # first word only).
            start += len(first) + 1
        spans.append((start, end))
    return spans


def capitalised_names(text: str, language: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Names in an Armenian or Azerbaijani text that nothing written down found (see the module)."""
    if language not in LANGUAGES:
        return []
    found: list[Found] = []
    mid_sentence = {_lower(_bases(text[s:e].split()[0], language)[-1], language)
                    for s, e in _runs(text) if not _sentence_start(text, s)}
    runs = [piece for s, e in _runs(text) for piece in _pieces(text, s, e, language, taken)]
    kinds: dict[tuple[int, int], tuple[str, str, bool]] = {}
    weak: set[tuple[int, int]] = set()  # a person by shape alone, which a list's cue overrules
    for start, end in runs:
        judged = None
        first = text[start:end].split()[0]
        if _sentence_start(text, start) and " " in text[start:end] \
                and _lower(_bases(first, language)[-1], language) not in mid_sentence:
            # The first word may only open the sentence: "Վարչապետ Նիկոլ Փաշինյանը".
            judged = _judge(text, start + len(first) + 1, end, language, mid_sentence)
            if judged:
                start += len(first) + 1
        judged = judged or _judge(text, start, end, language, mid_sentence)
        if judged:
            kinds[(start, end)] = judged
            if judged[1] == "person" and not re.search(rf"(?:{_PERSON_BEFORE[language]})\s*$",
                                                       text[max(0, start - 40):start], re.IGNORECASE):
                weak.add((start, end))
    runs = sorted(kinds.keys() | set(runs))
    # A list before a plural cue is all of the cue's kind: "Կիրանց, Բաղանիս և Ոսկեպար գյուղերը".
    for i in range(len(runs) - 1, 0, -1):
        later, earlier = runs[i], runs[i - 1]
        if later in kinds and kinds[later][1] == "place" and (earlier not in kinds or earlier in weak) \
                and _LIST_JOIN.fullmatch(text[earlier[1]:later[0]]):
            kinds[earlier] = (_base_name(text[earlier[0]:earlier[1]], language), "place", False)
    # A word named once is that name wherever else it stands: "Սոթքի" after "Սոթք գյուղը".
    named = {_lower(_bases(text[s:e], language)[-1], language): v for (s, e), v in kinds.items() if v[1] == "place"}
    for start, end in runs:
        if (start, end) not in kinds and not text[start:end].isupper():
            for base in _bases(text[start:end], language):
                if _lower(base, language) in named:
                    kinds[(start, end)] = named[_lower(base, language)]
                    break
    for (start, end), (name, kind, known) in sorted(kinds.items()):
        if text[start:end].isupper() and kind != "organisation" and end - start > 4:
            continue  # a word in capitals that no list knows: an abbreviation of something unsaid
        found.append(Found(start, end, text[start:end], name, kind, known))
    return sorted(found, key=lambda f: f.start)


def _pieces(text: str, start: int, end: int, language: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A run cut around what is already named and at titles in it ("Antoni Blinken [Azərbaycan]
    Prezidenti İlham Əliyevlə" is two people)."""
    pieces: list[tuple[int, int]] = []
    at = start
    for match in _WORD.finditer(text, start, end):
        s, e = match.span()
        cut = any(a < e and s < b for a, b in taken) or re.fullmatch(_PERSON_BEFORE[language], match.group(0),
                                                                    re.IGNORECASE)
        if cut:
            if at < s:
                pieces.append((at, s - 1))
            at = e + 1
    if at < end:
        pieces.append((at, end))
    return pieces


def _sentence_start_title(text: str, start: int, end: int, language: str) -> bool:
    """An institution noun opening a sentence alone ("Կառավարությունը"): a common noun."""
    return " " not in text[start:end] and _sentence_start(text, start)


def _base_name(run: str, language: str) -> str:
    words = run.split()
    last = words[-1]
    for ending in _SAFE_ENDINGS.get(language, ()):
        if last.endswith(ending) and len(last) - len(ending) >= 3:
            last = last[: -len(ending)]
            break
    return " ".join([*words[:-1], last])


def _judge(text: str, start: int, end: int, language: str, mid_sentence: set[str]) -> tuple[str, str, bool] | None:
    """(name, kind, known) of a capitalised run, or None when nothing says it is a name."""
    run = text[start:end]
    after = text[end:end + 40]
    before = text[max(0, start - 40):start]
    opening = _sentence_start(text, start)
    known = known_place(run, language)
    if known:
        return known[1], known[2], True
    if re.match(rf"\s*(?:{_PLACE_AFTER[language]})", after):
        return _base_name(run, language), "place", False
    if re.match(rf"\s*(?:-\w+\s+)?(?:{_ORGANISATION_AFTER[language]})", after):
        return _base_name(run, language), "organisation", False
    words = run.split()
    if len(words) >= 2 and words[0] in _PLACE_FIRST.get(language, ()):
        return _base_name(run, language), "place", False
    titled = re.search(rf"(?:{_PERSON_BEFORE[language]})\s*$", before, re.IGNORECASE) is not None
    if titled or (re.search(_SURNAME[language], words[-1]) and (len(words) >= 2 or not opening)):
        near = known_place(run, language, near=True)
        if near and near[2] == "person":
            return near[1], "person", True
        return _base_name(run, language), "person", False
    if opening and _lower(_bases(words[0], language)[-1], language) not in mid_sentence:
        return None
    if len(words) == 2 and not opening and not re.match(rf"\s*(?:{_PERSON_BEFORE[language]})", after, re.IGNORECASE):
        return _base_name(run, language), "person", False
    if len(words) == 1 and not opening and re.search(_LOCATIVE[language], run):
        return _base_name(run, language), "place", False  # where something happened: "Բրյուսելում"
    return None

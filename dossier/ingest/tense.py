"""Whether a date in a sentence lies before or after the article was published, told by the words.

"June 20" in an article of 28 May 2021 is 20 June 2021 when "elections are due on June 20" and
20 June 2020 when "the ceasefire was signed on June 20". The word that tells is the tense cue
nearest to the date in its sentence: a future one ("will", "is due", "scheduled for", "next",
"plans to"), a past one ("was", "said", "ended", "ago", a verb in -ed), or a doubtful one
("would", "could", "may"), which tells nothing. No cue, or a doubtful one, and the date is left
unresolved: a chronology that moves the future into the past is worse than a gap.

Plain rules: the pipeline keeps only spaCy's entity recogniser (no tagger, no parser), and these
cues are what an English news sentence marks its tense with. The other languages the dossier
reads have their own, in `_LANGUAGE_CUES`: Russian and Ukrainian past tenses end in -л/-в
("заявил", "заявив"), Azerbaijani and Turkish ones in -dı/-di, -ib, -mış and their futures in
-acaq/-ecek; Armenian, Persian and Arabic are told by their auxiliaries and common verbs, and by
"last" and "next" words. A language with no cues listed tells nothing: its dates without a year
stay unresolved unless publication decides.
"""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "future", "unknown"]

_FUTURE = [
    r"will", r"shall", r"won't", r"\w+'ll", r"(?:is|are|am)\s+(?:not\s+)?(?:due|scheduled|set|slated|expected|planned|"
    r"supposed|going|poised|about)", r"(?:is|are)\s+to\s+(?:be\s+)?\w+", r"due\s+(?:on|in|by|to|for)",
    r"scheduled\s+(?:for|on|to|in)", r"set\s+(?:for|to\s+(?:be|take|begin|start|open|hold|meet))",
    r"slated\s+(?:for|to)", r"planned\s+for", r"to\s+be\s+held", r"to\s+take\s+place", r"next", r"upcoming",
    r"coming", r"forthcoming",
    # "a meeting called for Thursday": a day fixed ahead, whatever tense the calling was in.
    r"for(?=\s+(?:next\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)", r"(?:plans?|intends?|aims?|hopes?|expects?|promises?|pledges?|vows?|threatens?|"
    r"wants?|seeks?|prepares?|is\s+preparing)\s+to", r"deadline", r"from\s+now",
]
_PAST = [
    r"was", r"were", r"had", r"did", r"has\s+been", r"have\s+been", r"has\s+\w+ed", r"have\s+\w+ed", r"ago",
    r"earlier", r"previously", r"last", r"since",
    # A small word in -ed (not a capitalised name: "Ahmed"), less the adjectives and participles
    # (and a participle after "is", "are", "be" or "not": "if the demands are not met")
    # that go with the future ("scheduled", "expected") or with no tense ("armed forces").
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bnot\s)(?-i:(?!(?:scheduled|expected|planned|supposed|armed|based|united|"
    r"related|alleged|so-called|advanced|limited|detailed|interested|concerned|disputed|occupied|"
    r"self-proclaimed|unrecognized|unrecognised|proposed|intended|needed|required|seed|speed|need|feed|"
    r"bleed|breed|creed|deed|greed|red|bed|shed|wed|fled)\b)[a-z]+ed)",
    # Irregular past tenses a news sentence reports with.
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bnot\s)(?:said|told|met|took|came|went|left|began|held|fought|brought|sent|saw|gave|won|lost|struck|shot|fled|withdrew|"
    r"drew|wrote|spoke|rose|fell|broke|led|hit|sought|thought|felt|kept|knew|made|paid|ran|sat|stood|threw|"
    r"understood|became|chose|forgot|froze|got|grew|hung|hid|lay|meant|rode|rang|sang|sank|slept|slid|spent|"
    r"stole|stuck|swore|swept|swam|taught|tore|woke|wore|wound|overran|overtook|undertook|seized|agreed)",
]
_DOUBT = [r"would", r"could", r"might", r"(?-i:may)", r"should", r"must", r"if", r"unless"]  # "May" is a month


# (future, past, doubt) cues of the other languages; small words only where a capitalised name
# would end the same way ("Михаил", "Павел").
_LANGUAGE_CUES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "ru": (
        [r"будет|будут|буду|будем|станет|станут|состоится|состоятся|пройд[её]т|пройдут|планиру\w*|намерен\w*|"
         r"намерева\w*|собира\w*ся|предстоящ\w*|предстоит|следующ\w*|ближайш\w*|ожидается|ожидаются|"
         r"запланирован\w*"],
        [r"был|была|было|были|прошл\w*|минувш\w*|назад|ранее|накануне|\w*(?:шёл|шел|шла|шло|шли)|"
         r"\w+(?:кли|гли|кла|гла)(?:сь)?",
         # The past tense: -л, -ла, -ло, -ли (and -ся), less the nouns that end so.
         r"(?-i:(?!(?:генерал|адмирал|маршал|канал|сигнал|финал|журнал|персонал|капитал|потенциал|материал|"
         r"сериал|трибунал|арсенал|интервал|скандал|квартал|вокзал|посол|футбол|отдел|раздел|предел|"
         r"идеал|мемориал)\b)[а-яё]{2,}(?:ал|ял|ил|ел|ыл|ул|ёл|ол)(?:а|о|и)?(?:сь|ся)?)"],
        [r"бы|может|могут|мог|могла|могли|если|возможно"],
    ),
    "uk": (
        [r"буде|будуть|буду|будемо|відбудеться|відбудуться|планує|планують|має\s+намір|мають\s+намір|"
         r"наступн\w*|майбутн\w*|(?-i:[а-яєіїґ'’]{2,}тим(?:е|уть)(?:ться)?)"],
        [r"був|була|було|були|минул\w*|тому|раніше|напередодні|\w*(?:йшов|йшла|йшло|йшли)",
         r"(?-i:[а-яєіїґ'’]{2,}(?:ав|ив|ів|ув|ала|ила|іла|ула|али|или|іли|ули)(?:ся|сь)?)"],
        [r"би|б|може|можуть|якщо"],
    ),
    "hy": (
        [r"պիտի|պետք\s+է|նախատեսվում|նախատեսված|հաջորդ\w*|առաջիկա\w*|կկայանա\w*|կանցկացվ\w*|կլինի|կլինեն|"
         r"կհանդիպ\w*|կայցել\w*|կստորագր\w*|կսկսվ\w*"],
        [r"էր|էին|եղավ|եղան|եղել|անցյալ\w*|առաջ|նախորդ\w*|երեկ|մտավ|մտան|ունեցավ|ունեցան|եկավ|եկան|գնաց|գնացին",
         r"(?-i:[ա-ֆ]{2,}(?:եց|աց|եցին|ացին|վեց|վեցին|ցավ|վել)(?=\W|$))", r"(?:[ա-ֆ]{2,}(?:ել|ած))\s+(?:է|են|էր|էին)"],
        [r"եթե|կարող\s+է|հնարավոր\s+է"],
    ),
    "az": (
        [r"(?-i:[a-zəıöüçşğ]{2,}(?:acaq|əcək)\w*)|gələn|növbəti|planlaşdırılır|nəzərdə\s+tutulur"],
        [r"keçən|ötən|əvvəl|idi|olub|dünən",
         r"(?-i:(?!(?:indi|tərtib)\b)[a-zəıöüçşğ]{3,}(?:dı|di|du|dü|dılar|dilər|dular|dülər|ıb|ib|ub|üb|mış|miş|"
         r"muş|müş)(?:lar|lər|dır|dir)?)"],
        [r"əgər|bilər|ola\s+bilər"],
    ),
    "tr": (
        [r"(?-i:[a-zçğıöşü]{2,}(?:acak|ecek)\w*)|gelecek|önümüzdeki|planlanıyor|bekleniyor"],
        [r"geçen|geçtiğimiz|önce|idi|dün",
         r"(?-i:(?!(?:kendi|şimdi|gündü)\b)[a-zçğıöşü]{3,}(?:dı|di|du|dü|tı|ti|tu|tü|mış|miş|muş|müş)"
         r"(?:lar|ler|r|tır|tir|dır|dir)?)"],
        [r"eğer|olabilir|belki"],
    ),
    "fa": (
        [r"خواهد|خواهند|خواهیم|خواهم|آینده|قرار\s+است"],
        [r"گذشته|پیش|قبل|بود|بودند|کرد|کردند|گفت|گفتند|شد|شدند|داد|دادند|کرده|گفته|شده|داده|دیروز"],
        [r"اگر|شاید|ممکن"],
    ),
    "ar": (
        [r"سوف|المقبل|المقبلة|القادم|القادمة|المرتقب|المرتقبة|من\s+المقرر|من\s+المنتظر|يعتزم|تعتزم|سيتم|ستتم|"
         r"سيعقد|ستعقد|سيكون|ستكون|سيجري|ستجري|سيزور|ستزور|سيبدأ|ستبدأ"],
        [r"الماضي|الماضية|السابق|السابقة|قبل|أمس",
         # Common verbs of reporting and of what happened, with the "and" / "then" written onto them.
         r"[وف]?(?:كان|كانت|قال|قالت|أعلن|أعلنت|أكد|أكدت|ذكر|ذكرت|أفاد|أفادت|وقع|وقعت|تم|جرى|جرت|عقد|عقدت|"
         r"دخل|دخلت|خرج|خرجت|شن|شنت|بدأ|بدأت|انتهى|انتهت|وصل|وصلت|التقى|التقت|اجتمع|اجتمعت|صرح|صرحت|أشار|"
         r"أشارت|قتل|قتلت|انسحب|انسحبت|وقّع|وقّعت)"],
        [r"إذا|لو|ربما|قد"],
    ),
}


def _compiled(future: list[str], past: list[str], doubt: list[str]) -> re.Pattern[str]:
    # Word edges by lookaround, not \b: an Armenian or Arabic cue next to punctuation of its own
    # script ("։", "،") still stands alone.
    return re.compile(
        "|".join(f"(?P<{name}>(?<!\\w)(?:{'|'.join(group)})(?!\\w))" for name, group in
                 (("future", future), ("past", past), ("doubt", doubt))),
        re.IGNORECASE,
    )


_CUES = _compiled(_FUTURE, _PAST, _DOUBT)
_CUES_BY_LANGUAGE = {"en": _CUES, **{language: _compiled(*cues) for language, cues in _LANGUAGE_CUES.items()}}


# Where an English sentence's next clause starts: a cue past it speaks of that clause ("are due to
# attend on Wednesday, Ruto said"; "said on Monday that Beijing should stop"), and tells the date's
# tense only when nothing nearer does ("On March 15, two border guards were killed").
_CLAUSE_BREAK = re.compile(r"[,;]|\bthat\b", re.IGNORECASE)


def tense_of(sentence: str, date_start: int, date_end: int, language: str = "en") -> Tense:
    """The tense the nearest cue gives the date at [date_start, date_end) of `sentence`; a cue
    inside the date's own words ("next Tuesday") counts first, one past the next clause's start
    last (English). English cues unless `language` has its own; none for a language without them."""
    cues = _CUES_BY_LANGUAGE.get(language or "en")
    if cues is None:
        return "unknown"
    inside = [m for m in cues.finditer(sentence[date_start:date_end])]
    if inside:
        return _tense(inside[0])
    best: tuple[int, int, Tense] | None = None
    for match in cues.finditer(sentence):
        if match.start() < date_end and match.end() > date_start:
            continue
        after = match.end() > date_start
        distance = match.start() - date_end if after else date_start - match.end()
        # Before the date, a cue reaches a little further: "will hold the vote on June 20".
        distance = distance + 8 if after else distance
        beyond = int(after and (language or "en") == "en" and bool(_CLAUSE_BREAK.search(sentence[date_end:match.start()])))
        if best is None or (beyond, distance) < best[:2]:
            best = (beyond, distance, _tense(match))
    return best[2] if best else "unknown"


def _tense(match: re.Match[str]) -> Tense:
    if match.lastgroup == "future":
        return "future"
    if match.lastgroup == "past":
        return "past"
    return "unknown"

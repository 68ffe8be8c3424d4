"""How dates are written in the dossier's other languages: the words, not the reading.

One `DateWords` per language (Russian, Ukrainian, Armenian, Azerbaijani, Turkish, Persian,
Arabic): month names in the forms news prose inflects them into, weekdays, the words for
yesterday and tomorrow, "last week" and the like, and what stands beside a year ("2021 года",
"2021 թվականի", "2021-ci ildə", "عام 2021"). `ingest.local_dates` builds its patterns from these.

Armenian "մարտ" is also "battle" and Turkish "aralık" also "gap", Persian "مه" also "fog": a month
name counts only next to a day number or a year, or in a form that only a month takes ("в мае",
"մայիսին", "mayda", "Aralık ayında", "شهر مايو").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]  # every listed form, lower case -> month number
    # After a month's listed form, what an agglutinative language adds ("mayın", "մայիսին").
    month_suffix: str = ""
    # A month alone, in a form only a month takes: a pattern with {M} for the month names.
    month_alone: str = ""
    year_after: str = ""  # what may follow the digits of a year ("года", "-ci ildə")
    year_before: str = ""  # what may stand before them ("عام", "سال")
    orders: tuple[str, ...] = ("dmy", "dm", "my")  # which of the orders below the language writes
    days: dict[str, int] = field(default_factory=dict)  # "вчера" -> -1
    weekdays: dict[str, int] = field(default_factory=dict)  # every form -> 0 (Monday) … 6
    last: str = ""  # "прошлый", before a weekday: the one before publication
    next: str = ""
    # "на прошлой неделе" -> ("week", -1): a pattern each, its unit and how many periods away.
    periods: tuple[tuple[str, str, int], ...] = ()
    word_prefix: str = ""  # a letter that may be written onto the word before a date (Arabic و)
    solar_months: dict[str, int] = field(default_factory=dict)  # Persian Solar Hijri months


def _forms(stems: dict[str, int], endings: tuple[str, ...]) -> dict[str, int]:
    return {stem + ending: n for stem, n in stems.items() for ending in endings}


_RU_MONTHS = {
    **_forms({"январ": 1, "феврал": 2, "апрел": 4, "июн": 6, "июл": 7, "сентябр": 9, "октябр": 10,
              "ноябр": 11, "декабр": 12}, ("ь", "я", "е", "ю", "ём", "ем")),
    **_forms({"март": 3, "август": 8}, ("", "а", "е", "у", "ом")),
    "май": 5, "мая": 5, "мае": 5, "маю": 5, "маем": 5,
    # As tables and datelines shorten them.
    "янв.": 1, "февр.": 2, "фев.": 2, "апр.": 4, "авг.": 8, "сент.": 9, "сен.": 9, "окт.": 10, "нояб.": 11,
    "ноя.": 11, "дек.": 12,
}
_RU_WEEKDAYS = {
    "понедельник": 0, "понедельника": 0, "вторник": 1, "вторника": 1, "среду": 2, "среда": 2, "среды": 2,
    "четверг": 3, "четверга": 3, "пятницу": 4, "пятница": 4, "пятницы": 4, "субботу": 5, "суббота": 5,
    "субботы": 5, "воскресенье": 6, "воскресенья": 6,
}
RUSSIAN = DateWords(
    months=_RU_MONTHS,
    month_alone=r"(?:в|во)\s+(?P<month>январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|"
                r"ноябре|декабре)",
    year_after=r"(?:-?(?:м|го|й))?\s*(?:года|году|год|г\.)",
    days={"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2},
    weekdays=_RU_WEEKDAYS,
    last=r"(?:в\s+)?(?:прошл(?:ый|ую|ое|ом|ой)|минувш(?:ий|ую|ее|ем|ей))",
    next=r"(?:в\s+)?(?:следующ(?:ий|ую|ее|ем|ей)|будущ(?:ий|ую|ее|ем|ей))",
    periods=(
        (r"на\s+(?:прошлой|минувшей)\s+неделе", "week", -1), (r"на\s+(?:этой|текущей)\s+неделе", "week", 0),
        (r"на\s+следующей\s+неделе", "week", 1), (r"в\s+(?:прошлом|минувшем)\s+месяце", "month", -1),
        (r"в\s+(?:этом|текущем)\s+месяце", "month", 0), (r"в\s+следующем\s+месяце", "month", 1),
        (r"в\s+(?:прошлом|минувшем)\s+году", "year", -1), (r"в\s+(?:этом|текущем|нынешнем)\s+году", "year", 0),
        (r"в\s+следующем\s+году", "year", 1), (r"(?:прошлого|минувшего)\s+года", "year", -1),
    ),
)

_UK_MONTHS = {
    **_forms({"січ": 1, "берез": 3, "квіт": 4, "трав": 5, "черв": 6, "лип": 7, "серп": 8, "верес": 9,
              "жовт": 10, "груд": 12}, ("ень", "ня", "ні", "ню")),
    "лютий": 2, "лютого": 2, "лютому": 2, "листопад": 11, "листопада": 11, "листопаді": 11,
}
UKRAINIAN = DateWords(
    months=_UK_MONTHS,
    month_alone=r"(?:у|в)\s+(?P<month>січні|лютому|березні|квітні|травні|червні|липні|серпні|вересні|жовтні|"
                r"листопаді|грудні)",
    year_after=r"(?:-?(?:го|му))?\s*(?:року|році|рік|р\.)",
    days={"позавчора": -2, "вчора": -1, "учора": -1, "сьогодні": 0, "завтра": 1, "післязавтра": 2},
    weekdays={"понеділок": 0, "понеділка": 0, "вівторок": 1, "вівторка": 1, "середу": 2, "середа": 2,
              "четвер": 3, "четверга": 3, "п'ятницю": 4, "п’ятницю": 4, "п'ятниця": 4, "п’ятниця": 4,
              "суботу": 5, "субота": 5, "неділю": 6, "неділя": 6},
    last=r"(?:у\s+|в\s+)?(?:минул(?:ий|у|е|ого)|попередн(?:ій|ю|ього))",
    next=r"(?:у\s+|в\s+)?(?:наступн(?:ий|у|е|ого))",
    periods=(
        (r"минулого\s+тижня", "week", -1), (r"(?:цього|на\s+цьому)\s+тижні?", "week", 0),
        (r"наступного\s+тижня", "week", 1), (r"минулого\s+місяця", "month", -1),
        (r"цього\s+місяця", "month", 0), (r"наступного\s+місяця", "month", 1),
        (r"минулого\s+року", "year", -1), (r"цього\s+року", "year", 0), (r"наступного\s+року", "year", 1),
    ),
)

_HY_STEMS = {"հունվար": 1, "փետրվար": 2, "մարտ": 3, "ապրիլ": 4, "մայիս": 5, "հունիս": 6, "հուլիս": 7,
             "օգոստոս": 8, "սեպտեմբեր": 9, "հոկտեմբեր": 10, "նոյեմբեր": 11, "դեկտեմբեր": 12}
ARMENIAN = DateWords(
    months=_HY_STEMS,
    month_suffix=r"(?:ի|ին|ից|ը)?",
    # "մայիսին", in May; "մարտին" is also "to the battle", so March alone is left out.
    month_alone=r"(?P<month>հունվար|փետրվար|ապրիլ|մայիս|հունիս|հուլիս|օգոստոս|սեպտեմբեր|հոկտեմբեր|նոյեմբեր|"
                r"դեկտեմբեր)ին",
    # "2021 թվականի", "2021 թ.", "2021-ին"; Armenian writes "․" (U+2024) as often as ".".
    year_after=r"(?:\s*(?:թվականի|թվականին|թվական|թ[.․])|-(?:ին|ի))",
    orders=("ymd", "md", "ym", "my", "dmy"),
    days={"երեկ": -1, "այսօր": 0, "վաղը": 1},
    weekdays={"երկուշաբթի": 0, "երեքշաբթի": 1, "չորեքշաբթի": 2, "հինգշաբթի": 3, "ուրբաթ": 4,
              "շաբաթ օրը": 5, "կիրակի": 6},
    last=r"(?:անցյալ|նախորդ)",
    next=r"(?:հաջորդ|գալիք)",
    periods=(
        (r"անցյալ\s+շաբաթ(?:վա)?", "week", -1), (r"այս\s+շաբաթ", "week", 0), (r"հաջորդ\s+շաբաթ", "week", 1),
        (r"անցյալ\s+ամս(?:վա)?", "month", -1), (r"անցյալ\s+ամիս", "month", -1), (r"այս\s+ամիս", "month", 0),
        (r"հաջորդ\s+ամիս", "month", 1), (r"անցյալ\s+տարի", "year", -1), (r"այս\s+տարի", "year", 0),
        (r"հաջորդ\s+տարի", "year", 1),
    ),
)

_AZ_STEMS = {"yanvar": 1, "fevral": 2, "mart": 3, "aprel": 4, "may": 5, "iyun": 6, "iyul": 7,
             "avqust": 8, "sentyabr": 9, "oktyabr": 10, "noyabr": 11, "dekabr": 12}
AZERBAIJANI = DateWords(
    months=_AZ_STEMS,
    month_suffix=r"(?:ın|in|un|ün)?(?:da|də|dan|dən|a|ə)?",
    month_alone=r"(?P<month>yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr)"
                r"(?:ın|in|un|ün)?(?:da|də)",
    year_after=r"-?(?:ci|cı|cu|cü)?\s*(?:ilin|ildə|ilində|il|ilə)",
    orders=("ymd", "dmy", "md", "dm", "ym", "my"),
    days={"srağagün": -2, "sırağagün": -2, "dünən": -1, "bu gün": 0, "bugün": 0, "sabah": 1},
    weekdays={"bazar ertəsi": 0, "çərşənbə axşamı": 1, "çərşənbə": 2, "cümə axşamı": 3, "cümə": 4,
              "şənbə": 5, "bazar günü": 6},
    last=r"(?:keçən|ötən)",
    next=r"(?:gələn|növbəti)",
    periods=(
        (r"(?:keçən|ötən)\s+həftə", "week", -1), (r"bu\s+həftə", "week", 0), (r"gələn\s+həftə", "week", 1),
        (r"(?:keçən|ötən)\s+ay", "month", -1), (r"bu\s+ay", "month", 0), (r"gələn\s+ay", "month", 1),
        (r"(?:keçən|ötən)\s+il", "year", -1), (r"bu\s+il", "year", 0), (r"gələn\s+il", "year", 1),
    ),
)

_TR_STEMS = {"ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
             "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12}
TURKISH = DateWords(
    months=_TR_STEMS,
    month_suffix=r"(?:['’][a-zçğıöşü]{1,5})?",
    month_alone=r"(?P<month>ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık)"
                r"\s+ay(?:ında|ı)",
    year_after=r"(?:\s*(?:yılında|yılının|yılı)|['’](?:de|da|te|ta|deki|daki))",
    days={"evvelsi gün": -2, "önceki gün": -2, "dün": -1, "bugün": 0, "yarın": 1},
    weekdays={"pazartesi": 0, "salı": 1, "çarşamba": 2, "perşembe": 3, "cumartesi": 5, "cuma": 4, "pazar": 6},
    last=r"(?:geçen|geçtiğimiz)",
    next=r"(?:gelecek|önümüzdeki)",
    periods=(
        (r"(?:geçen|geçtiğimiz)\s+hafta", "week", -1), (r"bu\s+hafta", "week", 0),
        (r"(?:gelecek|önümüzdeki)\s+hafta", "week", 1), (r"(?:geçen|geçtiğimiz)\s+ay", "month", -1),
        (r"bu\s+ay", "month", 0), (r"(?:gelecek|önümüzdeki)\s+ay", "month", 1),
        (r"(?:geçen|geçtiğimiz)\s+yıl", "year", -1), (r"bu\s+yıl", "year", 0),
        (r"(?:gelecek|önümüzdeki)\s+yıl", "year", 1),
    ),
)

PERSIAN = DateWords(
    months={"ژانویه": 1, "فوریه": 2, "مارس": 3, "آوریل": 4, "مه": 5, "می": 5, "ژوئن": 6, "ژوئیه": 7,
            "جولای": 7, "اوت": 8, "آگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12},
    solar_months={"فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5,
                  "شهریور": 6, "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12},
    month_alone=r"ماه\s+(?P<month>{M})",
    year_before=r"(?:سال|در\s+سال)\s+",
    year_after=r"\s*(?:میلادی|شمسی|خورشیدی|هجری\s+شمسی)",
    days={"پریروز": -2, "دیروز": -1, "امروز": 0, "فردا": 1, "پس‌فردا": 2},
    # Saturday is "شنبه"; the other days are counted from it ("یکشنبه", one-Saturday, is Sunday).
    weekdays={"دوشنبه": 0, "سه‌شنبه": 1, "سه شنبه": 1, "سهشنبه": 1, "چهارشنبه": 2, "پنجشنبه": 3,
              "پنج‌شنبه": 3, "پنج شنبه": 3, "جمعه": 4, "شنبه": 5, "یکشنبه": 6, "یک‌شنبه": 6},
    periods=(
        (r"هفته\s+(?:گذشته|پیش)", "week", -1), (r"(?:این|همین)\s+هفته", "week", 0),
        (r"هفته\s+(?:آینده|بعد)", "week", 1), (r"ماه\s+(?:گذشته|پیش)", "month", -1),
        (r"ماه\s+(?:آینده|بعد)", "month", 1), (r"سال\s+(?:گذشته|پیش)", "year", -1), (r"امسال", "year", 0),
        (r"سال\s+(?:آینده|بعد)", "year", 1),
    ),
)

ARABIC = DateWords(
    months={"يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6,
            "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10,
            "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
            # The Levant's names, often written after the other ("مايو/أيار").
            "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
            "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12},
    month_alone=r"(?:شهر)\s+(?P<month>{M})",
    year_before=r"(?:عام|العام|لعام|سنة|السنة)\s+",
    year_after=r"\s*(?:م\b|ميلادي|ميلادية)",
    days={"أول أمس": -2, "أمس": -1, "الأمس": -1, "البارحة": -1, "اليوم": 0, "غدا": 1, "غداً": 1, "غدًا": 1},
    weekdays={"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2, "الخميس": 3,
              "الجمعة": 4, "السبت": 5, "الأحد": 6, "الاحد": 6},
    periods=(
        (r"الأسبوع\s+الماضي", "week", -1), (r"(?:هذا|هذه)\s+الأسبوع", "week", 0),
        (r"الأسبوع\s+(?:المقبل|القادم)", "week", 1), (r"الشهر\s+الماضي", "month", -1),
        (r"الشهر\s+(?:المقبل|القادم)", "month", 1), (r"(?:العام|السنة)\s+(?:الماضي|الماضية)", "year", -1),
        (r"(?:هذا\s+العام|العام\s+الحالي|هذه\s+السنة)", "year", 0),
        (r"(?:العام|السنة)\s+(?:المقبل|المقبلة|القادم|القادمة)", "year", 1),
    ),
    word_prefix="وفبل",
)

BY_LANGUAGE = {"ru": RUSSIAN, "uk": UKRAINIAN, "hy": ARMENIAN, "az": AZERBAIJANI, "tr": TURKISH,
               "fa": PERSIAN, "ar": ARABIC}

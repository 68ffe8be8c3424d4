"""Dates read in the article's own language: for each of ru, uk, hy, az, tr, fa, ar, a sentence with
yesterday, a weekday, a day and month, a month and year, and a year, each with its range and
precision; the tense rule where a date names no year; Solar Hijri dates; and dateparser's reading
agreeing with ours wherever dateparser reads the words at all."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dossier.ingest.local_dates import find_local_dates, gregorian_to_solar_year, solar_to_gregorian

FRIDAY = date(2021, 5, 14)  # the articles' published day

# (language, sentence, the date words, earliest, latest, precision)
CASES = [
    ("ru", "Вчера министр иностранных дел России Сергей Лавров заявил о переговорах.", "Вчера",
     "2021-05-13", "2021-05-13", "day"),
    ("ru", "В понедельник войска вошли в Сюникскую область.", "В понедельник", "2021-05-10", "2021-05-10", "day"),
    ("ru", "Переговоры прошли 12 мая в Москве.", "12 мая", "2021-05-12", "2021-05-12", "day"),
    ("ru", "Соглашение было подписано в мае 2020 года.", "в мае 2020 года", "2020-05-01", "2020-05-31", "month"),
    ("ru", "Война началась в 2020 году.", "2020 году", "2020-01-01", "2020-12-31", "year"),
    ("uk", "Вчора міністр закордонних справ заявив про переговори.", "Вчора", "2021-05-13", "2021-05-13", "day"),
    ("uk", "У понеділок війська увійшли до області.", "У понеділок", "2021-05-10", "2021-05-10", "day"),
    ("uk", "Переговори відбулися 12 травня у Москві.", "12 травня", "2021-05-12", "2021-05-12", "day"),
    ("uk", "Угоду підписали у травні 2020 року.", "у травні 2020 року", "2020-05-01", "2020-05-31", "month"),
    ("uk", "Війна почалася у 2020 році.", "2020 році", "2020-01-01", "2020-12-31", "year"),
    ("hy", "Երեկ Հայաստանի վարչապետը հայտարարեց, որ բանակցությունները շարունակվում են։", "Երեկ",
     "2021-05-13", "2021-05-13", "day"),
    ("hy", "Երկուշաբթի զորքերը մտան Սյունիք։", "Երկուշաբթի", "2021-05-10", "2021-05-10", "day"),
    ("hy", "Բանակցությունները տեղի ունեցան մայիսի 12-ին Մոսկվայում։", "մայիսի 12-ին", "2021-05-12", "2021-05-12",
     "day"),
    ("hy", "Համաձայնագիրը ստորագրվեց 2020 թվականի մայիսին։", "2020 թվականի մայիսին", "2020-05-01", "2020-05-31",
     "month"),
    ("hy", "2020 թվականին սկսվեց պատերազմը։", "2020 թվականին", "2020-01-01", "2020-12-31", "year"),
    ("az", "Dünən Azərbaycan Xarici İşlər Nazirliyi bəyanat yayıb.", "Dünən", "2021-05-13", "2021-05-13", "day"),
    ("az", "Bazar ertəsi qoşunlar əraziyə daxil olub.", "Bazar ertəsi", "2021-05-10", "2021-05-10", "day"),
    ("az", "Danışıqlar mayın 12-də Moskvada keçirilib.", "mayın 12-də", "2021-05-12", "2021-05-12", "day"),
    ("az", "Saziş 2020-ci ilin mayında imzalanıb.", "2020-ci ilin mayında", "2020-05-01", "2020-05-31", "month"),
    ("az", "2020-ci ildə müharibə başladı.", "2020-ci ildə", "2020-01-01", "2020-12-31", "year"),
    ("tr", "Dün Dışişleri Bakanlığı bir açıklama yaptı.", "Dün", "2021-05-13", "2021-05-13", "day"),
    ("tr", "Pazartesi askerler bölgeye girdi.", "Pazartesi", "2021-05-10", "2021-05-10", "day"),
    ("tr", "Görüşmeler 12 Mayıs'ta Moskova'da yapıldı.", "12 Mayıs'ta", "2021-05-12", "2021-05-12", "day"),
    ("tr", "Anlaşma Mayıs 2020'de imzalandı.", "Mayıs 2020'de", "2020-05-01", "2020-05-31", "month"),
    ("tr", "Savaş 2020 yılında başladı.", "2020 yılında", "2020-01-01", "2020-12-31", "year"),
    ("fa", "دیروز وزیر امور خارجه ایران گفت که مذاکرات ادامه دارد.", "دیروز", "2021-05-13", "2021-05-13", "day"),
    ("fa", "روز دوشنبه نیروها وارد منطقه شدند.", "روز دوشنبه", "2021-05-10", "2021-05-10", "day"),
    ("fa", "مذاکرات در ۱۲ مه در مسکو برگزار شد.", "۱۲ مه", "2021-05-12", "2021-05-12", "day"),
    ("fa", "توافق در ماه مه ۲۰۲۰ امضا شد.", "ماه مه ۲۰۲۰", "2020-05-01", "2020-05-31", "month"),
    ("fa", "جنگ در سال ۲۰۲۰ آغاز شد.", "در سال ۲۰۲۰", "2020-01-01", "2020-12-31", "year"),
    ("ar", "قال وزير الخارجية أمس إن المفاوضات مستمرة.", "أمس", "2021-05-13", "2021-05-13", "day"),
    ("ar", "دخلت القوات المنطقة يوم الاثنين.", "يوم الاثنين", "2021-05-10", "2021-05-10", "day"),
    ("ar", "جرت المفاوضات في 12 مايو في موسكو.", "12 مايو", "2021-05-12", "2021-05-12", "day"),
    ("ar", "تم توقيع الاتفاق في مايو/أيار 2020.", "مايو/أيار 2020", "2020-05-01", "2020-05-31", "month"),
    ("ar", "بدأت الحرب عام 2020.", "عام 2020", "2020-01-01", "2020-12-31", "year"),
]


@pytest.mark.parametrize("language, sentence, words, earliest, latest, precision", CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_each_language_reads_its_own_date_words(language: str, sentence: str, words: str, earliest: str,
                                                latest: str, precision: str) -> None:
    (found,) = find_local_dates(sentence, language, FRIDAY)
    assert sentence[found.start:found.end] == words == found.date.text
    assert (found.date.earliest, found.date.latest, found.date.precision) == (earliest, latest, precision)


@pytest.mark.parametrize("language, sentence, words", [
    ("ru", "Встреча состоится 20 июня в Ереване.", "20 июня"),
    ("ru", "Соглашение подписали 20 июня в Ереване.", "20 июня"),
    ("hy", "Հանդիպումը կկայանա հունիսի 20-ին։", "հունիսի 20-ին"),
    ("hy", "Հանդիպումը տեղի ունեցավ հունիսի 20-ին։", "հունիսի 20-ին"),
    ("az", "Görüş iyunun 20-də keçiriləcək.", "iyunun 20-də"),
    ("az", "Görüş iyunun 20-də keçirilib.", "iyunun 20-də"),
    ("tr", "Görüşme 20 Haziran'da yapılacak.", "20 Haziran'da"),
    ("tr", "Görüşme 20 Haziran'da yapıldı.", "20 Haziran'da"),
    ("ar", "من المقرر أن تعقد القمة في 20 يونيو.", "20 يونيو"),
    ("ar", "عقدت القمة في 20 يونيو.", "20 يونيو"),
])
def test_a_date_without_a_year_goes_where_the_tense_says(language: str, sentence: str, words: str) -> None:
    """Published 14 May 2021: a meeting that will be on 20 June is in 2021, one that was is in 2020."""
    (found,) = find_local_dates(sentence, language, FRIDAY)
    assert sentence[found.start:found.end] == words
    future = any(cue in sentence for cue in ("состоится", "կկայանա", "keçiriləcək", "yapılacak", "من المقرر"))
    assert found.date.earliest == ("2021-06-20" if future else "2020-06-20")


def test_a_date_without_a_year_and_without_a_tense_is_left_unresolved() -> None:
    (found,) = find_local_dates("Саммит — 20 июня.", "ru", FRIDAY)
    assert (found.date.earliest, found.date.latest) == (None, None)


def test_relative_words_in_an_undated_article_stay_unresolved() -> None:
    (found,) = find_local_dates("Вчера министр заявил о переговорах.", "ru", None)
    assert (found.date.text, found.date.earliest) == ("Вчера", None)


def test_weekdays_said_to_be_last_or_next_and_periods() -> None:
    text = "В прошлую пятницу министр уехал, а на прошлой неделе вернулся; в следующем году он уйдёт."
    found = [(text[f.start:f.end], f.date.earliest, f.date.latest, f.date.precision)
             for f in find_local_dates(text, "ru", FRIDAY)]
    assert found == [("В прошлую пятницу", "2021-05-07", "2021-05-07", "day"),
                     ("на прошлой неделе", "2021-05-03", "2021-05-09", "week"),
                     ("в следующем году", "2022-01-01", "2022-12-31", "year")]


def test_digits_of_every_script_and_numeric_dates() -> None:
    (persian,) = find_local_dates("مذاکرات در ۱۲ مه ۲۰۲۱ برگزار شد.", "fa", FRIDAY)
    (arabic_indic,) = find_local_dates("جرت المفاوضات في ١٢ مايو ٢٠٢١.", "ar", FRIDAY)
    (numeric,) = find_local_dates("Документ датирован 21.05.2021.", "ru", FRIDAY)
    assert persian.date.earliest == arabic_indic.date.earliest == "2021-05-12"
    assert numeric.date.earliest == "2021-05-21"


def test_solar_hijri_dates_become_the_gregorian_days_they_are() -> None:
    # 24 Ordibehesht 1400 was 14 May 2021; Nowruz 1399 was 20 March 2020, of 1403 20 March 2024.
    assert solar_to_gregorian(1400, 2, 24) == date(2021, 5, 14)
    assert solar_to_gregorian(1399, 1, 1) == date(2020, 3, 20)
    assert solar_to_gregorian(1403, 1, 1) == date(2024, 3, 20)
    assert solar_to_gregorian(1401, 10, 1) == date(2022, 12, 22)  # 1 Dey
    assert gregorian_to_solar_year(date(2021, 3, 20)) == 1399 and gregorian_to_solar_year(date(2021, 3, 21)) == 1400
    text = "این دیدار در ۲۴ اردیبهشت ۱۴۰۰ برگزار شد و سال ۱۳۹۹ سال سختی بود."
    day, year = find_local_dates(text, "fa", FRIDAY)
    assert (day.date.earliest, day.date.precision) == ("2021-05-14", "day")
    assert (year.date.earliest, year.date.latest, year.date.precision) == ("2020-03-20", "2021-03-20", "range")


def test_words_that_are_also_months_count_only_as_dates() -> None:
    """Armenian "մարտ" is also battle, Turkish "aralık" gap, Persian "مه" fog: alone, no date."""
    assert find_local_dates("Մարտը շարունակվում է սահմանին։", "hy", FRIDAY) == []
    assert find_local_dates("İki ülke arasındaki aralık büyüyor.", "tr", FRIDAY) == []
    assert find_local_dates("مه غلیظ شهر را پوشاند.", "fa", FRIDAY) == []
    assert find_local_dates("Премьер заявил, что 2020 человек эвакуированы.", "ru", FRIDAY) == []


def test_an_impossible_date_is_no_date() -> None:
    assert find_local_dates("Это было 31 февраля 2021 года.", "ru", FRIDAY) == []
    assert find_local_dates("Это было 31 февраля.", "ru", FRIDAY) == []
    assert find_local_dates("این دیدار در ۳۱ اسفند ۱۴۰۰ برگزار شد.", "fa", FRIDAY) == []  # 1400 was no leap year


# dateparser reads these words alone; where it does, it must agree with us.
AGREEING = [
    ("ru", "вчера"), ("ru", "позавчера"), ("ru", "в понедельник"), ("ru", "на прошлой неделе"),
    ("hy", "երեկ"), ("hy", "երկուշաբթի"), ("az", "dünən"), ("az", "bazar ertəsi"), ("tr", "dün"),
    ("tr", "pazartesi"), ("fa", "دیروز"), ("fa", "دوشنبه"), ("ar", "أمس"), ("ar", "الاثنين"), ("uk", "вчора"),
    ("ru", "14 мая"), ("fa", "۱۴ مه ۲۰۲۱"), ("ar", "14 مايو 2021"), ("tr", "14 Mayıs 2021"),
]


@pytest.mark.parametrize("language, words", AGREEING)
def test_our_reading_agrees_with_dateparser_where_it_reads_the_words(language: str, words: str) -> None:
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=[language], settings={
        "RELATIVE_BASE": datetime(2021, 5, 14), "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
    theirs = parser.get_date_data(words)
    assert theirs.date_obj is not None, "dateparser reads these words"
    (ours,) = find_local_dates(words, language, FRIDAY, tense="past")
    assert ours.date.earliest is not None and ours.date.earliest <= theirs.date_obj.date().isoformat() <= ours.date.latest


def test_phrases_are_exact_spans_of_the_text() -> None:
    text = "Из Еревана. 14 мая 2021 г. вчера, в среду и 12 мая прошли переговоры.\n\nВ ноябре 2020 года — перемирие."
    for found in find_local_dates(text, "ru", FRIDAY):
        assert text[found.start:found.end] == found.date.text

"""What the statistical model gets wrong, written down: countries and their demonyms, a curated
set of first-level subdivisions, news agencies, and the shape of military unit names.

Subdivisions are not taken from pycountry wholesale: "Central", "North" or "Georgia" (a US
state and a country) would match all over the news. Each one here is named the way English
news writes it and checked against its ISO 3166-2 code in pycountry.
"""

from __future__ import annotations

# Short English names where pycountry's are formal ("Russian Federation") or absent.
COUNTRY_SHORT_NAMES = {
    "RU": "Russia", "IR": "Iran", "SY": "Syria", "KR": "South Korea", "KP": "North Korea",
    "MD": "Moldova", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "VN": "Vietnam",
    "LA": "Laos", "TW": "Taiwan", "PS": "Palestine", "CZ": "Czech Republic", "US": "United States",
    "GB": "United Kingdom", "TR": "Turkey", "SK": "Slovakia", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "BN": "Brunei", "FM": "Micronesia", "MK": "North Macedonia",
}
# Other names the news uses for a country.
COUNTRY_ALIASES = {
    "United States": ["US", "U.S.", "USA", "the United States", "America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "Russia": ["Russian Federation"], "Iran": ["Islamic Republic of Iran"], "Turkey": ["Türkiye"],
    "Czech Republic": ["Czechia"], "Ivory Coast": ["Côte d'Ivoire"],
}
# Demonyms (adjective and plural) -> the country they point to.
DEMONYMS = {
    "Azerbaijani": "Azerbaijan", "Azerbaijanis": "Azerbaijan", "Azeri": "Azerbaijan", "Azeris": "Azerbaijan",
    "Armenian": "Armenia", "Armenians": "Armenia", "Russian": "Russia", "Russians": "Russia",
    "Iranian": "Iran", "Iranians": "Iran", "Turkish": "Turkey", "Turks": "Turkey",
    "Georgian": "Georgia", "Georgians": "Georgia", "Ukrainian": "Ukraine", "Ukrainians": "Ukraine",
    "Belarusian": "Belarus", "Belarusians": "Belarus", "Kazakh": "Kazakhstan", "Kazakhs": "Kazakhstan",
    "American": "United States", "Americans": "United States", "British": "United Kingdom",
    "French": "France", "German": "Germany", "Germans": "Germany", "Chinese": "China",
    "Israeli": "Israel", "Israelis": "Israel", "Syrian": "Syria", "Syrians": "Syria",
    "Iraqi": "Iraq", "Iraqis": "Iraq", "Afghan": "Afghanistan", "Afghans": "Afghanistan",
    "Pakistani": "Pakistan", "Pakistanis": "Pakistan", "Indian": "India", "Indians": "India",
    "Polish": "Poland", "Poles": "Poland", "Lebanese": "Lebanon", "Saudi": "Saudi Arabia",
    "Saudis": "Saudi Arabia", "Egyptian": "Egypt", "Egyptians": "Egypt", "Libyan": "Libya",
    "Qatari": "Qatar", "Emirati": "United Arab Emirates", "Japanese": "Japan", "Korean": "South Korea",
    "Italian": "Italy", "Italians": "Italy", "Spanish": "Spain", "Dutch": "Netherlands",
    "Greek": "Greece", "Greeks": "Greece", "Serbian": "Serbia", "Serbs": "Serbia",
    "Moldovan": "Moldova", "Romanian": "Romania", "Hungarian": "Hungary", "Estonian": "Estonia",
    "Latvian": "Latvia", "Lithuanian": "Lithuania", "Finnish": "Finland", "Swedish": "Sweden",
    "Norwegian": "Norway", "Canadian": "Canada", "Mexican": "Mexico", "Brazilian": "Brazil",
    "Kyrgyz": "Kyrgyzstan", "Tajik": "Tajikistan", "Uzbek": "Uzbekistan", "Turkmen": "Turkmenistan",
}
# English names of first-level subdivisions as the news writes them -> ISO 3166-2 code.
SUBDIVISIONS = {
    "Gegharkunik": "AM-GR", "Syunik": "AM-SU", "Tavush": "AM-TV", "Lori": "AM-LO", "Shirak": "AM-SH",
    "Kotayk": "AM-KT", "Ararat": "AM-AR", "Armavir": "AM-AV", "Aragatsotn": "AM-AG",
    "Vayots Dzor": "AM-VD", "Yerevan": "AM-ER",
    "Nakhchivan": "AZ-NX", "Baku": "AZ-BA", "Ganja": "AZ-GA", "Shusha": "AZ-SUS", "Kalbajar": "AZ-KAL",
    "Lachin": "AZ-LAC", "Zangilan": "AZ-ZAN", "Gubadli": "AZ-QBI", "Jabrayil": "AZ-CAB", "Fuzuli": "AZ-FUZ",
    "Agdam": "AZ-AGM", "Khojavend": "AZ-XVD", "Tartar": "AZ-TAR",
    "Abkhazia": "GE-AB", "Adjara": "GE-AJ", "Crimea": "UA-43", "Donetsk": "UA-14", "Luhansk": "UA-09",
    "Kherson": "UA-65", "Zaporizhzhia": "UA-23", "Kharkiv": "UA-63", "Dagestan": "RU-DA",
    "Chechnya": "RU-CE", "Krasnodar Krai": "RU-KDA",
}
# Towns as the English-language news of the region names them, where GeoNames lists them under
# another name or as smaller than they are (Stepanakert is "Khankendi", of 2,100 people, there).
REGIONAL_PLACES = ["Stepanakert", "Khankendi", "Shushi", "Martakert", "Hadrut", "Askeran", "Kelbajar", "Agdere",
                   "Tskhinvali", "Sukhumi", "Akhalgori", "Karvachar", "Berdzor"]
# Regions the news names that have no ISO code of their own.
REGIONS = ["Nagorno-Karabakh", "Karabakh", "South Caucasus", "Caucasus", "South Ossetia", "Donbas",
           "Zangezur", "Lachin corridor"]
NEWS_AGENCIES = [
    "Reuters", "Interfax", "TASS", "RIA Novosti", "Sputnik", "AFP", "Agence France-Presse",
    "Associated Press", "Anadolu Agency", "Xinhua", "Armenpress", "APA", "Trend", "News.am",
    "Al Jazeera", "BBC", "Bloomberg", "EFE", "ANSA", "dpa", "Kyodo", "Yonhap", "IRNA", "Tasnim",
    "Fars", "Mehr", "Azertac", "PanARMENIAN", "Report.az", "Interfax-Ukraine", "Ukrinform", "UNIAN",
    "SouthFront",
]
# Words that end a military unit's name ("102nd Base", "4th Guards Tank Division").
UNIT_NOUNS = ["base", "brigade", "division", "regiment", "battalion", "corps", "army", "fleet",
              "squadron", "detachment", "flotilla", "group"]
# International bodies and the metonyms of governments the news names, whole ("Organization for
# Security and Co-operation in Europe" is one organisation, not "Europe" with words before it).
INTERNATIONAL_BODIES = [
    "Organization for Security and Co-operation in Europe", "Organisation for Security and Co-operation in Europe",
    "OSCE", "OSCE Minsk Group", "Minsk Group", "Collective Security Treaty Organization",
    "Collective Security Treaty Organisation", "CSTO", "European Union", "EU", "European Commission",
    "European Parliament", "European Council", "Council of Europe", "European Court of Human Rights",
    "NATO", "North Atlantic Treaty Organization", "United Nations", "UN", "United Nations Security Council",
    "UN Security Council", "UN General Assembly", "International Court of Justice", "International Criminal Court",
    "International Committee of the Red Cross", "ICRC", "Red Cross", "World Bank", "International Monetary Fund",
    "IMF", "Eurasian Economic Union", "Commonwealth of Independent States", "CIS",
    "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "Human Rights Watch",
    "Amnesty International", "Kremlin", "Pentagon", "White House", "State Department", "Council of the European Union",
]
# Regional outlets the model does not know (it made "Interpressnews" a person).
NEWS_AGENCIES += [
    "Interpressnews", "Civil.ge", "JAMnews", "OC Media", "Eurasianet", "Azatutyun", "RFE/RL",
    "Radio Free Europe/Radio Liberty", "Hetq", "CivilNet", "Mediamax", "Turan", "Caliber", "Report.az", "Meduza",
    "Kommersant", "Vedomosti", "RBC", "Izvestia", "Agenda.ge", "Georgia Today", "Novaya Gazeta",
]
# The field a ministry is named after: "Defence Ministry", "Ministry of Defence"; alone, "Defence"
# is no organisation.
MINISTRY_FIELDS = ["defence", "defense", "foreign", "interior", "justice", "finance", "economy", "health",
                   "education", "emergency", "emergencies", "environment", "energy", "agriculture", "culture",
                   "labour", "labor", "transport", "digital", "internal"]
# The last word of an organisation's name ("Caucasus Institute", "Armenia Alliance").
ORGANISATION_NOUNS = ["institute", "university", "alliance", "party", "bank", "fund", "foundation", "council",
                      "committee", "commission", "agency", "service", "court", "union", "association", "company",
                      "corporation", "centre", "center", "academy", "movement", "bloc", "assembly", "mission",
                      "organization", "organisation", "office", "department", "ministry", "prosecutor's", "guard", "corps",
                      "army", "navy", "police"]
# Water and mountains keep their whole name: "Lake Sev", "Aras River", "Sev Lich" (Armenian for
# lake), "Mount Aragats".
WATER_AND_MOUNTAIN_BEFORE = ["lake", "mount", "river", "mountains", "mt."]
WATER_AND_MOUNTAIN_AFTER = ["lake", "river", "lich", "gol", "göl", "sea", "mountains", "mountain", "gorge",
                            "pass", "valley", "reservoir"]
# Words never inside the first part of an organisation's or a lake's name.
NAME_BREAKS = ["the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "and", "of", "in", "on",
               "at", "by", "for", "with", "from", "to"]

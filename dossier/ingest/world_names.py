"""Names the news of anywhere uses that the model gets wrong, written down: the demonyms of the
world's countries, other names of countries, international and regional bodies, armed forces and
groups, news agencies; and the words military formations, titles, ships, operations and treaties
are told by (ingest.world_patterns makes the ruler's patterns of them).

The region's own lists (ingest.gazetteer) come first; these add what news about Sudan, the Sahel,
the South China Sea or Myanmar needs. A list holds names whose meaning does not change with the
article; what depends on the article (an abbreviation, a ship's name) is read from it.
"""

from __future__ import annotations

# Demonyms (adjective and plural) -> the country as the entity ruler names it.
DEMONYMS = {
    "Filipino": "Philippines", "Filipinos": "Philippines", "Philippine": "Philippines",
    "Sudanese": "Sudan", "South Sudanese": "South Sudan", "Malian": "Mali", "Malians": "Mali",
    "Nigerien": "Niger", "Nigeriens": "Niger", "Nigerian": "Nigeria", "Nigerians": "Nigeria",
    "Burkinabe": "Burkina Faso", "Chadian": "Chad", "Chadians": "Chad", "Senegalese": "Senegal",
    "Mauritanian": "Mauritania", "Ghanaian": "Ghana", "Ivorian": "Ivory Coast", "Guinean": "Guinea",
    "Beninese": "Benin", "Togolese": "Togo", "Cameroonian": "Cameroon", "Congolese": "Democratic Republic of the Congo",
    "Rwandan": "Rwanda", "Rwandans": "Rwanda", "Burundian": "Burundi", "Ugandan": "Uganda", "Ugandans": "Uganda",
    "Kenyan": "Kenya", "Kenyans": "Kenya", "Tanzanian": "Tanzania", "Ethiopian": "Ethiopia",
    "Ethiopians": "Ethiopia", "Eritrean": "Eritrea", "Eritreans": "Eritrea", "Somali": "Somalia",
    "Somalis": "Somalia", "Djiboutian": "Djibouti", "Yemeni": "Yemen", "Yemenis": "Yemen",
    "Omani": "Oman", "Bahraini": "Bahrain", "Kuwaiti": "Kuwait", "Jordanian": "Jordan", "Algerian": "Algeria",
    "Moroccan": "Morocco", "Tunisian": "Tunisia", "Libyans": "Libya", "South African": "South Africa",
    "Zimbabwean": "Zimbabwe", "Mozambican": "Mozambique", "Angolan": "Angola", "Zambian": "Zambia",
    "Malawian": "Malawi", "Namibian": "Namibia", "Central African": "Central African Republic",
    "Burmese": "Myanmar", "Thai": "Thailand", "Vietnamese": "Vietnam", "Cambodian": "Cambodia",
    "Laotian": "Laos", "Malaysian": "Malaysia", "Indonesian": "Indonesia", "Indonesians": "Indonesia",
    "Singaporean": "Singapore", "Taiwanese": "Taiwan", "Mongolian": "Mongolia", "North Korean": "North Korea",
    "South Korean": "South Korea", "Koreans": "South Korea", "Bangladeshi": "Bangladesh", "Nepali": "Nepal",
    "Nepalese": "Nepal", "Sri Lankan": "Sri Lanka", "Bhutanese": "Bhutan", "Australian": "Australia",
    "Australians": "Australia", "New Zealand's": "New Zealand", "Venezuelan": "Venezuela", "Venezuelans": "Venezuela",
    "Guyanese": "Guyana", "Colombian": "Colombia", "Colombians": "Colombia", "Peruvian": "Peru",
    "Chilean": "Chile", "Argentine": "Argentina", "Argentinian": "Argentina", "Bolivian": "Bolivia",
    "Ecuadorian": "Ecuador", "Cuban": "Cuba", "Cubans": "Cuba", "Haitian": "Haiti", "Haitians": "Haiti",
    "Dominican": "Dominican Republic", "Jamaican": "Jamaica", "Panamanian": "Panama", "Nicaraguan": "Nicaragua",
    "Honduran": "Honduras", "Guatemalan": "Guatemala", "Salvadoran": "El Salvador", "Danish": "Denmark",
    "Danes": "Denmark", "Belgian": "Belgium", "Swiss": "Switzerland", "Austrian": "Austria",
    "Portuguese": "Portugal", "Irish": "Ireland", "Czech": "Czech Republic", "Slovak": "Slovakia",
    "Slovenian": "Slovenia", "Croatian": "Croatia", "Bosnian": "Bosnia and Herzegovina", "Albanian": "Albania",
    "Macedonian": "North Macedonia", "Bulgarian": "Bulgaria", "Cypriot": "Cyprus", "Maltese": "Malta",
    "Icelandic": "Iceland", "Kosovar": "Kosovo", "Montenegrin": "Montenegro", "Emiratis": "United Arab Emirates",
    "Qataris": "Qatar", "Egyptian": "Egypt", "Palestinian": "Palestine", "Palestinians": "Palestine",
    "Jordanians": "Jordan", "Pakistanis": "Pakistan", "Afghans": "Afghanistan", "Brazilians": "Brazil",
    "Mexicans": "Mexico", "Canadians": "Canada", "Japanese": "Japan", "Chinese": "China",
}
# Other names the news gives countries (the ruler's name first).
COUNTRY_ALIASES = {
    "Democratic Republic of the Congo": ["Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa"],
    "Republic of the Congo": ["Congo-Brazzaville", "Republic of Congo"],
    "Myanmar": ["Burma"], "Ivory Coast": ["Cote d'Ivoire"], "Cape Verde": ["Cabo Verde"],
    "Eswatini": ["Swaziland"], "Philippines": ["the Philippines"], "Bahamas": ["the Bahamas"],
    "Gambia": ["the Gambia"], "Netherlands": ["Holland"], "United Arab Emirates": ["UAE", "Emirates"],
    "St Vincent": ["St Vincent and the Grenadines", "Saint Vincent", "St. Vincent"],
}
# International and regional bodies, armed forces and armed groups named the same in every article.
ORGANISATIONS = [
    "African Union", "AU", "Economic Community of West African States", "ECOWAS", "Alliance of Sahel States",
    "East African Community", "Southern African Development Community", "SADC", "Intergovernmental Authority on "
    "Development", "IGAD", "Arab League", "League of Arab States", "Gulf Cooperation Council", "GCC",
    "Association of Southeast Asian Nations", "ASEAN", "CARICOM", "Caribbean Community", "Organization of American "
    "States", "OAS", "Mercosur", "BRICS", "G7", "G20", "AUKUS", "OPEC", "World Trade Organization", "WTO",
    "World Health Organization", "WHO", "World Food Programme", "World Food Program", "WFP", "UNICEF", "UNHCR",
    "UN refugee agency", "OCHA", "UNESCO", "UNRWA", "International Organization for Migration", "IOM",
    "International Atomic Energy Agency", "IAEA", "Doctors Without Borders", "Medecins Sans Frontieres", "MSF",
    "International Crisis Group", "Institute for the Study of War", "ISW", "Security Council", "MONUSCO", "MINUSMA",
    "UNIFIL", "UNMISS", "African Union Mission in Somalia", "AMISOM", "Multinational Security Support Mission",
    "Combined Maritime Forces", "U.S. Central Command", "US Central Command", "CENTCOM", "U.S. Africa Command",
    "AFRICOM", "Indo-Pacific Command", "INDOPACOM", "U.S. Navy", "US Navy", "Royal Navy", "Pentagon",
    "People's Liberation Army", "PLA", "PLA Navy", "Indian Army", "Pakistan Army", "Tatmadaw", "Israel Defense Forces",
    "IDF", "Sudanese Armed Forces", "SAF", "Rapid Support Forces", "RSF", "Wagner Group", "M23",
    "Houthis", "Houthi", "Ansar Allah", "Hezbollah", "Hamas", "Islamic Jihad", "Islamic State", "ISIS", "ISIL",
    "al Qaeda", "al-Qaeda", "Al Qaeda", "Al-Qaeda", "al-Shabaab", "Al-Shabaab", "al Shabaab", "Boko Haram", "JNIM",
    "Jama'at Nusrat al-Islam wal-Muslimin", "Taliban", "Hayat Tahrir al-Sham", "HTS", "Kurdistan Workers' Party",
    "PKK", "Syrian Democratic Forces", "SDF", "Arakan Army", "Three Brotherhood Alliance", "Kachin Independence Army",
    "People's Defence Force", "National Unity Government", "Fano", "Tigray People's Liberation Front", "TPLF",
    "Allied Democratic Forces", "ADF", "CODECO", "Wazalendo", "FDLR", "Congo River Alliance", "Viv Ansanm",
    "Armed Forces of the Philippines", "China Coast Guard", "Philippine Coast Guard", "Japan Coast Guard",
    "Guyana Defence Force", "General Staff", "House of Representatives", "House of Commons", "House of Lords",
    "State Duma", "Knesset", "Lok Sabha", "Rajya Sabha", "Joint Chiefs of Staff", "Security Service of Ukraine", "SBU",
    "Federal Security Service", "FSB", "GUR", "CIA", "FBI", "Mossad", "ExxonMobil", "Chevron", "Maersk", "BP",
    "TotalEnergies", "PDVSA", "Gazprom", "Rosneft", "Rosatom", "Hapag-Lloyd", "MSC",
]
# News agencies and outlets cited as sources.
NEWS_AGENCIES = [
    "AP", "Associated Press", "UPI", "AFP", "Reuters", "SUNA", "Xinhua", "CGTN", "Global Times", "People's Daily",
    "CCTV", "Kyodo", "NHK", "PTI", "Press Trust of India", "ANI", "The Hindu", "Hindustan Times",
    "Al Arabiya", "Al Jazeera", "Asharq Al-Awsat", "Al Masirah", "WAM", "SPA", "Rappler",
    "Philippine News Agency", "Inquirer", "Myanmar Now", "The Irrawaddy", "Mizzima",
    "Radio Free Asia", "RFA", "Voice of America", "VOA", "Radio Okapi", "Actualite.cd", "Sudan Tribune",
    "Dabanga", "Radio Dabanga", "The New York Times", "New York Times", "The Washington Post", "Washington Post",
    "The Wall Street Journal", "Wall Street Journal", "Financial Times", "The Guardian", "The Economist", "CNN",
    "BBC", "Sky News", "Deutsche Welle", "DW", "France 24", "RFI", "Le Monde", "Yonhap", "Ukrainska Pravda",
    "Kyiv Independent", "RIA", "TASS", "Interfax",
]
# The last words of a military formation's name: "Black Sea Fleet", "Eastern Theater Command",
# "Northeastern Regional Command", "Africa Corps"; a military district is an organisation, as the
# region's set marks "Southern Military District".
FORMATION_ENDS = [["fleet"], ["flotilla"], ["theater", "command"], ["theatre", "command"], ["regional", "command"],
                  ["operations", "command"], ["army", "group"], ["group", "of", "forces"]]
# Ordinals written as words: "Fifth Fleet", "Third Army".
ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth"]
# Armed forces of a country named with its demonym or name, whole: "Indian Army", "Philippine Coast
# Guard", "Chinese Navy" (a country's ministry stays apart: "Russian Defence Ministry").
FORCE_NAMES = [["army"], ["navy"], ["air", "force"], ["coast", "guard"], ["armed", "forces"], ["marine", "corps"],
               ["national", "guard"], ["border", "guard"], ["special", "forces"]]
# Titles before a name ("Defence Minister Rajnath Singh", "Lt. Gen. Abdel Fattah al-Burhan"): not
# part of it, and they say the name is a person's.
TITLES = [
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Minister", "Foreign Minister",
    "Defence Minister", "Defense Minister", "Interior Minister", "Defense Secretary", "Defence Secretary",
    "Secretary of State", "Secretary-General", "Secretary General", "Chancellor", "King", "Queen", "Prince",
    "Emir", "Sheikh", "Ayatollah", "Pope", "Governor", "Mayor", "Senator", "Speaker", "Ambassador", "Envoy",
    "General", "Gen.", "Lt. Gen.", "Lieutenant General", "Maj. Gen.", "Major General", "Brig. Gen.",
    "Brigadier General", "Senior Colonel", "Colonel", "Col.", "Lt. Col.", "Lieutenant Colonel", "Major", "Maj.",
    "Captain", "Capt.", "Admiral", "Adm.", "Vice Admiral", "Rear Admiral", "Commander", "Marshal",
    "Field Marshal", "Spokesman", "Spokeswoman", "Spokesperson", "Commissioner", "Judge",
]
# What ships are called before their names, and the prefixes of ships' names.
SHIP_NOUNS = ["ship", "vessel", "tanker", "carrier", "destroyer", "frigate", "corvette", "warship", "cruiser",
              "submarine", "ferry", "freighter", "trawler", "cutter", "boat", "bulker", "dredger"]
SHIP_PREFIXES = ["USS", "USNS", "HMS", "HMAS", "HMCS", "BRP", "INS", "RFS", "JS", "ROKS", "MV", "MT", "FS", "TCG"]
# The last word of a treaty's, or an agreement's, name.
TREATY_NOUNS = ["treaty", "accord", "accords", "agreement", "charter", "declaration", "convention", "protocol",
                "pact", "memorandum"]

"""Search operators and fields: phrase, prefix, NEAR/n, AND / OR / NOT, parentheses, note:,
rationale:, tag:, outlet:, lang:, kind:, status:, published:, and names across scripts; what a user
can't mean as an operator stays a word, and every query stays bounded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.models import Claim, NewArticle
from dossier.core.search_query import MAX_DEPTH, MAX_NEAR, MAX_TERMS, parse
from dossier.store import Database


@pytest.fixture
def filled(store: Database) -> Database:
    ids = store.articles.add_many([
        NewArticle("Troops", "Russian troops of the 102nd Base went to Syunik province.", "Reuters", None,
                   "2021-05-14", "day", "en"),
        NewArticle("Ceasefire", "The war ended with a Russian-brokered ceasefire in Karabakh.", "Interfax", None,
                   "2020-11-10", "day", "en"),
        NewArticle("Пашинян", "Премьер Пашинян прибыл в Сюник вместе с войсками.", "TASS", None,
                   "2021-05-20", "day", "ru"),
        NewArticle("Border", "Armenia asked Russia for help at the border; Turkey said nothing.", "Reuters", None,
                   "2021-06-01", "day", "en"),
    ])
    troops, ceasefire, _ru, border = ids
    text = "Russian troops of the 102nd Base went to Syunik province."
    claim = store.annotations.add(troops, "claim", 0, len("Russian troops"), note="check the base number",
                                  claim=Claim("disputed", rationale="two sources deny it"))
    urgent = store.tags.add("urgent", "#ff0000")
    store.tags.attach(claim, urgent)
    store.annotations.add(ceasefire, "note", 4, 7, note="war or conflict?")
    store.annotations.add(border, "highlight", 0, 7)
    store.entities.add("Nikol Pashinyan", "person", aliases=["Пашинян"])
    assert text
    return store


def _articles(store: Database, query: str) -> set[str]:
    return {h.title for h in store.search.articles(query)}


def _annotations(store: Database, query: str) -> set[str]:
    return {f"{h.kind}:{h.exact}" for h in store.search.annotations(query)}


def test_phrase_prefix_and_near(filled: Database) -> None:
    assert _articles(filled, '"troops of the"') == {"Troops"}
    assert _articles(filled, '"of troops"') == set()
    assert _articles(filled, "Kara*") == {"Ceasefire"}
    assert _articles(filled, "Russian NEAR/2 Base") == set()
    assert _articles(filled, "Russian NEAR/5 Base") == {"Troops"}
    assert _articles(filled, "Russian NEAR/1 troops") == {"Troops"}


def test_and_or_not_and_parentheses(filled: Database) -> None:
    assert _articles(filled, "Syunik OR Karabakh") == {"Troops", "Ceasefire"}
    assert _articles(filled, "Russian AND Syunik") == {"Troops"}
    assert _articles(filled, "Russia* NOT ceasefire") == {"Troops", "Border"}
    assert _articles(filled, "(Syunik OR Turkey) NOT troops") == {"Border"}
    assert _articles(filled, "(Syunik OR Turkey) (troops OR Armenia)") == {"Troops", "Border"}
    assert _articles(filled, "syunik and") == set()  # "and" in small letters is a word


def test_fields_of_articles(filled: Database) -> None:
    assert _articles(filled, "outlet:Reuters") == {"Troops", "Border"}
    assert _articles(filled, "outlet:reuters Syunik") == {"Troops"}
    assert _articles(filled, 'outlet:"Interfax" war') == {"Ceasefire"}
    assert _articles(filled, "lang:ru") == {"Пашинян"}
    assert _articles(filled, "published:2021-05") == {"Troops", "Пашинян"}
    assert _articles(filled, "published:2021-05-14 Russian") == {"Troops"}
    assert _articles(filled, "published:2021 Russia*") == {"Troops", "Border"}
    assert filled.search.count("outlet:Reuters") == 2 and filled.search.count("outlet:Reuters", after=1) == 1


def test_fields_of_annotations(filled: Database) -> None:
    assert _annotations(filled, "note:base") == {"claim:Russian troops"}
    assert _annotations(filled, "rationale:deny") == {"claim:Russian troops"}
    assert _annotations(filled, 'rationale:"sources deny"') == {"claim:Russian troops"}
    assert _annotations(filled, "note:deny") == set()
    assert _annotations(filled, "tag:urgent") == {"claim:Russian troops"}
    assert _annotations(filled, "kind:claim") == {"claim:Russian troops"}
    assert _annotations(filled, "kind:note war") == {"note:war"}
    assert _annotations(filled, "status:disputed") == {"claim:Russian troops"}
    assert _annotations(filled, "status:confirmed") == set()
    assert _annotations(filled, "kind:highlight outlet:Reuters") == {"highlight:Armenia"}
    assert _articles(filled, "note:base") == set()  # a field of annotations finds annotations only


def test_a_name_finds_its_spellings_in_other_scripts(filled: Database) -> None:
    assert _articles(filled, "Pashinyan") == {"Пашинян"}
    assert _articles(filled, "pashinyan") == set()  # a name is written with its capital


@pytest.mark.parametrize("text", ["NOT Russia", "Russia NOT", "OR", "a OR", "NEAR/3", "Russia NEAR/3", "(",
                                  ")", "((Russia", "note:", "kind:", "published:May", "outlet:", "tag:(",
                                  '"', "NEAR/99999 a b", "x NEAR/x y", ":", "::", "*"])
def test_half_operators_are_words_or_nothing_and_never_raise(filled: Database, text: str) -> None:
    assert isinstance(filled.search.articles(text), list)
    assert isinstance(filled.search.annotations(text), list)
    assert filled.search.count(text) >= 0


def test_queries_stay_bounded() -> None:
    deep = "(" * 50 + "a" + ")" * 50
    assert parse(deep).fts() == '"a"'
    assert parse("(" * (MAX_DEPTH + 5) + "a OR b").fts() == '("a" OR "b")'
    many = " OR ".join(f"w{i}" for i in range(100))
    assert parse(many).fts().count('"') == 2 * MAX_TERMS  # type: ignore[union-attr]
    assert f", {MAX_NEAR})" in parse("a NEAR/9999 b").fts()  # type: ignore[operator]


PIECES = [*'ab()" *:-', " AND ", " OR ", " NOT ", " NEAR/2 ", "note:", "kind:claim ", "Pashinyan", " Armenia ", " "]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_query_becomes_valid_fts(text: str) -> None:
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(quote, note, rationale, tags)")
    conn.execute("INSERT INTO t VALUES ('a b', 'b a', 'a', 'b')")
    match = parse(text, lambda word: ["Пашинян", "Փաշինյան"]).fts()  # every capitalised word a name
    if match is not None:
        conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (match,)).fetchone()


def test_search_on_the_command_line(filled: Database, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from dossier.cli import main

    path = filled.path
    filled.close()
    assert main(["search", str(path), "outlet:Reuters Syunik", "--json"]) == 0
    (line,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert (line["type"], line["title"], line["outlet"]) == ("article", "Troops", "Reuters")
    assert main(["search", str(path), "status:disputed rationale:deny", "--json"]) == 0
    (line,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert (line["type"], line["kind"], line["where"]) == ("annotation", "claim", "rationale")
    assert main(["search", str(path), 'NEAR( "AND']) == 0


def test_a_name_as_typed_comes_before_its_other_spellings(filled: Database) -> None:
    filled.articles.add(NewArticle("Pashinyan", "Prime Minister Pashinyan spoke.", "Reuters"))
    assert [h.title for h in filled.search.articles("Pashinyan")] == ["Pashinyan", "Пашинян"]
    assert [h.title for h in filled.search.articles("Пашинян")] == ["Пашинян", "Pashinyan"]

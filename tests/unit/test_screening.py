"""Screening: watched names found across scripts and case endings, hits kept with their passage,
"not this person" remembered, every change one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analysis.screening import PASSAGE_LIMIT, Screener, Watched, passage
from dossier.core.sentences import sentence_spans
from dossier.ingest.document import Document
from dossier.ingest.pipeline import add_document
from dossier.ingest.screening import ListError, read_list_csv, rescreen, screen_texts
from dossier.operations import Refused, perform, redo, undo
from dossier.operations.screening import DeleteWatchlist, MarkHits, SetWatchlist
from dossier.store import Database
from dossier.store.screening import DISMISSED, NEW, SEEN, NameRow

ENGLISH = "Prime Minister Nikol Pashinyan said on Thursday that the border was quiet."
RUSSIAN = "Премьер-министр Армении заявил, что армия подчиняется Никола Пашиняна приказам. Пашинян уехал."
ARMENIAN = "Վարչապետ Նիկոլ Փաշինյանը հայտարարեց, որ սահմանը հանգիստ է։"
AZERBAIJANI = "Baş nazir Paşinyanın açıqlaması Bakıda müzakirə edilib."
NOBODY = "The weather in Yerevan was warm and the markets were open."


def _found(names: dict[int, tuple[str, ...]], text: str) -> list[tuple[int, str]]:
    screener = Screener([Watched(i, spellings) for i, spellings in names.items()])
    return [(m.name_id, text[m.start:m.end]) for m in screener.screen(text)]


@pytest.mark.parametrize("text, surface", [
    (ENGLISH, "Pashinyan"), (ARMENIAN, "Փաշինյանը"), (AZERBAIJANI, "Paşinyanın"),
    ("Pashinyan’s cabinet met.", "Pashinyan’s"), ("Пашиняну позвонили.", "Пашиняну"),
    ("Встреча с Пашиняном.", "Пашиняном"), ("Paşinyan'ın sözləri.", "Paşinyan'ın"),
])
def test_a_russian_spelled_name_is_found_in_every_script_and_case(text: str, surface: str) -> None:
    assert _found({1: ("Пашинян",)}, text) == [(1, surface)]


def test_a_full_name_is_found_with_both_words_declined_and_replaced_endings() -> None:
    assert _found({1: ("Никол Пашинян",)}, RUSSIAN) == [(1, "Никола Пашиняна")]
    assert _found({2: ("Мария Захарова",)}, "Слова Марии Захаровой.") == [(2, "Марии Захаровой")]
    assert _found({3: ("Ilham Aliyev",)}, "İlham Əliyev dedi; Ильхам Алиевым.") == [
        (3, "İlham Əliyev"), (3, "Ильхам Алиевым")]


def test_spellings_within_an_edit_are_found_but_not_other_names() -> None:
    assert _found({1: ("Pashinyan",)}, "Pashinian and Pashinyan.") == [(1, "Pashinian"), (1, "Pashinyan")]
    # short names match as keyed only, and an ending that makes another name is no ending
    assert _found({1: ("Ivan",), 2: ("Iran",)}, "Ivanov met Ivan in Iran.") == [(1, "Ivan"), (2, "Iran")]


def test_a_name_nobody_mentions_has_no_hit_and_lower_case_is_not_a_name() -> None:
    assert _found({1: ("Pashinyan",)}, NOBODY) == []
    assert _found({1: ("Pashinyan",)}, "see /news/pashinyan-visit for more") == []


def test_ten_thousand_names_find_the_one_mentioned() -> None:
    names = {i: (f"Person Number{i:05d}x",) for i in range(10_000)}
    names[99_999] = ("Pashinyan",)
    assert _found(names, ENGLISH) == [(99_999, "Pashinyan")]


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_text_screens_without_error_and_matches_whole_words(text: str) -> None:
    screener = Screener([Watched(1, ("Pashinyan", "Никол Пашинян")), Watched(2, ("Ali",))])
    for m in screener.screen(text):
        assert 0 <= m.start < m.end <= len(text)
        assert not text[m.start - 1:m.start].isalpha() if m.start else True


def test_a_passage_is_the_sentence_cut_around_the_match_when_long() -> None:
    text = "First one. " + ENGLISH + " Last one."
    start = text.index("Pashinyan")
    assert passage(text, start, start + 9, sentence_spans(text)) == ENGLISH
    long = "word " * 500 + "Pashinyan " + "word " * 500
    start = long.index("Pashinyan")
    cut = passage(long, start, start + 9, sentence_spans(long))
    assert "Pashinyan" in cut and len(cut) <= PASSAGE_LIMIT + 2 and cut.startswith("…") and cut.endswith("…")


def _article(store: Database, title: str, text: str) -> int:
    return add_document(store, Document(title=title, text=text, source="Test"))


def _watch(store: Database, *rows: NameRow, name: str = "Leaders") -> int:
    done = perform(store, op := SetWatchlist(name, rows, rescreen=True))
    assert done.changes
    return op.result[0]


def test_a_list_finds_stored_articles_and_articles_imported_later(store: Database) -> None:
    en, ru, hy, none = (_article(store, t, x) for t, x in
                        (("en", ENGLISH), ("ru", RUSSIAN), ("hy", ARMENIAN), ("none", NOBODY)))
    _watch(store, NameRow("Пашинян", "person", "Nikol Pashinyan", "Prime minister"))
    hits = store.hits.all()
    assert {h.article_id for h in hits} == {en, ru, hy} and none not in {h.article_id for h in hits}
    assert all(h.state == NEW and h.list_name == "Leaders" and h.name == "Пашинян" for h in hits)
    english = next(h for h in hits if h.article_id == en)
    assert (english.surface, english.passage) == ("Nikol Pashinyan", ENGLISH)
    assert ENGLISH[english.start:english.end] == "Nikol Pashinyan"
    az = _article(store, "az", AZERBAIJANI)  # flagged as it arrives
    assert [h.surface for h in store.hits.all() if h.article_id == az] == ["Paşinyanın"]
    assert store.hits.count_new() == len(hits) + 1


def test_not_this_person_holds_on_rescreening_and_marks_undo(store: Database) -> None:
    en = _article(store, "en", ENGLISH)
    ru = _article(store, "ru", RUSSIAN)
    list_id = _watch(store, NameRow("Pashinyan"))
    by_article = {h.article_id: h for h in store.hits.all()}
    dismissed = perform(store, MarkHits([by_article[en].id], DISMISSED))
    perform(store, MarkHits([h.id for h in store.hits.all() if h.article_id == ru], SEEN))
    assert {h.article_id for h in store.hits.all()} == {ru}
    assert rescreen(store, list_id) == 0
    assert rescreen(store) == 0
    assert [(h.article_id, h.state) for h in store.hits.all()] == [(ru, SEEN)] * 2  # "Никола Пашиняна", "Пашинян"
    assert [h.article_id for h in store.hits.all(states=[DISMISSED])] == [en]
    undo(store, dismissed)  # hmm: the later SEEN mark stands; this one goes back
    assert {h.article_id for h in store.hits.all()} == {en, ru}
    redo(store, dismissed)
    assert {h.article_id for h in store.hits.all()} == {ru}


def test_changing_a_list_rescreens_and_is_one_undo_step(store: Database) -> None:
    en = _article(store, "en", ENGLISH)
    _article(store, "none", NOBODY)
    first = perform(store, SetWatchlist("Places", [NameRow("Yerevan", "place")], rescreen=True))
    assert [h.surface for h in store.hits.all()] == ["Yerevan"]
    second = perform(store, op := SetWatchlist("Places", [NameRow("Pashinyan")], rescreen=True))
    assert op.result[1:] == (1, 0, 1) and op.new_hits == 1
    assert [(h.article_id, h.surface) for h in store.hits.all()] == [(en, "Pashinyan")]
    undo(store, second)
    assert [h.surface for h in store.hits.all()] == ["Yerevan"]
    undo(store, first)
    assert store.watchlists.lists() == [] and store.hits.all() == []
    redo(store, first)
    assert [h.surface for h in store.hits.all()] == ["Yerevan"]
    list_id = store.watchlists.lists()[0].id
    perform(store, DeleteWatchlist(list_id))
    assert store.hits.all() == []


def test_a_list_with_no_name_or_an_empty_name_is_refused(store: Database) -> None:
    with pytest.raises(Refused):
        perform(store, SetWatchlist(" ", [NameRow("x")]))
    with pytest.raises(Refused):
        perform(store, SetWatchlist("L", [NameRow("  ")]))
    with pytest.raises(Refused):
        perform(store, MarkHits([], SEEN))


def test_a_csv_list_is_read_with_aliases_kinds_and_notes() -> None:
    rows = read_list_csv("\ufeffName,Kind,Aliases,Note\nПашинян,person,Nikol Pashinyan|Փաշինյան,PM\n"
                         "102nd Base,unit,,\n,person,,\nПашинян,,Paşinyan,\n".encode())
    assert rows == [NameRow("Пашинян", "person", "Nikol Pashinyan|Փաշինյան|Paşinyan", "PM"),
                    NameRow("102nd Base", "unit", "", "")]
    assert read_list_csv("name;kind\nAliyev;person\n") == [NameRow("Aliyev", "person")]
    with pytest.raises(ListError, match="no “name” column"):
        read_list_csv("who,what\nx,y\n")
    with pytest.raises(ListError, match="kind “wizard”"):
        read_list_csv("name,kind\nMerlin,wizard\n")


def test_the_screener_is_built_again_only_when_a_name_changes(store: Database, tmp_path: Path) -> None:
    from dossier.ingest.screening import screener_for

    assert screener_for(store) is None
    _watch(store, NameRow("Pashinyan"))
    first = screener_for(store)
    assert first is not None and screener_for(store) is first
    _watch(store, NameRow("Aliyev"), name="Other")
    assert screener_for(store) is not first


def test_watch_and_hits_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from dossier.cli import main

    path = tmp_path / "t.dossier"
    store = Database.create(path, "t")
    for title, text in (("en", ENGLISH), ("ru", RUSSIAN), ("none", NOBODY)):
        _article(store, title, text)
    store.close()
    listed = tmp_path / "leaders.csv"
    listed.write_text("name,kind,aliases,note\nПашинян,person,Nikol Pashinyan,PM\n", encoding="utf-8")
    assert main(["watch", str(path), str(listed)]) == 0
    assert "leaders: 1 names (1 added, 0 changed, 0 removed); 3 new hits" in capsys.readouterr().out
    assert main(["hits", str(path), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == {"name": "Пашинян", "list": "leaders", "article": 1, "start": 15, "end": 30,
                        "quote": ENGLISH, "title": "en", "new": True}
    assert {h["article"] for h in lines} == {1, 2}
    listed.write_text("who\nx\n", encoding="utf-8")
    assert main(["watch", str(path), str(listed)]) == 1
    assert "no “name” column" in capsys.readouterr().err


@given(st.text("abc", max_size=8), st.text("abc", max_size=8))
def test_the_one_edit_check_agrees_with_edit_distance(a: str, b: str) -> None:
    from dossier.analysis.screening import _within
    from dossier.core.names import edit_distance

    assert _within(a, b, 1) == (edit_distance(a, b, 1) <= 1)


def test_a_whole_rescreen_finds_what_a_fresh_screener_finds_article_by_article(store: Database) -> None:
    """The re-screen of every list reuses the dossier's screener, taught by the articles it read
    (keys and near spellings remembered): its hits are those of a new screener, read by read."""
    import random
    import string

    rng = random.Random(38)
    rows = [NameRow(" ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 8))).capitalize()
                             for _ in range(2))) for _ in range(300)]
    rows += [NameRow("Пашинян", "person", "Nikol Pashinyan"), NameRow("Мария Захарова"), NameRow("Ilham Aliyev")]
    texts = [ENGLISH, RUSSIAN, ARMENIAN, AZERBAIJANI, NOBODY, "Слова Марии Захаровой. İlham Əliyev dedi; Алиевым."]
    for _ in range(60):
        words = [rng.choice(rows).name if rng.random() < 0.05 else "".join(rng.choices(string.ascii_letters, k=6))
                 for _ in range(80)]
        texts.append(" ".join(words) + ".")
    for i, text in enumerate(texts):
        _article(store, f"a{i}", text)
    _watch(store, *rows)
    assert rescreen(store) == 0  # found already, as each list was stored
    stored = sorted((h.name_id, h.article_id, h.start, h.end, h.surface, h.passage) for h in store.hits.all(limit=10**6))
    fresh = sorted((f.name_id, f.article_id, f.start, f.end, f.surface, f.passage) for hits in
                   screen_texts(store.watchlists.names(), store.hits.article_texts()) for f in hits)
    assert stored == fresh and len(stored) > 60

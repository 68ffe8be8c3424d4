"""Merging a colleague's screening: their watchlists and names (aliases united), their "seen" and
"not this person" marks on the same passages, their saved searches; what came screened against
the merged lists; a second merge adds nothing and one undo takes it all back."""

from __future__ import annotations

from pathlib import Path

from dossier.ingest.document import Document
from dossier.ingest.pipeline import add_document
from dossier.operations import perform, undo
from dossier.operations.screening import MarkHits, SaveSearch, SetWatchlist
from dossier.operations.team import MergeDossier
from dossier.store import Database
from dossier.store.screening import DISMISSED, NEW, SEEN, NameRow

ENGLISH = "Prime Minister Nikol Pashinyan said on Thursday that the border was quiet."
RUSSIAN = "Премьер-министр Армении заявил, что армия подчиняется Никола Пашиняна приказам. Пашинян уехал."
MIRZOYAN = "Foreign Minister Ararat Mirzoyan met his counterpart in Vienna."


def _article(store: Database, title: str, text: str) -> int:
    return add_document(store, Document(title=title, text=text, source="Test"))


def _screening(store: Database) -> tuple[object, ...]:
    """What a user sees of screening, without ids: lists, names, hits with their marks, searches."""
    c = store._conn
    return (sorted(c.execute("SELECT name FROM watchlists").fetchall()),
            sorted(c.execute("SELECT w.name, n.name, n.kind, n.aliases, n.note FROM watch_names n "
                             "JOIN watchlists w ON w.id = n.list_id").fetchall()),
            sorted(c.execute("SELECT n.name, a.title, h.start, h.surface, h.state FROM watch_hits h "
                             "JOIN watch_names n ON n.id = h.name_id JOIN articles a ON a.id = h.article_id").fetchall()),
            sorted(c.execute("SELECT query FROM saved_searches").fetchall()))


def _theirs(path: Path) -> Path:
    with Database.create(path, "theirs") as t:
        en, ru = _article(t, "en", ENGLISH), _article(t, "ru", RUSSIAN)
        perform(t, SetWatchlist("Leaders", [NameRow("Pashinyan", "person", "Пашинян", "Prime minister")], rescreen=True))
        perform(t, SetWatchlist("Ministers", [NameRow("Ararat Mirzoyan")], rescreen=True))
        hits = t.hits.all()
        perform(t, MarkHits([h.id for h in hits if h.article_id == en], DISMISSED))
        perform(t, MarkHits([h.id for h in hits if h.article_id == ru], SEEN))
        perform(t, SaveSearch("Pashinyan NEAR/5 border"))
    return path


def test_a_colleague_s_lists_marks_and_searches_come_with_a_merge_once_and_undo_whole(tmp_path: Path) -> None:
    theirs = _theirs(tmp_path / "theirs.dossier")
    with Database.create(tmp_path / "mine.dossier", "mine") as mine:
        _article(mine, "en", ENGLISH)
        _article(mine, "mirzoyan", MIRZOYAN)
        perform(mine, SetWatchlist("Leaders", [NameRow("Pashinyan", "person", "Nikol Pashinyan")], rescreen=True))
        perform(mine, SaveSearch("Aliyev"))
        assert [h.state for h in mine.hits.all()] == [NEW]  # "Nikol Pashinyan" in the English article
        before = _screening(mine)

        done = perform(mine, merge := MergeDossier(theirs))
        report = merge.result
        lists, names, hits, searches = _screening(mine)
        assert lists == [("Leaders",), ("Ministers",)]
        assert names == [("Leaders", "Pashinyan", "person", "Nikol Pashinyan|Пашинян", "Prime minister"),
                         ("Ministers", "Ararat Mirzoyan", "person", "", "")]
        assert searches == [("Aliyev",), ("Pashinyan NEAR/5 border",)]
        # their "not this person" holds on the same passage here; their "seen" came with the article
        assert ("Pashinyan", "en", ENGLISH.index("Nikol"), "Nikol Pashinyan", DISMISSED) in hits
        assert {(title, state) for _n, title, _s, _w, state in hits if title == "ru"} == {("ru", SEEN)}
        # a name that came finds my own article, screened against the merged lists
        assert ("Ararat Mirzoyan", "mirzoyan", MIRZOYAN.index("Ararat"), "Ararat Mirzoyan", NEW) in hits
        assert (report.watchlists_new, report.watch_names_new, report.watch_names_widened) == (1, 1, 1)
        assert (report.hit_marks, report.saved_searches_new) == (3, 1) and report.hits_found >= 1
        assert any(line.startswith("Screening: 1 watchlist(s) new") for line in report.lines())
        after = _screening(mine)

        again = perform(mine, second := MergeDossier(theirs))
        assert second.result.adds_nothing and _screening(mine) == after
        undo(mine, again)
        undo(mine, done)
        assert _screening(mine) == before


def test_a_mark_whose_words_are_not_there_is_named_and_a_forged_name_left_out(tmp_path: Path) -> None:
    theirs = _theirs(tmp_path / "theirs.dossier")
    with Database.open(theirs) as t:
        t._conn.execute("UPDATE watch_hits SET start = start + 1 WHERE state = 'dismissed'")
        t._conn.execute("UPDATE watch_names SET kind = 'spaceship' WHERE name = 'Ararat Mirzoyan'")
        t._conn.commit()
    with Database.create(tmp_path / "mine.dossier", "mine") as mine:
        report = perform(mine, merge := MergeDossier(theirs)) and merge.result
        assert any("Their mark on a hit" in r and "not at that place" in r for r in report.left_out)
        assert any("Ararat Mirzoyan" in r and "not a kind of entity" in r for r in report.left_out)
        assert [n.name for n in mine.watchlists.names()] == ["Pashinyan"]
        assert not mine.hits.all(states=[DISMISSED]) and {h.state for h in mine.hits.all()} == {NEW, SEEN}

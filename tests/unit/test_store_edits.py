"""Entity edits from the sidebar, rejections that stick, and the article list's filters."""

from __future__ import annotations

import pytest

from dossier.core.models import NewArticle
from dossier.store import Database, NewEvent, NewMention

TEXT = "Nikol Pashinyan met Putin. Pashinyan asked Russia for help; the Kremlin agreed."


@pytest.fixture
def people(store: Database) -> tuple[Database, int, int, int]:
    aid = store.articles.add(NewArticle("Talks", TEXT, source="Reuters", published="2021-05-14", published_precision="day"))
    full = store.entities.add("Nikol Pashinyan", "person")
    bare = store.entities.add("Pashinyan", "person", aliases=["N. Pashinyan"])
    store.entities.add_mentions([NewMention(aid, full, 0, 15, "Nikol Pashinyan"), NewMention(aid, bare, 27, 36, "Pashinyan")])
    store.events.add_many([NewEvent(aid, 0, 26, "Meeting", "today", "2021-05-14", "2021-05-14", "day", entity_ids=(bare,))])
    return store, aid, full, bare


def test_merge_moves_mentions_events_and_aliases(people: tuple[Database, int, int, int]) -> None:
    store, aid, full, bare = people
    store.entities.merge(bare, full)
    assert [m.entity_id for m in store.entities.mentions_in(aid)] == [full, full]
    assert store.events.all()[0].entity_ids == (full,)
    assert set(store.entities.get(full).aliases) == {"Pashinyan", "N. Pashinyan"}
    assert [r.mentions for r in store.entities.rows()] == [2]
    assert store.entities.ids_by_name("pashinyan") == [full]
    with pytest.raises(ValueError):
        store.entities.merge(full, full)


def test_rename_keeps_the_old_name_as_an_alias(people: tuple[Database, int, int, int]) -> None:
    store, _, full, _ = people
    store.entities.rename(full, "Nikol Vovayi Pashinyan")
    entity = store.entities.get(full)
    assert entity.name == "Nikol Vovayi Pashinyan" and "Nikol Pashinyan" in entity.aliases
    store.entities.set_kind(full, "other")
    assert store.entities.get(full).kind == "other"
    with pytest.raises(ValueError):
        store.entities.rename(full, "  ")


def test_a_deleted_entity_stays_rejected(people: tuple[Database, int, int, int]) -> None:
    store, aid, _, bare = people
    store.entities.delete(bare)
    assert [m.surface for m in store.entities.mentions_in(aid)] == ["Nikol Pashinyan"]
    assert store.entities.is_rejected_name("PASHINYAN") and store.entities.is_rejected_name("N. Pashinyan")


def test_a_removed_mention_stays_removed(people: tuple[Database, int, int, int]) -> None:
    store, aid, full, _ = people
    (first, _) = store.entities.mentions_in(aid)
    store.entities.remove_mention(first.id)
    assert store.entities.is_rejected_mention(aid, 0, 15)
    assert store.entities.get(full)  # the entity stays


def test_add_entity_from_a_selection_links_by_name(people: tuple[Database, int, int, int]) -> None:
    store, aid, full, _ = people
    start = TEXT.index("Kremlin")
    kremlin = store.entities.add_from_selection(aid, start, start + 7, "Kremlin", "organisation")
    assert store.entities.get(kremlin).kind == "organisation"
    again = store.entities.add_from_selection(aid, 0, 5, "nikol pashinyan", "person")
    assert again == full
    user_made = [m for m in store.entities.mentions_in(aid) if m.origin == "user"]
    assert [m.surface for m in user_made] == ["Nikol", "Kremlin"]
    with pytest.raises(ValueError):
        store.entities.add_from_selection(aid, 5, 500, "X", "other")


def test_articles_mentioning_an_entity(people: tuple[Database, int, int, int]) -> None:
    store, aid, full, _ = people
    assert store.entities.articles_mentioning(full) == [(aid, "Talks", 1)]


def test_article_list_filters(store: Database) -> None:
    store.articles.add_many([
        NewArticle("Russian troops in Syunik", "a", source="SouthFront", published="2021-05-14", published_precision="day"),
        NewArticle("Ceasefire signed", "b", source="Reuters", published="2020-11-10", published_precision="day"),
        NewArticle("Россия и Армения", "c", source="Interfax", published="2021-03", published_precision="month"),
        NewArticle("100% of 50_50 votes", "d", source=None),
    ])
    def titles(ids: list[int]) -> list[str]:
        return [store.articles.get(i).title for i in ids]

    assert titles(store.articles.ids(contains="syunik")) == ["Russian troops in Syunik"]
    assert titles(store.articles.ids(contains="reuters")) == ["Ceasefire signed"]
    assert titles(store.articles.ids(contains="РОССИЯ")) == ["Россия и Армения"]
    assert titles(store.articles.ids(contains="%")) == ["100% of 50_50 votes"]
    assert titles(store.articles.ids(contains="0_5")) == ["100% of 50_50 votes"]
    assert titles(store.articles.ids(published_from="2021-01-01")) == ["Russian troops in Syunik", "Россия и Армения"]
    assert titles(store.articles.ids(published_to="2021-03")) == ["Россия и Армения", "Ceasefire signed"]
    assert titles(store.articles.ids(published_from="2021-05-14", published_to="2021-05-14")) == ["Russian troops in Syunik"]


def test_mention_counts_follow_every_write(people: tuple[Database, int, int, int]) -> None:
    store, aid, full, bare = people
    def counts() -> dict[int, int]:
        return {r.id: r.mentions for r in store.entities.rows()}

    assert counts() == {full: 1, bare: 1}
    store.entities.merge(bare, full)
    assert counts() == {full: 2}
    store.entities.remove_mention(store.entities.mentions_in(aid)[0].id)
    assert counts() == {full: 1}
    store.articles.delete(aid)
    assert counts() == {full: 0}
    # Raw writes from other tools (sqlite-utils, the sqlite3 shell) keep it right too.
    other = store.articles.add(NewArticle("Other", "Pashinyan again"))
    with store._tx.write() as conn:  # raw SQL, as another tool would write
        conn.execute("INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface) "
                     "VALUES (?, ?, 0, 9, 'Pashinyan')", (other, full))
    assert counts() == {full: 1}

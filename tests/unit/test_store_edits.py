"""Entity edits from the sidebar, rejections that stick, and the article list's filters."""

from __future__ import annotations

import pytest

from dossier.core.models import NewArticle
from dossier.store import NewEvent, NewMention, Store

TEXT = "Nikol Pashinyan met Putin. Pashinyan asked Russia for help; the Kremlin agreed."


@pytest.fixture
def people(store: Store) -> tuple[Store, int, int, int]:
    aid = store.add_article(NewArticle("Talks", TEXT, source="Reuters", published="2021-05-14", published_precision="day"))
    full = store.add_entity("Nikol Pashinyan", "person")
    bare = store.add_entity("Pashinyan", "person", aliases=["N. Pashinyan"])
    store.add_mentions([NewMention(aid, full, 0, 15, "Nikol Pashinyan"), NewMention(aid, bare, 27, 36, "Pashinyan")])
    store.add_events([NewEvent(aid, 0, 26, "Meeting", "today", "2021-05-14", "2021-05-14", "day", entity_ids=(bare,))])
    return store, aid, full, bare


def test_merge_moves_mentions_events_and_aliases(people: tuple[Store, int, int, int]) -> None:
    store, aid, full, bare = people
    store.merge_entities(bare, full)
    assert [m.entity_id for m in store.mentions_in_article(aid)] == [full, full]
    assert store.events()[0].entity_ids == (full,)
    assert set(store.entity(full).aliases) == {"Pashinyan", "N. Pashinyan"}
    assert [r.mentions for r in store.entity_rows()] == [2]
    assert store.entity_ids_by_name("pashinyan") == [full]
    with pytest.raises(ValueError):
        store.merge_entities(full, full)


def test_rename_keeps_the_old_name_as_an_alias(people: tuple[Store, int, int, int]) -> None:
    store, _, full, _ = people
    store.rename_entity(full, "Nikol Vovayi Pashinyan")
    entity = store.entity(full)
    assert entity.name == "Nikol Vovayi Pashinyan" and "Nikol Pashinyan" in entity.aliases
    store.set_entity_kind(full, "other")
    assert store.entity(full).kind == "other"
    with pytest.raises(ValueError):
        store.rename_entity(full, "  ")


def test_a_deleted_entity_stays_rejected(people: tuple[Store, int, int, int]) -> None:
    store, aid, _, bare = people
    store.delete_entity(bare)
    assert [m.surface for m in store.mentions_in_article(aid)] == ["Nikol Pashinyan"]
    assert store.is_rejected_name("PASHINYAN") and store.is_rejected_name("N. Pashinyan")


def test_a_removed_mention_stays_removed(people: tuple[Store, int, int, int]) -> None:
    store, aid, full, _ = people
    (first, _) = store.mentions_in_article(aid)
    store.remove_mention(first.id)
    assert store.is_rejected_mention(aid, 0, 15)
    assert store.entity(full)  # the entity stays


def test_add_entity_from_a_selection_links_by_name(people: tuple[Store, int, int, int]) -> None:
    store, aid, full, _ = people
    start = TEXT.index("Kremlin")
    kremlin = store.add_entity_from_selection(aid, start, start + 7, "Kremlin", "organisation")
    assert store.entity(kremlin).kind == "organisation"
    again = store.add_entity_from_selection(aid, 0, 5, "nikol pashinyan", "person")
    assert again == full
    user_made = [m for m in store.mentions_in_article(aid) if m.origin == "user"]
    assert [m.surface for m in user_made] == ["Nikol", "Kremlin"]
    with pytest.raises(ValueError):
        store.add_entity_from_selection(aid, 5, 500, "X", "other")


def test_articles_mentioning_an_entity(people: tuple[Store, int, int, int]) -> None:
    store, aid, full, _ = people
    assert store.articles_mentioning(full) == [(aid, "Talks", 1)]


def test_article_list_filters(store: Store) -> None:
    store.add_articles([
        NewArticle("Russian troops in Syunik", "a", source="SouthFront", published="2021-05-14", published_precision="day"),
        NewArticle("Ceasefire signed", "b", source="Reuters", published="2020-11-10", published_precision="day"),
        NewArticle("Россия и Армения", "c", source="Interfax", published="2021-03", published_precision="month"),
        NewArticle("100% of 50_50 votes", "d", source=None),
    ])
    def titles(ids: list[int]) -> list[str]:
        return [store.article(i).title for i in ids]

    assert titles(store.article_ids(contains="syunik")) == ["Russian troops in Syunik"]
    assert titles(store.article_ids(contains="reuters")) == ["Ceasefire signed"]
    assert titles(store.article_ids(contains="РОССИЯ")) == ["Россия и Армения"]
    assert titles(store.article_ids(contains="%")) == ["100% of 50_50 votes"]
    assert titles(store.article_ids(contains="0_5")) == ["100% of 50_50 votes"]
    assert titles(store.article_ids(published_from="2021-01-01")) == ["Russian troops in Syunik", "Россия и Армения"]
    assert titles(store.article_ids(published_to="2021-03")) == ["Россия и Армения", "Ceasefire signed"]
    assert titles(store.article_ids(published_from="2021-05-14", published_to="2021-05-14")) == ["Russian troops in Syunik"]


def test_mention_counts_follow_every_write(people: tuple[Store, int, int, int]) -> None:
    store, aid, full, bare = people
    def counts() -> dict[int, int]:
        return {r.id: r.mentions for r in store.entity_rows()}

    assert counts() == {full: 1, bare: 1}
    store.merge_entities(bare, full)
    assert counts() == {full: 2}
    store.remove_mention(store.mentions_in_article(aid)[0].id)
    assert counts() == {full: 1}
    store.delete_article(aid)
    assert counts() == {full: 0}
    # Raw writes from other tools (sqlite-utils, the sqlite3 shell) keep it right too.
    other = store.add_article(NewArticle("Other", "Pashinyan again"))
    with store._write() as conn:  # raw SQL, as another tool would write
        conn.execute("INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, surface) "
                     "VALUES (?, ?, 0, 9, 'Pashinyan')", (other, full))
    assert counts() == {full: 1}

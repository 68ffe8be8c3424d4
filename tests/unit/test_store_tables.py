"""Every table round-trips through the store API, and the schema enforces the format's rules."""

from __future__ import annotations

import sqlite3

import pytest

from dossier.core.models import Claim, NewArticle
from dossier.store import Database, NewEvent, NewMention

TEXT = "Nikol Pashinyan asked Russia for help. Pashinyan said the agreement was partially fulfilled."


def _article(store: Database, text: str = TEXT, **kw: object) -> int:
    fields = {"title": "Headline", "text": text, "source": "SouthFront", "url": "https://example.org/a",
              "published": "2021-05-14", "published_precision": "day"}
    fields.update(kw)
    return store.articles.add(NewArticle(**fields))  # type: ignore[arg-type]


def test_articles_round_trip_with_hash_and_import_time(store: Database) -> None:
    aid = _article(store)
    a = store.articles.get(aid)
    assert (a.title, a.text, a.source, a.url, a.published, a.published_precision) == (
        "Headline", TEXT, "SouthFront", "https://example.org/a", "2021-05-14", "day")
    assert len(a.sha256) == 64 and a.imported_at.endswith("Z")
    assert store.articles.id_by_sha256(a.sha256) == aid
    assert [s.name for s in store.sources.all()] == ["SouthFront"]


def test_article_text_is_immutable_even_through_raw_sql(store: Database) -> None:
    aid = _article(store)
    with pytest.raises(sqlite3.IntegrityError, match="immutable"), store._tx.write() as conn:  # raw SQL, as another tool would
        conn.execute("UPDATE articles SET text = 'rewritten' WHERE id = ?", (aid,))
    assert store.articles.get(aid).text == TEXT


def test_the_same_text_twice_is_refused(store: Database) -> None:
    _article(store)
    with pytest.raises(sqlite3.IntegrityError):
        _article(store, title="Other title")
    assert store.articles.count() == 1


def test_metadata_changes_but_text_does_not(store: Database) -> None:
    aid = _article(store)
    store.articles.update_metadata(aid, title="Fixed", source="Reuters", url=None,
                                  published="2021-05", published_precision="month")
    a = store.articles.get(aid)
    assert (a.title, a.source, a.published, a.published_precision, a.text) == (
        "Fixed", "Reuters", "2021-05", "month", TEXT)
    assert store.search.articles("Fixed")[0].article_id == aid  # the index follows title edits


def test_article_pages_sort_and_page_stably(store: Database) -> None:
    for i, day in enumerate(["2021-05-14", None, "2020-11-10", "2021-03-15"]):
        _article(store, text=f"text {i}", title=f"T{i}", published=day,
                 published_precision="day" if day else "unknown")
    newest = store.articles.page(0, 10)
    assert [a.published for a in newest] == ["2021-05-14", "2021-03-15", "2020-11-10", None]
    assert [a.title for a in store.articles.page(1, 2)] == ["T3", "T2"]
    assert [a.title for a in store.articles.page(0, 10, order="title", descending=False)] == ["T0", "T1", "T2", "T3"]
    assert store.articles.ids(order="title", descending=True)[0] == store.articles.page(0, 1, "title")[0].id
    with pytest.raises(ValueError):
        store.articles.page(order="text; DROP TABLE articles")


def test_entities_aliases_and_mentions(store: Database) -> None:
    aid = _article(store)
    pid = store.entities.add("Nikol Pashinyan", "person", aliases=["Pashinyan"])
    rid = store.entities.add("Russia", "place")
    store.entities.add_mentions([
        NewMention(aid, pid, 0, 15, "Nikol Pashinyan"),
        NewMention(aid, rid, 22, 28, "Russia"),
        NewMention(aid, pid, 39, 48, "Pashinyan", origin="user"),
    ])
    assert store.entities.get(pid).aliases == ("Pashinyan",)
    assert store.entities.ids_by_name("pashinyan") == [pid]
    assert [(m.surface, m.origin) for m in store.entities.mentions_in(aid)] == [
        ("Nikol Pashinyan", "auto"), ("Russia", "auto"), ("Pashinyan", "user")]
    assert store.entities.mention_counts() == {pid: 2, rid: 1}
    assert [e.name for e in store.entities.all()] == ["Nikol Pashinyan", "Russia"]
    with pytest.raises(ValueError):
        store.entities.add("X", "planet")


def test_events_with_entities_and_precision(store: Database) -> None:
    aid = _article(store)
    rid = store.entities.add("Russia", "place")
    (eid,) = store.events.add_many([NewEvent(aid, 0, 38, "Pashinyan asks Russia for help", "today",
                                        "2021-05-14", "2021-05-14", "day", entity_ids=(rid,))])
    (event,) = store.events.all(aid)
    assert (event.id, event.precision, event.earliest, event.entity_ids, event.origin) == (
        eid, "day", "2021-05-14", (rid,), "auto")
    with pytest.raises(ValueError):
        store.events.add_many([NewEvent(aid, 0, 1, "t", "x", None, None, "fortnight")])
    with pytest.raises(sqlite3.IntegrityError):  # earliest after latest
        store.events.add_many([NewEvent(aid, 0, 1, "t", "x", "2021-05-14", "2021-05-01", "range")])


def test_annotations_claims_tags_and_evidence(store: Database) -> None:
    aid = _article(store)
    tag = store.tags.add("withdrawal agreement", "#e6a23c")
    child = store.tags.add("Syunik", "#409eff", parent_id=tag)
    start = TEXT.index("the agreement")
    claim_id = store.annotations.add(aid, "claim", start, start + 13, note="check",
                                    claim=Claim("disputed", "D", 3, "one source"), tag_ids=[tag])
    hl = store.annotations.add(aid, "highlight", 0, 15)
    store.evidence.add(claim_id, hl, "supports")
    store.tags.attach(hl, child)

    claim = store.annotations.get(claim_id)
    assert claim.exact == "the agreement" == TEXT[claim.start : claim.end]
    assert claim.prefix == TEXT[start - 32 : start] and claim.suffix == TEXT[start + 13 : start + 45]
    assert claim.claim == Claim("disputed", "D", 3, "one source")
    assert claim.tag_ids == (tag,)
    assert store.evidence.of(claim_id)[0].relation == "supports"
    assert store.annotations.get(hl).claim is None and store.annotations.get(hl).prefix == ""

    store.annotations.set_note(claim_id, "checked against Interfax")
    store.annotations.set_claim(claim_id, Claim("partially_true", None, 2, "Pashinyan's own words"))
    updated = store.annotations.get(claim_id)
    assert updated.note == "checked against Interfax" and updated.claim.reliability is None  # type: ignore[union-attr]
    assert store.tags.by_name("syunik", parent_id=tag).id == child  # type: ignore[union-attr]
    assert [a.id for a in store.annotations.all(aid)] == [hl, claim_id]  # in text order

    with pytest.raises(ValueError):
        store.evidence.add(hl, claim_id, "supports")  # evidence hangs off claims only
    with pytest.raises(ValueError):
        store.annotations.add(aid, "note", 5, 5)  # empty passage
    with pytest.raises(ValueError):
        store.annotations.add(aid, "note", 0, len(TEXT) + 1)
    with pytest.raises(ValueError):
        store.annotations.add(aid, "highlight", 0, 4, claim=Claim())
    with pytest.raises(sqlite3.IntegrityError):
        store.annotations.set_claim(claim_id, Claim("partially_true", "G", 2))  # reliability is A–F
    with pytest.raises(sqlite3.IntegrityError):
        store.annotations.set_claim(claim_id, Claim("partially_true", "A", 7))  # credibility is 1–6

    store.annotations.delete(claim_id)
    assert store.evidence.of(claim_id) == [] and store.counts()["claims"] == 0


def test_deleting_an_article_takes_its_dependents(store: Database) -> None:
    aid = _article(store)
    eid = store.entities.add("Russia", "place")
    store.entities.add_mentions([NewMention(aid, eid, 22, 28, "Russia")])
    store.annotations.add(aid, "note", 0, 5, note="x")
    store.articles.delete(aid)
    counts = store.counts()
    assert (counts["articles"], counts["mentions"], counts["annotations"], counts["entities"]) == (0, 0, 0, 1)


def test_sources_carry_a_default_reliability(store: Database) -> None:
    store.sources.set_grade("Reuters", "B", "wire service, usually reliable")
    _article(store, source="reuters")  # same outlet, other case: no second row
    assert [(s.name, s.reliability) for s in store.sources.all()] == [("Reuters", "B")]
    assert store.sources.by_name("Reuters").rationale == "wire service, usually reliable"  # type: ignore[union-attr]


def test_meta_holds_title_and_created(store: Database) -> None:
    assert store.title == "Test dossier" and store.meta("created")
    store.set_meta("title", "Renamed")
    assert store.title == "Renamed"


def test_a_failed_write_leaves_nothing_behind(store: Database) -> None:
    aid = _article(store)
    with pytest.raises(ValueError), store.transaction():
        store.annotations.add(aid, "note", 0, 5)
        store.annotations.add(aid, "note", 0, 999)
    assert store.counts()["annotations"] == 0

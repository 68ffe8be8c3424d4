"""The store's shape (issue 33): one Database composed of plain query objects, one per area,
no mixins, none of the old composite's method names left; and an operation's validate that
leaves the operation as it was."""

from __future__ import annotations

import inspect

import pytest

from dossier.core.models import NewArticle
from dossier.operations import Refused, perform
from dossier.operations.annotations import AddAnnotation, AddEvidence
from dossier.store import Database

TEXT = "Pashinyan said the agreement was partially fulfilled. The agreement was not implemented in full."
AREAS = ("articles", "sources", "entities", "events", "annotations", "evidence", "tags", "claims", "extraction",
         "network", "ach", "team", "search", "provenance")


def test_the_database_is_composed_of_plain_query_objects_one_per_area(store: Database) -> None:
    assert Database.__bases__ == (object,)  # no mixins
    for area in AREAS:
        query = getattr(store, area)
        cls = type(query)
        assert cls.__bases__ == (object,), f"db.{area} is a {cls.__name__} built of {cls.__bases__}"
        assert cls.__module__.startswith("dossier.store."), cls.__module__
        # A query object reads and writes its own area; another area it needs is handed to it.
        for name, member in inspect.getmembers(query):
            assert not isinstance(member, Database), f"db.{area}.{name} reaches the whole Database"


def test_the_old_store_methods_are_gone(store: Database) -> None:
    # A few of the 176 names the mixins gave the old Store: calls to them must fail, not
    # quietly go on through an alias (the rewrite script and mypy found every caller).
    for old in ("add_article", "article", "annotation", "add_annotation", "entity_rows", "tag_subtree",
                "search_page", "ach_data", "claim_rows", "provenance_of", "join_capture", "_write"):
        assert not hasattr(store, old), old


def test_validating_evidence_on_a_selection_changes_nothing_of_the_operation(store: Database) -> None:
    article = store.articles.add(NewArticle("Agreement", TEXT))
    add_claim = AddAnnotation(article, "claim", 0, TEXT.index("."))
    perform(store, add_claim)
    claim = add_claim.result
    end = TEXT.index("in full")
    highlight = store.annotations.add(article, "highlight", TEXT.index("The agreement was not"), end)
    link = AddEvidence(claim, "contradicts", passage=(article, TEXT.index("The agreement was not"), end))
    before = dict(vars(link))
    link.validate(store)
    link.validate(store)
    assert vars(link) == before  # validate is pure: the passage's annotation is found in apply
    perform(store, link)
    assert link.result == highlight  # the annotation already on the passage, not a second one
    assert [e.annotation_id for e in store.evidence.of(claim)] == [highlight]
    assert len(store.annotations.all(article)) == 2


def test_evidence_on_a_bare_selection_becomes_a_highlight_in_apply(store: Database) -> None:
    article = store.articles.add(NewArticle("Agreement", TEXT))
    claim = store.annotations.add(article, "claim", 0, TEXT.index("."))
    link = AddEvidence(claim, "supports", passage=(article, TEXT.index("The agreement was not"), len(TEXT) - 1))
    link.validate(store)
    assert link.target_id is None
    perform(store, link)
    made = store.annotations.get(link.result)
    assert (made.kind, made.exact) == ("highlight", "The agreement was not implemented in full")
    with pytest.raises(Refused, match="itself"):
        AddEvidence(claim, "supports", passage=(article, 0, TEXT.index("."))).validate(store)

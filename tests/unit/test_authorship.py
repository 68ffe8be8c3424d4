"""Who wrote what: every annotation, assessment, evidence link and rating records its author and
time; undo keeps them exact; Web Annotation JSON carries them out and back in."""

from __future__ import annotations

import json
from pathlib import Path

from dossier.analyst import account_full_name, analyst_name
from dossier.core.display import made_by
from dossier.core.models import Claim, NewArticle
from dossier.export.web_annotation import export_collection, import_annotations
from dossier.operations import perform, redo, undo
from dossier.operations.ach import AddHypothesis, AddRows, Rate
from dossier.operations.annotations import AddAnnotation, AddEvidence, EditClaim, EditNote
from dossier.store import Database

TEXT = "Armenia asked Russia for help. The agreement was not implemented in full, Pashinyan said."
CLAIM = "The agreement was not implemented in full"


def _dossier(path: Path, author: str) -> Database:
    store = Database.create(path, "Team")
    store.author = author
    store.articles.add(NewArticle("Border", TEXT, source="Reuters", url="https://example.org/border"))
    return store


def test_each_edit_records_who_made_it_and_undo_keeps_it_exact(tmp_path: Path) -> None:
    store = _dossier(tmp_path / "a.dossier", "Ann Vardanyan")
    start = TEXT.index(CLAIM)
    add = AddAnnotation(1, "claim", start, start + len(CLAIM))
    perform(store, add)
    claim_id = add.result
    made = store.annotations.get(claim_id)
    assert (made.author, made.assessed_by) == ("Ann Vardanyan", "Ann Vardanyan")
    assert made.created.endswith("Z") and made.assessed_at == made.created

    # A colleague grades it in the same file: the assessment is theirs, the annotation still Ann's.
    store.author = "Boris Aliyev"
    done = perform(store, EditClaim(claim_id, Claim("partially_true", "B", 2, "one withdrawal only"), "status"))
    graded = store.annotations.get(claim_id)
    assert (graded.author, graded.assessed_by) == ("Ann Vardanyan", "Boris Aliyev")
    assert graded.assessed_at is not None and graded.assessed_at >= made.created
    undo(store, done)
    assert store.annotations.get(claim_id) == made  # author, assessor and times as they were
    redo(store, done)
    assert store.annotations.get(claim_id).assessed_by == "Boris Aliyev"

    # A note edited by the colleague leaves the annotation's author alone.
    perform(store, EditNote(claim_id, "check the date"))
    assert store.annotations.get(claim_id).author == "Ann Vardanyan"

    link = AddEvidence(claim_id, "supports", passage=(1, 0, TEXT.index(".")))
    perform(store, link)
    (evidence,) = store.evidence.of(claim_id)
    assert evidence.author == "Boris Aliyev" and evidence.created

    hypothesis = AddHypothesis("Russia will not intervene")
    perform(store, hypothesis)
    rows = AddRows([claim_id])
    perform(store, rows)
    (row_id,) = [r.id for r in store.ach.rows()]
    store.author = "Ann Vardanyan"
    perform(store, Rate(row_id, hypothesis.result, "C"))
    assert store.ach.raters()[(row_id, hypothesis.result)][0] == "Ann Vardanyan"
    store.close()


def test_authors_travel_through_web_annotation_json_and_back(tmp_path: Path) -> None:
    mine = _dossier(tmp_path / "a.dossier", "Ann Vardanyan")
    start = TEXT.index(CLAIM)
    claim_id = mine.annotations.add(1, "claim", start, start + len(CLAIM), note="was it?")
    highlight_id = mine.annotations.add(1, "highlight", 0, TEXT.index("."))
    mine.author = "Boris Aliyev"
    mine.annotations.set_claim(claim_id, Claim("partially_true", None, 3, "only the first stage happened"))
    mine.evidence.add(claim_id, highlight_id, "supports")
    document = export_collection(mine)
    items = {i["motivation"]: i for i in document["first"]["items"]}
    assert items["assessing"]["creator"] == {"type": "Person", "name": "Ann Vardanyan"}
    assessment = next(b for b in items["assessing"]["body"] if b["purpose"] == "assessing")
    assert assessment["creator"] == {"type": "Person", "name": "Boris Aliyev"}
    assert items["assessing"]["dossier:evidence"][0]["creator"]["name"] == "Boris Aliyev"
    exported = {a.id: a for a in mine.annotations.all()}
    mine.close()

    path = tmp_path / "mine.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    theirs = _dossier(tmp_path / "b.dossier", "Somebody Else")
    result = import_annotations(theirs, path)
    assert len(result.placed) == 2
    by_kind = {a.kind: a for a in theirs.annotations.all()}
    claim = by_kind["claim"]
    assert (claim.author, claim.assessed_by) == ("Ann Vardanyan", "Boris Aliyev")
    assert (claim.created, claim.assessed_at) == (exported[claim_id].created, exported[claim_id].assessed_at)
    assert by_kind["highlight"].author == "Ann Vardanyan"
    (link,) = theirs.evidence.of(claim.id)
    assert link.author == "Boris Aliyev"
    theirs.close()


def test_a_file_without_creators_leaves_the_author_unrecorded(tmp_path: Path) -> None:
    store = _dossier(tmp_path / "a.dossier", "Present User")
    path = tmp_path / "plain.json"
    path.write_text(json.dumps({"id": "urn:x:1", "type": "Annotation", "motivation": "highlighting",
                                "target": {"source": "https://example.org/border",
                                           "selector": {"type": "TextQuoteSelector", "exact": "Pashinyan"}}}))
    (placed,) = import_annotations(store, path).placed
    assert store.annotations.get(placed).author == ""  # not the importer's name: they did not write it
    assert made_by(store.annotations.get(placed).author, None) == "(name not recorded)"
    store.close()


def test_the_analyst_is_the_name_chosen_else_the_account() -> None:
    assert analyst_name("  Ann Vardanyan ") == "Ann Vardanyan"
    assert analyst_name("") == account_full_name() != ""
    assert made_by("Ann\nForged line", "2026-12-02T10:53:00Z") == "Ann\\nForged line, 2 Dec 2026 10:53 UTC"

"""Web Annotation JSON (checked against the W3C test suite's MUST assertions) and CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from dossier.core.models import Claim, NewArticle
from dossier.export.csv_export import write_csv
from dossier.export.web_annotation import export_collection, import_annotations, write_collection
from dossier.store import Database

SUITE = Path(__file__).resolve().parents[1] / "data" / "w3c"  # copied from the W3C suite, with its licence
BASE = "https://w3c-annotation-tests.invalid/"


def must_failures(annotation: dict) -> list[str]:  # type: ignore[type-arg]
    """Every MUST assertion of annotationMusts.test that `annotation` fails."""
    registry = Registry()
    for path in (SUITE / "definitions").glob("*.json"):
        registry = registry.with_resource(BASE + path.name, Resource(dict(json.loads(path.read_text()), id=BASE + path.name), DRAFT4))
    test = json.loads((SUITE / "annotations" / "annotationMusts.test").read_text())
    failures = []
    assert len(test["assertions"]) >= 50
    for rel in test["assertions"]:
        schema = json.loads((SUITE / rel).read_text())
        uri = BASE + Path(rel).name
        scoped = registry.with_resource(uri, Resource(dict(schema, id=uri), DRAFT4))
        if list(Draft4Validator({"$ref": uri}, registry=scoped).iter_errors(annotation)):
            failures.append(Path(rel).name)
    return failures


TEXT = "Armenia asked Russia for help. The agreement was not implemented in full, Pashinyan said. =SUM(A1)"


@pytest.fixture
def annotated(tmp_path: Path) -> Path:
    path = tmp_path / "a.dossier"
    with Database.create(path, "Export test") as store:
        aid = store.articles.add(NewArticle("Border", TEXT, source="SouthFront", published="2021-05-14",
                                           published_precision="day"))
        no_url = store.articles.add(NewArticle("Other", "Pashinyan said it twice. Pashinyan said it again."))
        store.sources.set_grade("SouthFront", "D")
        tag = store.tags.add("withdrawal agreement", "#e6a23c")
        claim = store.annotations.add(aid, "claim", TEXT.index("The agreement"), TEXT.index(", Pashinyan"),
                                     note="check", claim=Claim("partially_true", None, 2, "his own words"),
                                     tag_ids=[tag])
        support = store.annotations.add(no_url, "highlight", 0, 23)
        store.evidence.add(claim, support, "supports")
        store.annotations.add(aid, "note", TEXT.index("=SUM"), len(TEXT), note="@mention -1 +1")
        with store._tx.write() as conn:  # raw SQL, as another tool would write
            conn.execute("UPDATE articles SET url = 'https://example.org/border' WHERE id = ?", (aid,))
    return path


def test_every_annotation_passes_the_w3c_musts(annotated: Path) -> None:
    with Database.open_readonly(annotated) as store:
        collection = export_collection(store, creator="A. Analyst")
    items = collection["first"]["items"]
    assert collection["type"] == "AnnotationCollection" and collection["total"] == len(items) == 3
    for item in items:
        assert must_failures(item) == []
    claim = next(i for i in items if i["motivation"] == "assessing")
    purposes = [b["purpose"] for b in claim["body"]]
    assert purposes == ["commenting", "tagging", "assessing"]
    assessing = claim["body"][2]
    assert (assessing["dossier:status"], assessing["dossier:reliability"], assessing["dossier:reliabilityInherited"],
            assessing["dossier:credibility"]) == ("partially_true", None, "D", 2)
    assert claim["target"]["source"] == "https://example.org/border"
    selectors = {s["type"]: s for s in claim["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "The agreement was not implemented in full"
    assert TEXT[selectors["TextPositionSelector"]["start"]:selectors["TextPositionSelector"]["end"]] == \
        selectors["TextQuoteSelector"]["exact"]
    highlight = next(i for i in items if i["motivation"] == "highlighting")
    assert highlight["target"]["source"].startswith("urn:sha256:")
    (link,) = claim["dossier:evidence"]
    assert (link["relation"], link["annotation"]) == ("supports", highlight["id"])
    assert link["created"].endswith("Z") and "creator" not in link  # made with no analyst name set


def test_a_broken_annotation_fails_the_musts() -> None:
    # The check itself can fail: no @context, no target.
    assert must_failures({"id": "urn:x", "type": "Annotation"})


def test_round_trip_into_a_fresh_dossier_holding_the_same_articles(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    with Database.open_readonly(annotated) as store:
        write_collection(store, out)
        original = {(a.kind, a.exact, a.note, a.claim) for a in store.annotations.all()}
        articles = [store.articles.get(i) for i in store.articles.ids(order="id", descending=False)]
    fresh = tmp_path / "fresh.dossier"
    with Database.create(fresh, "Fresh") as store:
        for a in articles:
            store.articles.add(NewArticle(a.title, a.text, source=a.source, url=a.url, published=a.published,
                                         published_precision=a.published_precision))
        result = import_annotations(store, out)
        assert (len(result.placed), len(result.orphaned), result.skipped) == (3, 0, [])
        assert {(a.kind, a.exact, a.note, a.claim) for a in store.annotations.all()} == original
        claim = next(a for a in store.annotations.all() if a.kind == "claim")
        assert [store.tags.all()[0].name] == ["withdrawal agreement"] and claim.tag_ids == (store.tags.all()[0].id,)
        assert [link.relation for link in store.evidence.of(claim.id)] == ["supports"]
        again = import_annotations(store, out)
        assert (again.placed, again.already_there) == ([], 3)
        assert store.counts()["annotations"] == 3


def test_what_cant_be_placed_is_orphaned_or_reported_never_guessed(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    with Database.open_readonly(annotated) as store:
        write_collection(store, out)
    changed = tmp_path / "changed.dossier"
    with Database.create(changed, "Changed") as store:
        # The same url, but the passage is gone; the url-less article is not here at all.
        store.articles.add(NewArticle("Border", "A different text with no such passages in it at all, none.",
                                     url="https://example.org/border"))
        result = import_annotations(store, out)
        assert len(result.placed) == 0 and len(result.orphaned) == 2
        assert len(result.skipped) == 1 and "not in this dossier" in result.skipped[0]
        orphans = store.annotations.all()
        assert {a.anchor_state for a in orphans} == {"orphaned"}
        assert {a.exact for a in orphans} == {"The agreement was not implemented in full", "=SUM(A1)"}


def test_a_damaged_file_is_refused_with_a_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with Database.create(tmp_path / "x.dossier", "X") as store, pytest.raises(ValueError, match="not a readable"):
        import_annotations(store, bad)


def test_csv_opens_cleanly_and_runs_no_formula(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    with Database.open_readonly(annotated) as store:
        assert write_csv(store, out) == 3
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that tells spreadsheets it is UTF-8
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    note = next(r for r in rows if r["kind"] == "note")
    assert note["quote"] == "'=SUM(A1)" and note["note"] == "'@mention -1 +1"
    claim = next(r for r in rows if r["kind"] == "claim")
    assert (claim["status"], claim["reliability"], claim["credibility"], claim["grade"]) == (
        "partially_true", "D (source)", "2", "D2")
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_cli_export_while_the_app_has_the_dossier_open(annotated: Path, tmp_path: Path) -> None:
    from dossier.cli import main

    with Database.open(annotated):  # the app holds it
        assert main(["export", str(annotated), "--annotations", str(tmp_path / "o.json"), "--csv", str(tmp_path / "o.csv")]) == 0
    assert json.loads((tmp_path / "o.json").read_text())["total"] == 3
    assert main(["import-annotations", str(annotated), str(tmp_path / "o.json")]) == 0  # all already there
    with Database.open(annotated) as store:
        assert store.counts()["annotations"] == 3

"""FollowTheMoney: every exported entity passes the library's own model; export then import into
a new dossier gives the same articles, entities, mentions, events and annotations (authors,
grades, evidence and tags with them); a second import adds nothing; a file from elsewhere is read
as far as it can be, line by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("followthemoney", reason="the ftm extra (CI installs it)")

from followthemoney import model

from dossier.export.ftm import write_ftm
from dossier.ingest.ftm import import_ftm
from dossier.store import Database
from dossier.store.merging import merge_dossier
from tests.unit.test_merge import two_dossiers  # noqa: F401 - a fixture


def content(store: Database) -> dict[str, object]:
    """What a dossier holds, by what identifies it rather than by row ids."""
    sha = {i: store.articles.get(i).sha256 for i in store.articles.ids()}
    names = {e.id: (e.name, e.kind) for e in store.entities.all()}
    tags = {t.id: t.name for t in store.tags.all()}
    annotations = {a.id: a for a in store.annotations.all()}

    def anchor(a: object) -> tuple[object, ...]:
        return (sha[a.article_id], a.kind, a.start, a.end, a.exact)  # type: ignore[attr-defined]

    return {
        "articles": sorted((a.sha256, a.title, a.source, a.url, a.published, a.published_precision, a.language,
                            a.original_name, tuple(store.articles.reports(a.id)))
                           for a in (store.articles.get(i) for i in sha)),
        "sources": sorted((s.name, s.reliability, s.rationale) for s in store.sources.all() if s.reliability or s.rationale),
        "entities": sorted((e.name, e.kind, tuple(sorted(e.aliases)), e.notes) for e in store.entities.all()),
        "mentions": sorted((sha[i], m.start, m.end, m.surface, names[m.entity_id], m.origin)
                           for i in sha for m in store.entities.mentions_in(i)),
        "events": sorted((sha[i], e.start, e.end, e.title, e.date_text, e.earliest, e.latest, e.precision, e.origin,
                          tuple(sorted(names[x] for x in e.entity_ids))) for i in sha for e in store.events.all(i)),
        "annotations": sorted((*anchor(a), a.note, a.claim, a.author, a.assessed_by, a.assessed_at, a.created,
                               a.modified, a.anchor_state, a.quoted_as, tuple(sorted(tags[t] for t in a.tag_ids)))
                              for a in annotations.values()),
        "evidence": sorted((anchor(a), link.relation, anchor(annotations[link.annotation_id]), link.author, link.created)
                           for a in annotations.values() for link in store.evidence.of(a.id)),
    }


def round_trip(source: Path, tmp_path: Path) -> tuple[dict[str, object], dict[str, object], Path, Path]:
    out = tmp_path / "out.ftm.json"
    with Database.open_readonly(source) as store:
        count = write_ftm(store, out)
        before = content(store)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count
    for line in lines:  # every entity passes the library's own model
        data = json.loads(line)
        model.get(data["schema"]).validate(data)
    back = tmp_path / "back.dossier"
    with Database.create(back, "Back") as store:
        result = import_ftm(store, out)
        assert result.skipped == [] and result.read == count
        after = content(store)
    return before, after, out, back


def test_the_sample_goes_to_followthemoney_and_back_without_loss(sample_path: Path, tmp_path: Path) -> None:
    before, after, out, back = round_trip(sample_path, tmp_path)
    assert after == before
    schemas = {json.loads(line)["schema"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert {"Article", "Person", "Organization", "LegalEntity", "Mention", "Event", "Note"} <= schemas
    with Database.open(back) as store:  # a second import adds nothing
        again = import_ftm(store, out)
        assert again.report.adds_nothing and content(store) == after


def test_a_merged_two_analyst_dossier_goes_there_and_back(two_dossiers: tuple[Path, Path], tmp_path: Path) -> None:
    ann, boris = two_dossiers
    with Database.open(ann) as store:
        merge_dossier(store, boris)
    before, after, _out, _back = round_trip(ann, tmp_path)
    assert after == before
    authors = {row[7] for row in before["annotations"]} | {row[8] for row in before["annotations"]}  # type: ignore[attr-defined]
    assert {"Ann Vardanyan", "Boris Aliyev"} <= authors


def test_a_file_from_elsewhere_is_read_as_far_as_it_can_be(tmp_path: Path) -> None:
    text = "Nikol Pashinyan met the CSTO envoy. Pashinyan asked for help; Nikol Pashinyan said so twice."
    lines = [
        {"id": "doc-1", "schema": "Article", "properties": {"title": ["Talks"], "bodyText": [text],
                                                             "publishedAt": ["2021-05"], "language": ["eng"]}},
        {"id": "p-1", "schema": "Person", "properties": {"name": ["Nikol Pashinyan"], "alias": ["Pashinyan"]}},
        # OpenAleph's own extraction: a name in a document, with no offsets.
        {"id": "men-1", "schema": "Mention", "properties": {"document": ["doc-1"], "resolved": ["p-1"],
                                                             "name": ["Nikol Pashinyan"]}},
        {"id": "bad-1", "schema": "Person", "properties": {"birthDate": ["not a date"]}},
        {"id": "x", "schema": "NoSuchSchema", "properties": {}},
    ]
    path = tmp_path / "aleph.ftm.json"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n", encoding="utf-8")
    with Database.create(tmp_path / "d.dossier", "D") as store:
        result = import_ftm(store, path)
        assert len(result.skipped) == 3 and all(s.startswith("line ") for s in result.skipped)
        (article_id,) = store.articles.ids()
        article = store.articles.get(article_id)
        assert (article.text, article.published, article.published_precision, article.language) == (
            text, "2021-05", "month", "en")
        (person,) = store.entities.all()
        assert (person.name, person.kind, person.aliases) == ("Nikol Pashinyan", "person", ("Pashinyan",))
        spans = [(m.start, m.end) for m in store.entities.mentions_in(article_id)]
        assert spans == [(0, 15), (text.rindex("Nikol"), text.rindex("Nikol") + 15)]  # every place it stands


def test_the_command_line_exports_and_reads_back(sample_path: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from dossier.cli import main

    out, new = tmp_path / "border.ftm.json", tmp_path / "new.dossier"
    assert main(["export", str(sample_path), "--ftm", str(out)]) == 0
    assert capsys.readouterr().out.startswith("wrote ")
    assert main(["import-ftm", str(new), str(out), "--preview"]) == 0
    assert "Nothing was changed (--preview)." in capsys.readouterr().out and not new.exists()
    assert main(["import-ftm", str(new), str(out)]) == 0
    assert "Articles: 1 new, 0 already here" in capsys.readouterr().out
    assert main(["import-ftm", str(new), str(out)]) == 0
    assert "Nothing new: everything in it is here already." in capsys.readouterr().out
    assert main(["export", str(sample_path), "--ftm", str(sample_path)]) == 1  # never over a dossier


def test_a_long_article_goes_in_pieces_ftm_takes_and_comes_back_byte_for_byte(tmp_path: Path) -> None:
    """Over 65,000 characters (FtM's longest text value): the whole dossier is exported, the text
    in pieces, and read back the same, white space at its ends, repeats and control characters
    included."""
    from dossier.core.models import NewArticle

    block = "Russian border guards took up positions near Goris.\f\n" * 1300  # 69,000 characters
    text = "  " + block + block + "\x01 the end \n"  # two equal halves: no piece may be dropped as a repeat
    with Database.create(tmp_path / "long.dossier", "Long") as store:
        aid = store.articles.add(NewArticle("A UN report", text, source="UN"))
        store.annotations.add(aid, "note", 60_000, 130_000, note="  a note\n")
        before = content(store)
    out = tmp_path / "long.ftm.json"
    with Database.open_readonly(tmp_path / "long.dossier") as store:
        write_ftm(store, out)
    article = next(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()
                   if json.loads(line)["schema"] == "Article")
    pieces = article["properties"]["bodyText"]
    assert len(pieces) == 3 and max(map(len, pieces)) <= 65_000 and "".join(pieces) == text
    model.get("Article").validate(article)
    with Database.create(tmp_path / "back.dossier", "Back") as back:
        result = import_ftm(back, out)
        assert not result.skipped
        after = content(back)
    assert after["articles"] == before["articles"] and after["annotations"] == before["annotations"]


def test_a_line_with_a_byte_order_mark_is_read_and_an_id_given_twice_is_reported(tmp_path: Path) -> None:
    first, second = "The first article, about the border at Goris.", "Another text under the same id."
    lines = [
        {"id": "doc-1", "schema": "Article", "properties": {"title": ["First"], "bodyText": [first]}},
        {"id": "doc-1", "schema": "Article", "properties": {"title": ["Second"], "bodyText": [second]}},
        {"id": "note-1", "schema": "Note", "properties": {"entity": ["doc-1"], "summary": ["border at Goris"],
                                                          "description": ["a note"]}},
    ]
    path = tmp_path / "joined.ftm.json"
    # Two files joined end to end: the second line starts with the byte-order mark its file began with.
    path.write_bytes(b"".join(b"\xef\xbb\xbf" + json.dumps(line).encode() + b"\n" for line in lines))
    with Database.create(tmp_path / "d.dossier", "D") as store:
        result = import_ftm(store, path)
        assert result.read == 3
        assert any("doc-1: the id of another article of the file" in reason for reason in result.skipped)
        (article_id,) = store.articles.ids()
        assert store.articles.get(article_id).text == first
        (note,) = store.annotations.all()
        assert (note.article_id, note.exact, note.note) == (article_id, "border at Goris", "a note")


@pytest.mark.timeout(300)
def test_ten_thousand_people_whose_names_differ_by_a_number_come_in(tmp_path: Path) -> None:
    """Each is a person of its own: none proposed as another's spelling, and the comparison no
    longer grows with the square of their number (15 s here before, 100,000 never ended)."""
    path = tmp_path / "people.ftm.json"
    with path.open("w", encoding="utf-8") as stream:
        for i in range(10_000):
            stream.write(json.dumps({"id": f"p-{i}", "schema": "Person", "properties": {"name": [f"Ivan Petrov {i}"]}})
                         + "\n")
    with Database.create(tmp_path / "d.dossier", "D") as store:
        result = import_ftm(store, path)
        assert result.report.entities_new == 10_000 and result.report.near_matches == 0
        assert store.entities.same_name_proposals() == []


def test_place_positions_go_to_followthemoney_as_addresses_and_come_back(tmp_path: Path) -> None:
    """A place the analyst put somewhere goes out as an Address with its latitude and longitude
    (the place's addressEntity, as Aleph and ftm-geocode link them) and comes back as that
    place's position, every digit, by whom and when; the gazetteer's positions go out too but are
    left to the reading dossier's gazetteer; a place off the map stays off it; no Address becomes
    a place of its own, and a second import adds nothing."""
    from dossier.analysis.places import MapPlace
    from dossier.core.places import GAZETTEER, Position

    source = tmp_path / "places.dossier"
    with Database.create(source, "Places") as store:
        store.author = "Ann Vardanyan"
        goris = store.entities.add("Goris", "place")
        syunik = store.entities.add("Syunik", "place")
        lake = store.entities.add("Lake Sev Lich", "place")
        store.entities.add("Nikol Pashinyan", "person")
        store.places.set_position(goris, 39.51111111111111, 46.33777777777778)
        store.places.set_off_map(syunik)
        decisions = store.places.decisions()
    out = tmp_path / "places.ftm.json"
    with Database.open_readonly(source) as store:
        count = write_ftm(store, out, {lake: MapPlace(lake, "Lake Sev Lich", 3, Position(39.6, 46.12, GAZETTEER))})
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for data in lines:
        model.get(data["schema"]).validate(data)
    addresses = {d["id"]: d["properties"] for d in lines if d["schema"] == "Address"}
    places = {d["properties"]["name"][0]: d["properties"] for d in lines if d["schema"] == "LegalEntity"}
    assert len(addresses) == 2 and "addressEntity" not in places["Syunik"]
    goris_address = addresses[places["Goris"]["addressEntity"][0]]
    assert (goris_address["latitude"], goris_address["longitude"]) == (["39.51111111111111"], ["46.33777777777778"])
    assert "dossier:positionFrom=user" in goris_address["keywords"]
    assert addresses[places["Lake Sev Lich"]["addressEntity"][0]]["latitude"] == ["39.6"]
    assert "dossier:offMap=yes" in places["Syunik"]["keywords"]

    with Database.create(tmp_path / "back.dossier", "Back") as back:
        result = import_ftm(back, out)
        assert result.skipped == [] and result.read == count
        names = {e.id: e.name for e in back.entities.all()}
        assert sorted(names.values()) == ["Goris", "Lake Sev Lich", "Nikol Pashinyan", "Syunik"]
        by_name = {names[i]: d for i, d in back.places.decisions().items()}
        assert set(by_name) == {"Goris", "Syunik"}  # the lake: where this dossier's gazetteer puts it
        assert by_name["Goris"]._replace(entity_id=goris) == decisions[goris]
        assert by_name["Syunik"].off_map
        assert import_ftm(back, out).report.adds_nothing


def test_an_address_from_elsewhere_is_a_place_where_it_says(tmp_path: Path) -> None:
    """An Address with a latitude and a longitude (ftm-geocode's, say) and no place naming it is a
    place at that position; a place's Address, whatever it is called, is where the place is; a
    company's Address is still a place of its own, not the company's."""
    lines = [
        {"id": "pl-1", "schema": "LegalEntity", "properties": {"name": ["Tegh"], "keywords": ["dossier:place"],
                                                               "addressEntity": ["addr-4"]}},
        {"id": "addr-4", "schema": "Address", "properties": {"full": ["Tegh, Syunik Province, Armenia"],
                                                             "latitude": ["39.56"], "longitude": ["46.48"]}},
        {"id": "addr-1", "schema": "Address", "properties": {"full": ["Goris, Armenia"], "latitude": ["39.5111"],
                                                             "longitude": ["46.3378"]}},
        {"id": "addr-2", "schema": "Address", "properties": {"full": ["1 Main Street, Yerevan"]}},
        {"id": "c-1", "schema": "Company", "properties": {"name": ["Zangezur Copper"], "addressEntity": ["addr-2"]}},
        {"id": "addr-3", "schema": "Address", "properties": {"full": ["Nowhere"], "latitude": ["91"],
                                                             "longitude": ["0"]}},
    ]
    path = tmp_path / "geocoded.ftm.json"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    with Database.create(tmp_path / "d.dossier", "D") as store:
        result = import_ftm(store, path)
        entities = {e.name: e for e in store.entities.all()}
        assert {n: e.kind for n, e in entities.items()} == {"Goris, Armenia": "place", "1 Main Street, Yerevan": "place",
                                                           "Zangezur Copper": "organisation", "Nowhere": "place",
                                                           "Tegh": "place"}
        decisions = store.places.decisions()
        tegh = decisions[entities["Tegh"].id]
        assert (tegh.latitude, tegh.longitude) == (39.56, 46.48)
        goris = decisions[entities["Goris, Armenia"].id]
        assert (goris.latitude, goris.longitude, goris.off_map) == (39.5111, 46.3378, False)
        assert entities["Nowhere"].id not in decisions
        assert result.skipped == ["addr-3: A latitude lies between -90 and 90 (not 91)."]

"""Copies of one story: found on a set of wire stories, their edited copies and independent
reports of the same events (tests/data/copies), kept in the file, split and marked by the analyst
with undo, and counted as one origin."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analysis.copies import are_copies, dateline_credit, fingerprint, wire_credit
from dossier.analysis.corroboration import corroborated
from dossier.ingest.pipeline import ImportOptions, run_import
from dossier.operations import perform, undo
from dossier.operations.copies import FindCopies, MarkCopies, SplitCopy, find_copies
from dossier.store import Database

DATA = Path(__file__).parents[1] / "data" / "copies"
TRUTH = json.loads((DATA / "truth.json").read_text())


def _imported(tmp_path: Path) -> tuple[Database, dict[str, int]]:
    store = Database.create(tmp_path / "copies.dossier", "Copies")
    report = run_import(store, sorted(DATA.glob("*.md")), ImportOptions(extract=False))
    assert not report.failed
    return store, {path.name: article_id for path, article_id in report.imported}


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {pair for g in groups for pair in itertools.combinations(sorted(g), 2)}


def _found_groups(store: Database, ids: dict[str, int]) -> list[list[str]]:
    names = {article_id: name for name, article_id in ids.items()}
    return [[names[m.article_id] for m in g.members] for g in store.copies.groups()]


@pytest.fixture
def dossier(tmp_path: Path):  # type: ignore[no-untyped-def]
    store, ids = _imported(tmp_path)
    yield store, ids
    store.close()


def test_every_copy_is_grouped_with_its_origin_and_no_independent_report_is(dossier) -> None:  # type: ignore[no-untyped-def]
    store, ids = dossier
    assert perform(store, FindCopies()).changes.touches("articles")
    found = _found_groups(store, ids)
    truth = [[g["origin"], *g["members"]] for g in TRUTH["groups"]]
    found_pairs, true_pairs = _pairs(found), _pairs(truth)
    precision = len(found_pairs & true_pairs) / len(found_pairs)
    recall = len(found_pairs & true_pairs) / len(true_pairs)
    assert (precision, recall) == (1.0, 1.0)
    alone = set(TRUTH["alone"])
    assert not alone & {name for g in found for name in g}
    # Each group's origin is the wire's own article, and its wire is named.
    records = store.copies
    for g in TRUTH["groups"]:
        group = records.group_of(ids[g["members"][0]])
        assert group is not None and group.origin_id == ids[g["origin"]] and group.wire == g["wire"]


def test_copies_are_found_as_articles_come_in_and_the_wire_arriving_late_becomes_the_origin(tmp_path: Path) -> None:
    store = Database.create(tmp_path / "late.dossier", "Late")
    copies = [DATA / "s1_copy_headline_cut_local.md", DATA / "s1_copy_edited_credit_end.md", DATA / "s1_independent.md"]
    first = run_import(store, copies, ImportOptions(extract=False))
    perform(store, FindCopies(article_ids=[i for _p, i in first.imported]))
    records = store.copies
    (group,) = records.groups()
    assert len(group.members) == 2 and group.wire == "Reuters"
    wire = run_import(store, [DATA / "s1_wire.md"], ImportOptions(extract=False)).imported[0][1]
    perform(store, FindCopies(article_ids=[wire]))
    (group,) = records.groups()
    assert group.origin_id == wire and len(group.members) == 3
    shares = {m.title: m.shared for m in group.members}
    assert shares["Yerevan accuses Baku of border incursion near Black Lake"] == pytest.approx(6 / 7, abs=1e-3)
    store.close()


def test_split_and_mark_are_undone_exactly_and_a_split_survives_finding_again(dossier) -> None:  # type: ignore[no-untyped-def]
    store, ids = dossier
    perform(store, FindCopies())
    records = store.copies
    before = records.groups()
    copy = ids["s1_copy_headline_cut_local.md"]
    split = perform(store, SplitCopy(copy))
    group = records.group_of(ids["s1_wire.md"])
    assert group is not None and copy not in {m.article_id for m in group.members}
    assert records.group_of(copy) is None
    perform(store, FindCopies())  # the analyst's word stands
    assert records.group_of(copy) is None
    independent, wire = ids["s1_independent.md"], ids["s1_wire.md"]
    marked = perform(store, MarkCopies(independent, wire))
    group = records.group_of(independent)
    assert group is not None and group.origin_id == wire
    undo(store, marked)
    assert records.group_of(independent) is None
    undo(store, split)
    # The FindCopies in between changed nothing; with the split undone, the groups are as before.
    assert records.groups() == before


def test_independent_reports_of_one_event_are_not_copies() -> None:
    body = {p.name: p.read_text().split("---", 2)[2] for p in DATA.glob("*.md")}
    for n in range(1, 6):
        wire, independent = fingerprint(body[f"s{n}_wire.md"]), fingerprint(body[f"s{n}_independent.md"])
        assert are_copies(wire, independent) is None
    assert are_copies(fingerprint(body["n1_statement_a.md"]), fingerprint(body["n1_statement_b.md"])) is None
    assert are_copies(fingerprint(body["s1_wire.md"]), fingerprint(body["s1_followup_same_wire.md"])) is None


def test_credits_name_the_wire() -> None:
    assert wire_credit("YEREVAN, May 13 (Reuters) - Armenia said") == "Reuters"
    assert wire_credit("MANILA, Philippines (AP) — Chinese ships") == "AP"
    assert wire_credit("Ships collided.\n\n— AFP") == "AFP"
    assert wire_credit("the prime minister said, the Associated Press reported.") == "AP"
    assert wire_credit("according to Agence France-Presse, the town fell") == "AFP"
    assert wire_credit("A local story about apples and the apparatus.") is None
    assert dateline_credit("Moscow (Reuters) - x") == "Reuters"
    assert dateline_credit("Long text. " * 40 + "AFP reports that it rained.") is None


def test_finding_copies_examines_few_pairs(dossier) -> None:  # type: ignore[no-untyped-def]
    store, _ids = dossier
    plan = find_copies(store)
    # 23 articles: 253 pairs; only those sharing two sentences or more are compared.
    assert 0 < plan.examined < 40


def _passage(store: Database, article_id: int, words: str) -> tuple[int, int, int]:
    start = store.articles.get(article_id).text.index(words)
    return article_id, start, start + len(words)


def _claim_with_evidence(store: Database, claim_at: tuple[int, int, int],
                         evidence: list[tuple[int, int, int]]) -> int:
    from dossier.core.models import Claim
    from dossier.operations.annotations import AddAnnotation, AddEvidence, EditClaim

    add = AddAnnotation(claim_at[0], "claim", *claim_at[1:])
    perform(store, add)
    perform(store, EditClaim(add.result, Claim()))
    for where in evidence:
        perform(store, AddEvidence(add.result, "supports", passage=where))
    return int(add.result)


def test_a_claim_supported_by_copies_and_an_independent_report_counts_origins(dossier) -> None:  # type: ignore[no-untyped-def]
    store, ids = dossier
    claim = _claim_with_evidence(store, _passage(store, ids["s1_independent.md"], "Azerbaijani units moved"), [
        _passage(store, ids["s1_wire.md"], "Azerbaijani soldiers had crossed its southern border"),
        _passage(store, ids["s1_copy_headline_cut_local.md"], "Azerbaijani soldiers had crossed its southern border"),
        _passage(store, ids["s1_copy_edited_credit_end.md"], "the troops had entered Syunik province"),
        _passage(store, ids["s3_independent.md"], "Azerbaijani forces had attacked positions"),
    ])
    (row,) = corroborated(store.claims.claim_rows([claim]))
    assert len(row.corroboration.supporting) == 4 and row.corroboration.suggestion == 1  # outlets, before copies
    perform(store, FindCopies())
    (row,) = corroborated(store.claims.claim_rows([claim]))
    found = row.corroboration
    assert found.supporting == ("Reuters as repeated by Syunik Herald and Caucasus Daily", "Highland Post")
    assert found.outlets[0] == 4
    assert found.line == ("supported by 4 outlets, 2 independent origins (Reuters as repeated by Syunik Herald "
                          "and Caucasus Daily, Highland Post)")
    assert found.suggestion == 1
    # Without the independent report, the three copies are one origin: "probably true", not "confirmed".
    claim_two = _claim_with_evidence(store, _passage(store, ids["s1_independent.md"], "Pashinyan convened"), [
        _passage(store, ids["s1_wire.md"], "Pashinyan told a session"),
        _passage(store, ids["s1_copy_edited_credit_end.md"], "Pashinyan told a session"),
    ])
    (row,) = corroborated(store.claims.claim_rows([claim_two]))
    assert row.corroboration.line == "supported by 2 outlets, 1 independent origin (Reuters as repeated by Syunik Herald)"
    assert row.corroboration.suggestion == 2


def test_evidence_from_a_copy_of_the_claims_own_story_is_not_independent(dossier) -> None:  # type: ignore[no-untyped-def]
    store, ids = dossier
    perform(store, FindCopies())
    claim = _claim_with_evidence(store, _passage(store, ids["s4_copy_trimmed.md"], "has sunk in the Red Sea"), [
        _passage(store, ids["s4_copy_fertiliser_first.md"], "has sunk in the Red Sea"),
        _passage(store, ids["s4_wire.md"], "has sunk in the Red Sea"),
        _passage(store, ids["s4_independent.md"], "went under overnight"),
    ])
    (row,) = corroborated(store.claims.claim_rows([claim]))
    assert [item.dependence for item in row.evidence if not item.independent] == [
        "a copy of the same story (Reuters)", "a copy of the same story (Reuters)"]
    assert row.corroboration.line == ("supported by 1 independent source (Levant Shipping Journal); "
                                      "2 passages not independent")


def test_a_merge_keeps_the_other_analysts_groups_and_decisions(tmp_path: Path) -> None:
    from dossier.operations.team import MergeDossier

    theirs, ids = _imported(tmp_path)
    perform(theirs, FindCopies())
    perform(theirs, SplitCopy(ids["s5_copy_us_first.md"]))
    expected = _found_groups(theirs, ids)
    theirs.close()
    mine = Database.create(tmp_path / "mine.dossier", "Mine")
    # Mine holds two of the articles already, as its own ids (a different order).
    run_import(mine, [DATA / "s2_copy_reordered.md", DATA / "s1_wire.md"], ImportOptions(extract=False))
    merged = perform(mine, MergeDossier(tmp_path / "copies.dossier"))
    mine_ids = {name: mine.articles.id_by_sha256(_sha(DATA / name)) for name in ids}
    names = {article_id: name for name, article_id in mine_ids.items()}
    found = [[names[m.article_id] for m in g.members] for g in mine.copies.groups()]
    assert sorted(map(sorted, found)) == sorted(map(sorted, expected))
    assert mine.copies.decisions()  # the split came along: finding again keeps it apart
    perform(mine, FindCopies())
    assert mine.copies.group_of(mine_ids["s5_copy_us_first.md"]) is None  # type: ignore[arg-type]
    undo(mine, merged)
    assert mine.copies.groups() == []
    mine.close()


def _sha(path: Path) -> str:
    from dossier.ingest.markdown_reader import read_markdown
    from dossier.store.articles import text_sha256

    return text_sha256(read_markdown(path.read_text()).text)


def test_a_telegram_forward_is_one_origin_with_the_channel_it_came_from(tmp_path: Path) -> None:
    from tests.collections_data import message, write_export

    store, ids = _imported(tmp_path)
    forward = message(103, "Russian troops from the 102nd Base were sent to the border, the ministry said.",
                      forwarded_from="Yerevan Desk")
    own = message(7, "Russian troops from the 102nd Base were sent to the border, the ministry said. More soon.")
    own["from"] = "Yerevan Desk"
    run_import(store, [write_export(tmp_path / "bw", [forward], photos=False),
                       write_export(tmp_path / "yd", [own], name="Yerevan Desk", chat_id=777, photos=False)],
               ImportOptions(extract=False))
    by_outlet = {a.source: a.id for a in store.articles.summaries(store.articles.ids()).values()}
    words = "Russian troops from the 102nd Base were sent"
    claim = _claim_with_evidence(store, _passage(store, ids["s1_independent.md"], "Azerbaijani units moved"), [
        _passage(store, by_outlet["Border Watch"], words), _passage(store, by_outlet["Yerevan Desk"], words)])
    (row,) = corroborated(store.claims.claim_rows([claim]))
    assert row.corroboration.line == "supported by 2 outlets, 1 independent origin (Yerevan Desk as repeated by Border Watch)"
    assert row.corroboration.suggestion == 2
    store.close()



_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
_SENTENCE = st.lists(_WORDS, min_size=8, max_size=20).map(lambda words: " ".join(words).capitalize() + ".")


@settings(max_examples=60, deadline=None)
@given(story=st.lists(_SENTENCE, min_size=5, max_size=15, unique=True), data=st.data())
def test_a_story_cut_reordered_and_added_to_stays_a_copy(story: list[str], data) -> None:  # type: ignore[no-untyped-def]
    from dossier.analysis.copies import found_in

    kept = data.draw(st.permutations(story))[: max(3, len(story) * 3 // 4)]  # a quarter cut, the rest moved
    added = data.draw(st.lists(_SENTENCE, max_size=1))  # a local sentence
    copy = fingerprint("\n\n".join(kept + added))
    original = fingerprint("\n\n".join(story))
    if len({s for s in copy.sentences}) < len(copy.sentences):
        return  # hypothesis wrote one sentence twice
    assert are_copies(copy, original) is not None
    assert found_in(copy, original) >= len(kept) / (len(kept) + len(added)) - 1e-9


@settings(max_examples=60, deadline=None)
@given(a=st.lists(_SENTENCE, min_size=3, max_size=12), b=st.lists(_SENTENCE, min_size=3, max_size=12))
def test_texts_sharing_no_sentence_are_never_copies(a: list[str], b: list[str]) -> None:
    first, second = fingerprint(" ".join(a)), fingerprint(" ".join(b))
    if set(a) & set(b):
        return
    assert are_copies(first, second) is None  # random words share a word triple by chance almost never


def test_the_csv_counts_origins_and_the_outlets_behind_them(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from dossier.export.csv_export import write_csv

    store, ids = dossier
    perform(store, FindCopies())
    _claim_with_evidence(store, _passage(store, ids["s1_independent.md"], "Azerbaijani units moved"), [
        _passage(store, ids["s1_wire.md"], "Pashinyan told a session"),
        _passage(store, ids["s1_copy_edited_credit_end.md"], "Pashinyan told a session"),
        _passage(store, ids["s3_independent.md"], "Azerbaijani forces had attacked positions")])
    write_csv(store, tmp_path / "out.csv")
    (claim,) = [r for r in csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8-sig")) if r["kind"] == "claim"]
    assert (claim["supporting_sources"], claim["supporting_outlets"]) == ("2", "3")
    assert claim["corroboration"].startswith("supported by 3 outlets, 2 independent origins (Reuters as repeated by")

"""The `dossier` command as a user runs it: output, exit codes, and never a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import __version__
from dossier.cli import main
from dossier.store import SCHEMA_VERSION, Database


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dossier", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)


def test_sample_then_info_json(tmp_path: Path) -> None:
    path = tmp_path / "x.dossier"
    made = run("sample", str(path))
    assert made.returncode == 0, made.stderr
    info = run("info", str(path), "--json")
    assert info.returncode == 0
    payload = json.loads(info.stdout)
    assert list(payload) == ["schema_version", "articles", "entities", "mentions", "events", "annotations",
                             "claims", "tags", "integrity"]
    assert {k: payload[k] for k in ("schema_version", "articles", "annotations", "claims", "tags", "integrity")} == {
        "schema_version": SCHEMA_VERSION, "articles": 1, "annotations": 2, "claims": 1, "tags": 1, "integrity": "ok"}
    # The sample goes through extraction: its people, places and dates are there.
    assert payload["entities"] >= 10 and payload["mentions"] >= 30 and payload["events"] >= 6


def test_sample_refuses_an_existing_file_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.dossier"
    path.write_text("my notes")
    assert main(["sample", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "my notes"
    assert main(["sample", str(path), "--force"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["x.dossier"]  # no temporary files left


def test_info_in_words(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(sample_path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()[1:]
    assert lines[0].split() == ["schema", "version", str(SCHEMA_VERSION)] and lines[-1].split() == ["integrity", "ok"]
    assert "  annotations          2" in out and "  rejected_mentions    0" in out  # one column, aligned
    assert len({len(line) for line in lines[:-1]}) == 1


def test_info_writes_nothing_and_works_while_the_app_has_the_dossier_open(sample_path: Path) -> None:
    from dossier.store import Database

    before = sample_path.read_bytes()
    assert main(["info", str(sample_path)]) == 0
    assert sample_path.read_bytes() == before and [p.name for p in sample_path.parent.iterdir()] == ["sample.dossier"]
    with Database.open(sample_path) as store:
        store.annotations.add(1, "highlight", 0, 6)
        assert main(["info", str(sample_path), "--json"]) == 0


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 20])
def test_bad_files_get_one_line_on_stderr_and_exit_1(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.dossier"
    path.write_bytes(content)
    result = run("info", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith("dossier: ") and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert path.read_bytes() == content


def test_missing_file(tmp_path: Path) -> None:
    result = run("info", str(tmp_path / "nope.dossier"))
    assert result.returncode == 1 and "no such file" in result.stderr


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"dossier {__version__}"
    assert "info" in run("--help").stdout


def test_first_run_creates_the_sample_in_the_data_folder_and_opens_it(data_dir: Path) -> None:
    result = run(DOSSIER_EXIT_AFTER_PAINT="1", QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("painted ")
    created = list(data_dir.glob("*.dossier"))
    assert len(created) == 1 and "Armenia" in created[0].name
    assert sorted(p.name for p in data_dir.iterdir()) == sorted([created[0].name, "settings.ini"])
    assert "Armenia" in (data_dir / "settings.ini").read_text()  # remembered as the last dossier


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="only a Linux machine can lack a display; macOS and Windows always have one")
def test_without_a_display_the_app_says_so(tmp_path: Path, sample_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "dossier", str(sample_path)], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no display to open a window on. Run Dossier in a desktop session" in result.stderr


def test_opening_a_missing_file_in_the_app_says_so(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.dossier"), QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 1 and "no such file" in result.stderr


def test_backups_and_restore(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dossier.store.backups import make_backup

    assert main(["backups", str(sample_path)]) == 0
    assert "no backups" in capsys.readouterr().out
    backup = make_backup(sample_path)
    assert main(["restore", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert str(backup) in out and "kept as" in out


def test_import_reports_imported_duplicates_and_failures(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Border breach\n\nArmenia asked Russia for help on May 14.\n")
    (src / "b.txt").write_bytes(b"\x00\x01\x02 not text")
    target = tmp_path / "new.dossier"
    result = run("import", str(src), "--into", str(target), "--published", "2021-05-14", "--source", "Reuters")
    assert result.returncode == 1  # a file failed
    assert "imported 1, duplicates 0, failed 1" in result.stdout and "b.txt: the file is binary" in result.stdout
    again = run("import", str(src / "a.txt"), "--into", str(target), "--no-extract")
    assert again.returncode == 0 and "imported 0, duplicates 1, failed 0" in again.stdout
    bad_date = run("import", str(src / "a.txt"), "--into", str(target), "--published", "soon")
    assert bad_date.returncode == 1 and "is not a date" in bad_date.stderr
    from dossier.store import Database

    with Database.open(target) as store:
        (article,) = [store.articles.get(i) for i in store.articles.ids()]
        assert (article.source, article.published) == ("Reuters", "2021-05-14")
        assert store.entities.ids_by_name("Russia")


def test_every_command_is_known_to_the_fast_path() -> None:
    from dossier.cli import COMMANDS, build_parser

    parser = build_parser()
    assert set(COMMANDS) == set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_merge_previews_merges_and_then_finds_nothing_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dossier.core.models import Claim, NewArticle
    from tests.unit.test_merge import ONLY_BORIS, _analyst

    mine, theirs = tmp_path / "ann.dossier", tmp_path / "boris.dossier"
    _analyst(mine, "Ann").close()
    with _analyst(theirs, "Boris") as boris:
        title, body = ONLY_BORIS.split("\n\n")
        boris.articles.add(NewArticle(title, body, source="APA"))
        claim = next(a for a in boris.annotations.all() if a.kind == "claim")
        boris.annotations.set_claim(claim.id, Claim("false", "E", 5, "no"))
    before = mine.read_bytes()
    assert main(["merge", str(mine), str(theirs), "--preview"]) == 0
    out = capsys.readouterr().out
    assert "Articles: 1 new, 1 already here" in out and "1 conflicting" in out and "Nothing was changed" in out
    assert mine.read_bytes() == before
    assert main(["merge", str(mine), str(theirs)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Merged from ") and "1 conflict(s) to settle" in out
    assert main(["merge", str(mine), str(theirs)]) == 0
    assert "Nothing new: everything in it is here already." in capsys.readouterr().out
    assert main(["merge", str(mine), str(mine)]) == 1  # never itself
    assert "this dossier" in capsys.readouterr().err


def test_export_graphml_gexf_and_ach_from_the_command_line_read_back(sample_path: Path, tmp_path: Path) -> None:
    """`dossier export PATH --graphml --gexf --ach`, as README gives it: the files networkx and a
    spreadsheet read back hold the dossier's entities, its link counts and its matrix."""
    import csv

    import networkx as nx

    from dossier.analysis.network import build_network
    from dossier.core.network import NetworkFilter
    from dossier.operations import perform
    from dossier.operations.ach import AddHypothesis, AddRows, Rate

    with Database.open(sample_path) as store:
        claim = next(a for a in store.annotations.all() if a.kind == "claim")
        first, second = AddHypothesis("Russia answers Armenia's request"), AddHypothesis("The troops were there before")
        perform(store, first)
        perform(store, second)
        rows = AddRows([claim.id])
        perform(store, rows)
        row = store.ach.data().rows[0].id
        perform(store, Rate(row, first.result, "CC"))
        perform(store, Rate(row, second.result, "II"))
        network = build_network(store.network.network(NetworkFilter(limit=None)), NetworkFilter(limit=None))
    out = {kind: tmp_path / f"sample.{kind}" for kind in ("graphml", "gexf", "csv")}
    result = run("export", str(sample_path), "--graphml", str(out["graphml"]), "--gexf", str(out["gexf"]),
                 "--ach", str(out["csv"]))
    assert result.returncode == 0, result.stderr
    nodes, links = len(network.nodes), len(network.links)
    assert f"wrote {nodes} entities and {links} links to {out['graphml']}" in result.stdout
    assert re.search(rf"wrote 1 rows? of evidence to {re.escape(str(out['csv']))}", result.stdout)
    names = {str(n.id): n for n in network.nodes}
    weights = {frozenset((str(k.source), str(k.target))): k.passages for k in network.links}
    for graph in (nx.read_graphml(out["graphml"]), nx.read_gexf(out["gexf"])):
        assert set(graph.nodes) == set(names) and graph.number_of_edges() == links
        for node, attributes in graph.nodes(data=True):
            assert (attributes["label"], attributes["kind"], int(attributes["mentions"]), int(attributes["articles"])) \
                == (names[node].name, names[node].kind, names[node].mentions, names[node].articles)
        assert {frozenset((a, b)): int(w) for a, b, w in graph.edges(data="weight")} == weights
    by_name = {n.name: str(n.id) for n in network.nodes}
    assert weights[frozenset((by_name["Armenia"], by_name["Azerbaijan"]))] == 5  # as the matrix counts them
    with open(out["csv"], encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    assert table[0][-2:] == ["Russia answers Armenia's request", "The troops were there before"]  # least inconsistent first
    assert table[1][0] == claim.exact and table[1][-2:] == ["CC", "II"]
    assert table[2][0] == "inconsistency" and table[2][-2:] == ["0", "2"]

"""Read-only publishing: `dossier publish` prints the Datasette command; Datasette, started with it
on the sample on this computer, answers each canned query with the rows the dossier holds."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.export.publish import publish_command
from dossier.store import Database

pytest.importorskip("datasette", reason="Datasette is in the test extra")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture
def served(sample_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Datasette serving a copy of the sample, started with the command `publish` prints."""
    path = sample_path  # a copy for this test already
    port = free_port()
    command = publish_command(path, port, folder=tmp_path / "meta")
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent)) or "datasette"
    process = subprocess.Popen([datasette, *command[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(f"{base}/-/versions.json")
                break
            except OSError as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"Datasette did not start: {process.stderr.read().decode()[-2000:]}") from error  # type: ignore[union-attr]
                time.sleep(0.2)
        yield base, path
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_each_canned_query_answers_with_the_dossiers_rows(served) -> None:  # type: ignore[no-untyped-def]
    base, path = served
    with Database.open_readonly(path) as store:
        claim = next(a for a in store.annotations.all() if a.kind == "claim")
        events = store.events.all()
        mentions = [m for m in store.entities.mentions_in(1) if store.entities.get(m.entity_id).name == "Nikol Pashinyan"]
        before = path.read_bytes()

    claims = fetch(f"{base}/sample/claims.json?status=&_shape=array")
    assert [(c["annotation_id"], c["status"], c["credibility"], c["quote"]) for c in claims] == [  # type: ignore[index, union-attr]
        (claim.id, "partially_true", 2, "the agreement was not implemented in full")]
    assert fetch(f"{base}/sample/claims.json?status=false&_shape=array") == []

    found = fetch(f"{base}/sample/entity_mentions.json?entity=pashinyan&_shape=array")  # an alias, any case
    assert [(m["start_offset"], m["end_offset"]) for m in found] == [(m.start, m.end) for m in mentions]  # type: ignore[index, union-attr]
    assert all("Pashinyan" in m["context"] for m in found)  # type: ignore[index, union-attr]

    chronology = fetch(f"{base}/sample/chronology.json?_shape=array")
    dated = sorted((e for e in events), key=lambda e: (e.earliest is None, e.earliest or "", e.latest or "", e.id))
    assert [(r["earliest"], r["title"]) for r in chronology] == [(e.earliest, e.title) for e in dated]  # type: ignore[index, union-attr]
    assert path.read_bytes() == before  # served immutable: never written


def test_publish_prints_the_command(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(sample_path), "--port", "8123"]) == 0
    out = capsys.readouterr().out
    assert f"datasette serve --immutable {sample_path.resolve()} --metadata " in out and "--port 8123" in out
    metadata = Path(out.split("--metadata ")[1].split()[0])
    assert set(json.loads(metadata.read_text())["databases"][sample_path.stem]["queries"]) == {
        "claims", "entity_mentions", "chronology"}

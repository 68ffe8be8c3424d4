"""Imports with the language model in worker processes: the same dossier as with one process,
cancelled cleanly, and killed halfway then run again without losing or repeating anything."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.ingest.pipeline import BATCH, POOL_FROM_FILES, ImportOptions, import_files, run_import
from dossier.store import Database

REPO = Path(__file__).resolve().parents[2]
PLACES = ["Syunik", "Gegharkunik", "Tavush", "Lachin", "Kalbajar", "Shusha", "Ararat", "Lori"]
PEOPLE = ["Nikol Pashinyan", "Ilham Aliyev", "Sergei Lavrov", "Ararat Mirzoyan", "Jeyhun Bayramov"]
DATES = ["yesterday", "on Monday", "last week", "May 12", "in March", "two days ago"]


def _folder(tmp_path: Path, count: int) -> Path:
    """`count` articles made from the sample's sentences, and a Russian and an Armenian one."""
    from dossier.ingest.text_reader import read_text
    from dossier.sample import sample_path

    body = read_text(sample_path().read_text("utf-8")).text
    sentences = [s.strip() + "." for p in body.split("\n\n") for s in p.split(". ") if len(s.split()) > 3]
    rng = random.Random(5)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(count - 2):
        picked = " ".join(rng.choice(sentences) for _ in range(8)).replace("Syunik", rng.choice(PLACES))
        extra = f"{rng.choice(PEOPLE)} spoke {rng.choice(DATES)} about {rng.choice(PLACES)} (report {i})."
        (folder / f"{i:04d}.txt").write_text(f"Report {i}\n\n{picked}\n\n{extra}\n", encoding="utf-8")
    for code in ("ru", "hy"):
        (folder / f"z-{code}.md").write_text((REPO / "tests" / "data" / "languages" / f"{code}.md").read_text("utf-8"),
                                             encoding="utf-8")
    return folder


def _content(path: Path) -> tuple[list[tuple], list[tuple], int]:
    conn = sqlite3.connect(path)
    mentions = sorted(conn.execute(
        "SELECT a.sha256, m.start_offset, m.end_offset, e.name, e.kind FROM mentions m "
        "JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id"))
    events = sorted(conn.execute(
        "SELECT a.sha256, v.start_offset, v.end_offset, v.date_text, v.earliest, v.latest, v.precision FROM events v "
        "JOIN articles a ON a.id = v.article_id"))
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    return mentions, events, articles


@pytest.mark.slow
def test_workers_give_the_dossier_one_process_gives(tmp_path: Path) -> None:
    folder = _folder(tmp_path, POOL_FROM_FILES + 4)
    dossiers = {}
    for jobs in (1, 2):
        path = tmp_path / f"jobs{jobs}.dossier"
        with Database.create(path, "Parallel") as store:
            report = run_import(store, [folder], ImportOptions(published=("2021-05-14", "day"), jobs=jobs))
        assert len(report.imported) == POOL_FROM_FILES + 4 and not report.failed
        dossiers[jobs] = _content(path)
    assert dossiers[1] == dossiers[2]
    mentions, events, _articles = dossiers[2]
    assert len(mentions) > 500 and len(events) > 50
    assert any(name == "Никол Пашинян" for _s, _a, _b, name, _k in mentions)  # Natasha ran here, in order


@pytest.mark.slow
def test_a_cancelled_parallel_import_stops_and_keeps_what_it_stored(tmp_path: Path) -> None:
    folder = _folder(tmp_path, POOL_FROM_FILES + BATCH * 2)
    options = ImportOptions(jobs=2)
    with Database.create(tmp_path / "cancel.dossier", "Cancel") as store:
        done = 0
        for progress in import_files(store, [folder], options):
            done = progress.done
            if done >= BATCH:
                options.cancel.set()
        # The cancel comes as the first batch's last article is stored; nothing read after it is
        # stored, however far the worker processes had read ahead.
        assert progress.report.cancelled and done == BATCH
        stored = store.articles.count()
        assert stored == len(progress.report.imported) == BATCH
        for article_id in store.articles.ids():  # every stored article came with its proposals
            assert store.entities.mentions_in(article_id), article_id


HELD_AFTER = BATCH * 2
# `dossier import` whose writer stops for good before its (HELD_AFTER + 1)th article and says so:
# the kill then comes at the same place whatever the machine's speed (an import that finished
# before a kill timed by the clock would prove nothing).
HELD_IMPORT = f"""
import sys, threading
import dossier.ingest.pipeline as pipeline
from dossier.cli import main

real, stored = pipeline.store_item, []

def held(*args, **kwargs):
    if len(stored) == {HELD_AFTER}:
        print("held", flush=True)
        threading.Event().wait()  # until killed
    stored.append(real(*args, **kwargs))
    return stored[-1]

pipeline.store_item = held
if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_killed_halfway_then_run_again_nothing_lost_nothing_twice(tmp_path: Path) -> None:
    """SIGKILL to the importing process (a crash) while its workers run the model: what it
    stored is whole, its workers go, and the same import run again stores the rest."""
    count = POOL_FROM_FILES + BATCH * 4
    folder = _folder(tmp_path, count)
    path = tmp_path / "killed.dossier"
    Database.create(path, "Killed").close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    arguments = ["import", "--into", str(path), str(folder), "--jobs", "2"]
    child = subprocess.Popen([sys.executable, "-c", HELD_IMPORT, *arguments], env=env, cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for line in child.stdout:  # blocks until the writer is held (pytest-timeout ends a hang)
        if line.strip() == "held":
            break
    else:
        raise AssertionError(f"the import ended before it was held: {child.stderr.read() if child.stderr else ''}")
    workers = _children_of(child.pid)
    assert len(workers) >= 2  # the model's workers (and multiprocessing's resource tracker)
    child.send_signal(signal.SIGKILL)
    child.wait()
    waited = time.monotonic() + 30
    while workers and time.monotonic() < waited:  # orphaned workers notice and end (a deadline, not a pace)
        time.sleep(0.2)
        workers = [pid for pid in workers if _alive(pid)]
    assert workers == []
    mentions, _events, stored = _content(path)
    assert stored == HELD_AFTER
    with_mentions = {sha for sha, *_rest in mentions}
    conn = sqlite3.connect(path)
    assert {r[0] for r in conn.execute("SELECT sha256 FROM articles")} == with_mentions  # all or none
    conn.close()
    command = [sys.executable, "-m", "dossier", *arguments[:-2], "--jobs", "1"]
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"imported {count - stored}, duplicates {stored}, failed 0" in again.stdout
    assert f"… and {stored - 20:,} more already in the dossier" in again.stdout
    assert _content(path)[2] == count


def _children_of(parent: int) -> list[int]:
    """The processes `parent` started, by their parent's pid in /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{parent}\n" in status:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in state


@pytest.mark.slow
def test_a_batch_a_worker_fails_on_is_read_here_instead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.ingest.model_pool import ModelPool

    real = ModelPool.docs
    calls = []

    def failing(nlp, future):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("a worker died")
        return real(nlp, future)

    monkeypatch.setattr(ModelPool, "docs", staticmethod(failing))
    folder = _folder(tmp_path, POOL_FROM_FILES + 4)
    with Database.create(tmp_path / "fallback.dossier", "Fallback") as store:
        report = run_import(store, [folder], ImportOptions(jobs=2))
        assert len(report.imported) == POOL_FROM_FILES + 4 and not report.notes and not report.failed
        assert all(store.entities.mentions_in(i) for i in store.articles.ids())
    assert len(calls) >= 3

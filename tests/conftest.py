"""Shared fixtures. Qt runs offscreen; every test gets its own data folder (backups, sample)."""

from __future__ import annotations

import faulthandler
import os
import shutil
import sys
from pathlib import Path

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parents[1]


WATCHDOG_MARGIN_S = 30


@pytest.fixture(autouse=True)
def watchdog(request: pytest.FixtureRequest) -> object:
    """A hang that holds the GIL inside a Qt mutex (the first round's export freeze) can't be
    interrupted by pytest-timeout, which needs Python to run. faulthandler's watchdog is a C
    thread: past the test's time limit it prints every thread's stack and ends the run, so CI
    fails with the place of the hang instead of blocking."""
    from _pytest.faulthandler import fault_handler_stderr_fd_key

    marker = request.node.get_closest_marker("timeout")
    limit = float(marker.args[0]) if marker and marker.args else float(request.config.getini("timeout") or 300)
    # pytest captures file descriptor 2 during a test; its faulthandler plugin kept a copy of the
    # real stderr, which is where the stacks must go to be seen in CI's log.
    stderr = request.config.stash.get(fault_handler_stderr_fd_key, sys.__stderr__.fileno())  # type: ignore[union-attr]
    faulthandler.dump_traceback_later(limit + WATCHDOG_MARGIN_S, exit=True, file=stderr)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups and the first-run sample go here, never into the real user folder."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_passphrases_kept() -> object:
    """The keys of encrypted dossiers a test unlocked are this process's: the next test starts
    without them."""
    yield
    from dossier.store.encryption import forget_all

    forget_all()


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample dossier, built once per session; tests get copies."""
    from dossier.sample import write_sample

    folder = tmp_path_factory.mktemp("template")
    old = os.environ.get("DOSSIER_DATA_DIR")
    os.environ["DOSSIER_DATA_DIR"] = str(folder / "user-data")
    try:
        write_sample(folder / "sample.dossier").close()
    finally:
        if old is None:
            os.environ.pop("DOSSIER_DATA_DIR", None)
        else:
            os.environ["DOSSIER_DATA_DIR"] = old
    return folder / "sample.dossier"


@pytest.fixture(scope="session")
def corpus_template(sample_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plus the six articles of tests/data/corroboration (six outlets on the sample's
    story; OC Media repeats Azatutyun), entities and dates extracted: built once per session."""
    from dossier.ingest.pipeline import run_import
    from dossier.store import Database

    path = tmp_path_factory.mktemp("corpus") / "corpus.dossier"
    shutil.copyfile(sample_template, path)
    store = Database.open(path)
    try:
        report = run_import(store, [REPO / "tests" / "data" / "corroboration"])
        assert len(report.imported) == 6 and not report.failed, report
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def languages_template(sample_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plus the articles of tests/data/languages: the same week reported in Russian,
    Armenian, Azerbaijani, Persian and Arabic, languages detected and dates read."""
    from dossier.ingest.pipeline import run_import
    from dossier.store import Database

    path = tmp_path_factory.mktemp("languages") / "languages.dossier"
    shutil.copyfile(sample_template, path)
    store = Database.open(path)
    try:
        report = run_import(store, sorted((REPO / "tests" / "data" / "languages").glob("*.md")))
        assert len(report.imported) == 5 and not report.failed, report
    finally:
        store.close()
    return path


@pytest.fixture
def languages_path(languages_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "languages.dossier"
    shutil.copyfile(languages_template, target)
    return target


@pytest.fixture
def corpus_path(corpus_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "corpus.dossier"
    shutil.copyfile(corpus_template, target)
    return target


@pytest.fixture
def sample_path(sample_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "sample.dossier"
    shutil.copyfile(sample_template, target)
    return target


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A new, empty dossier, open."""
    from dossier.store import Database

    s = Database.create(tmp_path / "test.dossier", "Test dossier")
    yield s
    s.close()

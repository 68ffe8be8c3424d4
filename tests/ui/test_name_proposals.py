"""Entities that look like one are looked for off the window's thread (issue 32): opening a
dossier of thousands of names differing by a number left the window standing for 14 s while they
were compared pair by pair on its thread. With the app's own task runner, the comparison runs
on a worker and the proposal shows when it is found."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from dossier.store import Database
from dossier.ui.entities import sidebar as sidebar_module


@pytest.mark.timeout(120)
def test_proposals_are_found_on_a_worker_and_shown_when_found(qtbot, open_real_window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:
    path = tmp_path / "names.dossier"
    with Database.create(path, "Names") as store:
        for i in range(2_000):  # people who differ by a number: never one name
            store.entities.add(f"Ivan Petrov {i}", "person")
        store.entities.add("Nikol Pashinyan", "person")
        store.entities.add("Никол Пашинян", "person")
    threads: list[str] = []
    real = sidebar_module.proposals_of

    def watched(store: object) -> object:
        threads.append(threading.current_thread().name)
        return real(store)

    monkeypatch.setattr(sidebar_module, "proposals_of", watched)
    window = open_real_window(path)
    sidebar = window.workspace.entities
    qtbot.waitUntil(lambda: sidebar.proposal_bar.isVisibleTo(sidebar), timeout=60_000)
    assert sidebar.proposal_label.text() == "“Nikol Pashinyan” and “Никол Пашинян” look like one name in two spellings."
    assert threads and threading.main_thread().name not in threads
    window.close()

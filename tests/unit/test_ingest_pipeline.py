"""The import pipeline: progress, duplicates, failures, linking, and respect for user edits."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from dossier.ingest.extract import extract_articles, reresolve_dates
from dossier.ingest.pipeline import ImportOptions, import_files, run_import
from dossier.operations import perform, undo
from dossier.operations.events import DeleteEvent
from dossier.store import Database

FIRST = ("Russian troops sent to Syunik\n\nArmenian Prime Minister Nikol Pashinyan asked Russia for help. "
         "Russian troops from the 102nd Base were dispatched to Syunik yesterday. Pashinyan thanked Moscow.\n")
SECOND = ("Tension in the south\n\nSyunik residents said on Monday that Azerbaijani soldiers were still near "
          "the border. PASHINYAN promised a response, Interfax reported.\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(FIRST)
    (src / "sub" / "b.txt").write_text(SECOND)
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (src / ".hidden.txt").write_text("Hidden\n\nnot imported")
    (src / "notes.docx").write_bytes(b"PK\x03\x04")  # not a supported kind: skipped in a folder
    return src


def test_a_folder_imports_with_progress_and_reasons(store: Database, folder: Path) -> None:
    options = ImportOptions(published=("2021-05-14", "day"), source="SouthFront")
    steps = list(import_files(store, [folder], options))
    assert [(s.done, s.total) for s in steps] == [(0, 3), (1, 3), (2, 3), (3, 3), (3, 3)]
    report = steps[-1].report
    assert [p.name for p, _ in report.imported] == ["a.txt", "b.txt"]
    assert [(p.name, "damaged" in reason) for p, reason in report.failed] == [("broken.pdf", True)]
    first = store.articles.get(report.imported[0][1])
    assert (first.title, first.source, first.published) == ("Russian troops sent to Syunik", "SouthFront", "2021-05-14")
    assert store.articles.original(first.id) == ("a.txt", FIRST.encode())


def test_a_second_import_of_the_same_text_is_a_duplicate(store: Database, folder: Path) -> None:
    run_import(store, [folder / "a.txt"], ImportOptions(extract=False))
    again = run_import(store, [folder / "a.txt"], ImportOptions(extract=False))
    assert again.imported == [] and [p.name for p, _ in again.duplicates] == ["a.txt"]
    assert store.articles.count() == 1


def test_mentions_link_to_the_same_entity_across_articles(store: Database, folder: Path) -> None:
    run_import(store, [folder / "a.txt", folder / "sub" / "b.txt"], ImportOptions(published=("2021-05-14", "day")))
    names = {e.id: e for e in store.entities.all()}
    syunik = [m for m in store.entities.mentions_of(store.entities.ids_by_name("Syunik")[0])]
    assert {m.article_id for m in syunik} == {1, 2}
    (pashinyan_id,) = store.entities.ids_by_name("Nikol Pashinyan")
    surfaces = sorted((m.article_id, m.surface) for m in store.entities.mentions_of(pashinyan_id))
    # The bare name in the second article links through the alias learnt from the first,
    # ignoring case.
    assert surfaces == [(1, "Nikol Pashinyan"), (1, "Pashinyan"), (2, "PASHINYAN")]
    assert names[pashinyan_id].kind == "person"


def test_re_extraction_keeps_user_work_and_rejections(store: Database, folder: Path) -> None:
    run_import(store, [folder / "a.txt"], ImportOptions(published=("2021-05-14", "day")))
    text = store.articles.get(1).text
    (base_id,) = store.entities.ids_by_name("102nd Base")
    store.entities.delete(base_id)  # "not an entity"
    moscow = text.index("Moscow")
    store.entities.add_from_selection(1, moscow, moscow + 6, "Moscow", "place")  # the user's own
    syunik_mention = next(m for m in store.entities.mentions_in(1) if m.surface == "Syunik")
    store.entities.remove_mention(syunik_mention.id)
    extract_articles(store, [1])
    surfaces = [(m.surface, m.origin) for m in store.entities.mentions_in(1)]
    assert ("102nd Base", "auto") not in surfaces
    assert ("Moscow", "user") in surfaces
    assert ("Syunik", "auto") not in surfaces  # the removed mention stays removed
    assert ("Russian", "auto") in surfaces  # and the rest came back


def test_changing_the_published_date_moves_automatic_events_only(store: Database, folder: Path) -> None:
    run_import(store, [folder / "a.txt"], ImportOptions(published=("2021-05-14", "day")))
    (yesterday,) = [e for e in store.events.all(1) if e.date_text == "yesterday"]
    assert (yesterday.earliest, yesterday.precision) == ("2021-05-13", "day")
    from dossier.core.models import NewEvent

    store.events.add_many([NewEvent(1, 0, 10, "User's own", "yesterday", "2000-01-01", "2000-01-01", "day", "user")])
    store.articles.update_metadata(1, title="T", source=None, url=None, published="2021-06-02", published_precision="day")
    assert reresolve_dates(store, 1) == 1
    events = {(e.origin, e.title): e for e in store.events.all(1)}
    assert events[("auto", yesterday.title)].earliest == "2021-06-01"
    assert events[("user", "User's own")].earliest == "2000-01-01"  # never the user's
    store.articles.update_metadata(1, title="T", source=None, url=None, published=None, published_precision="unknown")
    reresolve_dates(store, 1)
    assert events[("auto", yesterday.title)].earliest is not None
    assert next(e for e in store.events.all(1) if e.origin == "auto").earliest is None  # unknown, not guessed


def test_without_a_published_date_relative_events_stay_unresolved(store: Database, folder: Path) -> None:
    run_import(store, [folder / "a.txt"])
    (yesterday,) = [e for e in store.events.all(1) if e.date_text == "yesterday"]
    assert (yesterday.earliest, yesterday.latest) == (None, None)


def test_cancel_stops_between_files(store: Database, folder: Path) -> None:
    cancel = threading.Event()
    options = ImportOptions(extract=False, cancel=cancel)
    progress = import_files(store, [folder], options)
    next(progress)
    next(progress)  # the first file is in
    cancel.set()
    last = list(progress)[-1]
    assert last.report.cancelled and store.articles.count() == 1


def test_events_edited_or_deleted_by_hand_stay_that_way(store: Database, tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text("Two dates\n\nTroops arrived yesterday. The ceasefire of November 10 held.\n")
    run_import(store, [tmp_path / "c.txt"], ImportOptions(published=("2021-05-14", "day")))
    events = {e.date_text: e for e in store.events.all(1)}
    assert set(events) == {"yesterday", "November 10"}
    store.events.update(events["yesterday"].id, "Troops arrive", "yesterday", "2021-05-12", "2021-05-12", "day")
    deleted = perform(store, DeleteEvent(events["November 10"].id))
    extract_articles(store, [1])
    (kept,) = store.events.all(1)  # the deleted one did not come back, the edited one was not doubled
    assert (kept.title, kept.earliest, kept.origin) == ("Troops arrive", "2021-05-12", "user")
    undo(store, deleted)
    assert {e.date_text for e in store.events.all(1)} == {"yesterday", "November 10"}


def test_loading_the_model_leaves_garbage_collection_as_it_was() -> None:
    """srsly (the model's file reader) turns automatic collection on after reading; the window
    keeps it off while workers run (ui/gc_thread.py), loads the model on a worker and reads
    documents back on one."""
    import subprocess
    import sys

    # Loading, then reading a document back from a worker process's bytes (a large import does,
    # on a worker thread: srsly switched collection on there, and it collected Qt objects).
    code = ("import gc; gc.{}(); from dossier.ingest.nlp import load_pipeline; nlp = load_pipeline(); "
            "print(gc.isenabled()); from spacy.tokens import Doc; "
            "Doc(nlp.vocab).from_bytes(nlp('Pashinyan asked Russia for help.').to_bytes()); print(gc.isenabled())")
    for switch, expected in (("disable", "False\nFalse"), ("enable", "True\nTrue")):
        out = subprocess.run([sys.executable, "-c", code.format(switch)], capture_output=True, text=True,
                             timeout=120, cwd=Path(__file__).resolve().parents[2])
        assert out.stdout.strip() == expected, out.stderr

"""Reading ahead (ingest.ahead): the same items in the same order, read on a thread of their own,
a failure raised where it happened, and the reader stopped when the caller leaves early."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from dossier.ingest.ahead import read_ahead


def test_items_come_in_order_from_a_reader_thread() -> None:
    threads: list[str] = []

    def numbers() -> Iterator[int]:
        for n in range(50):
            threads.append(threading.current_thread().name)
            yield n

    assert list(read_ahead(numbers, depth=3)) == list(range(50))
    assert set(threads) == {"dossier-import-reader"}


def test_a_failure_while_reading_is_raised_after_the_items_before_it() -> None:
    def breaks() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("record 3 is broken")

    got = []
    with pytest.raises(ValueError, match="record 3 is broken"):
        for item in read_ahead(breaks):
            got.append(item)
    assert got == [1, 2]


@pytest.mark.timeout(30)
def test_leaving_early_stops_the_reader_and_runs_its_clean_up() -> None:
    read: list[int] = []
    closed = threading.Event()

    def endless() -> Iterator[int]:
        try:
            n = 0
            while True:
                read.append(n)
                yield n
                n += 1
        finally:
            closed.set()

    items = read_ahead(endless, depth=2)
    assert [next(items) for _ in range(5)] == [0, 1, 2, 3, 4]
    items.close()  # the caller stops (a cancel, Ctrl+C, a failure while storing)
    assert closed.is_set()  # the reader ended before close() returned, its clean-up run
    assert len(read) <= 5 + 2 + 1  # never more than `depth` (and the one in hand) ahead
    assert not any(t.name == "dossier-import-reader" for t in threading.enumerate())


def test_an_import_reads_on_the_reader_thread_and_stores_on_its_own(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dossier.ingest import pipeline
    from dossier.store import Database

    for i in range(40):
        (tmp_path / f"{i:02d}.txt").write_text(f"Report {i}\n\nTroops moved near Goris on day {i}.", encoding="utf-8")
    read_on: set[str] = set()
    real = pipeline.read_file

    def watched(path, ocr=None):  # type: ignore[no-untyped-def]
        read_on.add(threading.current_thread().name)
        return real(path, ocr)

    monkeypatch.setattr(pipeline, "read_file", watched)
    store = Database.create(tmp_path / "t.dossier", "t")
    try:
        report = pipeline.run_import(store, [tmp_path], pipeline.ImportOptions(extract=False))
    finally:
        store.close()
    assert len(report.imported) == 40 and read_on == {"dossier-import-reader"}

"""The language model on every core: worker processes that each load the model once, at a lower
priority than the window, and run it over the texts of an import.

Only the model runs there (86 % of an import's time, bench_ingest): each worker sends back its
documents as spaCy's bytes, and the importing process reads them in file order and does the rest
(correcting the model's guesses, known names, dates) exactly as it does alone. So the names one
file teaches are looked for in the next in the same order whatever the number of workers, and an
import with four workers gives the same dossier as with one.

Workers are started with "spawn": forking a process that runs Qt and threads copies locks held by
other threads. A frozen app must call `multiprocessing.freeze_support()` first thing (__main__).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from dossier.ingest.nlp import load_pipeline

# The worker's own model; loaded by `_start`, once per process.
_worker_nlp: Any = None
NICENESS = 10  # workers yield to the window: the GUI thread keeps a core's worth of time


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _start() -> None:
    global _worker_nlp
    with contextlib.suppress(AttributeError, OSError):  # Windows, or not allowed: the same priority
        os.nice(NICENESS)
    _end_with(os.getppid())

    _worker_nlp = load_pipeline()


def _end_with(parent: int) -> None:
    """End this worker when the importing process is gone (killed, crashed): each worker holds
    its own end of the task queue, so none would ever see it close, and 150 MB each would stay."""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)  # nothing of ours to save: results go only to the process that is gone

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _run(texts: Sequence[str]) -> list[bytes]:
    """In a worker: the model over the texts, each document as bytes (no tensors: not needed)."""
    return [doc.to_bytes(exclude=["tensor", "user_data"]) for doc in _worker_nlp.pipe(texts, batch_size=16)]


class ModelPool:
    """`jobs` worker processes with the model loaded; `submit` texts now, `docs` them later, so
    the next batches are read while this one is analysed."""

    def __init__(self, jobs: int) -> None:
        import multiprocessing

        self.jobs = jobs
        self._executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_start)

    def submit(self, texts: Sequence[str]) -> Future[list[Any]]:
        return self._executor.submit(_run, list(texts))

    @staticmethod
    def docs(nlp: Any, future: Future[list[Any]]) -> Iterator[Any]:
        """The documents of a submitted batch, read into this process's vocabulary."""
        from spacy.tokens import Doc

        for data in future.result():
            yield Doc(nlp.vocab).from_bytes(data)

    def close(self, cancel: bool = False) -> None:
        self._executor.shutdown(wait=not cancel, cancel_futures=cancel)

    def __enter__(self) -> ModelPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(cancel=exc[0] is not None)

"""Reading ahead: the items of a generator made on a thread of their own, a few ahead of their use.

An import reads (HTML through its reader, an archive's records, a model's batches) and stores (a
transaction per article, whose commit waits on the disk). Done one after the other, each waits for
the other; with the reading a batch or two ahead on its own thread, the reading of the next pages
happens while the last ones are written (SQLite lets other threads run while it waits on the disk).
Reading never touches the dossier (ingest.pipeline.read_and_analyse), so only the caller's thread
writes. What the items are and their order are unchanged; a failure while reading is raised where
the item it stopped would have come; leaving early (cancel, Ctrl+C, a failure while storing) stops
the reader before its next item and waits for it to end.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar, cast

T = TypeVar("T")

_END = object()


def read_ahead(make: Callable[[], Iterator[T]], depth: int = 2, name: str = "dossier-import-reader") -> Iterator[T]:
    """The items of `make()`, produced on a thread named `name`, at most `depth` ahead."""
    ready: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def hand_over(item: tuple[bool, object]) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        items = make()
        try:
            for item in items:
                if not hand_over((True, item)):
                    return
            hand_over((False, _END))
        except BaseException as error:  # handed to the caller, raised there
            hand_over((False, error))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()  # a generator's own clean-up (a model pool) runs here, on its thread

    thread = threading.Thread(target=produce, name=name, daemon=True)
    thread.start()
    try:
        while True:
            is_item, value = ready.get()
            if is_item:
                yield cast(T, value)
            elif value is _END:
                return
            else:
                assert isinstance(value, BaseException)
                raise value
    finally:
        stop.set()
        thread.join()

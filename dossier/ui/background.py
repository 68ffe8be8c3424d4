"""Work the app does for a dossier after the window is up: backups and pending extraction.

Extraction runs in two halves: spaCy reads the texts on a worker thread and returns plain
proposals; the GUI thread writes them into the dossier (a few milliseconds) and refreshes the
views. The dossier may have been closed meanwhile: then the proposals are dropped, and the
article stays marked pending for the next time it is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dossier.store import Store
from dossier.store.database import PENDING_EXTRACTION


def pending_article_ids(store: Store) -> list[int]:
    return [int(part) for part in (store.meta(PENDING_EXTRACTION) or "").split(",") if part.strip().isdigit()]


def mark_pending(store: Store, article_ids: list[int]) -> None:
    """Add articles to those waiting for extraction (kept in the file: survives a quit)."""
    ids = list(dict.fromkeys(pending_article_ids(store) + article_ids))
    store.set_meta(PENDING_EXTRACTION, ",".join(map(str, ids)))


def extract_pending(store: Store, tasks: Any, on_applied: Callable[[], None],
                    on_error: Callable[[Exception], None] | None = None) -> bool:
    """Start extracting the articles marked pending; False if there are none."""
    ids = pending_article_ids(store)
    if not ids:
        return False
    articles = [store.article(i) for i in ids]
    texts = [a.text for a in articles]
    published = [a.published if a.published_precision == "day" else None for a in articles]

    def work() -> list[Any]:
        from dossier.ingest.extract import analyse
        from dossier.ingest.nlp import load_pipeline

        return analyse(load_pipeline(), texts, published)

    def apply(proposals: list[Any]) -> None:
        if not store.is_open:
            return
        from dossier.ingest.extract import EntityLinker, apply_proposal

        linker = EntityLinker(store)
        with store.transaction():
            for article_id, proposal in zip(ids, proposals):
                if store.has_article(article_id):  # not deleted (or undone) meanwhile
                    apply_proposal(store, article_id, proposal, linker)
            rest = [i for i in pending_article_ids(store) if i not in ids]
            store.set_meta(PENDING_EXTRACTION, ",".join(map(str, rest)))
        on_applied()

    tasks.run(work, apply, on_error)
    return True

"""Work the app does for a dossier after the window is up: pending extraction.

Extraction runs in two halves: spaCy reads the texts on a worker thread and returns plain
proposals; the GUI thread writes them through the session (a few milliseconds), whose change
signal refreshes the views. The dossier may have been closed meanwhile: then the proposals are
dropped, and the articles stay marked pending for the next time it is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dossier.operations.articles import ApplyExtraction
from dossier.ui.session import DossierSession


def extract_pending(session: DossierSession, tasks: Any, on_applied: Callable[[], None],
                    on_error: Callable[[BaseException], None] | None = None) -> bool:
    """Start extracting the articles marked pending; False if there are none."""
    store = session.store
    ids = store.pending_extraction()
    if not ids:
        return False
    articles = [store.article(i) for i in ids if store.has_article(i)]
    texts = [a.text for a in articles]
    days = [a.publication_day for a in articles]

    def work() -> list[Any]:
        from dossier.ingest.extract import analyse
        from dossier.ingest.nlp import load_pipeline

        return analyse(load_pipeline(), texts, days)

    def apply(proposals: list[Any]) -> None:
        if session.is_open and session.commit(ApplyExtraction([a.id for a in articles], proposals, pending=ids)) is not None:
            on_applied()

    tasks.run(work, apply, on_error)
    return True

"""Work the app does for a dossier after the window is up: pending extraction, and the
languages of articles stored before Dossier detected them.

Extraction runs in two halves: spaCy reads the texts on a worker thread and returns plain
proposals; the GUI thread writes them through the session (a few milliseconds), whose change
signal refreshes the views. The dossier may have been closed meanwhile: then the proposals are
dropped, and the articles stay marked pending for the next time it is opened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from dossier.ingest import language  # through the module: a call finds it as it is when made
from dossier.operations.articles import LANGUAGES_DETECTED, ApplyExtraction, SetDetectedLanguages
from dossier.store import Database
from dossier.ui.session import DossierSession

STEP = 4  # articles read between two progress reports


def extract_pending(session: DossierSession, tasks: Any, on_applied: Callable[[], None],
                    on_error: Callable[[BaseException], None] | None = None,
                    on_progress: Callable[[str, int, int], None] | None = None) -> bool:
    """Start extracting the articles marked pending; False if there are none. `on_progress`
    hears ("loading", 0, n) while the model loads (the first time, a few seconds), then
    ("reading", done, n) as the articles are read."""
    store = session.store
    ids = store.pending_extraction()
    if not ids:
        return False
    articles = [store.articles.get(i) for i in ids if store.articles.exists(i)]
    texts = [a.text for a in articles]
    days = [a.publication_day for a in articles]
    languages = [a.language for a in articles]

    def work() -> Iterator[tuple[Any, ...]]:
        from dossier.ingest.extract import NameMatcher, analyse  # lazy: not on the start-up path
        from dossier.ingest.nlp import load_pipeline  # lazy: not on the start-up path

        yield ("loading", 0, len(texts))
        nlp = load_pipeline()
        matcher = NameMatcher(nlp)  # names found in one article are looked for in the next
        proposals: list[Any] = []
        for first in range(0, len(texts), STEP):
            yield ("reading", first, len(texts))
            proposals += analyse(nlp, texts[first:first + STEP], days[first:first + STEP], matcher=matcher,
                                 languages=languages[first:first + STEP])
        yield ("proposals", proposals)

    def step(item: tuple[Any, ...]) -> None:
        if item[0] != "proposals":
            if on_progress is not None:
                on_progress(*item)
            return
        if session.is_open and session.commit(ApplyExtraction([a.id for a in articles], item[1], pending=ids)):
            on_applied()

    tasks.run_steps(work, step, on_error=on_error)
    return True


def detect_missing_languages(session: DossierSession, tasks: Any,
                             on_error: Callable[[BaseException], None] | None = None) -> bool:
    """Detect, once per dossier, the language of articles stored before Dossier did (0.3 ms an
    article, on a worker through its own connection, a page at a time); False if done already.
    After a failure the pages detected so far stay; the rest are tried when it is opened again."""
    store = session.store
    if store.meta(LANGUAGES_DETECTED) or not store.articles.count():
        return False
    path = store.path

    def work() -> Iterator[tuple[list[tuple[int, str | None]], bool]]:
        with Database.reading(path) as reader:
            after = 0
            while page := reader.articles.texts_without_language(after):
                after = page[-1][0]
                yield [(article_id, language.detect_language(text)) for article_id, text in page], False
        yield [], True

    def step(item: tuple[list[tuple[int, str | None]], bool]) -> None:
        if session.is_open:
            session.commit(SetDetectedLanguages(*item))

    tasks.run_steps(work, step, on_error=on_error)
    return True

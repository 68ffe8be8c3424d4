"""Edits of articles and outlets: properties, delete, an outlet's grade; and what an import or
an extraction writes (an import is one undo step; extraction is not the user's to undo)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypedDict

from dossier.core import limits
from dossier.core.changes import ALL, Changes
from dossier.core.validity import ISO_DATE, published_problem  # noqa: F401 - ISO_DATE: the claims board's filter
from dossier.core.vocabulary import RELIABILITY
from dossier.operations import Edit, Operation, Refused, existing, non_empty
from dossier.store import Database

if TYPE_CHECKING:
    from dossier.ingest.document import Document
    from dossier.ingest.extract import EntityLinker, Proposal
    from dossier.ingest.pipeline import ReadItem


class Unchanged:
    """A field the edit leaves as it is (None is a value: "no language")."""


UNCHANGED = Unchanged()
# An article arriving or going changes what every view lists and counts.
ARTICLES_CHANGED = {"entities": ALL, "events": ALL, "sources": ALL, "annotations": ALL, "tags": ALL}


def check_published(published: str | None, precision: str) -> None:
    """A published date is ISO (2021-05-14, 2021-05 or 2021), in the calendar, and at least as
    precise as its precision says (a day known only to the month is allowed, not the reverse)."""
    problem = published_problem(published, precision)
    if problem is not None:
        raise Refused(f"{problem[0].upper()}{problem[1:]}.".replace(" (2021-05-14, 2021-05 or 2021)",
                                                                    ": write 2021-05-14, 2021-05 or 2021"))


class _Metadata(TypedDict):
    """What EditArticle sets, by the names Articles.update_metadata takes."""

    title: str
    source: str | None
    url: str | None
    published: str | None
    published_precision: str


class EditArticle(Operation[int]):
    """New metadata for an article; its automatic events follow a new published date. `reports`
    (the outlets whose reporting it repeats) is left as it is when None."""

    text = "Edit article properties"

    def __init__(self, article_id: int, title: str, source: str | None, url: str | None, published: str | None,
                 published_precision: str, reports: Sequence[str] | None = None,
                 language: str | Unchanged | None = UNCHANGED) -> None:
        self.article_id = article_id
        self.values: _Metadata = {"title": title.strip(), "source": source or None, "url": url or None,
                                  "published": published or None, "published_precision": published_precision}
        self.reports = None if reports is None else [o.strip() for o in reports if o.strip()]
        self.language = language
        self.result = 0  # events moved to the new date
        self.needs_extraction = False  # a new language: its names (and English dates) are read again

    def validate(self, store: Database) -> None:
        existing(store, "article", store.articles.get, self.article_id)
        non_empty(self.values["title"], "An article's title", limits.TITLE)
        check_published(self.values["published"], self.values["published_precision"])
        if isinstance(self.language, str) and not re.fullmatch(r"[a-z]{2,3}", self.language):
            raise Refused(f"“{self.language}” is not a language code (ru, hy, az…).")

    def apply(self, store: Database) -> Changes:
        from dossier.ingest.extract import refind_dates, reresolve_dates  # lazy: not on the start-up path

        before = store.articles.get(self.article_id)
        store.articles.update_metadata(self.article_id, **self.values)
        if self.reports is not None:
            store.articles.set_reports(self.article_id, self.reports)
        if not isinstance(self.language, Unchanged) and self.language != before.language:
            # Names and dates are read in the article's language: a new one means reading them
            # again. Dates at once where no model is needed; names, and English dates, by
            # extraction on a worker.
            store.articles.set_language(self.article_id, self.language)
            refind_dates(store, self.article_id)
            store.mark_pending_extraction([self.article_id])
            self.needs_extraction = True
        self.result = reresolve_dates(store, self.article_id)
        # Annotations: the claims board counts evidence by outlet and by what articles repeat.
        return Changes(articles=[self.article_id], events=ALL, sources=ALL, annotations=ALL)


class DeleteArticle(Edit):
    """The article goes with its annotations, mentions and events (undo brings all back)."""

    text = "Delete article"

    def __init__(self, article_id: int) -> None:
        self.article_id = article_id

    def validate(self, store: Database) -> None:
        existing(store, "article", store.articles.get, self.article_id)

    def apply(self, store: Database) -> Changes:
        store.articles.delete(self.article_id)
        return Changes(articles=[self.article_id], content=[self.article_id], **ARTICLES_CHANGED)


class GradeSource(Edit):
    """An outlet's default reliability (A–F, or none) and why: what its claims inherit."""

    text = "Grade source"

    def __init__(self, name: str, reliability: str | None, rationale: str) -> None:
        self.name, self.reliability, self.rationale = name, reliability, rationale.strip()

    def validate(self, store: Database) -> None:
        non_empty(self.name, "An outlet's name")
        if self.reliability is not None and self.reliability not in RELIABILITY:
            raise Refused(f"Source reliability is graded A to F, not “{self.reliability}”.")

    def apply(self, store: Database) -> Changes:
        store.sources.set_grade(self.name, self.reliability, self.rationale)
        return Changes(sources=ALL, annotations=ALL)  # inherited grades change with it


class AddDocument(Operation[int]):
    """One article brought in by a gesture (a paste, a dropped page): one undo step."""

    text = "Paste article"

    def __init__(self, document: Document) -> None:
        self.document = document
        self.needs_extraction = False  # set once stored: its names and dates wait for a worker

    def validate(self, store: Database) -> None:
        non_empty(self.document.title, "An article's title", limits.TITLE)
        if not self.document.text.strip():
            raise Refused("The article has no text.")
        check_published(self.document.published, self.document.published_precision)

    def apply(self, store: Database) -> Changes:
        from dossier.ingest.pipeline import add_document  # lazy: not on the start-up path

        self.result = add_document(store, self.document)
        # In the same transaction as the article: undo forgets it, and a crash before the worker
        # ran leaves it waiting for the next open, never stored without its names and dates.
        store.mark_pending_extraction([self.result])
        self.needs_extraction = True
        return Changes(articles=[self.result], content=[self.result], sources=ALL)


class StoreImported(Operation[list[int]]):
    """One batch of an import: each file's article with its proposals, each file in its own
    savepoint, so a file that fails is reported and the others are kept. `report` says what
    happened to each file once the batch has committed."""

    text = "Import articles"

    def __init__(self, items: Sequence[ReadItem], linker: EntityLinker) -> None:
        from dossier.ingest.pipeline import ImportReport  # lazy: not on the start-up path

        self.items, self.linker = items, linker
        self.report = ImportReport()

    def apply(self, store: Database) -> Changes:
        from dossier.ingest.pipeline import store_item  # lazy: not on the start-up path

        for item in self.items:
            store_item(store, item, self.report, self.linker)
        ids = [article_id for _path, article_id in self.report.imported]
        self.result = ids
        if self.report.edited:  # an edited message may have taken another article's place: all may move
            return Changes(articles=ALL, content=ALL, **ARTICLES_CHANGED)
        if not ids:
            return Changes()
        return Changes(articles=ids, content=ids, **ARTICLES_CHANGED)


LANGUAGES_DETECTED = "languages_detected"  # meta: the articles from before detection have been read


class SetDetectedLanguages(Edit):
    """Languages detected for articles stored before Dossier detected them (off the GUI thread);
    those whose dates it reads in that language have them found again. An article the user gave a
    language meanwhile keeps it. `finished`: the last page, so it is not done again."""

    text = "Detect languages"

    def __init__(self, languages: Sequence[tuple[int, str | None]], finished: bool = False) -> None:
        self.languages, self.finished = list(languages), finished

    def apply(self, store: Database) -> Changes:
        from dossier.ingest.extract import refind_dates  # lazy: not on the start-up path

        changed = []
        for article_id, language in self.languages:
            if language and store.articles.exists(article_id) and store.articles.get(article_id).language is None:
                store.articles.set_language(article_id, language)
                refind_dates(store, article_id)
                changed.append(article_id)
        if self.finished:
            store.set_meta(LANGUAGES_DETECTED, "1")
        return Changes(articles=changed, events=ALL) if changed else Changes()


class ApplyExtraction(Edit):
    """Proposed entities and events for articles (extracted off the GUI thread), written in;
    the articles in `pending` are no longer waiting for extraction."""

    text = "Find entities and dates"

    def __init__(self, article_ids: Sequence[int], proposals: Sequence[Proposal], pending: Sequence[int] = ()) -> None:
        self.article_ids, self.proposals = list(article_ids), list(proposals)
        self.pending = list(pending) or self.article_ids

    def apply(self, store: Database) -> Changes:
        from dossier.ingest.extract import EntityLinker, apply_proposal  # lazy: not on the start-up path

        linker = EntityLinker(store)
        done = []
        for article_id, proposal in zip(self.article_ids, self.proposals):
            if store.articles.exists(article_id):  # not deleted (or undone) meanwhile
                apply_proposal(store, article_id, proposal, linker)
                done.append(article_id)
        store.forget_pending_extraction(self.pending)
        return Changes(content=done, entities=ALL, events=ALL)

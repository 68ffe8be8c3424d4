"""Import files into a dossier: read, store, extract, as a generator that reports progress.

`import_files` yields an ImportProgress after each file and honours a cancel flag between
files; the last thing it yields carries the report (imported / duplicates / failed with
reasons). Each file is stored in its own transaction (so no transaction stays open while the
caller looks at progress), and extraction runs over batches of files with spaCy's `nlp.pipe`,
one transaction per batch. A file whose text is already in the dossier (same sha256) is a
duplicate, not a second copy. A file that can't be read is reported and the rest go on.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dossier.ingest.decode import UnreadableFile
from dossier.ingest.document import Document
from dossier.ingest.readers import SUPPORTED, read_file
from dossier.store import Store
from dossier.store.articles import text_sha256

BATCH = 16


@dataclass(frozen=True)
class ImportOptions:
    """What the user knows better than the file: applied to every file of the import."""

    published: tuple[str, str] | None = None  # (ISO date, precision)
    source: str | None = None
    url: str | None = None
    extract: bool = True
    cancel: threading.Event = field(default_factory=threading.Event)


@dataclass
class ImportReport:
    imported: list[tuple[Path, int]] = field(default_factory=list)  # (file, article id)
    duplicates: list[tuple[Path, int]] = field(default_factory=list)  # (file, the article it repeats)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (file, reason)
    cancelled: bool = False


@dataclass(frozen=True)
class ImportProgress:
    done: int
    total: int
    current: Path | None
    report: ImportReport


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: files as given, folders searched for supported files, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    return found


def import_files(store: Store, paths: Iterable[Path], options: ImportOptions | None = None,
                 nlp: Any | None = None) -> Iterator[ImportProgress]:
    options = options or ImportOptions()
    files = collect_files(paths)
    matcher = None  # built with the pipeline on the first batch, then grows through the import
    report = ImportReport()
    total = len(files)
    yield ImportProgress(0, total, None, report)
    for first in range(0, total, BATCH):
        if options.cancel.is_set():
            report.cancelled = True
            break
        batch = files[first : first + BATCH]
        stored: list[int] = []
        for index, path in enumerate(batch, start=first + 1):
            if options.cancel.is_set():
                report.cancelled = True
                break
            article_id = _import_one(store, path, options, report)  # one transaction per file
            if article_id is not None:
                stored.append(article_id)
            yield ImportProgress(index, total, path, report)
        if stored and options.extract:
            from dossier.ingest.extract import NameMatcher, extract_articles
            from dossier.ingest.nlp import load_pipeline

            nlp = nlp or load_pipeline()
            matcher = matcher or NameMatcher(nlp)
            extract_articles(store, stored, nlp, matcher)
        if report.cancelled:
            break
    yield ImportProgress(len(report.imported) + len(report.duplicates) + len(report.failed), total, None, report)


def _import_one(store: Store, path: Path, options: ImportOptions, report: ImportReport) -> int | None:
    try:
        document = read_file(path)
    except UnreadableFile as exc:
        report.failed.append((path, str(exc)))
        return None
    return store_document(store, document, options, report, path)


def store_document(store: Store, document: Document, options: ImportOptions, report: ImportReport,
                   path: Path) -> int | None:
    """Store one read document (file, paste or drop), unless its text is already there."""
    existing = store.article_id_by_sha256(text_sha256(document.text))
    if existing is not None:
        report.duplicates.append((path, existing))
        return None
    if options.published:
        document = replace(document, published=options.published[0], published_precision=options.published[1])
    if options.source:
        document = replace(document, source=options.source)
    if options.url:
        document = replace(document, url=options.url)
    with store.transaction():
        article_id = store.add_article(document.to_article())
        if document.original_bytes:
            store.keep_original(article_id, document.original_name, document.original_bytes)
    report.imported.append((path, article_id))
    return article_id


def run_import(store: Store, paths: Iterable[Path], options: ImportOptions | None = None) -> ImportReport:
    """Import without watching progress."""
    progress = None
    for progress in import_files(store, paths, options):
        pass
    assert progress is not None
    return progress.report

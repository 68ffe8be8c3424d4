"""Import files into a dossier: read, store, extract, as a generator that reports progress.

Two halves, so that the app can run the slow one off the GUI thread: `read_and_analyse` reads
files and runs spaCy over batches of them (`nlp.pipe`) without touching the dossier;
`store_item` writes one file's article and proposals in one transaction. `import_files` joins
them for the command line and tests, yielding an ImportProgress after each file; the last one
carries the report (imported / duplicates / failed with reasons). Cancelling stops between
files. A file whose text is already in the dossier (same sha256) is a
duplicate, not a second copy. A file that can't be read is reported and the rest go on.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dossier.core.cells import neutralise
from dossier.core.citation import plural
from dossier.core.provenance import WEB_ARCHIVE, Provenance

# Through their modules, so that a call finds the function as it is when made (a test wraps them).
from dossier.ingest import extract, language, revisits, telegram_known
from dossier.ingest.ahead import read_ahead
from dossier.ingest.decode import UnreadableFile, one_line
from dossier.ingest.document import Document
from dossier.ingest.extract import EntityLinker, KnownName, NameMatcher, Proposal, analyse, model_texts
from dossier.ingest.many import ItemCount, count_items, looks_like_export, plan_count, read_entries
from dossier.ingest.model_pool import ModelPool
from dossier.ingest.nlp import load_pipeline
from dossier.ingest.picture_reader import OcrOptions
from dossier.ingest.readers import holds_many, is_supported, read_file
from dossier.ingest.screening import screen_article
from dossier.store import Database
from dossier.store.articles import text_sha256
from dossier.store.atomic import text_reads, written_whole

BATCH = 16
POOL_FROM_FILES = 3 * BATCH  # fewer files are read sooner than worker processes load the model
NOTHING_TO_READ = "nothing"  # a batch the model has no text of


@dataclass(frozen=True)
class ImportOptions:
    """What the user knows better than the file: applied to every file of the import."""

    published: tuple[str, str] | None = None  # (ISO date, precision)
    source: str | None = None
    url: str | None = None
    extract: bool = True
    cancel: threading.Event = field(default_factory=threading.Event)
    jobs: int = 1  # processes running the model (ingest.model_pool); the command line uses every core
    ocr_languages: str | None = None  # "hye+eng" for pictures and scans; None: ocr_engine.AUTO_LANGUAGES
    on_page: Callable[[Path, int, int], None] | None = None  # (file, pages read, of pages), from the reading thread


@dataclass
class ImportReport:
    imported: list[tuple[Path, int]] = field(default_factory=list)  # (file, article id)
    duplicates: list[tuple[Path, int]] = field(default_factory=list)  # (file, the article it repeats)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (file, reason)
    notes: list[tuple[Path, str]] = field(default_factory=list)  # imported, with something to say
    cancelled: bool = False
    skipped: list[Path] = field(default_factory=list)  # in folders: hidden, or of another kind
    left_out: list[tuple[Path, str]] = field(default_factory=list)  # messages that are no articles, and why
    captured: list[tuple[Path, int]] = field(default_factory=list)  # a page captured again: joined into its article
    edited: list[tuple[Path, int, str]] = field(default_factory=list)  # a message edited since: its article, what became of it
    names: set[str] = field(default_factory=set)  # the entities the stored articles name
    events: int = 0  # dated events found in them

    def found(self) -> str:
        """"1,204 articles · 312 entities · 9,881 events": what is in so far."""
        return " · ".join((plural(len(self.imported), "article"), plural(len(self.names), "entity"),
                           plural(self.events, "event")))


@dataclass(frozen=True)
class ImportProgress:
    done: int
    total: int
    current: Path | None
    report: ImportReport
    count: ItemCount  # what is counted, in which word, counted or estimated


def collect_files(paths: Iterable[Path], skipped: list[Path] | None = None) -> list[Path]:
    """The files to import: files as given, folders searched for supported files, sorted.

    Inside a folder, a link is followed only when what it points to is inside that folder too
    (a link to /etc/passwd is not an article of the folder); a folder reached twice through
    links is read once, so a loop of links ends. Hidden files and folders are left out, and so
    are files of other kinds: each goes into `skipped`, so the report can count them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_files_in(path, skipped if skipped is not None else []))
        else:
            found.append(path)
    return found


def write_report_csv(report: ImportReport, out: Path) -> int:
    """Every file of an import with what became of it, the failures grouped by their reason:
    file, outcome (imported, duplicate, failed, left out, skipped; "imported" with a note), article,
    reason. A message of a Telegram export is a row of its own ("result.json#<chat>:<message>").
    Returns the number of rows."""
    import csv

    notes = dict(report.notes)
    rows = [(str(p), "imported", str(a), notes.get(p, "")) for p, a in report.imported]
    rows += [(str(p), "duplicate", str(a), f"the same text as article {a}") for p, a in report.duplicates]
    rows += [(str(p), "failed", "", reason) for p, reason in sorted(report.failed, key=lambda f: (f[1], str(f[0])))]
    rows += [(str(p), "another capture", str(a), f"the page of article {a}, captured again: kept as its capture")
             for p, a in report.captured]
    rows += [(str(p), "edited since", str(a), said) for p, a, said in report.edited]
    rows += [(str(p), "left out", "", reason) for p, reason in report.left_out]
    rows += [(str(p), "skipped", "", "hidden, or not a kind of article Dossier reads") for p in report.skipped]
    with written_whole(out, text_reads) as partial, open(partial, "w", newline="", encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        writer.writerow(["file", "outcome", "article", "reason"])
        writer.writerows([[neutralise(cell) for cell in row] for row in rows])
    return len(rows)


def _files_in(folder: Path, skipped: list[Path]) -> list[Path]:
    import os

    root = folder.resolve()
    seen_dirs: set[Path] = set()
    files: list[Path] = []
    for current, dirs, names in os.walk(folder, followlinks=True):
        real = Path(current).resolve()
        if real in seen_dirs or not real.is_relative_to(root):
            dirs[:] = []  # a loop, or a link out of the folder: not followed
            continue
        seen_dirs.add(real)
        export = Path(current) / "result.json"
        if "result.json" in names and looks_like_export(export):
            files.append(export)  # a Telegram export: its photos and files belong to its messages
            dirs[:] = []
            continue
        skipped.extend(Path(current) / d for d in dirs if d.startswith("."))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(current) / name
            if name.startswith(".") or not is_supported(path) or path.suffix.lower() == ".json":
                skipped.append(path)
                continue
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):  # a broken link, or one in a loop
                continue
            if target.is_file() and target.is_relative_to(root):
                files.append(path)
            elif target.is_relative_to(root) and not target.is_dir():
                skipped.append(path)  # a pipe, device or socket: no article
    return sorted(files)


@dataclass
class ReadItem:
    """One file, read and analysed but not stored: a document with its proposal, or why not."""

    path: Path
    document: Document | None = None
    reason: str | None = None
    proposal: Proposal | None = None
    duplicate: bool = False  # its text is in the dossier already, or earlier in this import
    note: str | None = None  # imported, but something is worth saying
    left_out: str | None = None  # not an article, and rightly so (a service message): counted, not failed
    revisit: Provenance | None = None  # a web archive's revisit record: another capture of a page (ingest.web_archive)


def read_and_analyse(files: Sequence[Path], options: ImportOptions, known: Sequence[KnownName] = (),
                     nlp: Any | None = None, have: set[str] | None = None,
                     identities: set[str] | None = None) -> Iterator[list[ReadItem]]:
    """The half of an import that needs no dossier: batches of files read and analysed. It can
    run on a worker thread; it stops between files when `options.cancel` is set. A file whose
    text is in `have` (sha256 of the dossier's articles) or earlier in this import is not
    analysed: it is a duplicate, and so is a message or capture in `identities` (those the dossier's
    provenance names). Any failure of one file is that file's reason, nothing more.

    With `options.jobs` above one (and enough files to be worth starting them), the model runs
    in worker processes (ingest.model_pool) a few batches ahead, and the rest of the analysis
    here, in file order: the same proposals as with one job."""
    batches = _read_batches(files, options, set(have or ()), set(identities or ()))
    items = count_items(files)
    jobs = min(options.jobs, -(-items // BATCH)) if options.extract else 1
    if jobs <= 1 or items < POOL_FROM_FILES:
        yield from _analysed_here(batches, options, known, nlp)
        return
    yield from _analysed_with_pool(batches, options, known, nlp, jobs)


def _read_batches(files: Sequence[Path], options: ImportOptions, have: set[str],
                  identities: set[str]) -> Iterator[list[ReadItem]]:
    items: list[ReadItem] = []
    for item in _read_items(files, options):
        if item.document is not None:
            document = item.document = with_language(with_options(item.document, options))
            digest = text_sha256(document.text)
            identity = document.provenance.identity if document.provenance else None
            # A message edited since its import is read again (telegram_known); else a known identity is a duplicate.
            edited = document.provenance is not None and document.provenance.edited_at is not None
            item.duplicate = digest in have or (identity in identities and not edited)
            if document.notes:  # what the reader proposed (a dateline's outlet), said beside the item's own
                item.note = "; ".join(filter(None, (item.note, *document.notes)))
            have.add(digest)
            if identity:
                identities.add(identity)
        items.append(item)
        if len(items) == BATCH:
            yield items
            items = []
    if items:
        yield items


def _read_items(files: Sequence[Path], options: ImportOptions) -> Iterator[ReadItem]:
    """Each file read: one item, or one per message of a Telegram export (`ingest.telegram`)."""
    for path in files:
        if options.cancel.is_set():
            return
        if holds_many(path):
            yield from _export_items(path, options)
            continue
        try:
            yield ReadItem(path, read_file(path, _ocr_options(path, options)))
        except Exception as exc:  # UnreadableFile says why; anything else is named
            yield ReadItem(path, reason=str(exc) if isinstance(exc, UnreadableFile) else one_line(exc))


def _ocr_options(path: Path, options: ImportOptions) -> Any:
    """How this file's pictures are read: the import's languages, pages on every job it has."""
    on_page = options.on_page
    return OcrOptions(options.ocr_languages, max(1, options.jobs), options.cancel,
                      (lambda done, of: on_page(path, done, of)) if on_page else None)


def _export_items(path: Path, options: ImportOptions) -> Iterator[ReadItem]:
    """The items of a Telegram export or a web archive, one by one."""
    try:
        for entry in read_entries(path, _ocr_options(path, options)):
            if options.cancel.is_set():
                return
            yield ReadItem(entry.path, entry.document, reason=entry.reason, note=entry.note, left_out=entry.left_out,
                           revisit=entry.revisit)
    except Exception as exc:
        yield ReadItem(path, reason=str(exc) if isinstance(exc, UnreadableFile) else one_line(exc))


def _fresh(items: list[ReadItem]) -> list[ReadItem]:
    return [item for item in items if item.document is not None and not item.duplicate]


def _matcher(nlp: Any, known: Sequence[KnownName]) -> Any:
    matcher = NameMatcher(nlp)  # grows through the import: names travel between files
    matcher.add(known)
    return matcher


def _analysed_here(batches: Iterator[list[ReadItem]], options: ImportOptions, known: Sequence[KnownName],
                   nlp: Any | None) -> Iterator[list[ReadItem]]:
    matcher = None
    for items in batches:
        fresh = _fresh(items)
        if fresh and options.extract:
            nlp = nlp or load_pipeline()
            matcher = matcher or _matcher(nlp, known)
            _analyse_items(nlp, fresh, matcher)
        yield items


def _analysed_with_pool(batches: Iterator[list[ReadItem]], options: ImportOptions, known: Sequence[KnownName],
                        nlp: Any | None, jobs: int) -> Iterator[list[ReadItem]]:
    nlp = nlp or load_pipeline()
    matcher = _matcher(nlp, known)
    pending: deque[tuple[list[ReadItem], list[ReadItem], Any]] = deque()
    pool = ModelPool(jobs)

    def finish() -> list[ReadItem]:
        items, fresh, future = pending.popleft()
        if fresh:
            docs: list[Any] | None = None  # read here, by this process's model
            if future == NOTHING_TO_READ:
                docs = []
            elif future is not None:
                try:
                    docs = list(pool.docs(nlp, future))
                except Exception:  # a worker failed (or died) on the batch: read it here instead
                    docs = None
            _analyse_items(nlp, fresh, matcher, docs)
        return items

    try:
        for items in batches:
            fresh = _fresh(items)
            future: Any = None
            if fresh:
                documents = [item.document for item in fresh if item.document is not None]
                parts = model_texts(nlp, [d.text for d in documents], [d.language for d in documents])
                future = NOTHING_TO_READ  # every text in a language the model doesn't read
                if parts:
                    try:
                        future = pool.submit([piece for _i, _offset, piece in parts])
                    except Exception:  # the pool broke (a worker killed): this batch is read here
                        future = None
            pending.append((items, fresh, future))
            while len(pending) > jobs:  # a batch ahead for every worker
                yield finish()
        while pending and not options.cancel.is_set():
            yield finish()
    finally:
        pool.close(cancel=bool(pending))


def _analyse_items(nlp: Any, items: list[ReadItem], matcher: Any, docs: list[Any] | None = None) -> None:
    """Proposals for a batch (from the model's `docs` if a worker read it); if the batch fails,
    file by file, so a text the model can't take costs only its own proposals (the article is
    still imported, without them)."""
    documents = [item.document for item in items if item.document is not None]
    try:
        proposals = analyse(nlp, [d.text for d in documents], [d.publication_day for d in documents],
                            matcher=matcher, languages=[d.language for d in documents], docs=docs)
    except Exception:
        for item in items:
            assert item.document is not None
            try:
                (item.proposal,) = analyse(nlp, [item.document.text], [item.document.publication_day],
                                           matcher=matcher, languages=[item.document.language])
            except Exception as exc:
                failed = f"imported without people, places and dates ({one_line(exc)})"
                item.note = f"{item.note}; {failed}" if item.note else failed
        return
    for item, proposal in zip(items, proposals):
        item.proposal = proposal


def store_item(store: Database, item: ReadItem, report: ImportReport, linker: EntityLinker | None = None) -> int | None:
    """The half that writes: one file's article, original and proposals, in one transaction. The
    report names the article only once that transaction has committed."""
    if item.left_out is not None:
        report.left_out.append((item.path, item.left_out))
        return None
    if item.revisit is not None:  # no text: another capture of a page (ingest.revisits)
        article_id, known, why = revisits.store_revisit(store, item.revisit)
        if article_id is None:
            report.left_out.append((item.path, why))
        else:
            (report.duplicates if known else report.captured).append((item.path, article_id))
        return None
    if item.document is None:
        report.failed.append((item.path, item.reason or "unreadable"))
        return None
    provenance = item.document.provenance
    if provenance is not None:
        known = store.provenance.article_by_identity(provenance.identity)
        if known is not None and telegram_known.is_edit(store, known, item.document):
            return _store_edit(store, item, known, report, linker)
        if known is not None:  # this message or capture came in before
            report.duplicates.append((item.path, known))
            return None
    item.document = telegram_known.forward_named_as_known(store, item.document)
    existing = store.articles.id_by_sha256(text_sha256(item.document.text))
    if existing is not None:
        if provenance is not None:  # another message or capture with the same words: where it came from is kept
            store.provenance.add(existing, provenance)
        if provenance is not None and provenance.kind == WEB_ARCHIVE:
            report.captured.append((item.path, existing))  # the page captured again, unchanged
        else:
            report.duplicates.append((item.path, existing))
        return None
    captured = store.provenance.article_by_target_url(provenance.target_url) if provenance and provenance.target_url else None
    if captured is not None:  # the same page captured again, changed: another capture of its story
        try:
            with store.transaction():
                store.team.join_capture(captured, add_document(store, item.document))
        except Exception as error:
            report.failed.append((item.path, f"could not be stored: {error}"))
            return None
        report.captured.append((item.path, captured))
        return None
    try:
        with store.transaction():
            article_id = add_document(store, item.document)
            if item.proposal is not None:
                extract.apply_proposal(store, article_id, item.proposal, linker)
    except Exception as error:  # this file fails; the import goes on
        if linker is not None:
            linker.forget_unsaved()
        report.failed.append((item.path, f"could not be stored: {error}"))
        return None
    report.imported.append((item.path, article_id))
    if item.proposal is not None:
        report.names.update(m.name for m in item.proposal.mentions)
        report.events += len(item.proposal.events)
    if item.note:
        report.notes.append((item.path, item.note))
    return article_id


def _store_edit(store: Database, item: ReadItem, earlier_id: int, report: ImportReport,
                linker: EntityLinker | None) -> int | None:
    """A message edited since it was imported (ingest.telegram_known): reported as edited, or failed."""
    assert item.document is not None
    proposal = item.proposal

    def apply(article_id: int) -> None:
        if proposal is not None:
            extract.apply_proposal(store, article_id, proposal, linker)

    try:
        article_id, said = telegram_known.store_edit(store, item.document, earlier_id,
                                                     lambda d: add_document(store, d), apply)
    except Exception as error:
        if linker is not None:
            linker.forget_unsaved()
        report.failed.append((item.path, f"could not be stored: {error}"))
        return None
    report.edited.append((item.path, article_id, said))
    return article_id


def import_files(store: Database, paths: Iterable[Path], options: ImportOptions | None = None,
                 nlp: Any | None = None) -> Iterator[ImportProgress]:
    options = options or ImportOptions()
    report = ImportReport()
    files = collect_files(paths, report.skipped)
    count = plan_count(files)
    total = count.total
    yield ImportProgress(0, total, None, report, count)
    linker = None
    if options.extract:
        linker = EntityLinker(store)
    done = 0
    known, have, identities = linker.known_names() if linker else (), store.articles.hashes(), store.provenance.identities()
    # Read a batch or two ahead on a thread while this one stores (its commits wait on the disk).
    for items in read_ahead(lambda: read_and_analyse(files, options, known, nlp, have=have, identities=identities)):
        for item in items:
            if options.cancel.is_set():
                break
            store_item(store, item, report, linker)
            done += 1
            total = max(total, done)  # an archive's count of records may have been an estimate
            yield ImportProgress(done, total, item.path, report, count)
    report.cancelled = options.cancel.is_set() and done < total
    yield ImportProgress(done, total if report.cancelled else done, None, report, count)


def with_options(document: Document, options: ImportOptions) -> Document:
    """What the user said on the command line (or in the dialog) wins over the file's guess."""
    if options.published:
        document = replace(document, published=options.published[0], published_precision=options.published[1])
    if options.source:
        document = replace(document, source=options.source)
    if options.url:
        document = replace(document, url=options.url)
    return document


def with_language(document: Document) -> Document:
    """The document with its language: as its file states it, else as detected."""
    if document.language:
        return document
    return replace(document, language=language.detect_language(document.text))


def add_document(store: Database, document: Document) -> int:
    """Store one document (from a file, a paste or a drop) with its original bytes."""
    document = with_language(document)
    with store.transaction():
        article_id = store.articles.add(document.to_article())
        original = (document.original_name, document.original_bytes) if document.original_bytes else None
        if document.ocr_pages and store.ocr_pages.add(article_id, document.ocr_pages, original):
            original = None  # a picture read as it is: its one copy is the page's
        if original is not None:
            store.articles.keep_original(article_id, *original)
        if document.reports:
            store.articles.set_reports(article_id, document.reports)
        if document.provenance is not None:
            store.provenance.add(article_id, document.provenance)
        if document.attachments:
            store.provenance.add_attachments(article_id, document.attachments)
        screen_article(store, article_id, document.text)  # watched names flagged as they arrive
    return article_id


def run_import(store: Database, paths: Iterable[Path], options: ImportOptions | None = None,
               nlp: Any | None = None) -> ImportReport:
    """Import without watching progress."""
    last = deque(import_files(store, paths, options, nlp), maxlen=1)  # the whole import, then its report
    assert last
    progress = last[0]
    return progress.report

"""Commands that bring things into a dossier: `import` (articles), `import-annotations` (W3C Web
Annotation JSON), `merge` (another analyst's dossier) and `import-ftm` (FollowTheMoney entities)."""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.commands import EXIT_ERROR, EXIT_OK, fail
from dossier.core.display import shown

if TYPE_CHECKING:
    from dossier.commands import Subcommands
    from dossier.ingest.pipeline import ImportReport


def add_import(commands: Subcommands) -> None:
    p = commands.add_parser("import", help="import articles (text, Markdown, HTML, PDF, pictures read by OCR) into a dossier")
    p.add_argument("paths", type=Path, nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("--into", type=Path, required=True, metavar="PATH",
                   help="the dossier (created if it does not exist)")
    p.add_argument("--published", metavar="DATE", help="publication date: 2021-05-14, 2021-05 or 2021")
    p.add_argument("--source", metavar="NAME", help="the outlet (e.g. Reuters)")
    p.add_argument("--url", metavar="URL", help="where the article was published")
    p.add_argument("--no-extract", action="store_true", help="skip entity and date extraction")
    p.add_argument("--report", type=Path, metavar="OUT.csv",
                   help="every file with what became of it (imported, duplicate, failed and why, skipped)")
    p.add_argument("--jobs", type=int, metavar="N",
                   help="processes running the language model (default: every core; 1 runs it here)")
    p.add_argument("--ocr-lang", metavar="LANGS",
                   help="languages of pictures and scans, as Tesseract names them: hye+eng, rus, ukr+eng "
                        "(default: eng+rus+hye, all three at once)")
    p.set_defaults(run=cmd_import)


def add_import_annotations(commands: Subcommands) -> None:
    p = commands.add_parser("import-annotations", help="read W3C Web Annotation JSON into a dossier")
    p.add_argument("path", type=Path)
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.set_defaults(run=cmd_import_annotations)


def add_merge(commands: Subcommands) -> None:
    p = commands.add_parser("merge", help="merge another analyst's dossier into PATH (nothing is overwritten)")
    p.add_argument("path", type=Path)
    p.add_argument("other", type=Path, metavar="OTHER.dossier")
    p.add_argument("--preview", action="store_true", help="say what the merge would do, and change nothing")
    p.set_defaults(run=cmd_merge)


def add_import_ftm(commands: Subcommands) -> None:
    p = commands.add_parser("import-ftm", help="read FollowTheMoney entities (from --ftm or OpenAleph) into a dossier")
    p.add_argument("path", type=Path, help="the dossier (created if it does not exist)")
    p.add_argument("file", type=Path, metavar="FILE.ftm.json")
    p.add_argument("--preview", action="store_true", help="say what it would bring, and change nothing")
    p.set_defaults(run=cmd_import_ftm)


DUPLICATES_LISTED = 20
OCR_LANGUAGES = re.compile(r"[a-z]{3}(_[a-z]+)?(\+[a-z]{3}(_[a-z]+)?)*")  # Tesseract's codes: hye+eng, chi_sim


def _show_page(path: Path, done: int, of: int) -> None:
    """A long scan's pages as they are read by OCR (the file count moves only once it is whole)."""
    print(f"\r{f'reading {shown(path.name)} by OCR: page {done} of {of}'[:150]:<150}", end="", file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from dossier.ingest.dates import parse_published  # lazy: this command only
    from dossier.ingest.pipeline import ImportOptions, import_files  # lazy: this command only
    from dossier.store import Database  # lazy: this command only

    published = None
    if args.published:
        published = parse_published(args.published)
        if published is None:
            return fail(f"--published {args.published!r} is not a date: write 2021-05-14, 2021-05 or 2021")
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return fail(f"{missing[0]}: no such file or folder")
    if args.report:
        from dossier.store.targets import TargetRefused, check_target  # lazy: this command only

        try:
            check_target(args.report, args.into)
        except TargetRefused as refusal:
            return fail(str(refusal))
    store = Database.open(args.into) if args.into.exists() else Database.create(args.into, args.into.stem)
    from dossier.ingest.model_pool import default_jobs  # lazy: this command only

    if args.jobs is not None and args.jobs < 1:
        return fail("--jobs takes a number of processes, 1 or more")
    show_progress = sys.stderr.isatty()
    if args.ocr_lang is not None and not OCR_LANGUAGES.fullmatch(args.ocr_lang):
        return fail(f"--ocr-lang {args.ocr_lang!r}: write Tesseract's language codes joined by +, e.g. hye+eng")
    options = ImportOptions(published=published, source=args.source, url=args.url, extract=not args.no_extract,
                            jobs=args.jobs or default_jobs(), ocr_languages=args.ocr_lang,
                            on_page=_show_page if show_progress else None)
    try:
        from dossier.store.backups import BackupFailed  # lazy: this command only

        try:
            store.backup_if_due()
        except BackupFailed as error:  # the import goes on; the user is told
            print(f"dossier: warning: {error}", file=sys.stderr)
        report = None
        started = time.monotonic()
        for progress in import_files(store, args.paths, options):
            report = progress.report
            if show_progress and progress.total:
                from dossier.ingest.many import rate_and_left  # lazy: this command only

                bar = "#" * (20 * progress.done // progress.total)
                pace = rate_and_left(progress.done, progress.total, time.monotonic() - started,
                                     progress.count.rate_unit)
                counted = replace(progress.count, total=progress.total).words(progress.done)  # "12 of 1,204 messages"
                line = f"[{bar:<20}] {counted} · {report.found()}" + \
                    (f" · {pace}" if pace else "")
                print(f"\r{line[:150]:<150}", end="", file=sys.stderr)
        if show_progress:
            print(file=sys.stderr)
        from dossier.operations.copies import record_copies  # lazy: this command only

        copies = record_copies(store, [article_id for _path, article_id in report.imported]) if report else 0
    except KeyboardInterrupt:
        return fail("interrupted; what was imported so far is kept")
    finally:
        store.close()
    assert report is not None
    _print_import_report(report, args, copies)
    return EXIT_OK if not report.failed else EXIT_ERROR


def _print_import_report(report: ImportReport, args: argparse.Namespace, copies: int) -> None:
    """What became of every file, grouped; the duplicates of a resumed import in part; how many
    of its articles are copies of one story with another (or their origin)."""
    from dossier.ingest.many import left_out_words  # lazy: this command only

    print(f"imported {len(report.imported)}, duplicates {len(report.duplicates)}, failed {len(report.failed)}"
          f" into {shown(args.into)}")
    for path, existing in report.duplicates[:DUPLICATES_LISTED]:
        print(f"  duplicate: {shown(path)} (same text as article {existing})")
    if len(report.duplicates) > DUPLICATES_LISTED:  # a resumed import: thousands already there
        print(f"  … and {len(report.duplicates) - DUPLICATES_LISTED:,} more already in the dossier"
              + (" (all listed in the report)" if args.report else " (--report OUT.csv lists them all)"))
    for path, note in report.notes:
        print(f"  note: {shown(path)}: {shown(note)}")
    for path, reason in sorted(report.failed, key=lambda failure: (failure[1], str(failure[0]))):
        print(f"  failed: {shown(path)}: {shown(reason)}")
    if report.captured:
        print(f"  {len(report.captured):,} page(s) captured again, kept as captures of their articles")
    for path, article_id, said in report.edited:
        print(f"  edited: {shown(path)} (article {article_id}): {shown(said)}")
    if copies:
        print(f"  {copies:,} of them are copies of one story with another article, or their origin "
              f"(`dossier sources {shown(args.into)} --copies` lists the groups)")
    if report.left_out:
        print(f"  left out {left_out_words(report.left_out)}")
    if report.skipped:
        print(f"  skipped {len(report.skipped):,} hidden or other files in the folders")
    if args.report:
        from dossier.ingest.pipeline import write_report_csv  # lazy: this command only

        rows = write_report_csv(report, args.report)
        print(f"  wrote the report of {rows:,} files to {shown(args.report)}")


def cmd_import_annotations(args: argparse.Namespace) -> int:
    from dossier.export.web_annotation import import_annotations  # lazy: this command only
    from dossier.store import Database  # lazy: this command only

    store = Database.open(args.path)
    try:
        result = import_annotations(store, args.file)
    except ValueError as exc:
        return fail(str(exc))
    finally:
        store.close()
    print(f"placed {len(result.placed)}, orphaned {len(result.orphaned)}, already there {result.already_there}, "
          f"skipped {len(result.skipped)}")
    for reason in result.skipped:
        print(f"  skipped: {reason}")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from dossier.ingest.screening import screen_merged  # lazy: this command only
    from dossier.store import Database  # lazy: this command only
    from dossier.store.merging import merge_dossier, preview_merge  # lazy: this command only

    store = Database.open(args.path)
    try:
        if args.preview:
            report = preview_merge(store, args.other)
        else:
            with store.transaction():  # the merge and the hits of what came: one write
                report = merge_dossier(store, args.other)
                screen_merged(store, report)
        conflicts = store.team.conflicts()
    finally:
        store.close()
    print(("Merging would bring in, from " if args.preview else "Merged from ") + shown(report.merged_from) + ":")
    for line in report.lines():
        print(f"  {shown(line)}")
    if args.preview:
        print("Nothing was changed (--preview).")
    elif report.adds_nothing:
        print("Nothing new: everything in it is here already.")
    if conflicts and not args.preview:
        print(f"{len(conflicts)} conflict(s) to settle: open the dossier, View > Conflicts "
              "(keep mine, keep theirs or keep both).")
    return EXIT_OK


def cmd_import_ftm(args: argparse.Namespace) -> int:
    import tempfile

    from dossier.store import Database  # lazy: this command only
    from dossier.store.files import NotAFile, check_input  # lazy: this command only

    try:
        check_input(args.file, "FollowTheMoney file")  # a pipe or device: refused before a dossier is made
    except NotAFile as refusal:
        return fail(str(refusal))
    with tempfile.TemporaryDirectory(prefix="dossier-preview-") as scratch:
        if args.path.exists():
            store = Database.open(args.path)
        else:  # a new dossier; a preview of one is made aside, so nothing is created
            target = Path(scratch) / "preview.dossier" if args.preview else args.path
            store = Database.create(target, args.file.name.split(".")[0])
        try:
            from dossier.ingest.ftm import import_ftm  # lazy: this command only

            result = import_ftm(store, args.file, preview=args.preview)
        except ValueError as exc:
            return fail(str(exc))
        finally:
            store.close()
    print(f"{'Would bring in' if args.preview else 'Read'} {result.read} FollowTheMoney entities from "
          f"{shown(args.file)}:")
    for line in result.report.lines():
        print(f"  {shown(line)}")
    for reason in result.skipped[:50]:
        print(f"  skipped: {shown(reason)}")
    if len(result.skipped) > 50:
        print(f"  … and {len(result.skipped) - 50} more skipped")
    if args.preview:
        print("Nothing was changed (--preview).")
    elif result.report.adds_nothing:
        print("Nothing new: everything in it is here already.")
    return EXIT_OK

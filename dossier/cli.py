"""The `dossier` command: open the app, or work on a dossier headless.

One shape for every command: a command acting on a dossier takes it as its first positional
argument (`dossier info PATH`); a command bringing files in names it with `--into PATH`;
`dossier PATH` and `dossier open PATH` open the app. Errors go to stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dossier import __version__

from dossier.core.display import shown

if TYPE_CHECKING:
    from dossier.store import Database

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier",
        description="Dossier: read, annotate and assess news articles; export a dossier PDF.",
        epilog="`dossier PATH` opens PATH in the app; `dossier` alone opens the last dossier, "
        "or the sample dossier on first run.",
    )
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works (no window is shown), then exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("open", help="open a dossier in the app")
    p.add_argument("path", type=Path, nargs="?", help="the dossier (default: last one, or the sample)")
    p.set_defaults(run=_cmd_open)

    p = commands.add_parser("sample", help="write the sample dossier to PATH")
    p.add_argument("path", type=Path)
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.set_defaults(run=_cmd_sample)

    p = commands.add_parser("import", help="import articles (text, Markdown, HTML, PDF) into a dossier")
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
    p.set_defaults(run=_cmd_import)

    p = commands.add_parser("export", help="export a dossier: PDF, W3C Web Annotation JSON, CSV")
    p.add_argument("path", type=Path)
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="the dossier PDF")
    p.add_argument("--odt", type=Path, metavar="OUT.odt",
                   help="the same report as an editable OpenDocument text (no page numbers or links)")
    p.add_argument("--articles", metavar="IDS", help="only these articles (comma-separated ids)")
    p.add_argument("--tags", metavar="NAMES", help="only annotations with these tags (comma-separated)")
    p.add_argument("--claims-only", action="store_true", help="only claims (and their articles)")
    p.add_argument("--passages-only", action="store_true", help="in the PDF, only the annotated passages of each article")
    p.add_argument("--annotations", type=Path, metavar="OUT.json", help="W3C Web Annotation JSON-LD")
    p.add_argument("--csv", type=Path, metavar="OUT.csv", help="one row per annotation")
    p.add_argument("--graphml", type=Path, metavar="OUT.graphml", help="the entity network as GraphML (yEd, Gephi)")
    p.add_argument("--gexf", type=Path, metavar="OUT.gexf", help="the entity network as GEXF (Gephi)")
    p.add_argument("--ach", type=Path, metavar="OUT.csv", help="the competing-hypotheses matrix as CSV")
    p.add_argument("--ftm", type=Path, metavar="OUT.ftm.json",
                   help="FollowTheMoney entities, one per line, for OpenAleph (needs the ftm extra)")
    p.add_argument("--without", metavar="PARTS",
                   help="leave out what `dossier share` leaves out: notes, rationales, authors, hypotheses, summary, "
                   "tag:NAME, articles-tagged:NAME (comma-separated)")
    p.add_argument("--analyst", metavar="NAME", help="creator named in the export")
    p.add_argument("--handling", metavar="TEXT", help="a handling line for the cover, e.g. \"Internal — not for publication\"")
    # For the app, which runs the PDF export as a child process: progress lines on stdout, and
    # standard input closing means "cancel" (so the export stops if the app goes away, too).
    p.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(run=_cmd_export)

    p = commands.add_parser("import-annotations", help="read W3C Web Annotation JSON into a dossier")
    p.add_argument("path", type=Path)
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.set_defaults(run=_cmd_import_annotations)

    p = commands.add_parser("merge", help="merge another analyst's dossier into PATH (nothing is overwritten)")
    p.add_argument("path", type=Path)
    p.add_argument("other", type=Path, metavar="OTHER.dossier")
    p.add_argument("--preview", action="store_true", help="say what the merge would do, and change nothing")
    p.set_defaults(run=_cmd_merge)

    p = commands.add_parser("import-ftm", help="read FollowTheMoney entities (from --ftm or OpenAleph) into a dossier")
    p.add_argument("path", type=Path, help="the dossier (created if it does not exist)")
    p.add_argument("file", type=Path, metavar="FILE.ftm.json")
    p.add_argument("--preview", action="store_true", help="say what it would bring, and change nothing")
    p.set_defaults(run=_cmd_import_ftm)

    p = commands.add_parser("publish", help="print the command that publishes a dossier read-only with Datasette")
    p.add_argument("path", type=Path)
    p.add_argument("--port", type=int, default=8001, help="the port Datasette listens on (1–65535)")
    p.set_defaults(run=_cmd_publish)

    p = commands.add_parser("share", help="write a copy of a dossier fit to share, without the parts you name")
    p.add_argument("path", type=Path)
    p.add_argument("out", type=Path, metavar="OUT.dossier", help="the new dossier (never over an existing one)")
    p.add_argument("--without", metavar="PARTS", default="",
                   help="comma-separated: notes, rationales, authors (analysts' names and times), hypotheses, "
                   "summary, tag:NAME (annotations with that tag), articles-tagged:NAME (articles with an "
                   "annotation with that tag, and all that hangs on them)")
    p.set_defaults(run=_cmd_share)

    p = commands.add_parser("info", help="schema version, counts per table and integrity of a dossier")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=_cmd_info)

    p = commands.add_parser("backups", help="list a dossier's backups, newest first")
    p.add_argument("path", type=Path)
    p.set_defaults(run=_cmd_backups)

    p = commands.add_parser("restore", help="replace a dossier by a backup (the current file is kept aside)")
    p.add_argument("path", type=Path)
    p.add_argument("backup", type=Path, nargs="?", help="default: the newest backup that passes its check")
    p.set_defaults(run=_cmd_restore)
    from dossier.cli_passphrase import add_commands

    add_commands(commands)  # encrypt, decrypt
    return parser


COMMANDS = ("open", "sample", "import", "export", "import-annotations", "merge", "import-ftm", "publish", "share", "info",
            "backups", "restore", "encrypt", "decrypt")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--self-test"]:
        from dossier.selftest import self_test

        return self_test()
    # `dossier` and `dossier PATH` open the app: the common case skips building the parser.
    if not args_list or (len(args_list) == 1 and not args_list[0].startswith("-") and args_list[0] not in COMMANDS):
        args: argparse.Namespace = argparse.Namespace(path=Path(args_list[0]) if args_list else None, run=_cmd_open)
    else:
        if not args_list[0].startswith("-") and args_list[0] not in COMMANDS:
            args_list.insert(0, "open")  # `dossier PATH --flag` is `dossier open PATH --flag`
        args = build_parser().parse_args(args_list)
    run: Callable[[argparse.Namespace], int] = args.run
    from dossier.store.errors import DossierError

    if not os.environ.get("DOSSIER_DEBUG"):
        _quiet_libraries()

    try:
        if args.run is not _cmd_open:
            from dossier.cli_passphrase import unlock_named

            unlock_named(args)  # the passphrase of each encrypted dossier it names
        return run(args)
    except BrokenPipeError:  # `dossier import … | head`: the reader left; the work is done
        _silence_stdout()
        return EXIT_OK
    except DossierError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except OSError as exc:
        return _fail(f"{exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}")
    except Exception as exc:  # the promise is "never a traceback"; DOSSIER_DEBUG=1 shows it
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        return _fail(f"unexpected error: {exc.__class__.__name__}: {exc} (DOSSIER_DEBUG=1 shows details)")


def _quiet_libraries() -> None:
    """Libraries (pypdf, trafilatura, spaCy) warn about what they read past, through `warnings`
    and `logging`; on a terminal that reads like an error of ours. Our own messages are the
    report and `dossier: …` lines; DOSSIER_DEBUG=1 lets the libraries speak."""
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.getLogger().addHandler(logging.NullHandler())  # no "last resort" printing to stderr


def _silence_stdout() -> None:
    """After a closed pipe, Python would print "Exception ignored … BrokenPipeError" at exit
    when it flushes stdout: point stdout at nothing instead."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _fail(message: str) -> int:
    print(f"dossier: {shown(' '.join(message.split()))}", file=sys.stderr)  # one line, always
    return EXIT_ERROR


def _cmd_sample(args: argparse.Namespace) -> int:
    from dossier.sample import write_sample, replace_with_sample

    from dossier.store.targets import TargetRefused, check_target, holds_a_dossier

    path: Path = args.path
    if path.exists() and not args.force:
        return _fail(f"{path} already exists; use --force to replace it")
    try:
        check_target(path)
    except TargetRefused as refusal:  # --force replaces a dossier, nothing else a program keeps
        if not holds_a_dossier(path):
            return _fail(str(refusal))
    store = replace_with_sample(path) if path.exists() else write_sample(path)
    title, counts = store.title, store.counts()
    store.close()
    print(f"wrote {path}: \"{title}\", {counts['articles']} article, {counts['annotations']} annotations")
    return EXIT_OK


DUPLICATES_LISTED = 20


def _cmd_import(args: argparse.Namespace) -> int:
    from dossier.ingest.dates import parse_published
    from dossier.ingest.many import left_out_words
    from dossier.ingest.pipeline import ImportOptions, import_files
    from dossier.store import Database

    published = None
    if args.published:
        published = parse_published(args.published)
        if published is None:
            return _fail(f"--published {args.published!r} is not a date: write 2021-05-14, 2021-05 or 2021")
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return _fail(f"{missing[0]}: no such file or folder")
    if args.report:
        from dossier.store.targets import TargetRefused, check_target

        try:
            check_target(args.report, args.into)
        except TargetRefused as refusal:
            return _fail(str(refusal))
    store = Database.open(args.into) if args.into.exists() else Database.create(args.into, args.into.stem)
    from dossier.ingest.model_pool import default_jobs

    if args.jobs is not None and args.jobs < 1:
        return _fail("--jobs takes a number of processes, 1 or more")
    options = ImportOptions(published=published, source=args.source, url=args.url, extract=not args.no_extract,
                            jobs=args.jobs or default_jobs())
    show_progress = sys.stderr.isatty()
    try:
        from dossier.store.backups import BackupFailed

        try:
            store.backup_if_due()
        except BackupFailed as error:  # the import goes on; the user is told
            print(f"dossier: warning: {error}", file=sys.stderr)
        report = None
        started = time.monotonic()
        for progress in import_files(store, args.paths, options):
            report = progress.report
            if show_progress and progress.total:
                from dossier.ingest.pipeline import rate_and_left

                bar = "#" * (20 * progress.done // progress.total)
                pace = rate_and_left(progress.done, progress.total, time.monotonic() - started)
                line = f"[{bar:<20}] {progress.done:,}/{progress.total:,} files · {report.found()}" + \
                    (f" · {pace}" if pace else "")
                print(f"\r{line[:150]:<150}", end="", file=sys.stderr)
        if show_progress:
            print(file=sys.stderr)
    except KeyboardInterrupt:
        return _fail("interrupted; what was imported so far is kept")
    finally:
        store.close()
    assert report is not None
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
    if report.left_out:
        print(f"  left out {left_out_words(report.left_out)}")
    if report.skipped:
        print(f"  skipped {len(report.skipped):,} hidden or other files in the folders")
    if args.report:
        from dossier.ingest.pipeline import write_report_csv

        rows = write_report_csv(report, args.report)
        print(f"  wrote the report of {rows:,} files to {shown(args.report)}")
    return EXIT_OK if not report.failed else EXIT_ERROR


def _cmd_export(args: argparse.Namespace) -> int:
    from dossier.store import Database

    if not (args.pdf or args.odt or args.annotations or args.csv or args.graphml or args.gexf or args.ach or args.ftm):
        return _fail("say what to export: --pdf OUT.pdf, --odt OUT.odt, --annotations OUT.json, --csv OUT.csv, "
                     "--graphml OUT.graphml, --gexf OUT.gexf, --ach OUT.csv and/or --ftm OUT.ftm.json")
    articles = None
    if args.articles:
        try:
            articles = [int(part) for part in args.articles.split(",") if part.strip()]
        except ValueError:
            return _fail(f"--articles takes article ids separated by commas, not {args.articles!r}")
    from dossier.store.targets import TargetRefused, check_target

    outputs = [out for out in (args.pdf, args.odt, args.annotations, args.csv, args.graphml, args.gexf, args.ach,
                               args.ftm) if out]
    if len({out.resolve() for out in outputs}) < len(outputs):
        return _fail("the same file is named for two exports; give each its own")
    try:
        for out in outputs:
            check_target(out, args.path)
    except TargetRefused as refusal:
        return _fail(str(refusal))
    if args.without:  # the export is made from a copy fit to share, in a folder of its own
        import tempfile

        from dossier.store.sharing import ShareRefused, parse_without, share_copy

        with tempfile.TemporaryDirectory(prefix="dossier-shared-") as scratch:
            shared = Path(scratch) / args.path.name  # the report names the dossier's file as it is
            try:
                share_copy(args.path, shared, parse_without(args.without))
            except ShareRefused as refusal:
                return _fail(str(refusal))
            return _export_from(Database.open_readonly(shared), args, articles)
    return _export_from(Database.open_readonly(args.path), args, articles)


def _export_from(store: "Database", args: argparse.Namespace, articles: list[int] | None) -> int:
    try:
        if args.pdf:
            from dossier.export.pdf import Cancelled

            try:
                _export_pdf(store, args, articles)
            except ValueError as exc:
                return _fail(str(exc))
            except Cancelled:
                print("dossier: export cancelled; no file was written", file=sys.stderr)
                return EXIT_CANCELLED
        if args.odt:
            try:
                _export_odt(store, args, articles)
            except ValueError as exc:
                return _fail(str(exc))
        if args.annotations:
            from dossier.export.web_annotation import write_collection

            count = write_collection(store, args.annotations, creator=args.analyst)
            print(f"wrote {count} annotations to {args.annotations}")
        if args.csv:
            from dossier.export.csv_export import write_csv

            count = write_csv(store, args.csv)
            print(f"wrote {count} rows to {args.csv}")
        for kind, out in (("graphml", args.graphml), ("gexf", args.gexf)):
            if out:
                from dossier.export.graph_files import write_graph

                nodes, links = write_graph(store, out, kind)
                print(f"wrote {nodes} entities and {links} links to {out}")
        if args.ach:
            from dossier.export.ach_export import write_ach_csv

            rows = write_ach_csv(store, args.ach)
            print(f"wrote {rows} rows of evidence to {args.ach}")
        if args.ftm:
            from dossier.export.ftm import write_ftm

            try:
                count = write_ftm(store, args.ftm)
            except ValueError as exc:  # the extra is not installed
                return _fail(str(exc))
            print(f"wrote {count} FollowTheMoney entities to {args.ftm}")
    finally:
        store.close()
    return EXIT_OK


def _export_pdf(store: object, args: argparse.Namespace, articles: list[int] | None) -> None:
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a PDF needs fonts, not a screen
    from PySide6.QtGui import QGuiApplication

    from dossier.export.pdf import PdfOptions, export_pdf

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it alive
    options = PdfOptions(**_report_options(args, articles))
    report = None
    if args.progress:
        import threading

        options.cancel = threading.Event()
        threading.Thread(target=_cancel_when_stdin_closes, args=(options.cancel,), daemon=True).start()

        def report(done: int, total: int) -> None:
            print(f"progress {done} {total}", flush=True)

    pages = export_pdf(store, args.pdf, options, progress=report)  # type: ignore[arg-type]
    print(f"wrote {pages} pages to {args.pdf}", flush=True)


def _report_options(args: argparse.Namespace, articles: list[int] | None) -> dict[str, object]:
    tags = [t.strip() for t in args.tags.split(",") if t.strip()] if args.tags else None
    return {"article_ids": articles, "tag_names": tags, "claims_only": args.claims_only,
            "passages_only": args.passages_only, "analyst": args.analyst or "", "handling": args.handling or ""}


def _export_odt(store: object, args: argparse.Namespace, articles: list[int] | None) -> None:
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    from dossier.export.odt import export_odt
    from dossier.export.report import ReportOptions

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it alive
    count = export_odt(store, args.odt, ReportOptions(**_report_options(args, articles)))  # type: ignore[arg-type]
    print(f"wrote the report of {count} articles to {args.odt}", flush=True)


def _cancel_when_stdin_closes(cancel: object) -> None:
    """The app cancels an export by closing our standard input (or by going away). Reads the
    raw descriptor: a daemon thread blocked in Python's buffered stdin aborts the interpreter at
    exit, one blocked in os.read does not."""
    try:
        while os.read(sys.stdin.fileno(), 1024):
            pass
    except (OSError, ValueError):
        pass
    cancel.set()  # type: ignore[attr-defined]


def _cmd_import_annotations(args: argparse.Namespace) -> int:
    from dossier.export.web_annotation import import_annotations
    from dossier.store import Database

    store = Database.open(args.path)
    try:
        result = import_annotations(store, args.file)
    except ValueError as exc:
        return _fail(str(exc))
    finally:
        store.close()
    print(f"placed {len(result.placed)}, orphaned {len(result.orphaned)}, already there {result.already_there}, "
          f"skipped {len(result.skipped)}")
    for reason in result.skipped:
        print(f"  skipped: {reason}")
    return EXIT_OK


def _cmd_merge(args: argparse.Namespace) -> int:
    from dossier.store import Database
    from dossier.store.merging import merge_dossier, preview_merge

    store = Database.open(args.path)
    try:
        report = (preview_merge if args.preview else merge_dossier)(store, args.other)
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


def _cmd_import_ftm(args: argparse.Namespace) -> int:
    from dossier.store import Database

    import tempfile

    from dossier.store.files import NotAFile, check_input

    try:
        check_input(args.file, "FollowTheMoney file")  # a pipe or device: refused before a dossier is made
    except NotAFile as refusal:
        return _fail(str(refusal))
    with tempfile.TemporaryDirectory(prefix="dossier-preview-") as scratch:
        if args.path.exists():
            store = Database.open(args.path)
        else:  # a new dossier; a preview of one is made aside, so nothing is created
            target = Path(scratch) / "preview.dossier" if args.preview else args.path
            store = Database.create(target, args.file.name.split(".")[0])
        try:
            from dossier.ingest.ftm import import_ftm

            result = import_ftm(store, args.file, preview=args.preview)
        except ValueError as exc:
            return _fail(str(exc))
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


def _cmd_publish(args: argparse.Namespace) -> int:
    from dossier.export.publish import publish_command
    from dossier.store import read_info

    if not 1 <= args.port <= 65535:
        return _fail(f"--port takes a port number from 1 to 65535, not {args.port}")
    from dossier.cli_passphrase import publish_refusal

    if refusal := publish_refusal(args.path):
        return _fail(refusal)
    read_info(args.path)  # a dossier this version can read, or the reason it isn't
    command = publish_command(args.path, args.port)
    print("Publish it read-only with Datasette (pip install 'datasette>=0.65,<1.0'):")
    print("  " + " ".join(shlex.quote(part) for part in command))
    print(f"then open http://127.0.0.1:{args.port}/ ; the canned queries are claims, entity_mentions and "
          "chronology.")
    return EXIT_OK


def _cmd_share(args: argparse.Namespace) -> int:
    from dossier.store.sharing import ShareRefused, parse_without, share_copy
    from dossier.store.targets import TargetRefused

    try:
        choices = parse_without(args.without)
        if not choices.anything:
            return _fail("say what to leave out with --without (notes, rationales, authors, hypotheses, summary, "
                         "tag:NAME, articles-tagged:NAME); for a whole copy, copy the file.")
        share_copy(args.path, args.out, choices)
    except (ShareRefused, TargetRefused) as refusal:
        return _fail(str(refusal))
    print(f"Shared copy written to {shown(str(args.out))}, without {shown(choices.described())}.")
    return EXIT_OK


INFO_KEYS = ("articles", "entities", "mentions", "events", "annotations", "claims", "tags")


def _cmd_info(args: argparse.Namespace) -> int:
    from dossier.store import read_info

    info = read_info(args.path)
    if args.json:
        payload: dict[str, object] = {"schema_version": info.schema_version}
        payload.update({key: info.counts.get(key, 0) for key in INFO_KEYS})
        payload["integrity"] = info.integrity
        if info.left_out:
            payload["left_out"] = info.left_out
        print(json.dumps(payload))
    else:
        rows = [("schema version", str(info.schema_version)),
                *((table, f"{count:,}") for table, count in info.counts.items()), ("integrity", info.integrity)]
        name_width = max(len(name) for name, _ in rows) + 2
        value_width = max(len(value) for name, value in rows if name != "integrity")
        print(shown(args.path))
        for name, value in rows:  # numbers right-aligned in one column
            print(f"  {name:<{name_width}}{value:>{value_width}}" if name != "integrity" else f"  {name:<{name_width}}{value}")
        if info.left_out:
            print(f"  shared copy, left out: {shown(info.left_out)}")
    return EXIT_OK if info.integrity == "ok" else EXIT_ERROR


def _cmd_backups(args: argparse.Namespace) -> int:
    from dossier.store.backups import backup_taken_at, list_backups

    found = list_backups(args.path)
    if not found:
        print(f"no backups of {args.path} yet")
    for backup in found:
        taken = backup_taken_at(backup)
        print(f"{taken:%Y-%m-%d %H:%M} UTC  {backup}" if taken else str(backup))
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from dossier.store.backups import newest_good_backup, restore_backup

    backup = args.backup or newest_good_backup(args.path)
    if backup is None:
        return _fail(f"no good backup of {args.path} was found")
    aside = restore_backup(args.path, backup)
    print(f"restored {args.path} from {backup}; the previous file is kept as {aside}")
    return EXIT_OK


def _cmd_open(args: argparse.Namespace) -> int:
    if not _display_available():
        return _fail(
            "no display to open a window on. Run Dossier in a desktop session, or use the "
            "commands (`dossier --help`); for a headless test, set QT_QPA_PLATFORM=offscreen."
        )
    if args.path is not None and not args.path.exists():
        return _fail(f"{args.path}: no such file (create one with `dossier sample {args.path}` "
                     "or File > New Dossier in the app)")
    from dossier.app import run

    return run(args.path)


def _display_available() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))

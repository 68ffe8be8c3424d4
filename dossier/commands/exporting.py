"""Commands that take things out of a dossier: `export` (PDF, ODT, Web Annotation JSON, CSV,
GraphML, GEXF, the ACH matrix, FollowTheMoney), `publish` (the Datasette command) and `share` (a
copy without the parts named)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.commands import EXIT_CANCELLED, EXIT_OK, fail
from dossier.core.display import shown

if TYPE_CHECKING:
    from dossier.commands import Subcommands
    from dossier.store import Database


def add_export(commands: Subcommands) -> None:
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
    p.add_argument("--geojson", type=Path, metavar="OUT.geojson", help="the places on the map as GeoJSON points")
    p.add_argument("--kml", type=Path, metavar="OUT.kml", help="the places on the map as KML (Google Earth)")
    p.add_argument("--without", metavar="PARTS",
                   help="leave out what `dossier share` leaves out: notes, rationales, authors, hypotheses, summary, "
                   "tag:NAME, articles-tagged:NAME (comma-separated)")
    p.add_argument("--analyst", metavar="NAME", help="creator named in the export")
    p.add_argument("--handling", metavar="TEXT", help="a handling line for the cover, e.g. \"Internal — not for publication\"")
    # For the app, which runs the PDF export as a child process: progress lines on stdout, and
    # standard input closing means "cancel" (so the export stops if the app goes away, too).
    p.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(run=cmd_export)


def add_publish(commands: Subcommands) -> None:
    p = commands.add_parser("publish", help="print the command that publishes a dossier read-only with Datasette")
    p.add_argument("path", type=Path)
    p.add_argument("--port", type=int, default=8001, help="the port Datasette listens on (1–65535)")
    p.set_defaults(run=cmd_publish)


def add_share(commands: Subcommands) -> None:
    p = commands.add_parser("share", help="write a copy of a dossier fit to share, without the parts you name")
    p.add_argument("path", type=Path)
    p.add_argument("out", type=Path, metavar="OUT.dossier", help="the new dossier (never over an existing one)")
    p.add_argument("--without", metavar="PARTS", default="",
                   help="comma-separated: notes, rationales, authors (analysts' names and times), hypotheses, "
                   "summary, tag:NAME (annotations with that tag), articles-tagged:NAME (articles with an "
                   "annotation with that tag, and all that hangs on them)")
    p.set_defaults(run=cmd_share)


def cmd_export(args: argparse.Namespace) -> int:
    from dossier.store import Database  # lazy: this command only

    if not (args.pdf or args.odt or args.annotations or args.csv or args.graphml or args.gexf or args.ach or args.ftm
            or args.geojson or args.kml):
        return fail("say what to export: --pdf OUT.pdf, --odt OUT.odt, --annotations OUT.json, --csv OUT.csv, "
                     "--graphml OUT.graphml, --gexf OUT.gexf, --ach OUT.csv, --ftm OUT.ftm.json, "
                     "--geojson OUT.geojson and/or --kml OUT.kml")
    articles = None
    if args.articles:
        try:
            articles = [int(part) for part in args.articles.split(",") if part.strip()]
        except ValueError:
            return fail(f"--articles takes article ids separated by commas, not {args.articles!r}")
    from dossier.store.targets import TargetRefused, check_target  # lazy: this command only

    outputs = [out for out in (args.pdf, args.odt, args.annotations, args.csv, args.graphml, args.gexf, args.ach,
                               args.ftm, args.geojson, args.kml) if out]
    if len({out.resolve() for out in outputs}) < len(outputs):
        return fail("the same file is named for two exports; give each its own")
    try:
        for out in outputs:
            check_target(out, args.path)
    except TargetRefused as refusal:
        return fail(str(refusal))
    if args.without:  # the export is made from a copy fit to share, in a folder of its own
        import tempfile

        from dossier.store.sharing import ShareRefused, parse_without, share_copy  # lazy: this command only

        with tempfile.TemporaryDirectory(prefix="dossier-shared-") as scratch:
            shared = Path(scratch) / args.path.name  # the report names the dossier's file as it is
            try:
                share_copy(args.path, shared, parse_without(args.without))
            except ShareRefused as refusal:
                return fail(str(refusal))
            return _export_from(Database.open_readonly(shared), args, articles)
    return _export_from(Database.open_readonly(args.path), args, articles)


def _export_from(store: Database, args: argparse.Namespace, articles: list[int] | None) -> int:
    try:
        if args.pdf:
            from dossier.export.pdf import Cancelled  # lazy: this command only

            try:
                _export_pdf(store, args, articles)
            except ValueError as exc:
                return fail(str(exc))
            except Cancelled:
                print("dossier: export cancelled; no file was written", file=sys.stderr)
                return EXIT_CANCELLED
        if args.odt:
            try:
                _export_odt(store, args, articles)
            except ValueError as exc:
                return fail(str(exc))
        if args.annotations:
            from dossier.export.web_annotation import write_collection  # lazy: this command only
            from dossier.ingest.geocoding import dossier_places  # lazy: this command only

            places = {p.id: p for p in dossier_places(store) if p.position}
            count = write_collection(store, args.annotations, creator=args.analyst, places=places)
            print(f"wrote {count} annotations to {args.annotations}")
        if args.csv:
            from dossier.export.csv_export import write_csv  # lazy: this command only

            count = write_csv(store, args.csv)
            print(f"wrote {count} rows to {args.csv}")
        for kind, out in (("graphml", args.graphml), ("gexf", args.gexf)):
            if out:
                from dossier.export.graph_files import write_graph  # lazy: this command only

                nodes, links = write_graph(store, out, kind, positions=_positions(store))
                print(f"wrote {nodes} entities and {links} links to {out}")
        if args.ach:
            from dossier.export.ach_export import write_ach_csv  # lazy: this command only

            rows = write_ach_csv(store, args.ach)
            print(f"wrote {rows} rows of evidence to {args.ach}")
        if args.ftm:
            from dossier.export.ftm import write_ftm  # lazy: this command only
            from dossier.ingest.geocoding import dossier_places  # lazy: this command only

            try:
                count = write_ftm(store, args.ftm, {p.id: p for p in dossier_places(store)})
            except ValueError as exc:  # the extra is not installed
                return fail(str(exc))
            print(f"wrote {count} FollowTheMoney entities to {args.ftm}")
        if args.geojson or args.kml:
            _export_places(store, args)
    finally:
        store.close()
    return EXIT_OK


def _positions(store: Database) -> dict[int, tuple[float, float]]:
    """Where the dossier's places are (latitude, longitude), for the exports that carry them."""
    from dossier.ingest.geocoding import dossier_places  # lazy: this command only

    return {p.id: (p.position.latitude, p.position.longitude) for p in dossier_places(store) if p.position}


def _export_places(store: Database, args: argparse.Namespace) -> None:
    from dossier.export.places_export import write_places  # lazy: this command only
    from dossier.ingest.geocoding import dossier_places  # lazy: this command only

    places = dossier_places(store)
    for kind, out in (("geojson", args.geojson), ("kml", args.kml)):
        if out:
            count = write_places(store, places, out, kind)
            left = len(places) - count
            print(f"wrote {count} places to {out}" + (f" ({left} not found in the gazetteer or not on the map)" if left else ""))


def _export_pdf(store: Database, args: argparse.Namespace, articles: list[int] | None) -> None:
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a PDF needs fonts, not a screen
    from PySide6.QtGui import QGuiApplication

    from dossier.export.pdf import PdfOptions, export_pdf  # lazy: this command only

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it alive
    from dossier.ingest.geocoding import dossier_places  # lazy: this command only

    options = PdfOptions(**_report_options(args, articles), places=dossier_places(store))
    report: Callable[[int, int], None] | None = None
    if args.progress:
        options.cancel = threading.Event()
        threading.Thread(target=_cancel_when_stdin_closes, args=(options.cancel,), daemon=True).start()

        def said(done: int, total: int) -> None:
            print(f"progress {done} {total}", flush=True)

        report = said

    pages = export_pdf(store, args.pdf, options, progress=report)
    print(f"wrote {pages} pages to {args.pdf}", flush=True)


def _report_options(args: argparse.Namespace, articles: list[int] | None) -> dict[str, object]:
    tags = [t.strip() for t in args.tags.split(",") if t.strip()] if args.tags else None
    return {"article_ids": articles, "tag_names": tags, "claims_only": args.claims_only,
            "passages_only": args.passages_only, "analyst": args.analyst or "", "handling": args.handling or ""}


def _export_odt(store: Database, args: argparse.Namespace, articles: list[int] | None) -> None:
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    from dossier.export.odt import export_odt  # lazy: this command only
    from dossier.export.report import ReportOptions  # lazy: this command only

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it alive
    count = export_odt(store, args.odt, ReportOptions(**_report_options(args, articles)))  # type: ignore[arg-type]  # the options as argparse gave them
    print(f"wrote the report of {count} articles to {args.odt}", flush=True)


def _cancel_when_stdin_closes(cancel: threading.Event) -> None:
    """The app cancels an export by closing our standard input (or by going away). Reads the
    raw descriptor: a daemon thread blocked in Python's buffered stdin aborts the interpreter at
    exit, one blocked in os.read does not."""
    try:
        while os.read(sys.stdin.fileno(), 1024):
            pass
    except (OSError, ValueError):
        pass
    cancel.set()


def cmd_publish(args: argparse.Namespace) -> int:
    from dossier.export.publish import publish_command  # lazy: this command only
    from dossier.store import read_info  # lazy: this command only

    if not 1 <= args.port <= 65535:
        return fail(f"--port takes a port number from 1 to 65535, not {args.port}")
    from dossier.commands.passphrase import publish_refusal  # lazy: this command only

    if refusal := publish_refusal(args.path):
        return fail(refusal)
    read_info(args.path)  # a dossier this version can read, or the reason it isn't
    command = publish_command(args.path, args.port)
    print("Publish it read-only with Datasette (pip install 'datasette>=0.65,<1.0'):")
    print("  " + " ".join(shlex.quote(part) for part in command))
    print(f"then open http://127.0.0.1:{args.port}/ ; the canned queries are claims, entity_mentions and "
          "chronology.")
    return EXIT_OK


def cmd_share(args: argparse.Namespace) -> int:
    from dossier.store.sharing import ShareRefused, parse_without, share_copy  # lazy: this command only
    from dossier.store.targets import TargetRefused  # lazy: this command only

    try:
        choices = parse_without(args.without)
        if not choices.anything:
            return fail("say what to leave out with --without (notes, rationales, authors, hypotheses, summary, "
                         "tag:NAME, articles-tagged:NAME); for a whole copy, copy the file.")
        share_copy(args.path, args.out, choices)
    except (ShareRefused, TargetRefused) as refusal:
        return fail(str(refusal))
    print(f"Shared copy written to {shown(str(args.out))}, without {shown(choices.described())}.")
    return EXIT_OK

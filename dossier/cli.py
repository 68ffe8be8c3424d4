"""The `dossier` command: open the app, or work on a dossier headless.

One shape for every command: a command acting on a dossier takes it as its first positional
argument (`dossier info PATH`); a command bringing files in names it with `--into PATH`;
`dossier PATH` and `dossier open PATH` open the app. Errors go to stderr, never a traceback.
Here the arguments are parsed and the command run; the commands live in dossier/commands/.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dossier import __version__
from dossier.commands import EXIT_OK, exporting, fail, files, importing, screening, searching, sources
from dossier.commands.files import cmd_open
from dossier.store.errors import DossierError


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
    # In the order `dossier --help` lists them.
    files.add_open(commands)
    files.add_sample(commands)
    importing.add_import(commands)
    exporting.add_export(commands)
    importing.add_import_annotations(commands)
    importing.add_merge(commands)
    importing.add_import_ftm(commands)
    exporting.add_publish(commands)
    exporting.add_share(commands)
    sources.add_sources(commands)
    searching.add_search(commands)
    screening.add_watch(commands)
    screening.add_hits(commands)
    files.add_info(commands)
    files.add_backups(commands)
    files.add_restore(commands)
    from dossier.commands import passphrase  # lazy: these commands only

    passphrase.add_commands(commands)  # encrypt, decrypt
    return parser


COMMANDS = ("open", "sample", "import", "export", "import-annotations", "merge", "import-ftm", "publish", "share", "info",
            "backups", "restore", "sources", "encrypt", "decrypt", "search", "watch",
            "hits")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--self-test"]:
        from dossier.selftest import self_test  # lazy: this command only

        return self_test()
    # `dossier` and `dossier PATH` open the app: the common case skips building the parser.
    if not args_list or (len(args_list) == 1 and not args_list[0].startswith("-") and args_list[0] not in COMMANDS):
        args: argparse.Namespace = argparse.Namespace(path=Path(args_list[0]) if args_list else None, run=cmd_open)
    else:
        if not args_list[0].startswith("-") and args_list[0] not in COMMANDS:
            args_list.insert(0, "open")  # `dossier PATH --flag` is `dossier open PATH --flag`
        args = build_parser().parse_args(args_list)
    run: Callable[[argparse.Namespace], int] = args.run

    if not os.environ.get("DOSSIER_DEBUG"):
        _quiet_libraries()

    try:
        if run is not cmd_open:
            from dossier.commands.passphrase import unlock_named  # lazy: a command naming a dossier only

            unlock_named(args)  # the passphrase of each encrypted dossier it names
        return run(args)
    except BrokenPipeError:  # `dossier import … | head`: the reader left; the work is done
        _silence_stdout()
        return EXIT_OK
    except DossierError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    except OSError as exc:
        return fail(f"{exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}")
    except Exception as exc:  # the promise is "never a traceback"; DOSSIER_DEBUG=1 shows it
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        return fail(f"unexpected error: {exc.__class__.__name__}: {exc} (DOSSIER_DEBUG=1 shows details)")


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

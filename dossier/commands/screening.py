"""`dossier watch PATH LIST.csv`: add or update a watchlist and screen the dossier for it;
`dossier hits PATH`: where the dossier's articles name watched names, one line per hit."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.commands import EXIT_OK, fail

if TYPE_CHECKING:
    from dossier.commands import Subcommands


def add_watch(commands: Subcommands) -> None:
    p = commands.add_parser("watch", help="add or update a watchlist from a CSV file (name, kind, aliases, note) "
                                          "and screen every article for it")
    p.add_argument("path", type=Path)
    p.add_argument("list_file", type=Path, metavar="LIST.csv",
                   help="columns name, kind, aliases (separated by |), note; the first line names them")
    p.add_argument("--name", help="the list's name (default: the file's name without .csv)")
    p.add_argument("--keep", action="store_true", help="only add and update names: keep those the file leaves out")
    p.set_defaults(run=cmd_watch)


def add_hits(commands: Subcommands) -> None:
    p = commands.add_parser("hits", help="where the dossier's articles name watched names, one line per hit")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help='one JSON object a line: {"name", "list", "article", '
                                                       '"start", "end", "quote", "new"}')
    p.add_argument("--new", action="store_true", help="only hits nobody has marked seen")
    p.set_defaults(run=cmd_hits)


def cmd_watch(args: argparse.Namespace) -> int:
    from dossier.ingest.screening import ListError, read_list_file  # lazy: this command only
    from dossier.operations import Refused, perform  # lazy: this command only
    from dossier.operations.screening import SetWatchlist  # lazy: this command only
    from dossier.store import Database  # lazy: this command only

    try:
        rows = read_list_file(args.list_file)
    except ListError as error:
        return fail(str(error))
    name = args.name or args.list_file.stem
    store = Database.open(args.path)
    try:
        operation = SetWatchlist(name, rows, keep_others=args.keep, rescreen=True)
        try:
            perform(store, operation)
        except Refused as error:
            return fail(str(error))
        _list_id, added, changed, removed = operation.result
        print(f"{name}: {len(rows)} names ({added} added, {changed} changed, {removed} removed); "
              f"{operation.new_hits} new hits")
    finally:
        store.close()
    return EXIT_OK


def cmd_hits(args: argparse.Namespace) -> int:
    from dossier.store import Database  # lazy: this command only
    from dossier.store.screening import NEW, SEEN  # lazy: this command only

    store = Database.open_readonly(args.path)  # reads only: safe while the app has it open
    try:
        for hit in store.hits.all(states=(NEW,) if args.new else (NEW, SEEN)):
            if args.json:
                print(json.dumps({"name": hit.name, "list": hit.list_name, "article": hit.article_id,
                                  "start": hit.start, "end": hit.end, "quote": hit.passage, "title": hit.title,
                                  "new": hit.state == NEW}, ensure_ascii=False))
            else:
                mark = "*" if hit.state == NEW else " "
                print(f"{mark} {hit.list_name} · {hit.name} · {hit.title} [{hit.start}–{hit.end}]: "
                      f"{' '.join(hit.passage.split())}")
    finally:
        store.close()
    return EXIT_OK

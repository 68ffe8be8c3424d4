"""`dossier sources PATH`: a dossier's outlets with their grades, or with --copies its groups of
copies of one story, one JSON line each."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.commands import EXIT_OK

if TYPE_CHECKING:
    from dossier.commands import Subcommands


def add_sources(commands: Subcommands) -> None:
    p = commands.add_parser("sources", help="a dossier's outlets, or with --copies its groups of copies of one story")
    p.add_argument("path", type=Path)
    p.add_argument("--copies", action="store_true", help="one JSON line per group of copies: articles, origin, shared")
    p.add_argument("--find", action="store_true", help="first find the copies among all the dossier's articles")
    p.set_defaults(run=cmd_sources)


def cmd_sources(args: argparse.Namespace) -> int:
    from dossier.store import Database  # lazy: this command only

    if args.find:
        from dossier.operations import perform  # lazy: this command only
        from dossier.operations.copies import FindCopies  # lazy: this command only

        store = Database.open(args.path)
        try:
            perform(store, FindCopies())
        finally:
            store.close()
    store = Database.open_readonly(args.path)  # reads only: safe while the app has it open
    try:
        if args.copies:
            for group in store.copies.groups():
                shares = [m.shared for m in group.members if m.shared is not None]
                in_date_order = sorted(group.members, key=lambda m: (m.published is None, m.published or "",
                                                                     m.article_id))
                # "shared": the least share of a copy's sentences found in the origin
                line: dict[str, object] = {"articles": [m.title for m in in_date_order],
                                           "origin": group.members[0].title, "shared": round(min(shares), 2)}
                if group.wire:
                    line["wire"] = group.wire
                print(json.dumps(line, ensure_ascii=False))
        else:
            for source in store.sources.all():
                print(json.dumps({"outlet": source.name, "reliability": source.reliability,
                                  "rationale": source.rationale}, ensure_ascii=False))
    finally:
        store.close()
    return EXIT_OK

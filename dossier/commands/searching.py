"""`dossier search PATH QUERY`: the articles and annotations a query finds, with the operators and
fields of the Search panel (phrases, prefix*, NEAR/n, AND / OR / NOT, note:, outlet: …)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.commands import EXIT_OK

if TYPE_CHECKING:
    from dossier.commands import Subcommands


def add_search(commands: Subcommands) -> None:
    p = commands.add_parser("search", help="the articles and annotations a query finds (operators and fields as "
                                           "in the Search panel)")
    p.add_argument("path", type=Path)
    p.add_argument("query", help='words, "a phrase", prefix*, a NEAR/5 b, AND OR NOT ( ), note: rationale: tag: '
                                 "quote: kind: status: outlet: lang: published:")
    p.add_argument("--json", action="store_true", help='one JSON object a line: {"type": "article" or "annotation", …}')
    p.add_argument("--limit", type=int, default=50, help="at most this many of each (default 50)")
    p.set_defaults(run=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from dossier.core.models import MATCH_END, MATCH_START  # lazy: this command only
    from dossier.store import Database  # lazy: this command only

    def plain(snippet: str) -> str:
        return " ".join(snippet.replace(MATCH_START, "").replace(MATCH_END, "").split())

    limit = max(1, min(args.limit, 10_000))
    store = Database.open_readonly(args.path)  # reads only: safe while the app has it open
    try:
        for hit in store.search.articles(args.query, limit):
            line = {"type": "article", "article": hit.article_id, "title": hit.title, "outlet": hit.source,
                    "published": hit.published, "snippet": plain(hit.snippet)}
            print(json.dumps(line, ensure_ascii=False) if args.json else f"{hit.article_id}\t{hit.title}\t{line['snippet']}")
        for note in store.search.annotations(args.query, limit):
            line = {"type": "annotation", "annotation": note.annotation_id, "article": note.article_id,
                    "kind": note.kind, "where": note.where, "snippet": plain(note.snippet)}
            print(json.dumps(line, ensure_ascii=False) if args.json
                  else f"{note.article_id}\t{note.kind} ({note.where})\t{line['snippet']}")
    finally:
        store.close()
    return EXIT_OK

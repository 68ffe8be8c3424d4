"""Shared-copy benchmark (run by hand; not a test): how long `dossier share` takes.

    python tests/benchmarks/bench_share.py --articles 2000

Builds the store benchmark's synthetic corpus, puts a noted, tagged claim on every tenth article,
then times a copy without notes, rationales and names, and one without the articles of a tag
(a tenth of them), each from the file alone, as `dossier share` runs it. Prints one JSON object
per line: {"metric", "value", "unit", "articles"}.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import build

from dossier.core.models import Claim
from dossier.store import Database
from dossier.store.sharing import parse_without, share_copy


def emit(metric: str, value: float, unit: str, n: int) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit, "articles": n}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n = args.articles
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        mine = folder / "mine.dossier"
        build(mine, n, args.seed)
        with Database.open(mine) as store:
            store.author = "Ann"
            tag = store.tags.add("internal", "#ff0000")
            with store.transaction():
                for article_id in range(1, n + 1, 10):
                    store.annotations.add(article_id, "claim", 0, 40, note="met the fixer",
                                         claim=Claim("confirmed", "B", 2, "we pay them"), tag_ids=[tag])
        emit("file_size", mine.stat().st_size / 1e6, "MB", n)
        for label, without in (("share_without_notes_rationales_authors", "notes,rationales,authors"),
                               ("share_without_tagged_articles", "articles-tagged:internal")):
            out = folder / f"{label}.dossier"
            started = time.perf_counter()
            share_copy(mine, out, parse_without(without))
            emit(label, time.perf_counter() - started, "s", n)
            emit(f"{label}_size", out.stat().st_size / 1e6, "MB", n)


if __name__ == "__main__":
    main()

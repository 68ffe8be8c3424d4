"""Merge benchmark (run by hand; not a test): two analysts' dossiers that share most articles.

    python tests/benchmarks/bench_merge.py --articles 2000 --theirs-new 500

Builds "mine" (the store benchmark's synthetic corpus), copies it as "theirs", and in theirs adds
new articles with mentions, grades a claim on every tenth shared article differently from mine
(a conflict each), and adds a note on every fifth new one. Then times what a user waits for:
the preview (the merge run and rolled back), the merge, the undo of the whole merge, and merging
the same file again (which must add nothing). Prints one JSON object per line: {"metric",
"value", "unit", "articles"}.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import Corpus, build

from dossier.core.models import Claim, NewArticle, NewMention
from dossier.operations import perform, undo
from dossier.operations.team import MergeDossier
from dossier.store import Database
from dossier.store.merging import merge_dossier, preview_merge


def emit(metric: str, value: float, unit: str, n: int) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit, "articles": n}), flush=True)


def prepare(folder: Path, n: int, theirs_new: int, seed: int) -> tuple[Path, Path, int]:
    mine, theirs = folder / "mine.dossier", folder / "theirs.dossier"
    build(mine, n, seed)
    with Database.open(mine) as store:  # my claims on every tenth article
        store.author = "Ann"
        for article_id in range(1, n + 1, 10):
            store.annotations.add(article_id, "claim", 0, 40, claim=Claim("confirmed", "B", 2, "mine"))
    shutil.copy(mine, theirs)
    corpus = Corpus(seed + 1)
    conflicts = 0
    with Database.open(theirs) as store:
        store.author = "Boris"
        with store.transaction():
            for a in store.annotations.all():
                if a.kind == "claim":
                    store.annotations.set_claim(a.id, Claim("disputed", "C", 4, "theirs"))
                    conflicts += 1
            entity_ids = [e.id for e in store.entities.all()]
            for i in range(theirs_new):
                text, mentions = corpus.article(n + i, len(entity_ids))
                (article_id,) = store.articles.add_many([NewArticle(f"Their report {i}", text, source="Outlet X")])
                store.entities.add_mentions([NewMention(article_id, entity_ids[e], s, t, text[s:t]) for e, s, t in mentions])
                if i % 5 == 0:
                    store.annotations.add(article_id, "note", 0, 30, note="theirs")
    return mine, theirs, conflicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--theirs-new", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n = args.articles
    with tempfile.TemporaryDirectory() as folder:
        mine, theirs, conflicts = prepare(Path(folder), n, args.theirs_new, args.seed)
        with Database.open(mine) as store:
            started = time.perf_counter()
            preview = preview_merge(store, theirs)
            emit("merge_preview_s", time.perf_counter() - started, "s", n)
            operation = MergeDossier(theirs)
            started = time.perf_counter()
            done = perform(store, operation)
            emit("merge_s", time.perf_counter() - started, "s", n)
            report = operation.result
            emit("merge_articles_new", report.articles_new, "articles", n)
            emit("merge_conflicts", len(report.conflicts), "conflicts", n)
            emit("merge_preview_equals_merge", float(preview.lines() == report.lines()), "bool", n)
            emit("merge_expected_conflicts", conflicts, "conflicts", n)
            started = time.perf_counter()
            undo(store, done)
            emit("merge_undo_s", time.perf_counter() - started, "s", n)
            perform(store, MergeDossier(theirs))
            started = time.perf_counter()
            again = merge_dossier(store, theirs)
            emit("merge_again_s", time.perf_counter() - started, "s", n)
            emit("merge_again_adds_nothing", float(again.adds_nothing), "bool", n)


if __name__ == "__main__":
    main()

"""Long-article benchmark (run by hand; not a test): storing, deleting and merging one article
of 1, 4 and 16 MB must grow linearly with its length.

    python tests/benchmarks/bench_long_article.py [--sizes 1 4 16]

For each size, a report of that many MB (English-like sentences of 8 to 30 words, paragraphs of
3 to 8 sentences, as a UN report reads) is stored as `dossier import` stores a file's document
(with its original bytes: sentences, story keys, the full-text indexes), in a fresh dossier;
then a second dossier merges the first (`merge_s`: the article matched by nothing, stored
again, with a note on it re-anchored); then the article is deleted and the deletion undone, as
Undo of an import does (`delete_s`, `undo_s`). Prints one JSON object per line: {"metric",
"value", "unit", "mb"}, then the ratio of the largest size's store time to the smallest's
(linear: about the ratio of the sizes, 16 for 1 and 16 MB; quadratic: its square).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from dossier.core.models import NewArticle
from dossier.operations import perform, undo
from dossier.operations.articles import DeleteArticle
from dossier.store import Database
from dossier.store.merging import merge_dossier

WORDS = ["the", "border", "guards", "said", "troops", "moved", "near", "Goris", "Syunik", "province", "minister", "Armenia", "Azerbaijan", "Russia", "agreement", "withdrawal", "report", "officials", "village", "lake", "heights", "positions", "talks", "ceasefire", "region", "mission", "observers", "council", "resolution", "humanitarian", "access", "displaced", "persons"]


def report_text(megabytes: float, seed: int = 7) -> str:
    rng = random.Random(seed)
    out, size, target = [], 0, int(megabytes * 1024 * 1024)
    while size < target:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
            sentences.append(words[0].upper() + words[1:] + rng.choice(".!?."))
        paragraph = " ".join(sentences) + "\n\n"
        out.append(paragraph)
        size += len(paragraph)
    return "".join(out).rstrip() + "\n"


def emit(metric: str, value: float, unit: str, mb: float) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit, "mb": mb}), flush=True)


def measure(folder: Path, mb: float) -> float:
    text = report_text(mb)
    theirs_path, mine_path = folder / f"theirs-{mb}.dossier", folder / f"mine-{mb}.dossier"
    with Database.create(theirs_path, "Theirs") as theirs:
        started = time.perf_counter()
        with theirs.transaction():
            article_id = theirs.articles.add(NewArticle("A long report", text, source="UN"))
            theirs.articles.keep_original(article_id, "report.txt", text.encode("utf-8"))
        store_s = time.perf_counter() - started
        middle = len(text) // 2
        theirs.annotations.add(article_id, "note", middle, middle + 200, note="read this")
    emit("store_s", store_s, "s", mb)
    with Database.create(mine_path, "Mine") as mine:
        started = time.perf_counter()
        report = merge_dossier(mine, theirs_path)
        emit("merge_s", time.perf_counter() - started, "s", mb)
        assert report.articles_new == 1 and report.annotations_new == 1 and not report.orphaned, report
        (merged,) = mine.articles.ids()
        started = time.perf_counter()
        done = perform(mine, DeleteArticle(merged))
        emit("delete_s", time.perf_counter() - started, "s", mb)
        started = time.perf_counter()
        undo(mine, done)
        emit("undo_s", time.perf_counter() - started, "s", mb)
        hits = mine._conn.execute("SELECT count(*) FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
                                  "WHERE sentences_fts MATCH 'ceasefire'").fetchone()[0]
        assert hits > 0, "the sentence index lost the article"
    return store_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 16], metavar="MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-long-") as folder:
        import os

        os.environ.setdefault("DOSSIER_DATA_DIR", str(Path(folder) / "data"))
        times = {mb: measure(Path(folder), mb) for mb in args.sizes}
    smallest, largest = min(times), max(times)
    print(json.dumps({"metric": f"store_ratio_{largest:g}mb_{smallest:g}mb",
                      "value": round(times[largest] / times[smallest], 2), "unit": "x",
                      "size_ratio": round(largest / smallest, 2)}), flush=True)


if __name__ == "__main__":
    main()

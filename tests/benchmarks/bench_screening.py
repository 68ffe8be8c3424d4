"""Screening at scale (run by hand; not a test).

    python tests/benchmarks/bench_screening.py --names 10000 --articles 10000

Makes `--names` watched names (two or three capitalised words from a syllable vocabulary, one in
five written in Cyrillic, one in three with an alias) and `--articles` synthetic articles of about
400 words (news-like: one word in eight capitalised, two in three articles naming one or two of the
watched names, in a case form now and then). Prints one JSON object per line:
- `build_s`, `screener_rss_mb`: building the one automaton for all names, and the memory it holds;
- `screen_ms_mean`, `screen_ms_p95`: screening one article;
- `store_ms_mean` without a watchlist and `store_screened_ms_mean` with it: storing an article
  as an import stores it (add_document: the article, its sentences, its search index, one
  committed transaction), the same articles into two dossiers in turn, and `store_share`: what
  screening adds to storing alone (the worst case: an import also reads and extracts);
- `import_ms_per_file`, `import_screened_ms_per_file` and `real_import_share` (goal ≤ 10%): the
  same for a whole import of `--import-files` text files (read, store, extract with spaCy, link);
- `rescreen_s`: re-screening every stored article after a list changes (goal ≤ 30 s), and the
  hits it stored;
- `peak_rss_mb` of the whole run.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from dossier.analysis.screening import Screener, Watched
from dossier.ingest.document import Document
from dossier.ingest.pipeline import add_document
from dossier.ingest.screening import rescreen, screener_for, watched
from dossier.operations import perform
from dossier.operations.screening import SetWatchlist
from dossier.store import Database
from dossier.store.screening import NameRow

SYLLABLES = ["ka", "ro", "mi", "sha", "lev", "an", "dor", "vi", "ya", "tur", "bek", "ov", "gor", "zan", "el", "ish",
             "pa", "nik", "ser", "gey", "ar", "men", "tal", "hov", "han", "nes", "yan", "li", "ev", "mur"]
TO_CYRILLIC = str.maketrans("abdegiklmnoprstuvyzh", "абдегиклмнопрстувйзх")


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def make_names(n: int, rng: random.Random) -> list[NameRow]:
    names: dict[str, NameRow] = {}
    while len(names) < n:
        words = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize() for _ in range(rng.choice((2, 2, 3)))]
        name = " ".join(words)
        if rng.random() < 0.2:
            name = name.lower().translate(TO_CYRILLIC).title()
        alias = words[-1] if rng.random() < 0.33 and len(words[-1]) >= 6 else ""
        names[name] = NameRow(name, "person", alias)
    return list(names.values())


def make_article(rng: random.Random, vocabulary: list[str], names: list[NameRow]) -> str:
    words = []
    for _ in range(400):
        word = rng.choice(vocabulary)
        words.append(word.capitalize() if rng.random() < 0.125 else word)
    for _ in range(rng.choice((0, 1, 2))):
        name = rng.choice(names).name
        if rng.random() < 0.3:
            name += rng.choice(("a", "om", "in", "'s"))
        words.insert(rng.randrange(len(words)), name)
    sentences = [" ".join(words[i:i + 20]) + "." for i in range(0, len(words), 20)]
    return " ".join(s[0].upper() + s[1:] for s in sentences)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--timed", type=int, default=500, help="articles stored with and without a list, timed")
    parser.add_argument("--seed", type=int, default=38)
    parser.add_argument("--import-files", type=int, default=200,
                        help="files imported (read, stored, entities extracted) with and without the list")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    # the articles' own words: random letters (as bench_copies' are), so only the names put in match
    vocabulary = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 10))) for _ in range(30_000)]
    names = make_names(args.names, rng)
    texts = [make_article(rng, vocabulary, names) for _ in range(args.articles)]

    before = _rss_mb()
    started = time.perf_counter()
    screener = Screener(Watched(i, (row.name, *filter(None, [row.aliases]))) for i, row in enumerate(names))
    build_s = time.perf_counter() - started
    print(json.dumps({"names": args.names, "build_s": round(build_s, 2),
                      "screener_rss_mb": round(_rss_mb() - before, 1)}))

    timings, found = [], 0
    for text in texts[:2000]:
        started = time.perf_counter()
        found += len(screener.screen(text))
        timings.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"articles_screened": len(timings), "screen_ms_mean": round(statistics.mean(timings), 3),
                      "screen_ms_p95": round(statistics.quantiles(timings, n=20)[-1], 3), "matches": found}))

    with tempfile.TemporaryDirectory() as folder:
        # Two dossiers fed the same articles in turn (so both grow alike): one watches every name.
        plain = Database.create(Path(folder) / "plain.dossier", "Without lists")
        store = Database.create(Path(folder) / "bench.dossier", "Screening benchmark")
        perform(store, SetWatchlist("Bench", names))  # no re-screen: nothing is stored yet
        assert len(watched(store.watchlists.names())) == args.names
        started = time.perf_counter()
        assert screener_for(store) is not None  # built once per change of the lists, not per article
        print(json.dumps({"screener_from_store_s": round(time.perf_counter() - started, 2)}))
        plain_ms, screened_ms = [], []
        for i, text in enumerate(texts[:args.timed]):
            plain_ms.append(_store_one(plain, text, i))
            screened_ms.append(_store_one(store, text, i))
        plain.close()
        mean_plain, mean_screened = statistics.mean(plain_ms), statistics.mean(screened_ms)
        print(json.dumps({"store_ms_mean": round(mean_plain, 2), "store_screened_ms_mean": round(mean_screened, 2),
                          "store_share": round((mean_screened - mean_plain) / mean_plain, 3),
                          "hits_per_article": round(store.hits.count_new() / args.timed, 2)}))
        rest = texts[args.timed:]
        with store.transaction():
            for i, text in enumerate(rest):
                store.articles.add(Document(title=f"rest {i}", text=text).to_article())
        started = time.perf_counter()
        with store.transaction():
            new = rescreen(store)
        rescreen_s = time.perf_counter() - started
        print(json.dumps({"articles": store.articles.count(), "rescreen_s": round(rescreen_s, 1),
                          "hits_stored": len(store.hits.all(limit=10**7)), "new_hits": new}))
        store.close()
    if args.import_files:
        _real_import_share(texts, names, args.import_files)
    print(json.dumps({"peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


def _real_import_share(texts: list[str], names: list[NameRow], count: int) -> None:
    """`import_files_ms` per file of a real import (read, store, extract with spaCy, link) into a
    dossier without lists and into one watching every name; `real_import_share` what screening adds."""
    from dossier.ingest.pipeline import ImportOptions, run_import  # lazy: this part only

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        # In turn, twice each, so a slower moment of the machine falls on both alike.
        half = count // 2
        chunks = {"warm": texts[-10:], "plain1": texts[:half], "screened1": texts[half:count],
                  "plain2": texts[count:count + half], "screened2": texts[count + half:2 * count]}
        batches = {}
        for label, chunk in chunks.items():
            (root / label).mkdir()
            for i, text in enumerate(chunk):
                (root / label / f"{i:05d}.txt").write_text(f"{label} {i}\n\n{text}\n", encoding="utf-8")
            batches[label] = root / label
        plain = Database.create(root / "plain.dossier", "plain")
        watching = Database.create(root / "watching.dossier", "watching")
        perform(watching, SetWatchlist("Bench", names))
        screener_for(watching)
        run_import(plain, [batches["warm"]], ImportOptions())  # the model loaded once, before timing
        spent = {"plain": 0.0, "screened": 0.0}
        for label in ("plain1", "screened1", "plain2", "screened2"):
            store = plain if label.startswith("plain") else watching
            started = time.perf_counter()
            report = run_import(store, [batches[label]], ImportOptions())
            assert len(report.imported) == len(chunks[label]), report.failed[:3]
            spent[label[:-1]] += time.perf_counter() - started
        timings = {kind: seconds * 1000 / (2 * half) for kind, seconds in spent.items()}
        print(json.dumps({"import_files": count, "import_ms_per_file": round(timings["plain"], 1),
                          "import_screened_ms_per_file": round(timings["screened"], 1),
                          "real_import_share": round((timings["screened"] - timings["plain"]) / timings["plain"], 3),
                          "hits_on_import": watching.hits.count_new()}))
        plain.close()
        watching.close()


def _store_one(store: Database, text: str, i: int) -> float:
    """Ms to store one article as an import does (one transaction)."""
    started = time.perf_counter()
    add_document(store, Document(title=f"article {i}", text=text, language="en"))
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()

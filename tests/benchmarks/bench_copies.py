"""Finding copies of one story at scale (run by hand; not a test).

    python tests/benchmarks/bench_copies.py --stored 100000 --new 10000

Builds a dossier of `--stored` synthetic articles (sentences of 12 to 25 words over a Zipf
vocabulary, an outlet's sign-off sentence shared by thousands), one in fifty a wire story with
three copies edited as syndication edits them (a paragraph cut, two moved, a local sentence
added, a word changed, the credit dropped). Then `--new` articles arrive — one in ten a copy of a
stored wire story, one in twenty a new wire story with a copy among the new — stored as an import
stores them (timed: `store_new_s`), and the copies among them are found as the import's end
finds them, in a process of its own so its peak memory is its own: `find_s`, `pairs_examined`,
`groups_found`, `copies_found` (against `copies_expected`), `find_peak_rss_mb`, and
`find_to_store_ratio` (the finding's time over storing's). Prints one JSON object per line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from dossier.core.models import NewArticle
from dossier.store import Database

BATCH = 1000
SIGN_OFF = "Follow our channel for the latest news from the region and share this article with your friends."
OUTLETS = [f"Outlet {i}" for i in range(300)]


class Corpus:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        vocab = {"".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 10))) for _ in range(30_000)}
        self.vocab = sorted(vocab)
        self.weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.vocab))))

    def sentence(self) -> str:
        words = self.rng.choices(self.vocab, cum_weights=self.weights, k=self.rng.randint(12, 25))
        return " ".join(words).capitalize() + "."

    def story(self, sentences: int = 20) -> list[str]:
        return [self.sentence() for _ in range(sentences)]

    def copy_of(self, story: list[str]) -> list[str]:
        """A syndicated copy: a paragraph cut, two moved, a local sentence, a word changed."""
        rng = self.rng
        kept = [s for i, s in enumerate(story) if i != rng.randrange(len(story))]
        a, b = rng.sample(range(len(kept)), 2)
        kept[a], kept[b] = kept[b], kept[a]
        kept.insert(rng.randrange(len(kept)), self.sentence())
        i = rng.randrange(len(kept))
        words = kept[i].split()
        words[rng.randrange(len(words))] = rng.choice(self.vocab)
        kept[i] = " ".join(words)
        return kept


def text_of(sentences: list[str], signed: bool) -> str:
    paragraphs = [" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]
    return "\n\n".join(paragraphs + ([SIGN_OFF] if signed else []))


def build(path: Path, stored: int, new: int, seed: int) -> dict[str, float]:
    corpus = Corpus(seed)
    rng = corpus.rng
    store = Database.create(path, "Copies benchmark")
    wires: list[list[str]] = []
    pending: list[NewArticle] = []

    def add(sentences: list[str], outlet: str, day: int) -> None:
        pending.append(NewArticle(f"Article {len(pending)}", text_of(sentences, rng.random() < 0.3), outlet, None,
                                  f"2021-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}", "day"))

    def flush() -> None:
        with store.transaction():
            store.articles.add_many(pending)
        pending.clear()

    made = 0
    started = time.perf_counter()
    while made < stored:
        if rng.random() < 0.02 and stored - made >= 4:
            story = corpus.story()
            wires.append(story)
            add(story, "Reuters", made % 300)
            for _ in range(3):
                add(corpus.copy_of(story), rng.choice(OUTLETS), made % 300 + 1)
            made += 4
        else:
            add(corpus.story(), rng.choice(OUTLETS), made % 300)
            made += 1
        if len(pending) >= BATCH:
            flush()
    flush()
    build_s = time.perf_counter() - started
    first_new = (store._conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) + 1
    expected = 0
    started = time.perf_counter()
    made = 0
    while made < new:
        roll = rng.random()
        if roll < 0.1 and wires:
            add(corpus.copy_of(rng.choice(wires)), rng.choice(OUTLETS), 301)
            expected += 1
            made += 1
        elif roll < 0.15 and new - made >= 2:
            story = corpus.story()
            add(story, "AP", 302)
            add(corpus.copy_of(story), rng.choice(OUTLETS), 303)
            expected += 1
            made += 2
        else:
            add(corpus.story(), rng.choice(OUTLETS), 302)
            made += 1
        if len(pending) >= BATCH:
            flush()
    flush()
    store_new_s = time.perf_counter() - started
    store.close()
    return {"build_s": build_s, "store_new_s": store_new_s, "first_new": first_new, "copies_expected": expected}


def find(path: Path, first_new: int, trace: bool = False) -> dict[str, float]:
    """Find the copies of the new articles, as an import's end does; in this process alone. With
    `trace`, Python's own allocations during the finding are measured too (slower): the process's
    peak RSS is reached while the dossier is opened and checked, and says little of the finding."""
    from dossier.operations import perform
    from dossier.operations.copies import FindCopies, find_copies

    store = Database.open(path, backup=False)
    ids = [r[0] for r in store._conn.execute("SELECT id FROM articles WHERE id >= ? ORDER BY id", (first_new,))]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        import tracemalloc

        tracemalloc.start()
    started = time.perf_counter()
    plan = find_copies(store, ids)
    find_s = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    started = time.perf_counter()
    perform(store, FindCopies(plan))
    write_s = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    new = set(ids)
    copies = sum(1 for link in plan.links if link.article_id in new or link.origin_id in new)
    groups = len({link.origin_id for link in plan.links})
    store.close()
    extra = {"find_traced_peak_mb": traced} if traced is not None else {}
    return {**extra, "find_s": find_s, "write_s": write_s, "pairs_examined": plan.examined, "groups_found": groups,
            "copies_found": copies, "find_peak_rss_mb": peak / 1024, "rss_before_find_mb": before / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=35)
    parser.add_argument("--keep", type=Path, help="keep the dossier here")
    parser.add_argument("--find-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--first-new", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace-memory", action="store_true",
                        help="also measure the finding's own Python allocations (tracemalloc; slower)")
    args = parser.parse_args()
    if args.find_only:
        print(json.dumps(find(args.find_only, args.first_new, args.trace_memory)))
        return
    with tempfile.TemporaryDirectory() as scratch:
        path = args.keep or Path(scratch) / "copies.dossier"
        built = build(path, args.stored, args.new, args.seed)
        command = [sys.executable, __file__, "--find-only", str(path), "--first-new", str(built["first_new"])]
        out = subprocess.run(command + (["--trace-memory"] if args.trace_memory else []),
                             capture_output=True, text=True, check=True)
        found = json.loads(out.stdout.strip().splitlines()[-1])
        scale = {"stored": args.stored, "new": args.new}
        results = {**{k: v for k, v in built.items() if k != "first_new"}, **found,
                   "find_to_store_ratio": found["find_s"] / built["store_new_s"]}
        for metric, value in results.items():
            print(json.dumps({"metric": metric, "value": round(value, 3) if isinstance(value, float) else value, **scale}))


if __name__ == "__main__":
    main()

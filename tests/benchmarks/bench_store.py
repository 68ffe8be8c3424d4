"""Store benchmark (run by hand; not a test): build a synthetic dossier, time what users feel.

    python tests/benchmarks/bench_store.py --articles 100000
    python tests/benchmarks/bench_store.py --articles 10000 --encrypted   # and an encrypted copy, ratios

Prints one JSON object per line: {"metric", "value", "unit", "articles"}. Articles have ~600
words, 20 entity mentions and 2 events each; one in five carries an annotation. Saving an
annotation is timed as the app does it (validated, journaled for undo), and so is its undo.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from dossier.core.models import NewArticle
from dossier.operations import perform, undo
from dossier.operations.annotations import AddAnnotation
from dossier.store import Database, NewEvent, NewMention

WORDS_PER_ARTICLE = 600
MENTIONS_PER_ARTICLE = 20
EVENTS_PER_ARTICLE = 2
BATCH = 1000
PASSPHRASE = "benchmark passphrase"
# Words in nearly every article (English function words and the beat's staples).
COMMON = ["the", "of", "and", "to", "in", "a", "that", "was", "for", "on", "with", "as", "by", "said", "from", "at", "has", "were", "have", "had", "it", "its", "is", "be", "an", "which", "this", "after", "forces", "border", "troops", "minister", "government", "region"]


def pseudo_word(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(length))


class Corpus:
    """Deterministic synthetic articles: Zipf-distributed vocabulary plus named entities."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.vocab = sorted({pseudo_word(rng, rng.randint(4, 10)) for _ in range(20_000)})
        self.cum_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.vocab))))
        self.people = [f"{pseudo_word(rng, 5).title()} {pseudo_word(rng, 7).title()}" for _ in range(5_000)]
        self.places = [pseudo_word(rng, 8).title() for _ in range(2_000)]
        self.orgs = [f"{pseudo_word(rng, 6).title()} Agency" for _ in range(500)]
        self.names = [name for name, _ in self.entities()]

    def entities(self) -> list[tuple[str, str]]:
        return ([(n, "person") for n in self.people] + [(n, "place") for n in self.places]
                + [(n, "organisation") for n in self.orgs])

    def article(self, index: int, entity_count: int) -> tuple[str, list[tuple[int, int, int]]]:
        """Text, and (entity index, start, end) of each mention."""
        rng = self.rng
        words = rng.choices(self.vocab, cum_weights=self.cum_weights, k=WORDS_PER_ARTICLE - 20 * 3)
        words += rng.choices(COMMON, k=20 * 3)
        rng.shuffle(words)
        chosen = rng.sample(range(entity_count), MENTIONS_PER_ARTICLE)
        slots = sorted(rng.sample(range(1, len(words)), MENTIONS_PER_ARTICLE))
        pieces: list[str] = []
        mentions: list[tuple[int, int, int]] = []
        position, cursor = 0, 0
        for slot, entity in zip(slots, chosen):
            chunk = " ".join(words[cursor:slot]) + " "
            pieces.append(chunk)
            position += len(chunk)
            name = self.names[entity]
            pieces.append(name + ". ")
            mentions.append((entity, position, position + len(name)))
            position += len(name) + 2
            cursor = slot
        pieces.append(" ".join(words[cursor:]) + f". Report {index}.")
        return "".join(pieces), mentions


def synthetic_date(index: int, j: int) -> tuple[str, str, str, str]:
    """(words, earliest, latest, precision) of an article's j-th event: days, weeks, months,
    ranges and approximate dates spread over 2000-2024, as an import finds them."""
    from datetime import date, timedelta

    day = date(2000 + index % 25, index % 12 + 1, index % 28 + 1) + timedelta(days=j * 3)
    kind = ("day", "day", "day", "week", "month", "range", "approximate", "year")[j % 8]
    if kind == "day":
        return "that day", day.isoformat(), day.isoformat(), "day"
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        return "that week", monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week"
    if kind == "month":
        last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return "that month", day.replace(day=1).isoformat(), last.isoformat(), "month"
    if kind == "year":
        return "that year", f"{day.year}-01-01", f"{day.year}-12-31", "year"
    return "around then", day.isoformat(), (day + timedelta(days=9)).isoformat(), kind


def build(path: Path, n: int, seed: int, events_per_article: int = EVENTS_PER_ARTICLE,
          varied_dates: bool = False) -> tuple[float, Corpus]:
    corpus = Corpus(seed)
    started = time.perf_counter()
    store = Database.create(path, f"Benchmark, {n} articles")
    with store.transaction():
        entity_ids = [store.entities.add(name, kind) for name, kind in corpus.entities()]
    for first in range(0, n, BATCH):
        with store.transaction():
            texts = [corpus.article(i, len(entity_ids)) for i in range(first, min(n, first + BATCH))]
            ids = store.articles.add_many(
                NewArticle(title=f"Report {first + k}: {corpus.places[(first + k) % len(corpus.places)]}",
                           text=text, source=f"Outlet {(first + k) % 40}",
                           published=f"{2000 + (first + k) % 25}-{(first + k) % 12 + 1:02d}-{(first + k) % 28 + 1:02d}",
                           published_precision="day")
                for k, (text, _) in enumerate(texts)
            )
            store.entities.add_mentions([NewMention(aid, entity_ids[e], s, t, text[s:t])
                                for aid, (text, mentions) in zip(ids, texts) for e, s, t in mentions])
            store.events.add_many([NewEvent(aid, s, t, f"Event {j}", *(synthetic_date(aid, j) if varied_dates else
                                                                   ("May 14", "2021-05-14", "2021-05-14", "day")),
                                       entity_ids=(entity_ids[e],))
                              for aid, (text, mentions) in zip(ids, texts)
                              for j, (e, s, t) in enumerate(mentions[:events_per_article])])
            for aid, (_text, mentions) in zip(ids, texts):
                if aid % 5 == 0:
                    _, s, t = mentions[0]
                    store.annotations.add(aid, "note", max(0, s - 20), t, note="check this")
    store.close()
    return time.perf_counter() - started, corpus


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def emit(metric: str, value: float, unit: str, n: int) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit, "articles": n}), flush=True)


def measure(path: Path, corpus: Corpus, n: int, seed: int, prefix: str = "") -> dict[str, float]:
    """Open, check, search and save on the dossier at `path`; each figure emitted (named with
    `prefix`) and returned by name."""
    figures: dict[str, float] = {}

    def emit(metric: str, value: float, unit: str, n: int) -> None:
        figures[metric.removeprefix(prefix)] = value
        globals()["emit"](metric, value, unit, n)

    opens, checks = [], []
    for _ in range(5):
        started = time.perf_counter()
        store = Database.open(path, verify=False)  # as the window opens it: shown at once
        page = store.articles.page(0, 50)
        opens.append((time.perf_counter() - started) * 1000)
        assert len(page) == min(50, n)
        started = time.perf_counter()
        assert store.integrity_problem() == "ok"  # what the window then runs on a worker
        checks.append((time.perf_counter() - started) * 1000)
        store.close()
    emit(prefix + "open_ms", statistics.median(opens), "ms", n)
    emit(prefix + "integrity_check_ms", statistics.median(checks), "ms", n)

    store = Database.open(path)  # the command line's way: checked before anything is written
    rng = random.Random(seed + 1)
    queries = ([rng.choice(corpus.places) for _ in range(20)] + [rng.choice(corpus.people) for _ in range(15)]
               + [f'"{rng.choice(corpus.people)}"' for _ in range(10)] + [rng.choice(corpus.orgs) for _ in range(5)])
    times, matched = [], []
    for q in queries:
        started = time.perf_counter()
        store.search.page(q, limit=50)  # what the search panel runs: count, then ranked results
        times.append((time.perf_counter() - started) * 1000)
        matched.append(store.search.count(q) / n)
    assert max(matched) < 0.05, f"a selective query matched {max(matched):.1%} of the articles"
    emit(prefix + "search_p50_ms", percentile(times, 50), "ms", n)
    emit(prefix + "search_p95_ms", percentile(times, 95), "ms", n)

    # Words in over half the articles, as the search panel runs them (count, then newest first
    # past RANK_LIMIT matches), and ranked anyway, for comparison.
    common = COMMON[:10]
    as_shown, ranked_anyway = [], []
    for q in common:
        assert store.search.count(q) / n > 0.5 or store.search.count(q) >= 10_000
        started = time.perf_counter()
        store.search.page(q, limit=50)
        as_shown.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        store.search.articles(q, limit=50, ranked=True)
        ranked_anyway.append((time.perf_counter() - started) * 1000)
    emit(prefix + "search_common_p95_ms", percentile(as_shown, 95), "ms", n)
    emit(prefix + "search_common_ranked_p95_ms", percentile(ranked_anyway, 95), "ms", n)

    # An annotation as the app saves it: validated, applied and journaled for undo in one
    # transaction (operations.perform); then undone, as Ctrl+Z does.
    saves, undos, done = [], [], []
    ids = store.articles.ids()
    for i in range(200):
        aid = rng.choice(ids)
        started = time.perf_counter()
        done.append(perform(store, AddAnnotation(aid, "claim", 10 + i % 50, 60 + i % 50)))
        saves.append((time.perf_counter() - started) * 1000)
    for step in reversed(done):
        started = time.perf_counter()
        undo(store, step)
        undos.append((time.perf_counter() - started) * 1000)
    emit(prefix + "annotation_save_p95_ms", percentile(saves, 95), "ms", n)
    emit(prefix + "annotation_undo_p95_ms", percentile(undos, 95), "ms", n)
    store.close()
    emit(prefix + "file_mb", path.stat().st_size / 1e6, "MB", n)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build into this file and keep it (reused if it exists)")
    parser.add_argument("--encrypted", action="store_true",
                        help="also measure an encrypted copy (SQLCipher) and print each figure's ratio to the plain one")
    args = parser.parse_args()
    n = args.articles
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    os.environ.setdefault("DOSSIER_DATA_DIR", str(folder / "user-data"))
    path = args.keep or folder / "bench.dossier"
    if path.exists():
        corpus = Corpus(args.seed)
    else:
        build_s, corpus = build(path, n, args.seed)
        emit("build_s", build_s, "s", n)

    plain = measure(path, corpus, n, args.seed)
    if not args.encrypted:
        return
    # The same dossier encrypted (SQLCipher 4), measured in the same run: the key derivation at
    # open is reported alone, then each figure of the encrypted copy and its ratio to the plain one.
    import shutil

    from dossier.store import encryption
    from dossier.store.protect import encrypt_dossier

    encrypted = folder / "bench-encrypted.dossier"
    shutil.copyfile(path, encrypted)
    started = time.perf_counter()
    encrypt_dossier(encrypted, PASSPHRASE)
    emit("encrypt_s", time.perf_counter() - started, "s", n)
    derivations = []
    for _ in range(3):
        encryption.forget_all()
        started = time.perf_counter()
        encryption.unlock(encrypted, PASSPHRASE)
        derivations.append((time.perf_counter() - started) * 1000)
    emit("key_derivation_ms", statistics.median(derivations), "ms", n)
    figures = measure(encrypted, corpus, n, args.seed, prefix="encrypted_")
    for metric in ("open_ms", "search_p95_ms", "annotation_save_p95_ms", "integrity_check_ms", "search_p50_ms",
                   "annotation_undo_p95_ms"):
        emit(f"encrypted_ratio_{metric.removesuffix('_ms')}", figures[metric] / max(plain[metric], 1e-6), "x", n)
    encrypted.unlink()



if __name__ == "__main__":
    main()

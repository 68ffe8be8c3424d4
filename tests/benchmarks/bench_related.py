"""Claims across sources benchmark (run by hand; not a test).

    python tests/benchmarks/bench_related.py --articles 10000

Builds the synthetic dossier of bench_store.py (~600 words in sentences of ~30, 20 entity
mentions and 2 events per article, 40 outlets), puts a claim on one sentence of every fiftieth article, links evidence to
a third of them, then times what the claims board and "Find related passages" cost:

    {"metric": "related_p95_ms", ...}   one claim's related passages (target: 200 ms at 10,000)
    {"metric": "related_median_ms", ...}
    {"metric": "claims_board_ms", ...}  every claim's row, with counts and suggestion
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_store
from bench_store import build, emit, percentile

from dossier.analysis.corroboration import corroborated
from dossier.analysis.related import best_related, describe_related
from dossier.core.models import Claim
from dossier.store import Database

CLAIM_EVERY = 50


class SentencedCorpus(bench_store.Corpus):
    """bench_store's articles, with a capital after each full stop, so that they split into
    sentences of about 30 words as news does (offsets unchanged)."""

    def article(self, index: int, entity_count: int) -> tuple[str, list[tuple[int, int, int]]]:
        text, mentions = super().article(index, entity_count)
        return re.sub(r"\. ([a-z])", lambda m: ". " + m.group(1).upper(), text), mentions


def add_claims(store: Database, rng: random.Random) -> list[int]:
    claims = []
    with store.transaction():
        sentences = store._conn.execute(
            "SELECT article_id, start_offset, end_offset FROM sentences WHERE article_id % ? = 0 "
            "AND end_offset - start_offset > 40 GROUP BY article_id", (CLAIM_EVERY,)).fetchall()
        for article_id, start, end in sentences:
            claims.append(store.annotations.add(article_id, "claim", start, min(end, start + 160), claim=Claim()))
        for claim_id in claims[::3]:
            for relation in ("supports", "contradicts"):
                other = rng.randrange(1, store.articles.count())
                target = store.annotations.add(other, "highlight", 0, 20)
                store.evidence.add(claim_id, target, relation)
    return claims


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n = args.articles
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.dossier"
        bench_store.Corpus = SentencedCorpus  # type: ignore[misc]  # what build() makes its articles with
        build(path, n, args.seed)
        store = Database.open(path)
        rng = random.Random(args.seed)
        claims = add_claims(store, rng)
        times = []
        for claim_id in rng.sample(claims, min(args.queries, len(claims))):
            started = time.perf_counter()
            facts = store.claims.related_passages(claim_id)
            best = best_related(facts)
            found = describe_related(facts, best, store.claims.text_stems([facts.sentences[i].text for i, _s in best]))
            times.append((time.perf_counter() - started) * 1000)
            assert found, "a claim in this corpus always has related sentences"
        emit("related_p95_ms", round(percentile(times, 95), 1), "ms", n)
        emit("related_median_ms", round(statistics.median(times), 1), "ms", n)
        started = time.perf_counter()
        rows = corroborated(store.claims.claim_rows())
        emit("claims_board_ms", round((time.perf_counter() - started) * 1000, 1), "ms", n)
        assert len(rows) == len(claims)
        store.close()


if __name__ == "__main__":
    main()

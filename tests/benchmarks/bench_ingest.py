"""Import benchmark (run by hand; not a test). Prints one JSON object per line.

    python tests/benchmarks/bench_ingest.py --articles 500 [--jobs J]

articles_per_s for the full pipeline (read files, store, extract entities and events, link) and
for spaCy's nlp.pipe alone on the same texts; pipeline_overhead = pipeline time / nlp.pipe time;
model_load_s; peak_rss_mb. With --jobs J above 1, the same import again with the model in J
worker processes: parallel_articles_per_s, speedup over the one-process import of this run, and
whether both dossiers hold the same mentions and events (same_dossier). Articles are variations on the sample article (its sentences
shuffled, with other places, people and dates), about 600 words each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

PLACES = ["Syunik", "Gegharkunik", "Tavush", "Nakhchivan", "Lachin", "Kalbajar", "Shusha", "Ararat", "Lori", "Kotayk"]
PEOPLE = ["Nikol Pashinyan", "Ilham Aliyev", "Vladimir Putin", "Sergei Lavrov", "Ararat Mirzoyan",
          "Jeyhun Bayramov", "Charles Michel", "Antony Blinken"]
DATES = ["May 14", "yesterday", "earlier this week", "last year", "November 10", "March 15", "on Monday",
         "last month", "in September", "two days ago"]


def emit(metric: str, value: float, unit: str, n: int) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit, "articles": n}), flush=True)


def make_texts(n: int) -> list[str]:
    from dossier.ingest.text_reader import read_text
    from dossier.sample import sample_path

    body = read_text(sample_path().read_text("utf-8")).text
    sentences = [s.strip() + "." for p in body.split("\n\n") for s in p.split(". ") if len(s.split()) > 3]
    rng = random.Random(11)
    texts = []
    for i in range(n):
        picked = [rng.choice(sentences) for _ in range(28)]
        text = " ".join(picked)
        for old in ("Syunik", "Gegharkunik"):
            text = text.replace(old, rng.choice(PLACES))
        text = text.replace("Nikol Pashinyan", rng.choice(PEOPLE))
        extra = f"{rng.choice(PEOPLE)} spoke {rng.choice(DATES)} about {rng.choice(PLACES)} (report {i})."
        paragraphs = [" ".join(picked[k:k + 4]) for k in range(0, len(picked), 4)]
        texts.append(f"Report {i}: {rng.choice(PLACES)}\n\n" + "\n\n".join(paragraphs) + "\n\n" + extra)
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    n = args.articles
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    os.environ["DOSSIER_DATA_DIR"] = str(folder / "data")
    from dossier.ingest.nlp import load_pipeline
    from dossier.ingest.pipeline import ImportOptions, run_import
    from dossier.ingest.text_reader import read_text
    from dossier.store import Database

    files = folder / "in"
    files.mkdir()
    texts = make_texts(n)
    for i, text in enumerate(texts):
        (files / f"{i:06d}.txt").write_text(text)
    bodies = [read_text(t).text for t in texts]

    started = time.perf_counter()
    nlp = load_pipeline()
    emit("model_load_s", time.perf_counter() - started, "s", n)
    list(nlp.pipe(bodies[:16]))  # warm up

    started = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=16):
        pass
    nlp_s = time.perf_counter() - started
    emit("nlp_pipe_articles_per_s", n / nlp_s, "articles/s", n)

    store = Database.create(folder / "bench.dossier", "Ingest benchmark")
    started = time.perf_counter()
    report = run_import(store, [files], ImportOptions(published=("2021-05-14", "day")))
    pipeline_s = time.perf_counter() - started
    assert len(report.imported) == n, report.failed[:3]
    counts = store.counts()
    store.close()
    emit("articles_per_s", n / pipeline_s, "articles/s", n)
    emit("pipeline_overhead", pipeline_s / nlp_s, "x", n)
    emit("mentions_per_article", counts["mentions"] / n, "mentions", n)
    emit("events_per_article", counts["events"] / n, "events", n)
    emit("peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB", n)
    if args.jobs > 1:
        store = Database.create(folder / "parallel.dossier", "Ingest benchmark, parallel")
        started = time.perf_counter()
        report = run_import(store, [files], ImportOptions(published=("2021-05-14", "day"), jobs=args.jobs))
        parallel_s = time.perf_counter() - started
        assert len(report.imported) == n, report.failed[:3]
        store.close()
        emit("parallel_articles_per_s", n / parallel_s, "articles/s", n)
        emit("speedup", pipeline_s / parallel_s, "x", n)
        emit("same_dossier", float(_content(folder / "bench.dossier") == _content(folder / "parallel.dossier")),
             "bool", n)


def _content(path: Path) -> tuple[list, list]:
    """The mentions and events of a dossier, by article text and entity name (ids may differ)."""
    import sqlite3

    conn = sqlite3.connect(path)
    mentions = sorted(conn.execute(
        "SELECT a.sha256, m.start_offset, m.end_offset, e.name, e.kind FROM mentions m "
        "JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id"))
    events = sorted(conn.execute(
        "SELECT a.sha256, v.start_offset, v.end_offset, v.date_text, v.earliest, v.latest, v.precision FROM events v "
        "JOIN articles a ON a.id = v.article_id"))
    conn.close()
    return mentions, events


if __name__ == "__main__":
    main()

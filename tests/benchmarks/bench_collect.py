"""Collection benchmark (run by hand; not a test). Prints one JSON object per line.

    python tests/benchmarks/bench_collect.py [--messages 10000] [--pages 1000] [--extract]
                                            [--runs 3] [--only warc]

Imports a Telegram export of N messages and a WARC.GZ of M archived news pages, and the same texts
as plain .txt files, each in a fresh process (so each peak memory is its own): articles_per_s of
each, ratio = plain files' rate / the collection's rate (the cost of reading the collection:
≤ 1.2 is the aim), peak_rss_mb and peak_python_mb; for the archive also the same pages saved as .html files
(warc_ratio_to_html_files: what the archive adds to reading the HTML). Without --extract the model is not run (what is compared is
reading and storing, which a collection changes); with it, the whole pipeline on every core. With --runs N each import runs N times and its
fastest run is kept (the machine is shared: the slower runs measure the neighbours); *_cpu_ms_per_article is the
processor time the import took (all its threads), which neighbours on a shared machine disturb
far less than the wall clock: *_cpu_ratio compares the work, *_ratio the waiting too).

Peak memory is measured in the child process that imports, never in this one: peak_rss_mb is the
child's own high-water mark (VmHWM of /proc/self/status, which starts afresh at exec). The
child's ru_maxrss does not: Linux carries a process's high-water mark across fork and exec, so
every child of this process reported at least this process's own peak (the archives built
here), which is why the three archive imports once showed the same 70.75 MB. peak_python_mb is
what tracemalloc saw Python allocate during the import alone, in a separate run (tracing slows it).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WORDS = ["Azerbaijani", "soldiers", "Armenian", "border", "Syunik", "Russian", "troops", "ministry", "residents", "village", "lake", "posts", "government", "said", "Thursday", "Pashinyan", "Aliyev", "Moscow", "Baku", "Yerevan", "ceasefire", "positions", "withdrew", "report"]


def emit(metric: str, value: float, unit: str, **more: object) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit, **more}), flush=True)


def texts(n: int, seed: int, sentences: int) -> list[tuple[str, list[str]]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 30))).capitalize() + "."
                      for _ in range(sentences)]
        out.append((f"Report {i} on {rng.choice(WORDS)} {rng.choice(WORDS)}", paragraphs))
    return out


def build(folder: Path, messages: int, pages: int) -> dict[str, Path]:
    from tests.collections_data import message, news_page, write_export, write_warc

    posts = texts(messages, 1, 2)
    export = write_export(folder / "export", [
        message(i + 1, headline + "\n\n" + "\n\n".join(body), unixtime=1620977400 + 60 * i)
        for i, (headline, body) in enumerate(posts)], photos=False)
    plain_posts = folder / "posts"
    plain_posts.mkdir()
    for i, (headline, body) in enumerate(posts):
        (plain_posts / f"{i:06d}.txt").write_text(headline + "\n\n" + "\n\n".join(body) + "\n", "utf-8")
    stories = texts(pages, 2, 6)
    warc = write_warc(folder / "site.warc.gz", [
        (f"https://news.example.org/{i}.html", news_page(headline, body), f"2021-05-15T10:{i % 60:02d}:00Z")
        for i, (headline, body) in enumerate(stories)])
    plain_pages = folder / "pages"
    plain_pages.mkdir()
    for i, (headline, body) in enumerate(stories):
        (plain_pages / f"{i:06d}.txt").write_text(headline + "\n\n" + "\n\n".join(body) + "\n", "utf-8")
    saved_pages = folder / "saved"
    saved_pages.mkdir()
    for i, (headline, body) in enumerate(stories):
        (saved_pages / f"{i:06d}.html").write_bytes(news_page(headline, body))
    return {"telegram": export, "telegram_plain": plain_posts, "warc": warc, "warc_plain": plain_pages,
            "warc_html": saved_pages}


def high_water_mb() -> float:
    """This process's peak resident memory since it was exec'd (Linux's VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (not Linux?)")


def one_import(path: Path, extract: bool, trace: bool) -> None:
    """In a child process: import `path` into a new dossier, print articles, seconds and peak
    memory (with `trace`, the peak of Python's own allocations by tracemalloc instead of RSS)."""
    import tracemalloc

    from dossier.ingest.model_pool import default_jobs
    from dossier.ingest.pipeline import ImportOptions, run_import
    from dossier.store import Database

    with tempfile.TemporaryDirectory() as tmp:
        store = Database.create(Path(tmp) / "bench.dossier", "bench")
        if trace:
            tracemalloc.start()
        started, cpu = time.perf_counter(), time.process_time()
        report = run_import(store, [path], ImportOptions(extract=extract, jobs=default_jobs() if extract else 1))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        python_peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
        store.close()
    print(json.dumps({"articles": len(report.imported) + len(report.captured), "failed": len(report.failed),
                      "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": high_water_mb(),
                      "peak_python_mb": python_peak}))


def child(path: Path, extract: bool, trace: bool = False) -> dict[str, float]:
    command = [sys.executable, __file__, "--one", str(path)] + (["--extract"] if extract else []) + \
        (["--trace"] if trace else [])
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True,
                                     cwd=ROOT).stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=1_000)
    parser.add_argument("--extract", action="store_true")
    parser.add_argument("--runs", type=int, default=1, help="runs of each import; the fastest is kept")
    parser.add_argument("--only", choices=("telegram", "warc"), help="only this collection and its plain files")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_import(args.one, args.extract, args.trace)
        return
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        paths = build(Path(tmp), args.messages, args.pages)
        emit("build_s", time.perf_counter() - started, "s", messages=args.messages, pages=args.pages)
        rates: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for name, path in paths.items():
            if args.only and not name.startswith(args.only):
                continue
            results = [child(path, args.extract) for _run in range(max(1, args.runs))]
            result = min(results, key=lambda r: r["seconds"])
            rates[name] = result["articles"] / result["seconds"]
            emit(f"{name}_articles_per_s", rates[name], "articles/s", articles=result["articles"],
                 failed=result["failed"], extract=args.extract, runs=len(results))
            cpu[name] = min(r["cpu_seconds"] for r in results) / result["articles"] * 1000
            emit(f"{name}_cpu_ms_per_article", cpu[name], "ms")
            emit(f"{name}_peak_rss_mb", max(r["peak_rss_mb"] for r in results), "MB")
            emit(f"{name}_peak_python_mb", child(path, args.extract, trace=True)["peak_python_mb"], "MB")
        for name in ("telegram", "warc"):
            if f"{name}_plain" in rates:
                emit(f"{name}_ratio", rates[f"{name}_plain"] / rates[name], "x", aim="<= 1.2")
                emit(f"{name}_cpu_ratio", cpu[name] / cpu[f"{name}_plain"], "x")
        # The pages as saved .html files: what the archive itself costs, beside reading HTML.
        if "warc_html" in rates:
            emit("warc_ratio_to_html_files", rates["warc_html"] / rates["warc"], "x")
            emit("warc_cpu_ratio_to_html_files", cpu["warc"] / cpu["warc_html"], "x")


if __name__ == "__main__":
    main()

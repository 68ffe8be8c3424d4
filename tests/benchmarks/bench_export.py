"""Export benchmark (run by hand; not a test). Prints one JSON object per line.

    python tests/benchmarks/bench_export.py --articles 1000

Builds a dossier of N synthetic articles (~600 words, 20 mentions, 15 events each, as import
finds: days, weeks, months, ranges, approximate dates and years over 25 years) with two
annotations per article (a tagged claim with grades and a note), then writes the dossier PDF:
pdf_s, pdf_pages, pdf_pages_per_s, peak_rss_mb (and the peak before exporting, and after the
PDF); the editable copy (odt_s); and the JSON and CSV exports' times.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def emit(metric: str, value: float, unit: str, n: int) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit, "articles": n}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    n = args.articles
    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    os.environ["DOSSIER_DATA_DIR"] = str(folder / "data")

    from bench_store import build
    from PySide6.QtGui import QGuiApplication

    from dossier.core.models import Claim
    from dossier.export.csv_export import write_csv
    from dossier.export.odt import export_odt
    from dossier.export.pdf import export_pdf
    from dossier.export.web_annotation import write_collection
    from dossier.store import Database

    path = folder / "export.dossier"
    build(path, n, seed=3, events_per_article=15, varied_dates=True)
    with Database.open(path) as store, store.transaction():
        with store._tx.write() as conn:  # raw SQL, as another tool would write
            conn.execute("DELETE FROM annotations")
        tag = store.tags.add("withdrawal agreement", "#e6a23c")
        for article_id in store.articles.ids():
            text = store.articles.get(article_id).text
            store.annotations.add(article_id, "claim", 40, 120, note="check the numbers",
                                 claim=Claim("disputed", "C", 3, "one source only"), tag_ids=[tag])
            store.annotations.add(article_id, "note", 300, 360, note=f"context for {text[300:310]!r}")
    app = QGuiApplication([])  # noqa: F841 - fonts and text layout need it
    # The peak so far (building the dossier), so the PDF's own share of peak_rss_mb shows.
    emit("peak_rss_before_export_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB", n)
    with Database.open_readonly(path) as store:
        started = time.perf_counter()
        pages = export_pdf(store, folder / "dossier.pdf")
        pdf_s = time.perf_counter() - started
        emit("pdf_s", pdf_s, "s", n)
        emit("pdf_pages", pages, "pages", n)
        emit("pdf_pages_per_s", pages / pdf_s, "pages/s", n)
        emit("pdf_mb", (folder / "dossier.pdf").stat().st_size / 1e6, "MB", n)
        # The PDF's own peak; peak_rss_mb, at the end, is the editable copy's (one document of all).
        emit("peak_rss_after_pdf_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB", n)
        started = time.perf_counter()
        export_odt(store, folder / "dossier.odt")
        emit("odt_s", time.perf_counter() - started, "s", n)
        started = time.perf_counter()
        write_collection(store, folder / "annotations.json")
        emit("json_s", time.perf_counter() - started, "s", n)
        started = time.perf_counter()
        write_csv(store, folder / "annotations.csv")
        emit("csv_s", time.perf_counter() - started, "s", n)
    emit("peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB", n)


if __name__ == "__main__":
    main()

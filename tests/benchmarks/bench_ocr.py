"""OCR benchmark (run by hand; not a test). Prints one JSON object per line.

    python tests/benchmarks/bench_ocr.py [--pages 20] [--jobs N]

1. pages_per_s: a generated 20-page image-only PDF (A4 at 200 dpi, 24 lines a page, English) read
   by Dossier's PDF reader (drawn at 300 dpi by pypdfium2, then Tesseract), with one job and with
   every core; an empty page cache each time.
2. word_accuracy: pages of English, Russian and Armenian drawn with DejaVu Sans, read with their
   language and with the default eng+rus+hye: clean, blurred (Gaussian radius 1.2), skewed 3°, and
   saved as JPEG quality 40. Accuracy is the share of drawn words read exactly, in order.
3. turned_page: a whole A4 page at 300 dpi (10-point text) in each language, turned a quarter and a
   half turn, read with its language: the orientation pass's accuracy on a page the size a scan's
   is drawn at, and the seconds each page took.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.pictures import ARMENIAN, ENGLISH, RUSSIAN, draw, scanned_pdf, word_accuracy  # noqa: E402

TEXTS = {
    "eng": [*ENGLISH, "Three villages near the lake reported shelling overnight and residents",
            "left their homes, local officials told reporters on Thursday morning."],
    "rus": [*RUSSIAN, "Министерство обороны сообщило, что подразделения 102-й базы",
            "выдвинулись к границе вечером в четверг по просьбе правительства."],
    "hye": [*ARMENIAN, "Պաշտպանության նախարարությունը հայտնել է, որ սահմանային",
            "գյուղերի բնակիչները հեռացել են իրենց տներից հինգշաբթի առավոտյան։"],
}


def emit(metric: str, value: float, unit: str, **more: object) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit, **more}), flush=True)


def pages_per_second(pages: int, jobs: int) -> None:
    from dossier.ingest.pdf_reader import read_pdf
    from dossier.ingest.picture_reader import OcrOptions

    rng = random.Random(7)
    words = " ".join(TEXTS["eng"]).split()
    content = [[" ".join(rng.choice(words) for _ in range(9)) for _ in range(24)] for _ in range(pages)]
    data = scanned_pdf(content, size=30)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["DOSSIER_DATA_DIR"] = cache  # an empty page cache
        started = time.perf_counter()
        document = read_pdf(data, original_name="scan.pdf", ocr=OcrOptions("eng", jobs=jobs))
        seconds = time.perf_counter() - started
    drawn = "\n".join("\n".join(lines) for lines in content)
    emit("pages_per_s", pages / seconds, "pages/s", pages=pages, jobs=jobs, seconds=round(seconds, 1),
         word_accuracy=round(word_accuracy(drawn, document.text), 4))


def noisy(kind: str, lines: list[str]) -> bytes:
    from PIL import Image, ImageFilter

    image = draw(lines, size=32)
    assert isinstance(image, Image.Image)
    fmt = "PNG"
    if kind == "blur":
        image = image.filter(ImageFilter.GaussianBlur(1.2))
    elif kind == "skew3":
        image = image.rotate(3, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    elif kind == "jpeg40":
        fmt = "JPEG"
    out = io.BytesIO()
    image.save(out, format=fmt, **({"quality": 40} if fmt == "JPEG" else {}))
    return out.getvalue()


def accuracy() -> None:
    from dossier.ingest.ocr_engine import read_picture

    with tempfile.TemporaryDirectory() as cache:
        for language, lines in TEXTS.items():
            for kind in ("clean", "blur", "skew3", "jpeg40"):
                for asked in (language, None):
                    reading = read_picture(noisy(kind, lines), asked, cache=Path(cache))
                    emit("word_accuracy", word_accuracy("\n".join(lines), reading.text), "share", language=language,
                         page=kind, read_with=reading.languages, words=len(" ".join(lines).split()))


def turned_page(lines: list[str], turn: int) -> bytes:
    from PIL import Image

    page = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi, as a PDF page is drawn for the engine
    page.paste(draw(lines * 4, size=42, width=2200), (140, 200))  # type: ignore[arg-type]
    out = io.BytesIO()
    page.rotate(turn, expand=True).save(out, format="PNG")
    return out.getvalue()


def turned_pages() -> None:
    from dossier.ingest.ocr_engine import read_picture

    with tempfile.TemporaryDirectory() as cache:
        for language, lines in TEXTS.items():
            for turn in (90, 180):
                started = time.perf_counter()
                reading = read_picture(turned_page(lines, turn), language, cache=Path(cache))
                emit("turned_page", word_accuracy("\n".join(lines * 4), reading.text), "share", language=language,
                     turn=turn, read_turned=reading.rotation, seconds=round(time.perf_counter() - started, 2))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", choices=["accuracy", "turned", "speed"])
    args = parser.parse_args()
    if args.only in (None, "accuracy"):
        accuracy()
    if args.only in (None, "turned"):
        turned_pages()
    if args.only not in (None, "speed"):
        return
    pages_per_second(args.pages, 1)
    if args.jobs > 1:
        pages_per_second(args.pages, args.jobs)


if __name__ == "__main__":
    main()

"""Tesseract 5, run as its own program: the words of a picture with their boxes and confidences.

Each page is one `tesseract` process (TSV output), so pages run side by side on every core while
this process only waits, and Cancel ends a page being read by ending its process. The engine's
own threads are held to one per process (OMP_THREAD_LIMIT=1): with pages in parallel they only
compete. A page is read as given first; only one the engine is unsure of goes through its
orientation pass (`--psm 0`, on a smaller copy), and is read again turned upright when that reads
surer; small skews are the engine's own layout analysis's to mend.
What a page read to is cached on disk by the picture's sha256, the languages and the engine's
version: a second import, or one with other languages for other pages, reads nothing twice.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from dossier.core.ocr import OcrWord
from dossier.ingest.decode import UnreadableFile
from dossier.paths import cache_dir as user_cache

# The languages Dossier's readers meet, and the Debian package of each (`tesseract-ocr-<code>`).
DOSSIER_LANGUAGES = ("eng", "rus", "ukr", "hye", "aze", "tur", "fas", "ara")
# Read with these when the user names none: the scripts of this field's sources at once. The
# orientation pass also names a script, but it takes Armenian for Latin with high confidence, so
# it does not choose the languages (the article's language is detected in the text read).
AUTO_LANGUAGES = "eng+rus+hye"
# Below this the orientation pass guesses (a few lines of text give it too little to go on).
ORIENTATION_CONFIDENCE = 2.0
PAGE_SECONDS = 300  # a page that takes longer is not going to end
# A page read as given with a mean word confidence this high is upright: no orientation pass.
SURE_CONFIDENCE = 85.0
# The orientation pass reads a copy at most this many pixels a side (an A4 page at 300 dpi is
# 3,508 high, halved: 10-point text keeps lines ~20 pixels high, enough to tell up from down).
ORIENTATION_SIDE = 1800


class MissingTesseract(UnreadableFile):
    """OCR is needed and the engine, or a language's trained data, is not installed."""


def install_words(languages: Sequence[str] = tuple(AUTO_LANGUAGES.split("+"))) -> str:
    """The command that installs the engine with `languages`' trained data (by default those a
    picture is read with when the user names none)."""
    packages = " ".join(["tesseract-ocr", *(f"tesseract-ocr-{code.replace('_', '-')}" for code in languages)])
    return f"sudo apt-get install {packages} (on Debian or Ubuntu)"


def bundled_program() -> Path | None:
    """The tesseract the desktop bundle carries (built with DOSSIER_BUNDLE_OCR=1), if it does:
    tesseract/tesseract beside its trained data in tesseract/tessdata/."""
    folder = getattr(sys, "_MEIPASS", None)
    program = Path(folder) / "tesseract" / "tesseract" if folder else None
    return program if program is not None and program.is_file() else None


def tesseract_program() -> str | None:
    """The tesseract program: DOSSIER_TESSERACT, else the one the bundle carries, else on PATH."""
    chosen = os.environ.get("DOSSIER_TESSERACT")
    if chosen and Path(chosen).is_file():
        return chosen
    bundled = bundled_program()
    return str(bundled) if bundled is not None else shutil.which("tesseract")


def program_environment(environment: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment to run the engine in. In the desktop bundle the PyInstaller bootloader
    points LD_LIBRARY_PATH at the bundle's own libraries (a trimmed ICU, its libstdc++, zlib,
    libpng …), which a system tesseract must not load in place of its own: the user's own path,
    which the bootloader kept in LD_LIBRARY_PATH_ORIG, is put back (none when there was none)."""
    found = dict(os.environ if environment is None else environment)
    if "LD_LIBRARY_PATH_ORIG" in found:
        found["LD_LIBRARY_PATH"] = found.pop("LD_LIBRARY_PATH_ORIG")
    elif getattr(sys, "frozen", False):
        found.pop("LD_LIBRARY_PATH", None)
    bundled = bundled_program()
    if bundled is not None and "DOSSIER_TESSERACT" not in found:  # its data, not the system's
        found["TESSDATA_PREFIX"] = str(bundled.parent / "tessdata")
    return found


@functools.lru_cache(maxsize=4)
def _engine_facts(program: str) -> tuple[str, frozenset[str]]:
    version = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30,
                             env=program_environment())
    first = (version.stdout or version.stderr).split("\n", 1)[0].split()
    langs = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30,
                           env=program_environment())
    found = frozenset(line.strip() for line in langs.stdout.splitlines()[1:] if line.strip())
    return " ".join(first[:2]) or "tesseract", found


def engine() -> tuple[str, str, frozenset[str]]:
    """(program, "tesseract 5.3.0", installed languages); raises MissingTesseract saying what to
    install when there is no engine."""
    program = tesseract_program()
    if program is None:
        raise MissingTesseract("reading text from pictures needs the Tesseract OCR engine, which is not "
                               f"installed: {install_words()}")
    try:
        name, languages = _engine_facts(program)
    except (OSError, subprocess.SubprocessError) as exc:
        raise MissingTesseract(f"the Tesseract OCR engine at {program} does not run ({exc}): {install_words()}") from exc
    return program, name, languages


def engine_words() -> str:
    """The engine in a sentence, for Preferences: which one and its languages, or what to install."""
    try:
        program, name, languages = engine()
    except MissingTesseract as missing:
        return f"Not available: {missing}."
    where = "carried by the app" if bundled_program() is not None and program == str(bundled_program()) else program
    return f"{name} ({where}), languages: {' '.join(sorted(languages - {'osd'})) or 'none'}"


def check_languages(languages: str, installed: frozenset[str]) -> str:
    """`languages` ("hye+eng") as tesseract takes them; MissingTesseract names the packages of
    those not installed."""
    wanted = [code for code in languages.replace(",", "+").split("+") if code.strip()]
    missing = [code for code in wanted if code not in installed]
    if missing:
        raise MissingTesseract(f"reading {'+'.join(missing)} needs its trained data for Tesseract: "
                               f"{install_words(missing)}")
    if not wanted:
        raise MissingTesseract("no OCR language given (write e.g. eng, or hye+eng)")
    return "+".join(wanted)


@dataclass(frozen=True)
class PageReading:
    """What the engine made of one picture: the text as it read it (lines by newlines, blocks and
    paragraphs by a blank line), its words with offsets into that text, the languages used and how
    far the picture was turned to read it upright (clockwise, degrees; the boxes are of the turned
    picture)."""

    text: str
    words: tuple[OcrWord, ...]
    width: int
    height: int
    languages: str
    rotation: int
    engine: str


def cache_dir() -> Path:
    return user_cache() / "ocr"


def read_picture(image: bytes, languages: str | None, cancel: threading.Event | None = None,
                 cache: Path | None = None) -> PageReading:
    """Read one picture (PNG, JPEG, TIFF or WebP bytes) with `languages` ("hye+eng"; None:
    AUTO_LANGUAGES, those installed). Cached by the picture's hash, the languages asked for and
    the engine's version."""
    program, name, installed = engine()
    asked = check_languages(languages, installed) if languages else "auto"
    folder = cache if cache is not None else cache_dir()
    key = hashlib.sha256(image + f"\0{asked}\0{name}\0v2".encode()).hexdigest()
    cached = _from_cache(folder / key[:2] / f"{key}.json")
    if cached is not None:
        return cached
    if languages is None:
        usable = [code for code in AUTO_LANGUAGES.split("+") if code in installed]
        languages = "+".join(usable) or check_languages("eng", installed)
    else:
        languages = asked
    reading = _recognised(program, image, 0, languages, name, cancel)
    if not _sure(reading):  # perhaps on its side or upside down: ask the orientation pass
        rotation = _orientation(program, _smaller(image), cancel)
        if rotation:  # it errs on scripts it knows badly (Armenian: "upside down"): the surer reading wins
            turned_reading = _recognised(program, image, rotation, languages, name, cancel)
            if _weight(turned_reading) > _weight(reading):
                reading = turned_reading
    _to_cache(folder / key[:2] / f"{key}.json", reading)
    return reading


def _recognised(program: str, image: bytes, rotation: int, languages: str, name: str,
                cancel: threading.Event | None) -> PageReading:
    upright = turned(image, rotation) if rotation else image
    tsv = _run(program, upright, ["-l", languages, "--psm", "3", "tsv"], cancel)
    text, words, width, height = parse_tsv(tsv)
    return PageReading(text, words, width, height, languages, rotation, name)


def _sure(reading: PageReading) -> bool:
    """Read the right way up: a page on its side or upside down reads to garbage the engine is
    unsure of (a mean confidence of 45-57 on this project's pages, against 94-97 upright, blurred,
    skewed or at JPEG quality 40 included)."""
    return bool(reading.words) and sum(w.confidence for w in reading.words) / len(reading.words) >= SURE_CONFIDENCE


def _smaller(image: bytes) -> bytes:
    """The picture for the orientation pass: a page drawn at 300 dpi reduced to at most
    ORIENTATION_SIDE pixels a side (its text is still large enough to tell which way is up, and
    the pass takes a quarter less time); a smaller picture as it is."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        factor = -(-max(picture.size) // ORIENTATION_SIDE)
        if factor <= 1:
            return image
        grey = picture.convert("L")
        out = io.BytesIO()
        grey.reduce(factor).save(out, format="PNG")
    return out.getvalue()


def _weight(reading: PageReading) -> float:
    """How much a reading found: its words' confidences added (the right way up reads more
    words, and surer)."""
    return sum(w.confidence for w in reading.words)


def turned(image: bytes, rotation: int) -> bytes:
    """The picture turned `rotation` degrees clockwise, as PNG."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        upright = picture.rotate(-rotation, expand=True)
        out = io.BytesIO()
        upright.save(out, format="PNG")
    return out.getvalue()


def _orientation(program: str, image: bytes, cancel: threading.Event | None) -> int:
    """Degrees to turn the picture clockwise, as the orientation pass sees it; 0 when it can't tell."""
    try:
        out = _run(program, image, ["--psm", "0"], cancel, check=False)
    except MissingTesseract:
        raise
    except UnreadableFile:
        if cancel is not None and cancel.is_set():
            raise
        return 0
    facts = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    facts = {k.strip(): v.strip() for k, v in facts.items()}
    try:
        sure = float(facts.get("Orientation confidence", "0")) >= ORIENTATION_CONFIDENCE
        return int(facts.get("Rotate", "0")) % 360 if sure else 0
    except ValueError:
        return 0


def _run(program: str, image: bytes, arguments: list[str], cancel: threading.Event | None, check: bool = True) -> str:
    """tesseract reading `image` (from a file of its own: a pipe fed while waiting for a cancel
    would need a thread), its stdout as text; ended at once when `cancel` is set."""
    import tempfile

    environment = dict(program_environment(), OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory(prefix="dossier-ocr-") as folder:
        picture = Path(folder) / "page"
        picture.write_bytes(image)
        process = subprocess.Popen([program, str(picture), "stdout", *arguments], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        waited = 0.0
        try:
            while True:
                if cancel is not None and cancel.is_set():
                    raise UnreadableFile("cancelled")
                try:
                    out, err = process.communicate(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    waited += 0.2
                    if waited > PAGE_SECONDS:
                        raise UnreadableFile(f"the OCR engine took more than {PAGE_SECONDS} s over one page") from None
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    if check and process.returncode != 0:
        said = " ".join(err.decode("utf-8", "replace").split())[-300:]
        raise UnreadableFile(f"the OCR engine could not read the picture ({said or process.returncode})")
    return out.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> tuple[str, tuple[OcrWord, ...], int, int]:
    """The engine's TSV as (text, words, width, height). Words of a line are joined by a space,
    lines by a newline, paragraphs and blocks by a blank line: the layout its text output has."""
    parts: list[str] = []
    words: list[OcrWord] = []
    length = 0
    width = height = 0
    last: tuple[str, str, str] | None = None
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        level, _page, block, paragraph, line = cells[:5]
        left, top, w, h = (int(c) for c in cells[6:10])
        if level == "1":
            width, height = w, h
        word = cells[11].strip() if level == "5" else ""
        if not word:
            continue
        here = (block, paragraph, line)
        separator = "" if last is None else " " if here == last else "\n" if here[:2] == last[:2] else "\n\n"
        last = here
        parts.append(separator)
        length += len(separator)
        words.append(OcrWord(length, length + len(word), left, top, w, h, round(max(0.0, float(cells[10])), 2)))
        parts.append(word)
        length += len(word)
    return "".join(parts), tuple(words), width, height


def _from_cache(path: Path) -> PageReading | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        words = tuple(OcrWord(*w) for w in data.pop("words"))
        return PageReading(words=words, **data)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _to_cache(path: Path, reading: PageReading) -> None:
    """Written whole or not at all (a second process may read it meanwhile); a cache that can't
    be written only costs time."""
    data = asdict(reading)
    data["words"] = [[w.start, w.end, w.left, w.top, w.width, w.height, w.confidence] for w in reading.words]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass

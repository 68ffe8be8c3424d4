"""Pictures of text (screenshots, photographed and scanned pages) and PDF pages without a text
layer: read by OCR (ingest.ocr_engine) into an article whose text is what the engine read, word for
word, words it was unsure of included, with each page's picture and word boxes kept beside it."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from dossier.core.ocr import OcrPage
from dossier.ingest.decode import UnreadableFile
from dossier.ingest.document import Document
from dossier.ingest.ocr_engine import read_picture, turned
from dossier.ingest.text_reader import short_title

# A scanned document of a few hundred pages, or a phone's photo of a page, is tens of megabytes.
MAX_PICTURE_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2000
PDF_DPI = 300  # what the engine reads best at; a scan's own resolution is rarely above it
# PDFium may be used by one thread at a time, whatever the document (pypdfium2's documentation):
# every use of it in the import holds this.
PDFIUM = threading.Lock()
_KEPT_AS_IS = {"PNG": "image/png", "JPEG": "image/jpeg"}


@dataclass(frozen=True)
class OcrOptions:
    """How pictures are read: `languages` ("hye+eng"; None: as the picture's script suggests),
    `jobs` pages at once, `cancel` ends the page being read, `on_page(read, of)` after each page
    (from a worker thread)."""

    languages: str | None = None
    jobs: int = 1
    cancel: threading.Event = field(default_factory=threading.Event)
    on_page: Callable[[int, int], None] | None = None


class PagesRead:
    """The latest page read by OCR, written by the reading threads and taken by whoever shows
    progress (the window polls it: a worker never touches a Qt object)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: tuple[str, int, int] | None = None

    def note(self, path: object, done: int, of: int) -> None:
        name = getattr(path, "name", str(path))
        with self._lock:
            self._latest = (name, done, of)

    def take(self) -> tuple[str, int, int] | None:
        """(file name, pages read, of pages) since the last take, or None."""
        with self._lock:
            latest, self._latest = self._latest, None
        return latest


@dataclass(frozen=True)
class Picture:
    """One page to read: the picture's bytes as they will be kept, and their media type."""

    content: bytes
    media_type: str


def pictures_in(data: bytes) -> list[Picture]:
    """The pages of an image file (a TIFF may hold many), upright as its EXIF says, in a form the
    engine reads and a viewer shows: a plain PNG or JPEG kept byte for byte, anything else as PNG."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
            if frames > MAX_PAGES:
                raise UnreadableFile(f"the picture holds {frames:,} pages; Dossier reads up to {MAX_PAGES:,}")
            orientation = image.getexif().get(0x0112, 1)
            if frames == 1 and image.format in _KEPT_AS_IS and orientation in (1, None) and \
                    image.mode in ("1", "L", "RGB", "P", "RGBA", "LA"):
                return [Picture(data, _KEPT_AS_IS[image.format])]
            pages = []
            for frame in ImageSequence.Iterator(image):
                upright = ImageOps.exif_transpose(frame) if orientation not in (1, None) else frame
                pages.append(Picture(_png(upright), "image/png"))
            return pages
    except UnreadableFile:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise UnreadableFile(f"the picture can't be read ({exc})") from exc
    except (OSError, ValueError, SyntaxError) as exc:  # a truncated or damaged file
        raise UnreadableFile(f"the picture is damaged ({exc})") from exc


def _png(image: object) -> bytes:
    from PIL import Image

    assert isinstance(image, Image.Image)
    if image.mode in ("RGBA", "LA", "P", "PA"):  # transparency on white, as a viewer shows it
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def read_pictures(pictures: Sequence[Picture], options: OcrOptions,
                  numbers: Sequence[int] | None = None) -> list[OcrPage]:
    """Every picture read by OCR, `options.jobs` at a time, in their order; `numbers` are their
    page numbers in the file (1, 2, … when not given). Raises UnreadableFile when the engine is
    missing, a page fails, or the import is cancelled."""
    numbers = list(numbers or range(1, len(pictures) + 1))
    done = 0
    lock = threading.Lock()
    stop = _Either(options.cancel, threading.Event())  # the user's cancel, or a page that failed

    def read(index: int) -> OcrPage:
        nonlocal done
        if stop.is_set():
            raise UnreadableFile("cancelled")
        picture = pictures[index]
        reading = read_picture(picture.content, options.languages, stop)  # type: ignore[arg-type]  # languages chosen by then
        content, media_type = picture.content, picture.media_type
        if reading.rotation:  # kept as the engine read it, so the boxes fall on the words
            content, media_type = turned(content, reading.rotation), "image/png"
        with lock:
            done += 1
            if options.on_page is not None:
                options.on_page(done, len(pictures))
        return OcrPage(numbers[index], reading.text, reading.words, reading.width, reading.height, reading.engine,
                       reading.languages, content, media_type)

    jobs = max(1, min(options.jobs, len(pictures)))
    if jobs == 1:
        return [read(i) for i in range(len(pictures))]
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ocr") as pool:
        futures = [pool.submit(read, i) for i in range(len(pictures))]
        try:
            return [future.result() for future in futures]
        except BaseException:
            stop.second.set()  # the pages being read end now; the rest are not started
            raise


class _Either:
    """Set when either event is."""

    def __init__(self, first: threading.Event, second: threading.Event) -> None:
        self.first, self.second = first, second

    def is_set(self) -> bool:
        return self.first.is_set() or self.second.is_set()


def placed(pages: Sequence[OcrPage | str]) -> tuple[str, list[OcrPage]]:
    """The text of pages in order (a PDF's text-layer pages as plain strings among the OCR ones),
    a blank line between pages with text, and the OCR pages with their offsets in that text."""
    parts: list[str] = []
    length = 0
    kept: list[OcrPage] = []
    for page in pages:
        text = page if isinstance(page, str) else page.text
        if text and parts:
            parts.append("\n\n")
            length += 2
        if not isinstance(page, str):
            kept.append(page.moved(length))
        parts.append(text)
        length += len(text)
    return "".join(parts), kept


def read_picture_file(data: bytes, name: str, options: OcrOptions) -> Document:
    """An image file as an article: its text read by OCR, its title the first words (the user
    corrects it), the pictures kept with their word boxes."""
    if len(data) > MAX_PICTURE_BYTES:
        raise UnreadableFile(f"the picture is {len(data):,} bytes; Dossier reads pictures of up to "
                             f"{MAX_PICTURE_BYTES // (1024 * 1024)} MB")
    pictures = pictures_in(data)
    pages = read_pictures(pictures, options)
    text, pages = placed(pages)
    if not text.strip():
        used = ", ".join(sorted({p.languages for p in pages}))
        raise UnreadableFile(f"no text was found in the picture (read by OCR with {used}; "
                             "another language may read it: --ocr-lang, or Preferences)")
    first_line = text.strip().split("\n", 1)[0]
    return Document(title=short_title(first_line), text=text, original_name=name, original_bytes=data,
                    ocr_pages=tuple(pages))


def render_pdf_pages(data: bytes, indexes: Sequence[int], dpi: int = PDF_DPI) -> list[Picture]:
    """PDF pages (0-based indexes) drawn as greyscale pictures for the engine, kept as PNG."""
    import pypdfium2 as pdfium  # heavy: only for PDFs with pages of no text

    pictures = []
    with PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            for index in indexes:
                page = document[index]
                try:
                    bitmap = page.render(scale=dpi / 72, grayscale=True)
                    pictures.append(Picture(_png(bitmap.to_pil()), "image/png"))
                finally:
                    page.close()
        finally:
            document.close()
    return pictures

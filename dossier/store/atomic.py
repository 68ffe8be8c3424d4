"""Export files appear whole or not at all: written under a temporary name beside the target,
read back by a check of their format (a zip opens, XML parses, a PDF is readable…), flushed to
disk, and only then renamed over it; removed on any failure (or cancel). A writer that reports no
errors of its own (Qt's ODF writer on a full disk) can't leave a broken file that is called
written. Targets are checked first with `store.targets.check_target`: never a dossier or any
SQLite file, never a pipe or a device, and the real reason when one can't be written."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dossier.store.files import what_it_is

Check = Callable[[Path], None]


class ExportFailed(OSError):
    """The file written did not read back whole; the message says what to do."""

    def __str__(self) -> str:
        return str(self.args[0])


def partial_path(out: Path) -> Path:
    """Where `out` is written until it is complete (hidden, in the same folder: the rename
    that finishes it never crosses a file system)."""
    return out.with_name(f".{out.name}.partial")


@contextmanager
def written_whole(out: Path, check: Check | None = None) -> Iterator[Path]:
    """Yield the temporary path to write; once written, `check` reads it back (raising if it is
    not whole), it is flushed to disk and becomes `out`; on any failure it goes."""
    partial = partial_path(out)
    try:
        try:
            yield partial
        except OSError as error:  # a full disk (or a file size limit) while writing
            if isinstance(error, ExportFailed):
                raise
            raise ExportFailed(f"{out} could not be written whole ({error.strerror or error}; is the disk full?). "
                               "Nothing was written.") from error
        try:
            if not partial.is_file():
                raise ValueError("nothing was written")
            if check is not None:
                check(partial)
            flush_to_disk(partial)
        except Exception as error:
            raise ExportFailed(f"{out} could not be written whole (is the disk full?): "
                               f"{type(error).__name__}: {error}. Nothing was written.") from error
        _still_replaceable(out)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def flush_to_disk(path: Path) -> None:
    """On disk before the rename: a crash right after it leaves the whole file, not an empty one."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _still_replaceable(out: Path) -> None:
    """What stands at `out` now (it may have changed since the target was checked) is a regular
    file or nothing: a pipe, device, link or folder put there meanwhile is not replaced."""
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise ExportFailed(f"{out} became {what_it_is(mode)} while it was being written; nothing was written over it.")


# -- the checks: each reads the whole file back as its format's readers would ---------------------


def zip_opens(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        if bad is not None:
            raise ValueError(f"the part {bad} of the archive is damaged")


def xml_parses(path: Path) -> None:
    from xml.etree import ElementTree

    ElementTree.parse(path)  # raises ParseError on a truncated or not well-formed file


def json_parses(path: Path) -> None:
    with path.open(encoding="utf-8") as stream:
        json.load(stream)


def json_lines_parse(path: Path) -> None:
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                json.loads(line)


def text_reads(path: Path) -> None:
    """A CSV or other text: UTF-8 throughout, ending with its last line."""
    data = path.read_bytes()
    data.decode("utf-8")
    if data and not data.endswith(b"\n"):
        raise ValueError("the file ends in the middle of a line")


def pdf_reads(path: Path) -> None:
    """A PDF that opens and has pages. PDFium reads the cross-reference and page tree in C:
    pypdf checked every object's offset in Python, seconds for a report of 2,000 pages."""
    import pypdfium2 as pdfium  # heavy: only when a PDF has been written

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        raise ValueError(f"the PDF does not open: {error}") from error
    try:
        if len(document) < 1:
            raise ValueError("the PDF has no pages")
    finally:
        document.close()


def png_reads(path: Path) -> None:
    with path.open("rb") as stream:
        head = stream.read(8)
        stream.seek(-12, os.SEEK_END)
        tail = stream.read(12)
    if head != b"\x89PNG\r\n\x1a\n" or tail[4:8] != b"IEND":
        raise ValueError("the PNG is incomplete")

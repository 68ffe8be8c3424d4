"""Files that hold many articles: Telegram exports (ingest.telegram) and web archives
(ingest.web_archive). Which reader reads them, how many items they hold (for progress), and the
words for what they held that is no article."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.ingest.document import Entry
from dossier.ingest.readers import holds_many
from dossier.ingest.telegram import count_messages, read_export
from dossier.ingest.telegram import looks_like_export as telegram_export
from dossier.ingest.web_archive import count_records, is_archive, read_archive

if TYPE_CHECKING:
    from dossier.ingest.picture_reader import OcrOptions


def read_entries(path: Path, ocr: OcrOptions | None = None) -> Iterator[Entry]:
    """The items of a Telegram export or a web archive, in their order (`ocr`: how a Telegram
    photo posted without words is read)."""
    return read_archive(path) if is_archive(path) else read_export(path, ocr)


def looks_like_export(path: Path) -> bool:
    return telegram_export(path)


# Above this many bytes of archives, records are estimated from the size rather than counted: the
# count reads (and decompresses) every byte once more before the import does.
EXACT_COUNT_BYTES = 256 * 1024 * 1024
RECORD_BYTES = 10_000  # about what a crawl's pages, requests and resources take a record


@dataclass(frozen=True)
class ItemCount:
    """How many items an import will go through, in the word for them, and whether it is counted
    or estimated ("about")."""

    total: int
    unit: str = "files"  # "files", "messages", "archive records", or "items" for a mixture
    exact: bool = True

    def words(self, done: int | None = None) -> str:
        """"1,204 messages", "about 3,000 archive records"; with `done`, "12 of 1,204 messages"."""
        total = f"{'' if self.exact else 'about '}{self.total:,} {self.unit}"
        return total if done is None else f"{done:,} of {total}"

    @property
    def rate_unit(self) -> str:
        return self.unit.rsplit(" ", 1)[-1]  # "records/s"


def rate_and_left(done: int, total: int, seconds: float, unit: str = "files") -> str:
    """"23.4 files/s · 3 min 10 s left" ("messages/s", "records/s"), once there is enough to tell."""
    if done < 1 or seconds < 1:
        return ""
    rate = done / seconds
    left = (total - done) / rate
    when = f"{int(left // 60)} min {int(left % 60)} s" if left >= 60 else f"{int(left)} s"
    return f"{rate:.1f} {unit}/s · {when} left"


def count_items(files: Sequence[Path]) -> int:
    return plan_count(files).total


def plan_count(files: Sequence[Path]) -> ItemCount:
    """How many items an import of these files will go through (for progress): a file each, a
    Telegram export as many as it has messages, a web archive as many records as it holds (counted
    when the archives are small enough to read twice, else estimated from their size and said to
    be). Reads the files: call it off the GUI thread."""
    kinds = {"messages" if p.suffix.lower() == ".json" else "archive records" if holds_many(p) else "files"
             for p in files}
    archives = [p for p in files if holds_many(p) and p.suffix.lower() != ".json"]
    exact = _size(archives) <= EXACT_COUNT_BYTES
    total = 0
    for path in files:
        if path.suffix.lower() == ".json":
            total += _counted(str(path), *_stamp(path), count_messages)
        elif holds_many(path):
            total += _counted(str(path), *_stamp(path), count_records) if exact \
                else max(1, _size([path]) // RECORD_BYTES)
        else:
            total += 1
    return ItemCount(total, kinds.pop() if len(kinds) == 1 else "items", exact)


def _size(paths: Sequence[Path]) -> int:
    return sum(_stamp(path)[0] for path in paths)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return 0, 0
    return info.st_size, info.st_mtime_ns


@lru_cache(maxsize=64)
def _counted(path: str, _size: int, _mtime: int, count: Callable[[Path], int]) -> int:
    """A file's items counted once while it is unchanged (the progress and the pipeline both ask)."""
    return count(Path(path))


def left_out_words(left_out: Sequence[tuple[Path, str]]) -> str:
    """"12 service messages, 3 messages without text": what was left out, by kind."""
    from collections import Counter

    kinds = Counter(reason.split(" (")[0] for _path, reason in left_out)
    return ", ".join(f"{count:,} {_plural_phrase(kind, count)}" for kind, count in kinds.most_common())


def _plural_phrase(kind: str, count: int) -> str:
    """"a service message" -> "service messages", "a response of status 404" -> "responses of
    status 404": the head noun (the last word before what qualifies it) takes the plural."""
    import re

    words = kind.removeprefix("a ").removeprefix("an ")
    if count == 1:
        return words
    cut = re.search(r" (without|that|of|the) ", words)
    head, tail = (words[:cut.start()], words[cut.start():]) if cut else (words, "")
    return head + "s" + tail.replace(" that is no web page", " that are no web pages")

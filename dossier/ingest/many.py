"""Files that hold many articles: Telegram exports (ingest.telegram) and web archives
(ingest.web_archive). Which reader reads them, how many items they hold (for progress), and the
words for what they held that is no article."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.ingest.document import Entry
from dossier.ingest.readers import holds_many
from dossier.ingest.telegram import count_messages, read_export
from dossier.ingest.telegram import looks_like_export as telegram_export
from dossier.ingest.web_archive import is_archive, read_archive

if TYPE_CHECKING:
    from dossier.ingest.picture_reader import OcrOptions


def read_entries(path: Path, ocr: OcrOptions | None = None) -> Iterator[Entry]:
    """The items of a Telegram export or a web archive, in their order (`ocr`: how a Telegram
    photo posted without words is read)."""
    return read_archive(path) if is_archive(path) else read_export(path, ocr)


def looks_like_export(path: Path) -> bool:
    return telegram_export(path)


def count_items(files: Sequence[Path]) -> int:
    """How many items an import of these files will go through (for progress): a file each, a
    Telegram export as many as it has messages; a web archive a record per 10 KB, about what
    a crawl's pages, requests and resources take (the count is corrected as they are read)."""
    def count(path: Path) -> int:
        if path.suffix.lower() == ".json":
            return count_messages(path)
        if holds_many(path):
            try:
                return max(1, path.stat().st_size // 10_000)
            except OSError:
                return 1
        return 1

    return sum(count(path) for path in files)


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

"""Web archives (WARC, WARC.GZ, WACZ): each archived HTML page becomes an article.

ArchiveWeb.page, Browsertrix, the Internet Archive and `wget --warc-file` keep the pages they
capture as WARC records; a WACZ is a zip of such WARCs with `pages/pages.jsonl`, the list of pages
the crawl meant to keep. Every response record of status 200 whose content is HTML is read by the
HTML reader (ingest.html_reader: site chrome left out) and keeps, as its provenance, the page's
address (WARC-Target-URI), the capture time (WARC-Date), the payload digest the archive states
and the record's id. In a WACZ with a pages list, only the pages it lists are read. A revisit
record (the page found again unchanged, written without its content) is another capture of the
page it names: its time joins that article's provenance. Every other record (requests, metadata,
images, scripts, redirects) is left out and counted. Records are read
one at a time (warcio streams them): an archive is never held in memory whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dossier.core.provenance import WEB_ARCHIVE, Provenance
from dossier.ingest.decode import MAX_TEXT_BYTES, UnreadableFile, decode_text
from dossier.ingest.document import Entry
from dossier.ingest.html_reader import read_html

ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wacz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def read_archive(path: Path) -> Iterator[Entry]:
    """Every record of the archive at `path`, an entry each, in the archive's order. Raises
    UnreadableFile when the file can't be read as a web archive at all."""
    if path.name.lower().endswith(".wacz"):
        yield from _read_wacz(path)
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115 -- opened apart: only its failure is "can't be read"
    except OSError as exc:
        raise UnreadableFile(f"the file can't be read ({exc.strerror})") from exc
    with stream:
        yield from _records(stream, path, path.name, pages=None)


def count_records(path: Path) -> int:
    """How many records the archive holds, as read_archive goes through them (an entry each),
    counted by reading their headers only; 1 when it can't be read (the import says why)."""
    import zipfile

    from warcio.archiveiterator import ArchiveIterator

    try:
        if not path.name.lower().endswith(".wacz"):
            with open(path, "rb") as stream:
                return max(1, sum(1 for _record in ArchiveIterator(stream, no_record_parse=True)))
        total = 0
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.lower().endswith((".warc", ".warc.gz")):
                    with archive.open(name) as stream:
                        total += sum(1 for _record in ArchiveIterator(stream, no_record_parse=True))
        return max(1, total)
    except Exception:  # not an archive, or broken: only the count is lost here; the import says why
        return 1


def _read_wacz(path: Path) -> Iterator[Entry]:
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise UnreadableFile(f"the file is not a WACZ (a zip of web archives) ({exc})") from exc
    with archive:
        names = [n for n in archive.namelist() if n.lower().endswith((".warc", ".warc.gz")) and not n.endswith("/")]
        if not names:
            raise UnreadableFile("the WACZ holds no web archive (no .warc or .warc.gz inside)")
        pages = _pages(archive)
        for name in sorted(names):
            with archive.open(name) as stream:
                yield from _records(stream, Path(f"{path}#{name}"), path.name, pages)


def _pages(archive: Any) -> set[str] | None:
    """The addresses pages/pages.jsonl lists (its first line is a header), or None without one."""
    try:
        raw = archive.read("pages/pages.jsonl")
    except KeyError:
        return None
    pages = set()
    for line in raw.decode("utf-8", "replace").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            pages.add(item["url"])
    return pages or None


def _records(stream: IO[bytes], where: Path, archive_name: str, pages: set[str] | None) -> Iterator[Entry]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    _check_warc(stream)
    count = 0
    try:
        for record in ArchiveIterator(stream):
            count += 1
            yield _entry(record, where, archive_name, pages, count)
    except ArchiveLoadFailed as exc:
        if count == 0:
            raise UnreadableFile(f"the file is not a web archive ({exc})") from exc
        yield Entry(Path(f"{where}#{count + 1}"), reason=f"the archive breaks after record {count:,} ({exc}); "
                                                         "the records before it were read")
    except (OSError, EOFError, ValueError) as exc:
        if count == 0:
            raise UnreadableFile(f"the file can't be read as a web archive ({exc})") from exc
        yield Entry(Path(f"{where}#{count + 1}"), reason=f"the archive breaks after record {count:,} ({exc}); "
                                                         "the records before it were read")


def _check_warc(stream: IO[bytes]) -> None:
    """Refuse what is not a WARC before warcio, which reads almost anything as some record."""
    import zlib

    head = stream.read(4096)
    stream.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)[:16]
        except zlib.error as exc:
            raise UnreadableFile(f"the file is not a web archive (its compression is broken: {exc})") from exc
    if not head.lstrip(b"\r\n").startswith(b"WARC/"):
        raise UnreadableFile("the file is not a web archive (a WARC starts with “WARC/”)")


def _entry(record: Any, where: Path, archive_name: str, pages: set[str] | None, number: int) -> Entry:
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>") or f"record {number}"
    label = Path(f"{where}#{record_id}")
    kind = record.rec_type
    url = headers.get_header("WARC-Target-URI") or ""
    if kind == "revisit":
        return _revisit(record, label, record_id, url, archive_name, pages)
    if kind != "response":
        return Entry(label, left_out=f"a {kind} record")
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    if status != "200":
        return Entry(label, left_out=f"a response of status {status or 'unknown'}")
    media_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media_type not in _HTML_TYPES:
        return Entry(label, left_out=f"a response that is no web page ({media_type or 'no type'})")
    if pages is not None and url not in pages:
        return Entry(label, left_out="a page the archive does not list among its pages")
    payload = record.content_stream().read(MAX_TEXT_BYTES + 1)
    if len(payload) > MAX_TEXT_BYTES:
        return Entry(label, reason=f"the page is over {MAX_TEXT_BYTES:,} bytes: not an article")
    provenance = Provenance(
        identity=f"warc:{record_id}", kind=WEB_ARCHIVE, collection=archive_name, item=record_id,
        target_url=url or None, captured_at=_utc(headers.get_header("WARC-Date")),
        digest=_digest(headers.get_header("WARC-Payload-Digest"), payload), archive=archive_name,
    )
    try:
        document = _page(payload, _charset(http.get_header("Content-Type") or ""), url, label)
    except UnreadableFile as exc:
        return Entry(label, reason=str(exc))
    except ValueError as exc:
        return Entry(label, reason=str(exc))
    from dataclasses import replace

    return Entry(label, replace(document, url=url or document.url, provenance=provenance))


def _revisit(record: Any, label: Path, record_id: str, url: str, archive_name: str, pages: set[str] | None) -> Entry:
    """A revisit record: the crawler found the page again, the same as a capture it had (the
    same payload digest), and wrote no copy of it. It is another capture of that page's article:
    its time and record are kept in the article's provenance (the pipeline finds the article)."""
    headers = record.rec_headers
    if pages is not None and url not in pages:
        return Entry(label, left_out="a page the archive does not list among its pages")
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    if status not in (None, "200"):
        return Entry(label, left_out=f"a revisit of a response of status {status}")
    digest = headers.get_header("WARC-Payload-Digest")
    refers_to = headers.get_header("WARC-Refers-To-Target-URI") or url
    if not digest and not refers_to:
        return Entry(label, left_out="a revisit that names neither the page nor its digest")
    return Entry(label, revisit=Provenance(
        identity=f"warc:{record_id}", kind=WEB_ARCHIVE, collection=archive_name, item=record_id,
        target_url=refers_to or None, captured_at=_utc(headers.get_header("WARC-Date")),
        digest=digest.strip() if digest else None, archive=archive_name))


def _page(payload: bytes, charset: str | None, url: str, label: Path) -> Any:
    text = None
    if charset:
        try:
            text = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode_text(payload)
    name = (url.rstrip("/").rsplit("/", 1)[-1] or "index") if url else label.name
    return read_html(text, original_name=f"{name[:80]}.html" if not name.endswith((".html", ".htm")) else name[:80],
                     original_bytes=payload)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip().strip("'\"")
    return None


def _utc(stamp: str | None) -> str | None:
    """WARC-Date ("2021-05-15T10:30:00Z", perhaps with fractions) as written, or None."""
    return stamp.strip() if stamp else None


def _digest(stated: str | None, payload: bytes) -> str:
    """The payload digest the archive states ("sha1:…"), else one made here ("sha256:…")."""
    if stated:
        return stated.strip()
    import hashlib

    return "sha256:" + hashlib.sha256(payload).hexdigest()

"""Telegram Desktop exports (JSON): each message with text becomes an article.

Telegram Desktop writes `result.json` (Settings > Advanced > Export Telegram data, or a chat's
"Export chat history", format JSON) beside folders of photos and files. A one-chat export is the
chat itself (`name`, `type`, `id`, `messages`); a whole-account export lists its chats under
`chats.list` (and `left_chats.list`). A message has `id`, `type` ("message" or "service"), `date`
(the exporting computer's clock, no zone) and `date_unixtime`, `from`, `text` (a string, or a list
of strings and entity objects `{"type": "bold", "text": …}`), `text_entities` (the same as a list of
entity objects only), and where they apply `forwarded_from`, `reply_to_message_id`, `edited` /
`edited_unixtime`, `photo` and `file` (paths relative to the export folder, or "(File not
included…)" when the export left them out).

The article's text is the message's text with its entities joined as plain text, so an offset
into it is an offset into what the reader saw: nothing is added between entities. The outlet is
the chat or channel; the published day is the day the export shows (to the day; the exact time,
in UTC, is kept in the provenance); a forward repeats the outlet it came from (the "reports"
relation, so it is not independent evidence); a reply names the message it answers. Service
messages (joins, pins, calls) are left out and counted. A photo posted without words is read by
OCR (ingest.picture_reader): its text is what the engine read, its page kept with the word boxes;
other messages without text (a sticker, a file alone, a photo with no text in it) are left out and
counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.core.provenance import TELEGRAM, Attachment, Provenance, telegram_chat_id, telegram_identity
from dossier.ingest.decode import UnreadableFile, one_line
from dossier.ingest.document import Document, Entry
from dossier.ingest.text_reader import short_title

if TYPE_CHECKING:
    from dossier.ingest.picture_reader import OcrOptions

EXPORT_FILE = "result.json"
# A channel's history of years with 100,000 messages is a few hundred megabytes of JSON.
MAX_EXPORT_BYTES = 2 * 1024 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
_SNIFF = 64 * 1024
_MEDIA_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
                ".gif": "image/gif", ".pdf": "application/pdf", ".mp4": "video/mp4"}


def looks_like_export(path: Path) -> bool:
    """Whether a JSON file reads as a Telegram Desktop export (by its first bytes: cheap)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(_SNIFF)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and (b'"messages"' in head or b'"personal_information"' in head
                                                or b'"chats"' in head)


def count_messages(path: Path) -> int:
    """About how many messages the export holds (for progress), counted in its bytes without
    parsing: Telegram writes each message's `"type": "message"` or `"service"` on a line of its own."""
    count = 0
    try:
        with open(path, "rb") as stream:
            tail = b""
            while chunk := stream.read(1 << 22):
                block = tail + chunk
                count += block.count(b'"type": "message"') + block.count(b'"type": "service"')
                tail = block[-20:]
                count -= tail.count(b'"type": "message"') + tail.count(b'"type": "service"')
    except OSError:
        return 1
    return max(count, 1)


def read_export(path: Path, ocr: OcrOptions | None = None) -> Iterator[Entry]:
    """Every message of the export at `path` (result.json), one entry each, in the export's order;
    with `ocr`, a photo posted without words is read by OCR as its text. Raises UnreadableFile
    when the file is not an export that can be read."""
    try:
        size = path.stat().st_size
        if size > MAX_EXPORT_BYTES:
            raise UnreadableFile(f"the export is {size:,} bytes; Dossier reads Telegram exports of up to "
                                 f"{MAX_EXPORT_BYTES:,} bytes: export fewer chats at a time")
        with open(path, "rb") as stream:
            data = json.load(stream)
    except OSError as exc:
        raise UnreadableFile(f"the file can't be read ({exc.strerror})") from exc
    except (ValueError, RecursionError) as exc:
        raise UnreadableFile(f"the file is not valid JSON ({exc})") from exc
    chats = _chats(data)
    if chats is None:
        raise UnreadableFile("a JSON file that is not a Telegram Desktop export (no chats or messages in it)")
    folder = path.parent
    for chat in chats:
        yield from _chat_entries(path, folder, chat, ocr)


def _chats(data: Any) -> list[dict[str, Any]] | None:
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("messages"), list):
        return [data]
    found: list[dict[str, Any]] = []
    for key in ("chats", "left_chats"):
        part = data.get(key)
        if isinstance(part, dict) and isinstance(part.get("list"), list):
            found.extend(chat for chat in part["list"] if isinstance(chat, dict) and isinstance(chat.get("messages"), list))
    return found if found or "chats" in data else None


def _chat_entries(path: Path, folder: Path, chat: dict[str, Any], ocr: OcrOptions | None) -> Iterator[Entry]:
    chat_id = chat.get("id", "")
    name = str(chat.get("name") or "").strip() or _default_name(chat)
    for message in chat["messages"]:
        if not isinstance(message, dict):
            continue
        label = Path(f"{path}#{chat_id}:{message.get('id', '?')}")
        try:
            yield _entry(label, folder, chat_id, name, message, ocr)
        except Exception as exc:  # one odd message is its own failure, never the whole export's
            yield Entry(label, reason=f"the message can't be read ({one_line(exc)})")


def _default_name(chat: dict[str, Any]) -> str:
    if chat.get("type") == "saved_messages":
        return "Saved Messages"
    return f"Telegram chat {chat.get('id', '')}".strip()


def _entry(label: Path, folder: Path, chat_id: object, chat_name: str, message: dict[str, Any],
           ocr: OcrOptions | None = None) -> Entry:
    kind = message.get("type")
    if kind == "service":
        action = str(message.get("action") or "").replace("_", " ")
        return Entry(label, left_out="a service message" + (f" ({action})" if action else ""))
    if kind != "message":
        return Entry(label, left_out=f"not a message ({kind!r})")
    text, links = text_and_links(message.get("text_entities") if isinstance(message.get("text_entities"), list)
                                 else message.get("text"))
    attachments, missing = _attachments(folder, message)
    read: Document | None = None
    if not text.strip():
        photo = next((a for a in attachments if a.role == "photo"), None)
        if photo is None or ocr is None:
            what = message.get("media_type") or ("photo" if message.get("photo") else "file" if message.get("file") else "")
            return Entry(label, left_out="a message without text" + (f" (a {str(what).replace('_', ' ')})" if what else ""))
        read, why = _read_photo(photo, ocr)
        if read is None:
            return Entry(label, left_out=f"a message without text (a photo, {why})") if why.startswith("no text") \
                else Entry(label, reason=f"its photo can't be read: {why}")
        text = read.text
    message_id = message.get("id")
    date = str(message.get("date") or "")
    published = date[:10] if _is_day(date[:10]) else None
    forwarded = str(message.get("forwarded_from") or "").strip() or None
    forwarded_id = str(message.get("forwarded_from_id") or "").strip() or None
    reply = message.get("reply_to_message_id")
    # A reply to a message of another chat names that chat (`reply_to_peer_id`); else it is this one's.
    replied_chat = telegram_chat_id(message["reply_to_peer_id"]) if message.get("reply_to_peer_id") else chat_id
    provenance = Provenance(
        identity=telegram_identity(chat_id, message_id), kind=TELEGRAM, collection=chat_name, item=str(message_id),
        posted_at=_utc(message.get("date_unixtime")) or (date or None),
        author=str(message.get("from") or "").strip() or None,
        forwarded_from=forwarded, forwarded_from_id=forwarded_id,
        reply_to=telegram_identity(replied_chat, reply) if isinstance(reply, int) else None,
        edited_at=(_utc(message.get("edited_unixtime")) or message.get("edited") or None) if message.get("edited") else None,
        links=links,
    )

    first_line = next(line for line in text.split("\n") if line.strip())
    original = json.dumps(message, ensure_ascii=False, indent=1).encode("utf-8")
    document = Document(
        title=short_title(first_line), text=text, source=chat_name, published=published,
        published_precision="day" if published else "unknown", author=provenance.author,
        original_name=f"{label.name}.json", original_bytes=original,
        reports=(forwarded,) if forwarded and not _from_itself(forwarded, forwarded_id, chat_id, chat_name) else (),
        provenance=provenance, attachments=attachments, ocr_pages=read.ocr_pages if read else (),
    )
    return Entry(label, document, note=missing)


def _read_photo(photo: Attachment, ocr: OcrOptions) -> tuple[Document | None, str]:
    """A photo posted without words, read by OCR (ingest.picture_reader): its text and page, or
    why not ("no text was found …" when the picture holds none)."""
    from dossier.ingest.picture_reader import read_picture_file  # lazy: Pillow and the engine on first use

    try:
        return read_picture_file(photo.content, photo.file_name, ocr), ""
    except UnreadableFile as exc:
        return None, str(exc)


def _from_itself(forwarded: str, forwarded_id: str | None, chat_id: object, chat_name: str) -> bool:
    """A channel forwarding its own message repeats nobody else."""
    if forwarded_id:
        return telegram_chat_id(forwarded_id) == str(chat_id)
    return forwarded.casefold() == chat_name.casefold()


def flatten_text(value: Any) -> str:
    """A message's text as plain text: its parts joined exactly as they are (a link's words, not
    its address; nothing added between parts)."""
    return text_and_links(value)[0]


def text_and_links(value: Any) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The message's plain text (flatten_text) and where its words link elsewhere: (start, end,
    address) of each `text_link` part, whose address the text does not show."""
    if isinstance(value, str):
        return value, ()
    if not isinstance(value, list):
        return "", ()
    parts: list[str] = []
    links: list[tuple[int, int, str]] = []
    at = 0
    for part in value:
        words = part if isinstance(part, str) else part.get("text") if isinstance(part, dict) else None
        if not isinstance(words, str):
            continue
        href = part.get("href") if isinstance(part, dict) and part.get("type") == "text_link" else None
        if isinstance(href, str) and href.strip():
            links.append((at, at + len(words), href.strip()))
        parts.append(words)
        at += len(words)
    return "".join(parts), tuple(links)


def _is_day(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def _utc(unix: object) -> str | None:
    try:
        seconds = int(str(unix))
    except (TypeError, ValueError):
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return None


def _attachments(folder: Path, message: dict[str, Any]) -> tuple[tuple[Attachment, ...], str | None]:
    """The message's photo and file, read from the export folder; a file the export names but
    that is missing, outside the export or too large is said (the message is imported anyway)."""
    found: list[Attachment] = []
    problems: list[str] = []
    root = folder.resolve()
    for role in ("photo", "file"):
        name = message.get(role)
        if not isinstance(name, str) or not name or name.startswith("("):  # "(File not included…)"
            continue
        target = (folder / name)
        try:
            real = target.resolve(strict=True)
            if not real.is_relative_to(root) or not real.is_file():
                problems.append(f"its {role} {name} is not inside the export folder: not read")
                continue
            size = real.stat().st_size
            if size > MAX_ATTACHMENT_BYTES:
                problems.append(f"its {role} {name} is {size:,} bytes: not kept")
                continue
            content = real.read_bytes()
        except (OSError, RuntimeError):
            problems.append(f"its {role} {name} is not in the export folder")
            continue
        media_type = message.get("mime_type") if role == "file" else None
        found.append(Attachment(Path(name).name, role, content,
                                media_type or _MEDIA_TYPES.get(Path(name).suffix.lower())))
    return tuple(found), "; ".join(problems) or None

"""Where an article came from when one file held many: a message of a Telegram export, a page of a
web archive. The record, its attachments, and the one sentence every view and export says of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

TELEGRAM = "telegram"
WEB_ARCHIVE = "web_archive"


@dataclass(frozen=True)
class Provenance:
    """How one article (or one capture of it) came into the dossier.

    `identity` names the message or capture for good: a second import of it adds nothing.
    Telegram: `collection` is the chat or channel, `item` the message id, `posted_at` its time
    (UTC, "2021-05-14T06:30:00Z", or as the export wrote it when it gave no Unix time),
    `forwarded_from` whom it repeats and `forwarded_from_id` that outlet's Telegram id ("channel1001":
    it stays when the outlet is renamed), `reply_to` the identity of the message it answers (in
    this chat or another), `edited_at` when it was last edited (its text is the last one), `links`
    the addresses its words link to ((start, end, url) in the article's text, which keeps only the
    words). Web archive: `target_url`,
    `captured_at` (WARC-Date), `digest` (the payload's, as the archive states it: "sha1:…",
    "sha256:…"), `item` the WARC record id and `archive` the archive file's name."""

    identity: str
    kind: str
    collection: str = ""
    item: str = ""
    posted_at: str | None = None
    author: str | None = None
    forwarded_from: str | None = None
    reply_to: str | None = None
    edited_at: str | None = None
    target_url: str | None = None
    captured_at: str | None = None
    digest: str | None = None
    archive: str | None = None
    capture_id: int | None = None  # set when this text was joined into the article as another capture
    forwarded_from_id: str | None = None
    links: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A photo or file that came with a message: `role` "photo" or "file"."""

    file_name: str
    role: str
    content: bytes
    media_type: str | None = None


@dataclass(frozen=True)
class StoredAttachment:
    position: int
    file_name: str
    role: str
    sha256: str
    size: int
    media_type: str | None = None


def telegram_identity(chat_id: object, message_id: object) -> str:
    return f"telegram:{chat_id}:{message_id}"


def telegram_chat_id(peer: object) -> str:
    """A peer as exports name it ("channel1443520817", "user42", "chat7", or the bare number)
    as the chat id identities use (the number: a channel's own export says `"id": 1443520817`)."""
    text = str(peer).strip()
    for prefix in ("channel", "chat", "user"):
        if text.startswith(prefix) and text[len(prefix):].lstrip("-").isdigit():
            return text[len(prefix):]
    return text


def links_words(links: tuple[tuple[int, int, str], ...]) -> str:
    """"links to https://a.example/x, https://b.example/": each address once, in text order."""
    seen = list(dict.fromkeys(url for _start, _end, url in sorted(links)))
    return "links to " + ", ".join(seen) if seen else ""


def stamp_words(stamp: str | None) -> str:
    """"2021-05-15T10:30:00Z" as "15 May 2021 10:30 UTC"; a stamp without a zone keeps its own
    clock and says none; anything else as written."""
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    offset = when.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else " " + when.strftime("%z")
    return f"{when.day} {when.strftime('%B %Y %H:%M')}{zone}"


def day_words(stamp: str) -> str:
    """"2021-05-15T10:30:00Z" as "15 May 2021" (the day of the stamp's own clock)."""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp[:10]
    return f"{when.day} {when.strftime('%B %Y')}"


def describe(p: Provenance, replied: str | None = None, unchanged_since: str | None = None) -> str:
    """"Telegram export, Border Watch, message 103, forwarded from Yerevan Desk";
    "web archive, captured 15 May 2021 10:30 UTC, sha256:…". `replied` names the message answered
    (its title) when the dossier has it."""
    if p.kind == TELEGRAM:
        parts = ["Telegram export"]
        if p.collection:
            parts.append(p.collection)
        if p.item:
            parts.append(f"message {p.item}")
        if p.posted_at:
            parts.append(f"posted {stamp_words(p.posted_at)}")
        if p.author and p.author != p.collection:
            parts.append(f"by {p.author}")
        if p.forwarded_from or p.forwarded_from_id:
            parts.append(f"forwarded from {p.forwarded_from or 'an outlet'}"
                         + (f" ({p.forwarded_from_id})" if p.forwarded_from_id else ""))
        if p.reply_to:
            _telegram, chat, answered = p.reply_to.split(":", 2) if p.reply_to.count(":") >= 2 else ("", "", p.reply_to)
            elsewhere = "" if p.identity.startswith(f"telegram:{chat}:") else f" of chat {chat}"
            parts.append(f"in reply to message {answered}{elsewhere}" + (f" (“{replied}”)" if replied else ""))
        if p.edited_at:
            parts.append(f"edited {stamp_words(p.edited_at)} " + ("(this text kept as another capture)"
                                                                   if p.capture_id is not None else "(its text as of that edit)"))
        elif p.capture_id is not None:
            parts.append("its first text, kept as another capture")
        if p.links:
            parts.append(links_words(p.links))
        return ", ".join(parts)
    parts = ["web archive"]
    if p.archive:
        parts.append(p.archive)
    if p.captured_at:
        parts.append(f"captured {stamp_words(p.captured_at)}")
    if p.target_url:
        parts.append(p.target_url)
    if p.digest:
        parts.append(p.digest)
    if unchanged_since:
        parts.append(f"unchanged since the capture of {stamp_words(unchanged_since)}")
    return ", ".join(parts)


def unchanged_since(records: list[Provenance]) -> list[str | None]:
    """For each of an article's records, in order: when an earlier capture of the same page had
    the same payload digest (a revisit, or the page archived again unchanged), else None."""
    first_seen: dict[tuple[str | None, str], str] = {}
    said: list[str | None] = []
    for p in records:
        key = (p.target_url, p.digest or "")
        earlier = first_seen.get(key) if p.kind == WEB_ARCHIVE and p.digest else None
        said.append(earlier)
        if p.kind == WEB_ARCHIVE and p.digest and key not in first_seen:
            first_seen[key] = p.captured_at or "an earlier time"
    return said


def collected(records: list[Provenance]) -> str:
    """How an outlet's articles were collected, in a few words: "6 Telegram messages (1
    forwarded, 1 edited)"; "3 captures from web archives, 15 May 2021 – 16 May 2021"."""
    messages = [p for p in records if p.kind == TELEGRAM]
    pages = [p for p in records if p.kind == WEB_ARCHIVE]
    parts = []
    if messages:
        notes = [f"{n} {word}" for n, word in ((sum(1 for p in messages if p.forwarded_from), "forwarded"),
                                               (sum(1 for p in messages if p.edited_at), "edited")) if n]
        parts.append(f"{len(messages)} Telegram message{'' if len(messages) == 1 else 's'}"
                     + (f" ({', '.join(notes)})" if notes else ""))
    if pages:
        dated = sorted(p.captured_at for p in pages if p.captured_at)
        span = ""
        if dated:
            first, last = day_words(dated[0]), day_words(dated[-1])
            span = f", {first}" + ("" if first == last else f" – {last}")
        parts.append(f"{len(pages)} capture{'' if len(pages) == 1 else 's'} from web archives{span}")
    return "; ".join(parts)

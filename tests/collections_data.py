"""Telegram Desktop exports written the way Telegram writes them, for the tests and benchmarks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CHANNEL_ID = 1443520817
# A 1×1 JPEG is not needed: any bytes stand for the photo; the reader keeps them as they are.
PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg, but bytes kept byte for byte \xff\xd9"


def message(message_id: int, text: Any, *, date: str = "2021-05-14T10:30:00", unixtime: int = 1620977400,
            **more: Any) -> dict[str, Any]:
    entities = text if isinstance(text, list) else [{"type": "plain", "text": text}]
    return {"id": message_id, "type": "message", "date": date, "date_unixtime": str(unixtime),
            "from": "Border Watch", "from_id": f"channel{CHANNEL_ID}", "text": text,
            "text_entities": [e if isinstance(e, dict) else {"type": "plain", "text": e} for e in entities], **more}


def border_watch_messages() -> list[dict[str, Any]]:
    """A channel's day: text, a service message, a forward, a reply, an edit, a photo, a link."""
    return [
        {"id": 100, "type": "service", "date": "2021-05-14T08:00:00", "date_unixtime": "1620968400",
         "actor": "Border Watch", "actor_id": f"channel{CHANNEL_ID}", "action": "create_channel",
         "title": "Border Watch", "text": "", "text_entities": []},
        message(101, "Azerbaijani soldiers crossed into Syunik near Sev Lich lake this morning, residents say."),
        message(102, [{"type": "bold", "text": "Armenia asks Russia for help"}, "\n\nPrime Minister ",
                      {"type": "mention", "text": "@pashinyan"}, " wrote to Moscow under the 1997 treaty. ",
                      {"type": "text_link", "text": "The letter", "href": "https://primeminister.am/letter"},
                      " was published at noon. ", {"type": "hashtag", "text": "#Syunik"}],
                date="2021-05-14T12:05:00", unixtime=1620986700),
        message(103, "Russian troops from the 102nd Base were sent to the border, the ministry said.",
                forwarded_from="Yerevan Desk", forwarded_from_id="channel1001", date="2021-05-14T13:00:00",
                unixtime=1620990000),
        message(104, "Residents of Verishen confirm the soldiers are still there tonight.",
                reply_to_message_id=101, date="2021-05-14T21:40:00", unixtime=1621021200),
        message(105, "Correction: the lake is Sev Lich, not Black Lake as first written.",
                edited="2021-05-14T22:10:00", edited_unixtime="1621023000",
                date="2021-05-14T22:00:00", unixtime=1621022400),
        message(106, "Photo of the positions above Sev Lich, taken by a resident.",
                photo="photos/photo_1@14-05-2021_22-30-00.jpg", width=1280, height=960,
                date="2021-05-14T22:30:00", unixtime=1621024200),
        message(107, "", photo="photos/photo_2@14-05-2021_22-31-00.jpg", width=1280, height=960,
                date="2021-05-14T22:31:00", unixtime=1621024260),
        {"id": 108, "type": "service", "date": "2021-05-14T23:00:00", "date_unixtime": "1621026000",
         "actor": "Border Watch", "actor_id": f"channel{CHANNEL_ID}", "action": "pin_message", "message_id": 102,
         "text": "", "text_entities": []},
    ]


def photo_of_words() -> bytes:
    """The photo message 107 posts without words: a JPEG of a statement's lines (OCR reads them)."""
    import io

    from tests.pictures import ENGLISH, draw

    out = io.BytesIO()
    draw(ENGLISH).save(out, format="JPEG", quality=92)  # type: ignore[attr-defined]
    return out.getvalue()


def write_export(folder: Path, messages: list[dict[str, Any]] | None = None, *, name: str = "Border Watch",
                 chat_id: int = CHANNEL_ID, photos: bool = True) -> Path:
    """A one-chat export (a channel's "Export chat history") in `folder`; returns result.json."""
    folder.mkdir(parents=True, exist_ok=True)
    chat = {"name": name, "type": "public_channel", "id": chat_id,
            "messages": border_watch_messages() if messages is None else messages}
    if photos:
        (folder / "photos").mkdir(exist_ok=True)
        (folder / "photos" / "photo_1@14-05-2021_22-30-00.jpg").write_bytes(PHOTO)
        (folder / "photos" / "photo_2@14-05-2021_22-31-00.jpg").write_bytes(photo_of_words())
    path = folder / "result.json"
    path.write_text(json.dumps(chat, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_account_export(folder: Path, chats: list[dict[str, Any]]) -> Path:
    """A whole-account export (Settings > Advanced > Export Telegram data) holding `chats`."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {"about": "Here is the data you requested.",
            "personal_information": {"user_id": 1, "first_name": "Analyst"},
            "chats": {"about": "This page lists all chats from this export.", "list": chats},
            "left_chats": {"about": "", "list": []}}
    path = folder / "result.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def news_page(headline: str, body: list[str], *, site: str = "Azatutyun", date: str = "2021-05-14") -> bytes:
    """A news page with site chrome around its article, as a browser would have archived it."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="article:published_time" content="{date}T10:00:00+04:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/video">Video</a></nav>
<article><h1>{headline}</h1>{paragraphs}</article>
<footer>Copyright {site}. All rights reserved. Subscribe to our newsletter.</footer></body></html>""".encode()


PAGE_ONE = ("Azerbaijani troops cross into Syunik", [
    "Azerbaijani soldiers advanced several kilometres into Armenia's Syunik province on Wednesday, the Armenian "
    "government said, in the most serious border incident since the war last autumn.",
    "Prime Minister Nikol Pashinyan said the troops had crossed near Sev Lich lake and called on Russia to help "
    "under the countries' defence treaty.",
    "Baku said its forces were on its side of a border that has never been demarcated."])
PAGE_TWO = ("Russia sends troops to the border", [
    "Russian troops from the 102nd military base in Gyumri were sent to Syunik on Friday, the Russian defence "
    "ministry said, after Armenia asked for help.",
    "The ministry said the soldiers would set up two posts near the villages where residents had seen "
    "Azerbaijani positions earlier in the week."])


def write_warc(path: Path, captures: list[tuple[str, bytes, str]], *, extras: bool = True) -> Path:
    """A WARC (gzipped when `path` ends in .gz) of (url, html, WARC-Date) captures, with the
    request records, an image and a redirect a crawler writes beside them when `extras`."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, html, date in captures:
            if extras:
                request = writer.create_warc_record(url, "request", payload=BytesIO(b""), http_headers=StatusAndHeaders(
                    f"GET {url} HTTP/1.1", [("Host", "www.azatutyun.am")], is_http_request=True),
                    warc_headers_dict={"WARC-Date": date})
                writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html), http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": date}))
        if extras:
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://www.azatutyun.am/logo.png", "response",
                                                          payload=BytesIO(b"\x89PNG not really"), http_headers=image))
            moved = StatusAndHeaders("301 Moved Permanently", [("Location", "https://www.azatutyun.am/")],
                                     protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("http://azatutyun.am/", "response",
                                                          payload=BytesIO(b""), http_headers=moved))
    return path


def write_wacz(path: Path, captures: list[tuple[str, bytes, str]], listed: list[str] | None = None) -> Path:
    """A WACZ: a zip with the WARC under archive/ and the pages list under pages/."""
    import zipfile

    inner = path.with_suffix(".tmp.warc.gz")
    write_warc(inner, captures)
    listed = [url for url, _html, _date in captures] if listed is None else listed
    lines = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"})]
    lines += [json.dumps({"url": url, "ts": "2021-05-15T10:30:00Z", "title": url}) for url in listed]
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(inner, "archive/data.warc.gz")
        archive.writestr("pages/pages.jsonl", "\n".join(lines) + "\n")
        archive.writestr("datapackage.json", json.dumps({"profile": "data-package", "wacz_version": "1.1.1"}))
    inner.unlink()
    return path

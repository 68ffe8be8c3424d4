"""Every reader, and every kind of bad input: a clear reason per file, nothing harmed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from dossier.ingest.decode import MAX_TEXT_BYTES, UnreadableFile
from dossier.ingest.readers import read_bytes, read_file

BODY = ("Armenia has requested military support from Russia following a border breach by "
        "Azerbaijan troops, Reuters and several other sources reported on May 14.")


def make_pdf(lines: list[str], title: str | None = None, password: str | None = None,
             algorithm: str = "AES-128") -> bytes:
    """A one-page PDF with a text layer, written by hand (then titled or encrypted by pypdf)."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 11 Tf 50 750 Td 14 TL " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    if title is None and password is None:
        return out
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(out)))
    if title:
        writer.add_metadata({"/Title": title})
    if password is not None:
        # Always with an owner password; with password="" (no user password) it opens without
        # asking, the usual "protected" PDF of a ministry or a think tank.
        writer.encrypt(password, owner_password="owner-secret", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(f"Headline\r\n\r\n{BODY}\r\n\r\nLeave a Reply\r\n".encode())
    doc = read_file(path)
    assert (doc.title, doc.text, doc.original_name) == ("Headline", BODY, "a.txt")
    assert doc.original_bytes == path.read_bytes()


def test_markdown_with_front_matter_keeps_its_body_verbatim() -> None:
    md = f"---\ntitle: Border breach\nsource: SouthFront\ndate: 2021-05-14\nurl: https://example.org/a\n---\n\n# Border breach\n\n{BODY} *Emphasis* stays.\n"
    doc = read_bytes(md.encode(), "a.md")
    assert (doc.title, doc.source, doc.published, doc.url) == ("Border breach", "SouthFront", "2021-05-14", "https://example.org/a")
    assert doc.text == f"{BODY} *Emphasis* stays."


def test_markdown_setext_heading() -> None:
    doc = read_bytes(f"Border breach\n=============\n\n{BODY}\n".encode(), "b.markdown")
    assert (doc.title, doc.text) == ("Border breach", BODY)


HTML = f"""<!doctype html><html><head><title>Border breach | SouthFront</title>
<meta property="og:site_name" content="SouthFront">
<meta property="og:title" content="Border breach">
<meta property="article:published_time" content="2021-05-13T23:30:00-05:00">
<link rel="canonical" href="https://southfront.example/border-breach">
<script>document.write("tracking")</script></head>
<body><nav><a href="/">Home</a> <a href="/support">Support SouthFront</a></nav>
<article><h1>Border breach</h1>
<p>{BODY}</p>
<p>Troops &amp; tanks moved to the border &lt;b&gt; there.</p>
<img src="file:///etc/passwd"><script>alert("x")</script>
<p>Earlier this week, hundreds of Azerbaijan special forces personnel entered Armenia territory.</p>
</article>
<section id="comments"><h2>Leave a Reply</h2><p>First comment: this is fake news!!!</p></section>
<footer>Copyright SouthFront</footer></body></html>"""


def test_html_body_and_metadata_without_chrome_scripts_or_comments() -> None:
    doc = read_bytes(HTML.encode(), "page.html")
    assert doc.title == "Border breach"
    assert doc.source == "SouthFront" and doc.url == "https://southfront.example/border-breach"
    assert doc.published == "2021-05-13"  # the date of the page's own offset, not UTC's 14th
    assert doc.text.startswith(BODY)
    assert "Troops & tanks moved to the border <b> there." in doc.text  # entities decoded, not markup
    for unwanted in ("tracking", "alert", "passwd", "fake news", "Leave a Reply", "Home", "Copyright"):
        assert unwanted not in doc.text
    assert not doc.text.startswith("Border breach")  # the headline is not repeated as the body


def test_pdf_text_layer_and_title(tmp_path: Path) -> None:
    data = make_pdf(["Border breach", BODY[:80], BODY[80:]], title="Border breach")
    doc = read_bytes(data, "a.pdf")
    assert doc.title == "Border breach"
    assert "Armenia has requested military support" in doc.text and "Border breach" not in doc.text.split("\n")[0]
    untitled = read_bytes(make_pdf(["Border breach", BODY[:80]]), "b.pdf")
    assert untitled.title == "Border breach"


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_a_pdf_locked_with_an_empty_password_is_read(algorithm: str) -> None:
    doc = read_bytes(make_pdf(["Border breach", BODY[:80]], password="", algorithm=algorithm), "locked.pdf")
    assert doc.title == "Border breach" and BODY[:40] in doc.text


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n  ", "empty"),
    ("binary.txt", bytes(range(256)) * 20, "binary"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "binary"),
    ("encrypted.pdf", None, "encrypted"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "damaged"),
    ("notes.docx", b"PK\x03\x04", "not a supported kind"),
    ("empty.html", b"<html><body><script>x()</script></body></html>", "no article text"),
    ("title-only.txt", b"Just a headline\n\nLeave a Reply\n", "no text"),
])
def test_bad_files_get_a_reason(tmp_path: Path, name: str, content: bytes | None, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content if content is not None else make_pdf(["Secret", BODY], password="hunter2"))
    before = path.read_bytes()
    with pytest.raises(UnreadableFile, match=reason):
        read_file(path)
    assert path.read_bytes() == before


def test_an_oversized_text_file_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as f:
        f.write(b"Headline\n\n")
        f.write((BODY + "\n\n").encode() * (50 * 1024 * 1024 // len(BODY)))
    assert path.stat().st_size > MAX_TEXT_BYTES
    with pytest.raises(UnreadableFile, match=r"the file is 5\d,\d{3},\d{3} bytes; Dossier imports articles of up "
                                             r"to 10,485,760 bytes \(10 MB\)"):
        read_file(path)
    just_over = tmp_path / "just-over.txt"
    just_over.write_bytes(b"Headline\n\n" + b"x" * (MAX_TEXT_BYTES - 10 + 1))
    with pytest.raises(UnreadableFile, match=r"the file is 10,485,761 bytes"):  # exact, not "10 MB ... 10 MB"
        read_file(just_over)


def test_text_in_another_encoding_is_decoded(tmp_path: Path) -> None:
    text = "Café à Paris\n\nLe café était fermé à cause de la grève générale, selon les témoins présents sur place."
    doc = read_bytes(text.encode("cp1252"), "latin.txt")
    assert doc.title == "Café à Paris" and "était fermé à cause de la grève" in doc.text


def test_utf16_with_a_byte_order_mark(tmp_path: Path) -> None:
    doc = read_bytes(f"Заголовок\n\n{BODY}".encode("utf-16"), "ru.txt")
    assert doc.title == "Заголовок" and doc.text == BODY


def test_bytes_that_are_no_text_are_refused_with_a_reason() -> None:
    """Noise (high bytes at random) could be "decoded" as some single-byte encoding and stored as
    an article of gibberish; it is refused instead, saying what to do."""
    import random

    rng = random.Random(1)
    for _ in range(20):
        junk = bytes(rng.randrange(128, 256) for _ in range(400))
        with pytest.raises(UnreadableFile, match="the file's encoding can't be recognised; save it as UTF-8"):
            read_bytes(b"Headline\n\n" + junk, "junk.txt")


def test_utf8_text_with_a_broken_byte_is_refused_naming_the_byte_not_stored_garbled() -> None:
    """Read as Windows-1250 (what a detector guesses for it), "Café" would become "CafĂ©": the
    article would not be what the file says. Refused, with the byte to mend."""
    text = "Café à Paris\n\nLe café était fermé à cause de la grève, selon les témoins.".encode()
    broken = text[:30] + b"\xe9" + text[30:]
    with pytest.raises(UnreadableFile, match=r"the file is UTF-8 text but byte 30 breaks it \(invalid continuation byte\)"):
        read_bytes(broken, "cafe.txt")
    russian = f"Заголовок\n\n{BODY}".encode()
    with pytest.raises(UnreadableFile, match=r"UTF-8 text but byte 2[01] breaks it"):
        read_bytes(russian[:20] + b"\xff" + russian[20:], "ru.txt")
    assert read_bytes(text, "cafe.txt").title == "Café à Paris"  # whole, it is read


def test_pasted_text_and_pages() -> None:
    from dossier.ingest.clipboard import read_pasted

    one = read_pasted(None, "Armenia asked Russia for help on May 14 after Azerbaijani troops crossed the border into Syunik and Gegharkunik.")
    assert one.text.startswith("Armenia asked") and one.title.endswith("…") and len(one.title) <= 101
    two = read_pasted(None, f"Headline\n\n{BODY}")
    assert (two.title, two.text) == ("Headline", BODY)
    page = read_pasted(HTML, "fallback text")
    assert page.title == "Border breach" and "alert" not in page.text
    with pytest.raises(UnreadableFile, match="no text"):
        read_pasted(None, "   ")

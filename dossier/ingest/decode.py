"""Bytes to text: detect the encoding, refuse what is not text, normalise only newlines."""

from __future__ import annotations

# An article is at most a few hundred kilobytes; 10 MB of text is a dump of many articles or
# not an article at all. Refusing it with a message beats freezing extraction for minutes.
MAX_TEXT_BYTES = 10 * 1024 * 1024


class UnreadableFile(ValueError):
    """A file that can't be imported, with the reason in words."""


def one_line(error: BaseException) -> str:
    """An exception as one short line: its message, or its kind when it has none."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}"[:300] if text else type(error).__name__


def check_size(size: int) -> None:
    if size == 0:
        raise UnreadableFile("the file is empty")
    if size > MAX_TEXT_BYTES:
        raise UnreadableFile(
            f"the file is {size:,} bytes; Dossier imports articles of up to {MAX_TEXT_BYTES:,} bytes "
            f"({MAX_TEXT_BYTES // (1024 * 1024)} MB): split a larger file into its articles"
        )


def decode_text(data: bytes) -> str:
    """The text of `data` in its own encoding (UTF-8 and its BOMs first, else detected).

    Raises UnreadableFile for binary data or an encoding that can't be told."""
    check_size(len(data))
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("the file is binary, not text")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:  # the mark says one encoding, the bytes break it
                raise UnreadableFile(f"the file starts as {codec.upper().replace('-SIG', '')} text but byte "
                                     f"{exc.start:,} breaks it ({exc.reason})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _has_utf8_sequences(data):
            # UTF-8 text with a broken byte: read in another encoding, every accented letter would
            # turn to two wrong ones ("CafĂ©"); the text is refused rather than stored altered.
            raise UnreadableFile(f"the file is UTF-8 text but byte {exc.start:,} breaks it ({exc.reason}); "
                                 "mend or remove that byte and import it again") from exc
    from charset_normalizer import from_bytes  # only for files that aren't UTF-8

    results = list(from_bytes(data))
    if not results:
        raise UnreadableFile("the file's encoding can't be recognised; save it as UTF-8 and import it again")
    # On short texts several single-byte encodings read about equally well; among those that do,
    # take the one most text is actually written in (Windows-1252 for Western European text).
    least_chaos = min(r.chaos for r in results)
    close = [r for r in results if r.chaos <= least_chaos + 0.03]
    best = min(close, key=lambda r: (_PREFERRED.index(r.encoding) if r.encoding in _PREFERRED else len(_PREFERRED), r.chaos))
    text = str(best)
    if _mostly_control(text):
        raise UnreadableFile("the file is binary, not text")
    return text


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether `data` is mostly well-formed UTF-8 beyond ASCII: more letters written as UTF-8
    writes them than broken bytes (text in a single-byte encoding, or noise, forms such letters
    only now and then, by chance)."""
    text = data[:65536].decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return sum(1 for ch in text if ord(ch) > 127) - broken > broken


_PREFERRED = ["cp1252", "cp1251", "cp1250", "iso8859_15", "latin_1", "koi8_r", "cp1253", "cp1254",
              "cp1256", "cp1255", "gb18030", "big5", "shift_jis", "euc_kr"]


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bool(sample) and control / len(sample) > 0.05

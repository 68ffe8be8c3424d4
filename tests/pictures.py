"""Pictures of text drawn for the OCR tests and benchmark (Pillow with the shipped DejaVu font):
screenshots of posts, scanned pages and image-only PDFs, never downloaded."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FONT = REPO / "resources" / "fonts" / "DejaVuSans.ttf"

ENGLISH = ["Azerbaijani special forces crossed the border", "near Sev Lich lake on 12 May, the ministry said."]
RUSSIAN = ["Российские военные прибыли в Сюник", "по просьбе армянской стороны 14 мая."]
ARMENIAN = ["Ադրբեջանի զինված ուժերը հատել են", "սահմանը մայիսի 12-ին, հայտնում է նախարարությունը։"]


def draw(lines: Sequence[str], size: int = 32, width: int = 1400, margin: int = 60) -> object:
    """A white picture with `lines` in black, a line each (a PIL image)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), size)
    step = int(size * 1.6)
    image = Image.new("L", (width, 2 * margin + step * len(lines)), 255)
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        pen.text((margin, margin + i * step), line, font=font, fill=0)
    return image


def png(lines: Sequence[str], size: int = 32) -> bytes:
    out = io.BytesIO()
    draw(lines, size).save(out, format="PNG")  # type: ignore[attr-defined]
    return out.getvalue()


def scanned_pdf(pages: Sequence[Sequence[str]], size: int = 36) -> bytes:
    """A PDF of page pictures only (no text layer), as a scanner writes one, at 200 dpi."""
    from PIL import Image

    pictures = []
    for lines in pages:
        page = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
        page.paste(draw(lines, size, width=1454), (100, 150))  # type: ignore[arg-type]
        pictures.append(page)
    out = io.BytesIO()
    pictures[0].save(out, format="PDF", save_all=True, append_images=pictures[1:], resolution=200)
    return out.getvalue()


def words(text: str) -> list[str]:
    return text.split()


def word_accuracy(drawn: str, read: str) -> float:
    """The share of drawn words read right, in order (a longest common subsequence of words)."""
    a, b = words(drawn), words(read)
    if not a:
        return 1.0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1] / len(a)

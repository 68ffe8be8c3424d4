"""A smaller copy of Qt's ICU data library for the Linux bundle.

PySide6's Qt links ICU for collation (QCollator), legacy text encodings (HTML pasted or dropped in
windows-1251, Shift_JIS… is decoded by ICU), locale case mapping and time-zone names. The wheel's
libicudata (32 MB) also holds what Qt never asks ICU for: display names of languages, regions,
currencies and units (Qt carries its own CLDR names), number spell-out rules, transliterators and
the dictionaries of ICU's word breaker (Qt breaks text with its own tables). Leaving items out of
ICU's common data package is ICU's documented way to shrink it; this does that on the package
inside the wheel's library and links a library exporting the smaller package under the same
symbol, so libicuuc finds it where it found the original. `dossier --self-test` checks collation,
a legacy encoding and a time-zone name against it.

The package format ("CmnD", ICU's udata): a header of `header_size` bytes, then a table of
contents — item count, then (name offset, data offset) pairs counted from the start of the table,
sorted by name — then the names, then the items, each on a 16-byte boundary. ICU looks items up by
binary search, so a subset in the original order is a valid package.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

# Item folders Qt never asks ICU for (see the module docstring).
UNUSED_TREES = ("brkitr", "curr", "lang", "rbnf", "region", "translit", "unit")
_ALIGN = 16


class IcuDataError(ValueError):
    """The library or package is not what this module expects; the bundle keeps the original."""


def unused_item(name: str) -> bool:
    """Whether an item (named without the package prefix, e.g. 'lang/fr.res') can go."""
    return name.split("/", 1)[0] in UNUSED_TREES and "/" in name


def find_symbol(elf: bytes, pattern: str) -> tuple[str, int, int]:
    """(name, file offset, size) of the exported symbol matching `pattern` in a 64-bit
    little-endian ELF shared library."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise IcuDataError("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM: the exported symbols
            continue
        strings_at = sections[link][4]
        for at in range(offset, offset + size, entsize):
            name_at, _info_byte, _other, shndx, value, sym_size = struct.unpack_from("<IBBHQQ", elf, at)
            end = elf.index(b"\0", strings_at + name_at)
            name = elf[strings_at + name_at:end].decode("ascii", "replace")
            if re.fullmatch(pattern, name) and 0 < shndx < len(sections):
                section = sections[shndx]
                return name, value - section[3] + section[4], sym_size
    raise IcuDataError(f"no exported symbol matches {pattern}")


def _toc(package: bytes) -> tuple[int, list[tuple[str, int]]]:
    """(header size, [(item name, absolute data offset)]) of a common data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD" or package[8] != 0:
        raise IcuDataError("not a little-endian ICU common data package")
    count, = struct.unpack_from("<I", package, header_size)
    items = []
    for i in range(count):
        name_at, data_at = struct.unpack_from("<II", package, header_size + 4 + 8 * i)
        start = header_size + name_at
        name = package[start:package.index(b"\0", start)].decode("ascii")
        items.append((name, header_size + data_at))
    return header_size, items


def items(package: bytes) -> dict[str, bytes]:
    """Every item of a package by its full name ('icudt73l/lang/fr.res'), padding included."""
    return _items(package, _toc(package)[1])


def _items(package: bytes, toc: list[tuple[str, int]]) -> dict[str, bytes]:
    ends = [at for _name, at in toc[1:]] + [len(package)]
    return {name: package[at:end] for (name, at), end in zip(toc, ends)}


def filtered(package: bytes, drop: Callable[[str], bool] = unused_item) -> bytes:
    """The package without the items for which drop(name without the package prefix) is true."""
    header_size, toc_entries = _toc(package)
    kept = [(name, data) for name, data in _items(package, toc_entries).items()
            if not drop(name.split("/", 1)[-1])]
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in kept)
    table_size = 4 + 8 * len(kept)
    first_item = header_size + table_size + len(names)
    first_item += -first_item % _ALIGN
    entries, body, name_at, data_at = [], [], table_size, first_item - header_size
    for name, data in kept:
        data += b"\0" * (-len(data) % _ALIGN)
        entries.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        data_at += len(data)
        body.append(data)
    toc = struct.pack("<I", len(kept)) + b"".join(entries) + names
    toc += b"\xaa" * (first_item - header_size - len(toc))
    return package[:header_size] + toc + b"".join(body)


def link_library(package: bytes, symbol: str, soname: str, out: Path) -> None:
    """Write a shared library exporting `package` as `symbol` (needs binutils' as and ld)."""
    with tempfile.TemporaryDirectory(prefix="dossier-icu-") as tmp:
        folder = Path(tmp)
        (folder / "data.bin").write_bytes(package)
        (folder / "data.s").write_text(
            "\t.section .rodata\n\t.balign 16\n"
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.size {symbol}, {len(package)}\n"
            f'{symbol}:\n\t.incbin "data.bin"\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(["as", "--64", "-o", "data.o", "data.s"], cwd=folder, check=True)
        subprocess.run(["ld", "-shared", "-soname", soname, "-o", "lib.so", "data.o"], cwd=folder, check=True)
        shutil.copyfile(folder / "lib.so", out)
        out.chmod(0o755)


def can_link() -> bool:
    return bool(shutil.which("as") and shutil.which("ld"))


def trim_library(source: Path, out: Path) -> tuple[int, int]:
    """Write the smaller copy of the ICU data library `source` to `out`; (old size, new size)."""
    elf = source.read_bytes()
    symbol, offset, size = find_symbol(elf, r"icudt\d+_dat")
    package = filtered(elf[offset:offset + size])
    link_library(package, symbol, source.name, out)
    return len(elf), out.stat().st_size

"""What the desktop bundle leaves out: ICU data Qt never asks for, libraries only a dropped plugin needed."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.bundling import binaries, icu_data

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PySide6 links ICU on Linux only")


def wheel_icu_library() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    assert found, "PySide6's Qt has no ICU data library"
    return found[0]


def wheel_package() -> tuple[str, bytes]:
    elf = wheel_icu_library().read_bytes()
    symbol, offset, size = icu_data.find_symbol(elf, r"icudt\d+_dat")
    return symbol, elf[offset:offset + size]


@linux_only
def test_the_trimmed_package_keeps_every_other_item_byte_for_byte() -> None:
    symbol, package = wheel_package()
    assert symbol.startswith("icudt") and package[12:16] == b"CmnD"
    original = icu_data.items(package)
    smaller = icu_data.filtered(package)
    kept = icu_data.items(smaller)

    prefix = next(iter(original)).split("/", 1)[0]  # e.g. icudt73l
    short = {name.split("/", 1)[1] for name in kept}
    assert not [n for n in short if n.split("/")[0] in icu_data.UNUSED_TREES], "an unused tree survived"
    for needed in ("coll/ucadata.icu", "coll/sv.res", "zone/fr.res", "ibm-1251_P100-1995.cnv", "cnvalias.icu",
                   "root.res", "res_index.res", "metaZones.res", "supplementalData.res"):
        assert needed in short, needed
    assert set(kept) == {n for n in original if not icu_data.unused_item(n.split("/", 1)[1])}
    for name, data in kept.items():
        assert data == original[name], name
    assert all(name.startswith(prefix + "/") for name in kept)
    header_size = struct.unpack_from("<H", package)[0]
    assert smaller[:header_size] == package[:header_size]
    assert len(smaller) < 0.6 * len(package)
    assert icu_data.filtered(smaller) == smaller  # nothing left to drop, and the writer is stable


def test_a_file_that_is_not_icu_data_is_refused() -> None:
    with pytest.raises(icu_data.IcuDataError):
        icu_data.find_symbol(b"MZ not an ELF file" * 10, r"icudt\d+_dat")
    with pytest.raises(icu_data.IcuDataError):
        icu_data.filtered(b"\x20\x00\xda\x27" + b"\0" * 8 + b"ToCP" + b"\0" * 40)


CHILD = """
from dossier.selftest import check_text_services
try:
    check_text_services()
except AssertionError as exc:
    print("FAILED", exc)
print(next(line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line))
"""


def run_with_icu_library(library: Path) -> list[str]:
    env = dict(os.environ, LD_PRELOAD=str(library), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


@linux_only
@pytest.mark.skipif(not icu_data.can_link(), reason="needs binutils (as, ld): sh .ci/install-system-packages")
def test_qt_works_with_the_trimmed_library_and_the_check_sees_what_is_missing(tmp_path: Path) -> None:
    source = wheel_icu_library()
    trimmed = tmp_path / source.name
    before, after = icu_data.trim_library(source, trimmed)
    assert after < 0.6 * before

    # Preloaded under the same soname, it is the one libicuuc binds to.
    assert run_with_icu_library(trimmed) == [str(trimmed)]

    symbol, package = wheel_package()
    no_collation = tmp_path / "no-collation" / source.name
    no_collation.parent.mkdir()
    icu_data.link_library(icu_data.filtered(package, lambda name: name.startswith("coll/")), symbol, source.name,
                          no_collation)
    lines = run_with_icu_library(no_collation)
    assert lines[0].startswith("FAILED") and "collation" in lines[0]


def entry(dest: str) -> tuple[str, str, str]:
    return (dest, "/src/" + dest, "BINARY")


def test_a_dropped_plugin_takes_along_only_what_nothing_else_needs() -> None:
    links = {
        "/src/PySide6/Qt/plugins/platformthemes/libqgtk3.so": {"libgio.so", "libcairo.so", "libglib.so", "libz.so"},
        "/src/libcairo.so": {"libpixman.so", "libpng.so"},
        "/src/libgio.so": {"libglib.so", "libmount.so"},
        "/src/PySide6/Qt/lib/libQt6Core.so.6": {"libglib.so"},
        "/src/PySide6/Qt/lib/libQt6Gui.so.6": {"libpng.so"},
        "/src/libpython3.11.so.1.0": {"libz.so"},  # a top-level library that stays keeps its own needs
    }
    everything = [entry(d) for d in (
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6", "libpython3.11.so.1.0", "libgio.so", "libcairo.so", "libglib.so",
        "libpixman.so", "libpng.so", "libmount.so", "libz.so", "libunrelated.so")]
    left = binaries.without(everything, lambda d: "libqgtk3" in d, lambda source: links.get(source, set()))
    assert [d for d, _s, _k in left] == [
        "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "libpython3.11.so.1.0", "libglib.so",
        "libpng.so", "libz.so", "libunrelated.so"]
    assert binaries.without(everything, lambda d: False, lambda s: set()) == everything

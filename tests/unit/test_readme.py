"""README's promises: two quick-start commands, the one CI runs, every table documented."""

from __future__ import annotations

import subprocess
from pathlib import Path

from dossier.store.schema import PUBLIC_TABLES

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text("utf-8")


def readme_command(name: str) -> str:
    return subprocess.run(["bash", str(REPO / ".ci" / "readme-command"), name], capture_output=True,
                          text=True, check=True).stdout.strip()


def test_quick_start_has_an_open_and_a_test_command() -> None:
    open_cmd, test_cmd = readme_command("open"), readme_command("test")
    assert "\n" not in open_cmd and "\n" not in test_cmd
    assert open_cmd.endswith(".venv/bin/dossier")
    assert "'.[test]'" in test_cmd and test_cmd.endswith("pytest")
    # The gates run first, as CI runs exactly this command: lint and types fail it like a test.
    assert "&& .venv/bin/ruff check . && .venv/bin/mypy && .venv/bin/python -m pytest" in test_cmd


def test_ci_runs_exactly_the_readme_test_command() -> None:
    run = (REPO / ".ci" / "run").read_text()
    assert "readme-command test" in run and 'exec bash -c "$cmd"' in run


def test_the_debian_packages_are_listed_and_installed() -> None:
    script = (REPO / ".ci" / "install-system-packages").read_text()
    for package in ["libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libglib2.0-0", "fonts-dejavu-core"]:
        assert package in README and package in script


def test_every_public_table_is_documented() -> None:
    for table in PUBLIC_TABLES:
        assert f"| `{table}` |" in README, table

"""Help > User Guide is README's user part, shipped in the package (the app never reads README).

If README changed, refresh the shipped copy with `python -m tests.unit.test_user_guide`."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# README's sections for the user of the window; the rest is for installing and developing.
USER_SECTIONS = ("Using the window", "Importing articles", "Exporting", "Working as a team", "Your data")
GUIDE = ROOT / "resources" / "guide" / "user-guide.md"


def user_guide(readme: str) -> str:
    """The README's opening paragraphs and its user sections, in README's order."""
    head, *sections = readme.split("\n## ")
    kept = [head.strip()] + [f"## {s.strip()}" for s in sections if s.split("\n", 1)[0].strip() in USER_SECTIONS]
    return "\n\n".join(kept) + "\n"


def test_the_shipped_guide_is_readme_s_user_part() -> None:
    expected = user_guide((ROOT / "README.md").read_text(encoding="utf-8"))
    assert GUIDE.read_text(encoding="utf-8") == expected, "run: python -m tests.unit.test_user_guide"
    assert all(f"## {name}" in expected for name in USER_SECTIONS)
    assert "## Development" not in expected and "## Quick start" not in expected


def test_the_guide_is_found_where_the_package_ships_it() -> None:
    from dossier.paths import resources_dir

    assert (resources_dir() / "guide" / "user-guide.md").is_file()


if __name__ == "__main__":
    GUIDE.write_text(user_guide((ROOT / "README.md").read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {GUIDE}")

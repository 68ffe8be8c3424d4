from __future__ import annotations

from dossier.core.name_filter import NameFilter


def test_matches_names_and_aliases_ignoring_case_in_order() -> None:
    f = NameFilter([(1, ["Nikol Pashinyan", "Pashinyan"]), (2, ["Syunik"]), (3, ["Straße"])])
    assert f.matching("") == [1, 2, 3]
    assert f.matching("pash") == [1]
    assert f.matching("  SYU ") == [2]
    assert f.matching("strasse") == [3]  # case folding, not just lower()
    assert f.matching("n") == [1, 2]
    assert f.matching("yanpas") == []  # no match across two names

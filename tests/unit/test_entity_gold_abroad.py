"""The hand-marked Armenian, Azerbaijani and Russian sets: read exactly, twelve articles or more a
language, held-out apart, every mark in its body and of a known kind."""

from __future__ import annotations

import pytest

from dossier.core.names import script_of
from tests.entity_gold import KINDS
from tests.entity_gold_abroad import LANGUAGES, as_words, folders, load, unmark, whole_words

SCRIPTS = {"hy": "ARMENIAN", "az": "LATIN", "ru": "CYRILLIC"}


def test_marks_with_and_without_a_name_are_read_exactly() -> None:
    text, spans = unmark("[[ԵՐԵՎԱՆ|place|Yerevan]], մայիսի 9։ [[Իջևանի|place]] հրապարակում")
    assert text == "ԵՐԵՎԱՆ, մայիսի 9։ Իջևանի հրապարակում"
    assert [(text[s:e], k, n) for s, e, k, n in spans] == [("ԵՐԵՎԱՆ", "place", "Yerevan"), ("Իջևանի", "place", None)]
    with pytest.raises(ValueError, match="unknown kind"):
        unmark("[[Azertac|agency]]")


def test_a_span_is_compared_to_the_end_of_its_word() -> None:
    text = "Նիկոլ Փաշինյանը ասաց, ՀԱՊԿ-ին"
    assert whole_words(text, 0, len("Նիկոլ Փաշինյան")) == (0, len("Նիկոլ Փաշինյանը"))
    assert as_words(text, [(22, 26, "organisation")]) == {(22, 26, "organisation")}  # not over the hyphen


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_twelve_articles_or_more_every_mark_in_its_body(language: str) -> None:
    dev, held = (load(folder) for folder in folders(language))
    assert len(dev) >= 8 and len(held) >= 4 and len(dev) + len(held) >= 12
    assert not {a.name for a in dev} & {a.name for a in held}
    for article in dev + held:
        assert len(article.entities) >= 8, article.name
        assert script_of(article.text) == SCRIPTS[language], article.name
        for start, end, kind in article.entities:
            surface = article.text[start:end]
            assert surface == surface.strip() and kind in KINDS and "[" not in surface, (article.name, surface)
    assert any(kind == "unit" for a in dev + held for _s, _e, kind in a.entities)

"""The sample dossier: the article verbatim, without headline or chrome, and two annotations."""

from __future__ import annotations

from pathlib import Path

from dossier.paths import resources_dir
from dossier.store import Database

HEADLINE = "Russian Forces Dispatched To Armenia’s Border Following Breach By Azerbaijani Special Forces"


def test_the_shipped_sample_article_is_the_original_file_byte_for_byte() -> None:
    import hashlib

    data = (resources_dir() / "sample" / "russian-forces-armenia-border.txt").read_bytes()
    # The hash of ../shared/sample/russian-forces-armenia-border.txt as it was handed to us.
    assert hashlib.sha256(data).hexdigest() == "adc039acc673e1b1bab9c12b991c0d568a3b3f90746086b5ef7158ae1243f465"
    assert b"request assassinate" in data and data.count(HEADLINE.encode()) == 2


def test_the_article_is_the_body_verbatim(sample_path: Path) -> None:
    raw = (resources_dir() / "sample" / "russian-forces-armenia-border.txt").read_text("utf-8")
    with Database.open(sample_path) as store:
        (summary,) = store.articles.page()
        article = store.articles.get(summary.id)
        assert store.title == "Armenia–Azerbaijan border, May 2021"
    assert article.title == HEADLINE
    assert (article.source, article.published, article.published_precision) == ("SouthFront", "2021-05-14", "day")
    assert article.text.startswith("Screen grab from Sputnik Armenia video.")
    assert article.text.endswith("were killed by Iranian drug smugglers near the border line.")
    assert article.text in raw  # one verbatim slice of the file
    for chrome in ("Support SouthFront", "Leave a Reply", "Your email address", HEADLINE):
        assert chrome not in article.text
    assert "request assassinate from Russia" in article.text  # the typo stays


def test_the_two_annotations_anchor_exactly(sample_path: Path) -> None:
    with Database.open(sample_path) as store:
        text = store.articles.get(1).text
        claim, note = sorted(store.annotations.all(), key=lambda a: a.kind)
        tags = {t.id: t.name for t in store.tags.all()}
    for a in (claim, note):
        assert text[a.start : a.end] == a.exact
        assert text[: a.start].endswith(a.prefix) and text[a.end :].startswith(a.suffix)
    assert claim.exact == "the agreement was not implemented in full"
    assert claim.claim is not None and claim.claim.status == "partially_true"
    assert "partially fulfilled" in claim.claim.rationale
    assert [tags[t] for t in claim.tag_ids] == ["withdrawal agreement"]
    assert note.kind == "note" and note.exact == "request assassinate"
    assert "military assistance" in note.note and "transcription error" in note.note

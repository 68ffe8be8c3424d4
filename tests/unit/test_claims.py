"""Claims across sources as the store fetches them and analysis.corroboration counts them (the rule
alone: test_analysis_corroboration), sentences, related passages, on the sample plus a corpus of six outlets (tests/data/corroboration)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from dossier.analysis.corroboration import corroborated
from dossier.analysis.related import RelatedPassage, best_related, describe_related
from dossier.core.anchoring import find_quote
from dossier.core.models import Claim
from dossier.core.sentences import sentence_spans
from dossier.operations import perform, redo, undo
from dossier.operations.annotations import AddAnnotation, AddEvidence, EditClaim
from dossier.operations.articles import DeleteArticle, EditArticle
from dossier.sample import CLAIM_QUOTE
from dossier.store import Database


@pytest.fixture
def corpus(corpus_path: Path):  # type: ignore[no-untyped-def]
    store = Database.open(corpus_path)
    yield store
    store.close()


def article_of(store: Database, outlet: str) -> int:
    return next(a.id for a in store.articles.summaries(store.articles.ids()).values() if a.source == outlet)


def passage(store: Database, outlet: str, quote: str) -> tuple[int, int, int]:
    article_id = article_of(store, outlet)
    found = find_quote(store.articles.get(article_id).text, quote)
    assert found is not None, quote
    return article_id, found.start, found.end


def sample_claim(store: Database) -> int:
    return next(a.id for a in store.annotations.all() if a.kind == "claim" and a.exact == CLAIM_QUOTE)


def add_claim(store: Database, where: tuple[int, int, int], claim: Claim) -> int:
    add = AddAnnotation(where[0], "claim", *where[1:])
    perform(store, add)
    perform(store, EditClaim(add.result, claim))
    return add.result


def related(store: Database, claim_id: int) -> list[RelatedPassage]:
    facts = store.claims.related_passages(claim_id)
    best = best_related(facts)
    return describe_related(facts, best, store.claims.text_stems([facts.sentences[i].text for i, _score in best]))


def row_of(store: Database, claim_id: int):  # type: ignore[no-untyped-def]
    (row,) = corroborated(store.claims.claim_rows([claim_id]))
    return row


# Sentences ---------------------------------------------------------------------------------------

def test_sentences_cover_the_text_exactly_and_keep_abbreviations() -> None:
    text = ("Gen. Smith met Mr. Jones on 12 May. They talked for 3.5 hours! Was it enough?\n\n"
            "A new paragraph without a full stop\nand a line after it")
    spans = sentence_spans(text)
    pieces = [text[s:e] for s, e in spans]
    assert pieces[0] == "Gen. Smith met Mr. Jones on 12 May."
    assert pieces[1] == "They talked for 3.5 hours!"
    assert pieces[2] == "Was it enough?"
    assert all(p == p.strip() and p for p in pieces)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_sentences_end_where_each_script_ends_them() -> None:
    """Armenian ends with "։", Arabic has no capitals to start the next one, Russian quotes «»."""
    text = ("Զորքերը դուրս չեն եկել։ Ադրբեջանը հերքում է։ قالت الوزارة إن القوات انسحبت. "
            "القوات لم تنسحب؟ Войска не ушли. Он сказал: «Нет». 😀 Emoji stay. J. R. Smith said so.")
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Զորքերը դուրս չեն եկել։", "Ադրբեջանը հերքում է։", "قالت الوزارة إن القوات انسحبت.", "القوات لم تنسحب؟",
        "Войска не ушли.", "Он сказал: «Нет».", "😀 Emoji stay.", "J. R. Smith said so."]


def test_sentences_are_stored_at_import_and_follow_a_deleted_article(corpus: Database) -> None:
    apa = article_of(corpus, "APA")
    text = corpus.articles.get(apa).text
    stored = corpus._conn.execute(
        "SELECT start_offset, end_offset FROM sentences WHERE article_id = ? ORDER BY start_offset", (apa,)).fetchall()
    assert [tuple(r) for r in stored] == sentence_spans(text)
    assert corpus.articles.sentence_at(apa, *passage(corpus, "APA", "had not crossed into Armenia")[1:]) == stored[0]

    def matches(word: str) -> int:
        return corpus._conn.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?",
                                    (word,)).fetchone()[0]

    assert matches("Sev") == 5  # APA, Azatutyun, News.am, Eurasianet, OC Media
    deleted = perform(corpus, DeleteArticle(apa))
    assert matches("Sev") == 4  # the deleted article's words left the index with it
    undo(corpus, deleted)
    assert matches("Sev") == 5
    # Raises "database disk image is malformed" if a word was removed twice or left behind.
    corpus._conn.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")


# The board ---------------------------------------------------------------------------------------

def test_the_board_counts_independent_sources_and_suggests(corpus: Database) -> None:
    claim_id = sample_claim(corpus)
    before = row_of(corpus, claim_id)
    assert before.outlet == "SouthFront" and before.corroboration.line == "no evidence linked"
    assert before.corroboration.suggestion is None and not before.disagrees
    assert before.grade.credibility == 2 and "withdrawal agreement" in before.tags
    # Its sentence names nobody ("However, the agreement was not implemented in full."): the
    # sentence before says what agreement.
    assert {"Armenia", "Azerbaijan"} <= set(before.entities), before.entities

    links = [("supports", passage(corpus, "News.am", "The withdrawal agreed on Thursday was not carried out in full")),
             ("supports", passage(corpus, "Eurasianet", "had been carried out only in part")),
             ("supports", passage(corpus, "OC Media", "Azerbaijani troops had not withdrawn from the area")),
             ("supports", passage(corpus, "Azatutyun", "the soldiers had not withdrawn from the area")),
             ("context", passage(corpus, "TASS", "Moscow was in contact with Baku and Yerevan"))]
    for relation, where in links:
        perform(corpus, AddEvidence(claim_id, relation, passage=where))
    row = row_of(corpus, claim_id)
    # Three sources, not four: OC Media repeats Azatutyun.
    assert sorted(row.corroboration.supporting) == ["Azatutyun as repeated by OC Media", "Eurasianet", "News.am"]
    assert row.corroboration.context == ("TASS",)
    assert (row.corroboration.suggestion, row.disagrees) == (1, True)  # the analyst said 2; never overwritten
    assert corpus.annotations.get(claim_id).claim.credibility == 2  # type: ignore[union-attr]
    assert len(row.evidence) == 5 and all(item.independent for item in row.evidence)

    perform(corpus, AddEvidence(claim_id, "contradicts", passage=passage(
        corpus, "APA", "its units were positioned on Azerbaijani territory near Lake Sev")))
    row = row_of(corpus, claim_id)
    assert row.corroboration.contested and row.corroboration.suggestion == 3
    # Four outlets, three origins: OC Media repeats Azatutyun ("reports:"), as a copy would.
    assert row.corroboration.line.startswith("supported by 4 outlets, 3 independent origins (")
    assert "contradicted by 1 independent source (APA)" in row.corroboration.line


def test_an_article_marked_as_repeating_the_claims_outlet_is_not_independent(corpus: Database) -> None:
    """A claim in Azatutyun's article: OC Media repeats Azatutyun, so its passage is shown, not counted."""
    azatutyun = passage(corpus, "Azatutyun", "the soldiers had not withdrawn from the area near Lake Sev")
    claim_id = add_claim(corpus, azatutyun, Claim(credibility=3))
    perform(corpus, AddEvidence(claim_id, "supports", passage=passage(
        corpus, "OC Media", "Azerbaijani troops had not withdrawn from the area")))
    row = row_of(corpus, claim_id)
    assert row.corroboration.supporting == () and row.corroboration.not_independent == 1
    assert row.corroboration.line == "no independent evidence; 1 passage not independent"
    assert [item.independent for item in row.evidence] == [False]
    # Unmark OC Media as repeating Azatutyun (Article Properties): now it counts, and undo puts it back.
    oc = corpus.articles.get(article_of(corpus, "OC Media"))
    edit = perform(corpus, EditArticle(oc.id, oc.title, oc.source, oc.url, oc.published, oc.published_precision,
                                       reports=[]))
    assert row_of(corpus, claim_id).corroboration.supporting == ("OC Media",)
    undo(corpus, edit)
    assert corpus.articles.reports(oc.id) == ["Azatutyun"]
    assert row_of(corpus, claim_id).corroboration.supporting == ()


def test_the_board_lists_every_claim_with_a_handful_of_queries(corpus: Database) -> None:
    apa = passage(corpus, "APA", "had not crossed into Armenia")
    add_claim(corpus, apa, Claim(status="disputed"))
    statements: list[str] = []
    corpus._conn.set_trace_callback(statements.append)
    try:
        rows = corpus.claims.claim_rows()
    finally:
        corpus._conn.set_trace_callback(None)
    assert {r.outlet for r in rows} == {"SouthFront", "APA"}
    assert len(statements) < 20  # not one query per claim


# Related passages ----------------------------------------------------------------------------------

def test_related_passages_rank_the_true_matches_first(corpus: Database) -> None:
    found = related(corpus, sample_claim(corpus))
    outlets = [p.outlet for p in found]
    assert all(p.article_id != corpus.annotations.get(sample_claim(corpus)).article_id for p in found)
    # The two passages that say the withdrawal was only partly carried out lead, ahead of context.
    assert set(outlets[:3]) >= {"News.am", "Eurasianet"}, [(p.outlet, p.score, p.text[:50]) for p in found]
    top = next(p for p in found if p.outlet == "News.am")
    assert "not carried out in full" in top.text and top.reasons
    text = corpus.articles.get(top.article_id).text
    assert text[top.start:top.end] == top.text  # exact spans: linking them anchors exactly
    assert all(p.linked is None for p in found)


def test_linking_a_related_passage_is_one_undoable_step_and_marks_it(corpus: Database) -> None:
    claim_id = sample_claim(corpus)
    top = related(corpus, claim_id)[0]
    highlights = len(corpus.annotations.all(top.article_id))
    link = perform(corpus, AddEvidence(claim_id, "supports", passage=(top.article_id, top.start, top.end)))
    again = next(p for p in related(corpus, claim_id) if p.sentence_id == top.sentence_id)
    assert again.linked == "supports"
    assert row_of(corpus, claim_id).corroboration.supporting == (top.outlet,)
    undo(corpus, link)
    assert len(corpus.annotations.all(top.article_id)) == highlights
    assert corpus.evidence.of(claim_id) == []
    assert next(p for p in related(corpus, claim_id) if p.sentence_id == top.sentence_id).linked is None
    redo(corpus, link)
    assert row_of(corpus, claim_id).corroboration.supporting == (top.outlet,)


def test_related_passages_of_a_claim_without_words_to_go_on_is_empty(store: Database) -> None:
    from dossier.core.models import NewArticle

    article_id = store.articles.add(NewArticle(title="t", text="... !!! ???"))
    claim_id = store.annotations.add(article_id, "claim", 0, 3, claim=Claim())
    assert related(store, claim_id) == []


def test_front_matter_says_what_an_article_repeats(corpus: Database) -> None:
    assert corpus.articles.reports(article_of(corpus, "OC Media")) == ["Azatutyun"]
    assert corpus.articles.reports(article_of(corpus, "News.am")) == []


def test_the_csv_counts_each_claims_sources(corpus: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from dossier.export.csv_export import write_csv

    claim_id = sample_claim(corpus)
    for outlet, quote in (("News.am", "was not carried out in full"), ("APA", "had not crossed into Armenia"),
                          ("TASS", "Moscow was in contact")):
        relation = {"News.am": "supports", "APA": "contradicts", "TASS": "context"}[outlet]
        perform(corpus, AddEvidence(claim_id, relation, passage=passage(corpus, outlet, quote)))
    write_csv(corpus, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    (claim,) = [r for r in rows if r["kind"] == "claim"]
    assert (claim["supporting_sources"], claim["contradicting_sources"], claim["context_sources"]) == ("1", "1", "1")
    assert claim["suggested_credibility"] == "3"
    assert claim["corroboration"] == ("supported by 1 independent source (News.am); contradicted by 1 independent "
                                      "source (APA); context from 1 independent source (TASS)")
    assert all(r["supporting_sources"] == "" for r in rows if r["kind"] != "claim")

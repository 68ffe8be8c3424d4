"""Telegram Desktop exports: each message with text an article, with where it came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.cli import main
from dossier.core.provenance import describe
from dossier.ingest.pipeline import ImportOptions, import_files, run_import, write_report_csv
from dossier.ingest.telegram import flatten_text, read_export
from dossier.operations import perform, undo
from dossier.operations.articles import StoreImported
from dossier.store import Database
from tests.collections_data import CHANNEL_ID, PHOTO, border_watch_messages, message, write_account_export, write_export

NO_MODEL = ImportOptions(extract=False)


def by_message(store: Database) -> dict[str, int]:
    return {p.item: article_id for article_id in store.articles.ids() for p in store.provenance.of(article_id)}


def test_a_channel_export_becomes_one_article_per_message_with_text(store: Database, tmp_path: Path) -> None:
    write_export(tmp_path / "export")
    report = run_import(store, [tmp_path / "export"], NO_MODEL)
    assert len(report.imported) == 7 and report.failed == [] and report.skipped == []
    assert sorted(reason for _p, reason in report.left_out) == [
        "a service message (create channel)", "a service message (pin message)"]
    ids = by_message(store)
    assert sorted(ids) == ["101", "102", "103", "104", "105", "106", "107"]
    first = store.articles.get(ids["101"])
    assert (first.source, first.published, first.published_precision) == ("Border Watch", "2021-05-14", "day")
    assert first.title == first.text == \
        "Azerbaijani soldiers crossed into Syunik near Sev Lich lake this morning, residents say."
    (p,) = store.provenance.of(ids["101"])
    assert (p.identity, p.collection, p.item, p.posted_at) == \
        (f"telegram:{CHANNEL_ID}:101", "Border Watch", "101", "2021-05-14T07:30:00Z")
    # The message as the export has it is kept as the article's original.
    name, content = store.articles.original(ids["101"])  # type: ignore[misc]
    assert name == f"result.json#{CHANNEL_ID}:101.json" and json.loads(content)["id"] == 101


def test_entities_are_joined_as_plain_text_with_exact_offsets(store: Database, tmp_path: Path) -> None:
    write_export(tmp_path / "export")
    run_import(store, [tmp_path / "export"], NO_MODEL)
    article = store.articles.get(by_message(store)["102"])
    assert article.title == "Armenia asks Russia for help"  # the first line, as the reader saw it
    assert article.text == ("Armenia asks Russia for help\n\nPrime Minister @pashinyan wrote to Moscow under the 1997 "
                            "treaty. The letter was published at noon. #Syunik")
    start = article.text.index("@pashinyan")
    assert article.text[start:start + len("@pashinyan")] == "@pashinyan"


@given(st.lists(st.one_of(st.text(), st.builds(lambda t, k: {"type": k, "text": t}, st.text(),
                                               st.sampled_from(["bold", "link", "mention", "hashtag", "plain"])))))
def test_flattening_keeps_every_part_in_order_and_adds_nothing(parts: list[object]) -> None:
    flat = flatten_text(parts)
    assert flat == "".join(p if isinstance(p, str) else p["text"] for p in parts)  # type: ignore[index]


def test_forward_reply_edit_and_photo_are_kept(store: Database, tmp_path: Path) -> None:
    write_export(tmp_path / "export")
    run_import(store, [tmp_path / "export"], NO_MODEL)
    ids = by_message(store)
    # A forward repeats its outlet: the "reports" relation (not independent evidence).
    assert store.articles.reports(ids["103"]) == ["Yerevan Desk"]
    assert describe(store.provenance.of(ids["103"])[0]).startswith(
        "Telegram export, Border Watch, message 103, posted 14 May 2021 11:00 UTC, forwarded from Yerevan Desk")
    assert store.provenance.of(ids["104"])[0].reply_to == f"telegram:{CHANNEL_ID}:101"
    edited = store.provenance.of(ids["105"])[0]
    assert edited.edited_at == "2021-05-14T20:10:00Z"
    assert "edited 14 May 2021 20:10 UTC (its text as of that edit)" in describe(edited)
    (photo,) = store.provenance.attachments(ids["106"])
    assert (photo.file_name, photo.role, photo.media_type, photo.size) == \
        ("photo_1@14-05-2021_22-30-00.jpg", "photo", "image/jpeg", len(PHOTO))
    assert store.provenance.attachment_content(photo.sha256) == PHOTO


def test_a_second_import_and_a_later_export_add_only_new_messages(store: Database, tmp_path: Path) -> None:
    path = write_export(tmp_path / "export")
    run_import(store, [path], NO_MODEL)
    again = run_import(store, [path], NO_MODEL)
    assert again.imported == [] and len(again.duplicates) == 7 and again.failed == []
    later = [*border_watch_messages(), message(109, "Evening: the soldiers dug in above the lake.",
                                               date="2021-05-15T09:00:00", unixtime=1621058400)]
    later[5] = {**later[5], "text": "Correction, edited once more.",
                "text_entities": [{"type": "plain", "text": "Correction, edited once more."}],
                "edited_unixtime": "1621100000"}  # message 105, edited again since the first export
    write_export(tmp_path / "later", later)
    report = run_import(store, [tmp_path / "later"], NO_MODEL)
    assert [p.name for p, _ in report.imported] == [f"result.json#{CHANNEL_ID}:109"]
    assert [p.name for p, _a, _said in report.edited] == [f"result.json#{CHANNEL_ID}:105"]
    assert store.articles.count() == 8  # a message already here is not a new article, however edited
    again = run_import(store, [tmp_path / "later"], NO_MODEL)
    assert again.imported == again.edited == [] and len(again.duplicates) == 8


def test_the_same_words_in_two_messages_keep_both_provenances(store: Database, tmp_path: Path) -> None:
    write_export(tmp_path / "export", [message(1, "Sirens in Goris."), message(2, "Sirens in Goris.")])
    report = run_import(store, [tmp_path / "export"], NO_MODEL)
    assert len(report.imported) == 1 and len(report.duplicates) == 1
    (article_id,) = store.articles.ids()
    assert [p.item for p in store.provenance.of(article_id)] == ["1", "2"]
    assert run_import(store, [tmp_path / "export"], NO_MODEL).imported == []


def test_an_account_export_reads_every_chat(store: Database, tmp_path: Path) -> None:
    chats = [{"name": "Border Watch", "type": "public_channel", "id": 1, "messages": [message(5, "First chat.")]},
             {"name": "Yerevan Desk", "type": "public_channel", "id": 2, "messages": [message(5, "Second chat.")]}]
    write_account_export(tmp_path / "account", chats)
    report = run_import(store, [tmp_path / "account" / "result.json"], NO_MODEL)
    assert len(report.imported) == 2
    assert sorted(store.articles.get(i).source for i in store.articles.ids()) == ["Border Watch", "Yerevan Desk"]


def test_progress_counts_messages_and_the_report_lists_each(store: Database, tmp_path: Path) -> None:
    write_export(tmp_path / "export")
    steps = list(import_files(store, [tmp_path / "export"], NO_MODEL))
    assert steps[0].total == 9 and steps[-1].done == steps[-1].total == 9
    rows = write_report_csv(steps[-1].report, tmp_path / "report.csv")
    assert rows == 9
    text = (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    assert f"result.json#{CHANNEL_ID}:108,left out,,a service message (pin message)" in text


def test_an_import_of_an_export_is_one_undo_step(store: Database, tmp_path: Path) -> None:
    from dossier.ingest.pipeline import read_and_analyse

    write_export(tmp_path / "export")
    items = [i for batch in read_and_analyse([tmp_path / "export" / "result.json"], NO_MODEL) for i in batch]
    done = perform(store, StoreImported(items, None))
    assert store.articles.count() == 7
    undo(store, done)
    assert store.articles.count() == 0
    assert store._conn.execute("SELECT count(*) FROM provenance").fetchone()[0] == 0
    assert store._conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0


def test_broken_exports_and_odd_messages_say_why(store: Database, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "other.json").write_text('{"hello": "world"}')
    report = run_import(store, [tmp_path / "bad.json", tmp_path / "other.json"], NO_MODEL)
    reasons = dict((p.name, r) for p, r in report.failed)
    assert "not valid JSON" in reasons["bad.json"]
    assert "not a Telegram Desktop export" in reasons["other.json"]
    odd = [message(1, "Fine."), {"id": 2, "type": "message", "date": "2021-05-14T10:00:00", "text": {"odd": 1}},
           message(3, "A photo that points outside.", photo="../secret.jpg")]
    (tmp_path / "secret.jpg").write_bytes(b"secret")
    write_export(tmp_path / "export", odd, photos=False)
    report = run_import(store, [tmp_path / "export"], NO_MODEL)
    assert len(report.imported) == 2 and [r for _p, r in report.left_out] == ["a message without text"]
    (note,) = [n for _p, n in report.notes]
    assert "not inside the export folder" in note
    assert all(store.provenance.attachments(i) == [] for i in store.articles.ids())


def test_a_folder_holding_an_export_imports_it_and_not_its_files(store: Database, tmp_path: Path) -> None:
    write_export(tmp_path / "in" / "export")
    (tmp_path / "in" / "export" / "files").mkdir()
    (tmp_path / "in" / "export" / "files" / "statement.txt").write_text("Statement\n\nAn attachment, not an article.")
    (tmp_path / "in" / "article.txt").write_text("Headline\n\nAn article beside the export.")
    report = run_import(store, [tmp_path / "in"], NO_MODEL)
    assert len(report.imported) == 8 and report.skipped == []


def test_messages_are_read_lazily_in_export_order(tmp_path: Path) -> None:
    path = write_export(tmp_path / "export")
    entries = list(read_export(path))
    assert [e.path.name.rsplit(":", 1)[1] for e in entries] == [str(i) for i in range(100, 109)]


def test_the_command_line_imports_an_export_and_says_what_it_left_out(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    write_export(tmp_path / "export")
    target = tmp_path / "t.dossier"
    assert main(["import", str(tmp_path / "export"), "--into", str(target), "--no-extract"]) == 0
    out = capsys.readouterr().out
    assert "imported 7, duplicates 0, failed 0" in out
    assert "left out 2 service messages" in out
    assert main(["import", str(tmp_path / "export" / "result.json"), "--into", str(target), "--no-extract"]) == 0
    assert "imported 0, duplicates 7, failed 0" in capsys.readouterr().out


def test_a_forward_keeps_its_outlets_id_and_one_outlet_however_renamed(store: Database, tmp_path: Path) -> None:
    write_export(tmp_path / "export", [
        message(1, "Troops moved to Goris.", forwarded_from="Yerevan Desk", forwarded_from_id="channel1001"),
        message(2, "Shelling near Sotk.", forwarded_from="Yerevan Desk 24/7", forwarded_from_id="channel1001"),
        message(3, "Our own earlier post.", forwarded_from="Border Watch", forwarded_from_id=f"channel{CHANNEL_ID}")],
        photos=False)
    run_import(store, [tmp_path / "export"], NO_MODEL)
    ids = by_message(store)
    first, renamed = store.provenance.of(ids["1"])[0], store.provenance.of(ids["2"])[0]
    assert (first.forwarded_from_id, renamed.forwarded_from) == ("channel1001", "Yerevan Desk 24/7")
    assert "forwarded from Yerevan Desk 24/7 (channel1001)" in describe(renamed)
    # The channel renamed itself between the forwards: still the one outlet the dossier knows.
    assert store.articles.reports(ids["1"]) == store.articles.reports(ids["2"]) == ["Yerevan Desk"]
    assert store.articles.reports(ids["3"]) == []  # the channel repeating itself repeats nobody else


def test_a_forward_from_a_chat_in_the_dossier_reports_that_chats_name(store: Database, tmp_path: Path) -> None:
    chats = [{"name": "Yerevan Desk", "type": "public_channel", "id": 1001, "messages": [message(5, "Own words.")]},
             {"name": "Border Watch", "type": "public_channel", "id": 2, "messages": [
                 message(6, "Their words, repeated.", forwarded_from="YD", forwarded_from_id="channel1001")]}]
    write_account_export(tmp_path / "account", chats)
    run_import(store, [tmp_path / "account" / "result.json"], NO_MODEL)
    (forward,) = [i for i in store.articles.ids() if store.articles.get(i).source == "Border Watch"]
    assert store.articles.reports(forward) == ["Yerevan Desk"]


def test_a_reply_to_another_chat_names_that_chat(store: Database, tmp_path: Path) -> None:
    write_export(tmp_path / "export", [
        message(1, "Here."), message(2, "Answering here.", reply_to_message_id=1),
        message(3, "Answering their post.", reply_to_message_id=77, reply_to_peer_id="channel1001")], photos=False)
    run_import(store, [tmp_path / "export"], NO_MODEL)
    ids = by_message(store)
    here, there = store.provenance.of(ids["2"])[0], store.provenance.of(ids["3"])[0]
    assert (here.reply_to, there.reply_to) == (f"telegram:{CHANNEL_ID}:1", "telegram:1001:77")
    assert "in reply to message 1 (“Here.”)" in describe(here, "Here.")
    assert "in reply to message 77 of chat 1001" in describe(there)


def test_link_addresses_are_kept_beside_the_words_without_changing_the_text(store: Database, tmp_path: Path) -> None:
    write_export(tmp_path / "export")
    run_import(store, [tmp_path / "export"], NO_MODEL)
    article = store.articles.get(by_message(store)["102"])
    assert "https://" not in article.text  # the text is what the reader saw: the words
    (p,) = store.provenance.of(article.id)
    ((start, end, url),) = p.links
    assert (article.text[start:end], url) == ("The letter", "https://primeminister.am/letter")
    assert describe(p).endswith("links to https://primeminister.am/letter")
    assert store.provenance.of_many([article.id])[article.id][0].links == p.links


EARLIER = "Correction: the lake is Sev Lich, not Black Lake as first written."
LAST = "Correction: the lake is Sev Lich (Black Lake in Russian maps), not Lake Sevan as first written."


def _edited_again(tmp_path: Path) -> Path:
    later = border_watch_messages()
    later[5] = {**later[5], "text": LAST, "text_entities": [{"type": "plain", "text": LAST}],
                "edited": "2021-05-15T08:00:00", "edited_unixtime": "1621058400"}
    return write_export(tmp_path / "later", later)


def test_a_message_edited_since_reads_as_last_edited_and_keeps_its_earlier_text(store: Database,
                                                                                tmp_path: Path) -> None:
    run_import(store, [write_export(tmp_path / "export")], NO_MODEL)
    report = run_import(store, [_edited_again(tmp_path)], NO_MODEL)
    ((_path, article_id, said),) = report.edited
    assert "the article now has the last text" in said and report.imported == []
    assert by_message(store)["105"] == article_id
    article = store.articles.get(article_id)
    assert article.text == LAST
    (capture,) = store.team.captures(article_id)
    assert store.team.capture_content(capture.id)[0] == EARLIER  # word for word, as first imported
    records = store.provenance.of(article_id)
    assert [r.edited_at for r in records] == ["2021-05-15T06:00:00Z", "2021-05-14T20:10:00Z"]
    assert records[0].identity == f"telegram:{CHANNEL_ID}:105" and records[1].capture_id == capture.id
    assert "(this text kept as another capture)" in describe(records[1])
    assert store.articles.count() == 7
    third = run_import(store, [tmp_path / "later"], NO_MODEL)  # the same edit again: nothing
    assert third.edited == third.failed == third.imported == [] and len(third.duplicates) == 7


def test_an_edited_message_the_user_annotated_keeps_the_annotated_text(store: Database, tmp_path: Path) -> None:
    run_import(store, [write_export(tmp_path / "export")], NO_MODEL)
    earlier_id = by_message(store)["105"]
    start = EARLIER.index("Black Lake")
    note = store.annotations.add(earlier_id, "highlight", start, start + len("Black Lake"), note="first called")
    before = store.annotations.all(earlier_id)
    report = run_import(store, [_edited_again(tmp_path)], NO_MODEL)
    ((_path, article_id, said),) = report.edited
    assert article_id == earlier_id and "the text you worked on stays the article" in said
    assert store.articles.get(earlier_id).text == EARLIER  # not a byte changed under the user's quote
    assert store.annotations.all(earlier_id) == before
    assert store.annotations.get(note).anchor_state == "anchored"
    (capture,) = store.team.captures(earlier_id)
    assert store.team.capture_content(capture.id)[0] == LAST
    third = run_import(store, [tmp_path / "later"], NO_MODEL)  # the same edit again: nothing new, nothing failed
    assert third.edited == third.failed == third.imported == [] and len(third.duplicates) == 7
    assert store.articles.count() == 7 and len(store.team.captures(earlier_id)) == 1


def test_a_photo_posted_without_words_is_an_article_read_by_ocr(store: Database, tmp_path: Path) -> None:
    from tests.collections_data import photo_of_words
    from tests.pictures import ENGLISH, word_accuracy

    write_export(tmp_path / "export")
    report = run_import(store, [tmp_path / "export"], NO_MODEL)
    assert all("107" not in p.name for p, _reason in report.left_out + report.failed)
    article = store.articles.get(by_message(store)["107"])
    assert word_accuracy(" ".join(ENGLISH), article.text) >= 0.9
    assert article.title.startswith("Azerbaijani special forces") and article.source == "Border Watch"
    (photo,) = [a for a in store.provenance.attachments(article.id) if a.role == "photo"]
    assert store.provenance.attachment_content(photo.sha256) == photo_of_words()
    # The page the words were read from is the photo itself, stored once however it is listed.
    (page,) = store.ocr_pages.pages(article.id)
    assert page.sha256 == photo.sha256
    assert store._conn.execute("SELECT count(*) FROM attachments WHERE sha256 = ?", (photo.sha256,)).fetchone()[0] == 1
    words = store.provenance.words(article.id)
    assert words[0].startswith("Telegram export, Border Watch, message 107, posted 14 May 2021 20:31 UTC")
    assert words[1].startswith("read by OCR (tesseract ")


def test_a_photo_without_text_in_it_is_left_out_and_a_broken_one_said(store: Database, tmp_path: Path) -> None:
    import io

    from PIL import Image

    blank = io.BytesIO()
    Image.new("L", (400, 300), 255).save(blank, format="JPEG")
    folder = tmp_path / "export"
    write_export(folder, [message(1, "", photo="photos/blank.jpg"), message(2, "", photo="photos/broken.jpg")],
                 photos=False)
    (folder / "photos").mkdir()
    (folder / "photos" / "blank.jpg").write_bytes(blank.getvalue())
    (folder / "photos" / "broken.jpg").write_bytes(PHOTO)
    report = run_import(store, [folder], NO_MODEL)
    assert report.imported == []
    ((_p, left_out),) = report.left_out
    assert left_out.startswith("a message without text (a photo, no text was found in the picture")
    ((_p, failed),) = report.failed
    assert failed.startswith("its photo can't be read: the picture is damaged")

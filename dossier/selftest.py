"""`dossier --self-test`: prove an installed or bundled Dossier works, without showing a window.

It writes the sample dossier to a temporary folder (with extraction: spaCy and its model must be
there), detects a language and reads its dates, searches it, lays out the main window offscreen, checks the text services Qt gets from
ICU on Linux (collation, a legacy encoding in pasted HTML, time-zone names: the Linux bundle
carries a trimmed ICU data library), writes a one-page PDF with the bundled font and an
OpenDocument text, and exits 0 —
or says which step failed and exits 1. Each step imports what it checks inside it ("# lazy: its
own step"), so that a module that can't be imported is reported as the step that needed it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dossier-self-test-") as tmp:
        folder = Path(tmp)
        os.environ["DOSSIER_DATA_DIR"] = str(folder / "data")
        step = "start"
        try:
            step = "write the sample dossier with its entities"
            from dossier.sample import write_sample  # lazy: its own step

            store = write_sample(folder / "self-test.dossier")
            assert store.counts()["entities"] >= 10, "too few entities were found"
            step = "search"
            hits = store.search.articles("Syunik")
            assert hits and hits[0].article_id == 1, "the search found nothing"
            assert store.articles.get(1).language == "en", "the sample's language was not detected"
            store.close()
            step = "detect a language and read its dates"
            check_languages()
            step = "run the language model in a worker process"
            from dossier.ingest.model_pool import ModelPool  # lazy: its own step
            from dossier.ingest.nlp import load_pipeline  # lazy: its own step

            with ModelPool(1) as pool:
                (doc,) = pool.docs(load_pipeline(), pool.submit(["Nikol Pashinyan met Vladimir Putin in Moscow."]))
                assert {e.text for e in doc.ents} >= {"Moscow"}, "the worker's model found nothing"
            step = "read a picture of Armenian and English text by OCR"
            check_ocr(folder)
            step = "draw the entity network and write it as GraphML"
            from dossier.analysis.network import build_network  # lazy: its own step
            from dossier.analysis.network_layout import layout  # lazy: its own step
            from dossier.export.graph_files import write_graph  # lazy: its own step
            from dossier.store import Database  # lazy: its own step

            with Database.open_readonly(folder / "self-test.dossier") as reader:
                network = build_network(reader.network.network())
                placed = layout([n.id for n in network.nodes], [(k.source, k.target, k.passages) for k in network.links])
                assert len(placed) == len(network.nodes) >= 10, "the network is missing entities"
                write_graph(reader, folder / "self-test.graphml", "graphml")

            step = "lay out the main window"
            from PySide6.QtCore import QSettings
            from PySide6.QtWidgets import QApplication

            from dossier.ui.main_window import MainWindow  # lazy: its own step
            from dossier.ui.settings import Settings  # lazy: its own step
            from dossier.ui.tasks import TaskRunner  # lazy: its own step

            app = QApplication.instance() or QApplication(sys.argv[:1])
            tasks = TaskRunner(app)
            window = MainWindow(Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)), tasks)
            assert window.open_dossier(folder / "self-test.dossier"), "the dossier did not open"
            window.resize(1280, 800)
            assert not window.grab().isNull(), "the window did not render"
            assert window.workspace is not None and window.workspace.pane.article is not None
            step = "a task on a worker thread, its result on the GUI thread"
            delivered: list[int] = []
            tasks.run(lambda: 6 * 7, delivered.append)
            deadline = time.monotonic() + 10
            while (tasks.busy or delivered != [42]) and time.monotonic() < deadline:
                tasks.wait(1000)  # a delivery may start the next job (the check, then languages)
            assert delivered == [42] and not tasks.busy, "the task runner did not deliver"
            window.close()

            if sys.platform.startswith("linux"):  # where Qt takes these from ICU
                step = "use Qt's text services (ICU)"
                check_text_services()

            step = "write a one-page PDF"
            from PySide6.QtGui import QFont, QPainter, QPdfWriter

            from dossier.export.fonts import register_fonts  # lazy: its own step

            pdf = folder / "self-test.pdf"
            writer = QPdfWriter(str(pdf))
            painter = QPainter(writer)
            painter.setFont(QFont(register_fonts(), 12))
            painter.drawText(200, 400, "Dossier self-test: Հայաստան Россия Kəlbəcər القوات")
            painter.end()
            assert pdf.stat().st_size > 1000, "the PDF is empty"
            step = "write an OpenDocument text"
            from PySide6.QtGui import QTextDocument, QTextDocumentWriter

            document = QTextDocument()
            document.setHtml("<h1>Dossier</h1><p>Հայաստան Россия القوات</p>")
            assert QTextDocumentWriter(str(folder / "self-test.odt"), b"odf").write(document), "no ODF writer"
            window.close()
            app.processEvents()
        except Exception as exc:  # the point is to say which step failed
            print(f"self-test failed at: {step}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            return 1
    print(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0


def check_languages() -> None:
    """The bundled language model and the names of languages are there; an Armenian date is read;
    Natasha reads Russian names; place names in Armenian and country names in Turkish are known."""
    from datetime import date

    from dossier.ingest.language import detect_language, language_name  # lazy: its own step
    from dossier.ingest.local_dates import find_local_dates  # lazy: its own step

    assert detect_language("Հայաստանի վարչապետը երեկ դիմեց ՀԱՊԿ-ին՝ խնդրելով օգնություն։") == "hy"
    assert language_name("ceb") == "Cebuano", "pycountry's languages are missing"
    (found,) = find_local_dates("Բանակցությունները տեղի ունեցան մայիսի 12-ին։", "hy", date(2021, 5, 14))
    assert found.date.earliest == "2021-05-12", "an Armenian date was misread"
    from dossier.ingest.names_abroad import known_forms  # lazy: its own step
    from dossier.ingest.natasha_ner import russian_names  # lazy: its own step

    names = {(n.name, n.kind) for n in russian_names("Министр Сергей Лавров встретился с Николом Пашиняном в Москве.")}
    assert {("Сергей Лавров", "person"), ("Никол Пашинян", "person")} <= names, f"Natasha read {names}"
    (armenia,) = known_forms("hy").find("Ռուսաստանին")
    assert armenia.name == "Russia", "the names of places in Armenian are missing"
    assert any(f.name == "Germany" for f in known_forms("tr").find("Almanya'da")), "country names are missing"


def check_ocr(folder: Path) -> None:
    """Tesseract reads a picture drawn here (Pillow, the shipped DejaVu font) in Armenian and
    English, and the page cache answers the second time. Where the engine is not installed (a
    source install without it) this says so and what to install, and the rest goes on."""
    from PIL import Image, ImageDraw, ImageFont

    from dossier.ingest.ocr_engine import MissingTesseract, engine, read_picture  # lazy: its own step
    from dossier.paths import resources_dir  # lazy: its own step

    try:
        engine()
    except MissingTesseract as missing:
        print(f"self-test: OCR not checked: {missing}", file=sys.stderr)
        return
    font = ImageFont.truetype(str(resources_dir() / "fonts" / "DejaVuSans.ttf"), 32)
    picture = Image.new("L", (900, 160), 255)
    ImageDraw.Draw(picture).text((40, 40), "Syunik Սյունիք border", font=font, fill=0)
    picture.save(folder / "ocr.png")
    content = (folder / "ocr.png").read_bytes()
    reading = read_picture(content, "hye+eng", cache=folder / "ocr-cache")
    assert reading.text.split() == ["Syunik", "Սյունիք", "border"], f"OCR read {reading.text!r}"
    assert read_picture(content, "hye+eng", cache=folder / "ocr-cache") == reading, "the page cache failed"


def check_text_services() -> None:
    """What Qt asks ICU for still works: collation rules of a locale, a legacy encoding declared
    by pasted HTML, a time-zone name in another language, locale case mapping."""
    from PySide6.QtCore import QByteArray, QCollator, QLocale, QMimeData, QTimeZone

    assert QCollator(QLocale("sv_SE")).compare("ä", "z") > 0, "Swedish collation is missing"
    assert QCollator(QLocale("de_DE")).compare("ä", "z") < 0, "German collation is missing"
    pasted = QMimeData()
    pasted.setData("text/html", QByteArray('<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251")))
    assert "Привет" in pasted.html(), "windows-1251 HTML was not decoded"
    name = QTimeZone(b"Europe/Paris").displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName,
                                                 QLocale("fr_FR"))
    assert "Europe centrale" in name, f"time-zone names are missing ({name!r})"
    assert QLocale("tr_TR").toUpper("istanbul") == "İSTANBUL", "Turkish case mapping is missing"

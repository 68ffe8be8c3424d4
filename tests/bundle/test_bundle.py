"""The desktop bundle, built and started: by hand, not in the suite (PyInstaller takes minutes).

    .venv/bin/pip install pyinstaller && .venv/bin/python -m pytest tests/bundle -q

tests/bundle is outside the suite's testpaths, so `pytest` alone never collects it; CI checks the
spec without building it (tests/unit/test_build_spec.py). Run this after changing build_app.spec,
a dependency, or what the app loads at run time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(3600)]
BUDGET_MB = 330  # the bundle's bar (issue 37: with every language and OCR)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    if not pyinstaller.exists():
        pytest.fail("PyInstaller is not installed in this venv: .venv/bin/pip install pyinstaller")
    folder = tmp_path_factory.mktemp("bundle")
    built = subprocess.run([str(pyinstaller), "--noconfirm", "--distpath", str(folder / "dist"),
                            "--workpath", str(folder / "build"), str(REPO / "build_app.spec")],
                           cwd=REPO, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-4000:]
    program = folder / "dist" / "dossier" / ("dossier.exe" if sys.platform == "win32" else "dossier")
    assert program.exists()
    return program


def test_the_bundle_passes_its_self_test(bundle: Path, tmp_path: Path) -> None:
    """No Python of the machine's: the sample, extraction, search, the window's layout, ICU, a PDF."""
    env = {**os.environ, "DOSSIER_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([str(bundle), "--self-test"], capture_output=True, text=True, env=env, timeout=600,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "OCR not checked" not in result.stderr  # read by the engine it carries, or the system's


def test_the_bundle_keeps_within_its_size_budget(bundle: Path) -> None:
    size = sum(f.stat().st_size for f in bundle.parent.rglob("*") if f.is_file() and not f.is_symlink())
    carried = bundle.parent / "_internal" / "tesseract"
    ocr = sum(f.stat().st_size for f in carried.rglob("*") if f.is_file()) if carried.is_dir() else 0
    print(f"bundle {size / 1e6:.1f} MB, of which the OCR engine and its data {ocr / 1e6:.1f} MB")
    assert size <= BUDGET_MB * 1e6, f"the bundle is {size / 1e6:.1f} MB (budget {BUDGET_MB} MB)"


def test_without_an_engine_the_bundle_says_what_to_install(bundle: Path, tmp_path: Path) -> None:
    if (bundle.parent / "_internal" / "tesseract" / "tesseract").exists():
        pytest.skip("built with DOSSIER_BUNDLE_OCR=1: it carries its engine")
    env = {**os.environ, "DOSSIER_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen",
           "PATH": str(tmp_path)}  # no tesseract on it
    result = subprocess.run([str(bundle), "--self-test"], capture_output=True, text=True, env=env, timeout=600,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "OCR not checked: reading text from pictures needs the Tesseract OCR engine" in result.stderr
    assert "sudo apt-get install tesseract-ocr" in result.stderr


def test_the_bundle_opens_the_sample_window(bundle: Path, tmp_path: Path) -> None:
    env = {**os.environ, "DOSSIER_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen",
           "DOSSIER_EXIT_AFTER_PAINT": "1", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([str(bundle)], capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("painted "), result.stderr[-4000:]
    assert len(list((tmp_path / "data").glob("*.dossier"))) == 1  # the sample, made on the first start

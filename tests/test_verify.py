"""`technonat-data verify` and `info` report damaged releases with exit 1; a closed output pipe ends quietly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from technonat_data import __version__, loader
from technonat_data.registry import load_registry

from .conftest import ROOT, run_cli


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the committed releases used as the checkout's build/ (and its bundled release)."""
    build = tmp_path / "build"
    shutil.copytree(ROOT / "build", build)
    monkeypatch.setattr(loader, "CHECKOUT_BUILD", build)
    monkeypatch.setattr(loader, "bundled_dir", lambda: build / __version__)
    loader.verified.cache_clear()
    loader.package.cache_clear()
    yield build
    loader.verified.cache_clear()
    loader.package.cache_clear()


def test_verify_reports_every_release_intact(checkout: Path) -> None:
    code, out, err = run_cli("verify")
    assert code == 0, err
    assert [line.split(":")[0] for line in out.splitlines()] == list(load_registry())


def test_verify_names_the_damaged_file_and_version(checkout: Path) -> None:
    oldest = next(iter(load_registry()))
    path = checkout / oldest / "claims.parquet"
    path.write_bytes(path.read_bytes()[:-10])
    code, out, err = run_cli("verify")
    assert code == 1
    assert f"claims.parquet (version {oldest})" in err and "changed after release" in err
    assert f"{oldest}: intact" not in out and f"{__version__}: intact" in out


def test_verify_one_version(checkout: Path) -> None:
    (checkout / __version__ / "SHA256SUMS").unlink()
    assert run_cli("verify", next(iter(load_registry())))[0] == 0
    code, _, err = run_cli("verify", __version__)
    assert code == 1 and "SHA256SUMS" in err and "is missing" in err


def test_info_reports_a_damaged_bundled_release(checkout: Path) -> None:
    path = checkout / __version__ / "facts.csv"
    path.write_text(path.read_text(encoding="utf-8") + "x\n", encoding="utf-8")
    code, out, err = run_cli("info")
    assert code == 1, out
    assert f"facts.csv (version {__version__})" in err and "reinstall" in err
    assert "Traceback" not in err


def test_info_into_a_closed_pipe_prints_no_traceback() -> None:
    process = subprocess.Popen([sys.executable, "-m", "technonat_data.cli", "info"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=ROOT)
    process.stdout.close()  # like `| head -1` having read its line and gone
    _, err = process.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()

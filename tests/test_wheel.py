"""The wheel, built from a clean checkout and installed in a fresh virtual environment, loads every table offline."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data import __version__

from .conftest import ROOT

OFFLINE_LOAD = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network use during load")
socket.socket.connect = refuse
socket.create_connection = refuse
import technonat_data as td
for name in td.tables():
    frame = td.load(name)
    print(name, len(frame))
print(td.__file__)
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built (without build isolation) from a fresh clone of the committed tree."""
    if not (ROOT / ".git").exists():
        pytest.skip("building from a clean checkout needs the git repository")
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(work / "src")], check=True)
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(work / "dist"),
                    str(work / "src")], check=True, capture_output=True)
    (built,) = (work / "dist").glob("*.whl")
    return built


def test_wheel_bundles_the_current_release(wheel: Path) -> None:
    release = ROOT / "build" / __version__
    with zipfile.ZipFile(wheel) as archive:
        bundled = {Path(n).name: archive.read(n) for n in archive.namelist()
                   if n.startswith(f"technonat_data/_data/{__version__}/")}
    assert set(bundled) == {p.name for p in release.iterdir()}
    for name, data in bundled.items():
        assert hashlib.sha256(data).digest() == hashlib.sha256((release / name).read_bytes()).digest(), name


def test_fresh_venv_loads_every_table_offline(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    outside = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the checkout must not shadow the wheel
    result = subprocess.run([str(python), "-c", OFFLINE_LOAD], capture_output=True, text=True, cwd=tmp_path, check=False,
                            env=outside)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    expected = [f"{name} {len(td.load(name))}" for name in td.tables()]
    assert lines[:-1] == expected
    assert str(env_dir) in lines[-1]

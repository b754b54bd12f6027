"""The wheel, built from a clean checkout and installed in a fresh virtual environment, loads every table offline."""

from __future__ import annotations

import hashlib
import json
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


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment outside the checkout with the wheel installed (no extras); returns its bin/."""
    env_dir = tmp_path_factory.mktemp("outside") / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    return env_dir / "bin"


def run_outside(installed: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run a program of the fresh environment from an empty folder outside the checkout."""
    work = installed.parent.parent / "work"
    work.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return subprocess.run([str(installed / argv[0]), *argv[1:]], capture_output=True, text=True, cwd=work, env=env,
                          check=False)


def test_fresh_venv_loads_every_table_offline(installed: Path) -> None:
    result = run_outside(installed, "python", "-c", OFFLINE_LOAD)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    expected = [f"{name} {len(td.load(name))}" for name in td.tables()]
    assert lines[:-1] == expected
    assert str(installed.parent) in lines[-1]


def test_fresh_venv_lists_tables_and_cites(installed: Path) -> None:
    code = "import json, technonat_data as td; print(json.dumps([td.tables(), td.cite(format='cff')]))"
    result = run_outside(installed, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    tables, cff = json.loads(result.stdout)
    assert tables == td.tables()
    assert cff == td.cite(format="cff") == (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_fresh_venv_import_is_light(installed: Path) -> None:
    code = "import sys; before = set(sys.modules); import technonat_data; print(' '.join(sorted(set(sys.modules) - before)))"
    result = run_outside(installed, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == {"technonat_data", "technonat_data._version"}


@pytest.mark.parametrize("command", ["validate", "build"])
def test_curator_commands_name_the_release_extra_in_one_line(installed: Path, command: str) -> None:
    result = run_outside(installed, "technonat-data", command)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith('validating and building need the release extra: pip install "technonat-data[release]" '
                           "(missing: ")
    assert "pandera" in line

"""The wheel, built from a clean checkout and installed in a fresh virtual environment, loads every table of every
released version offline, and every command a user runs works there."""

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

from .conftest import ARTICLE, ROOT, run_cli

OFFLINE = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network use during load")
socket.socket.connect = refuse
socket.create_connection = refuse
"""
OFFLINE_LOAD = OFFLINE + """
import technonat_data as td
for version in td.versions():
    for name in td.tables(version=version):
        frame = td.load(name, version=version)
        print(version, name, len(frame))
print(td.__file__)
"""
OFFLINE_CLI = OFFLINE + """
import sys
from technonat_data.cli import main
sys.exit(main(sys.argv[1:]))
"""
BUDGET = 4 * 1024 * 1024  # bytes: every release so far plus one more of the newest's size


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


def test_wheel_bundles_every_release_and_the_article(wheel: Path) -> None:
    from technonat_data.registry import load_registry

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        for version in load_registry():
            release = ROOT / "build" / version
            bundled = {Path(n).name: archive.read(n) for n in names if n.startswith(f"technonat_data/_data/{version}/")}
            assert set(bundled) == {p.name for p in release.iterdir()}, version  # the same files, no zip
            for name, data in bundled.items():
                assert hashlib.sha256(data).digest() == hashlib.sha256((release / name).read_bytes()).digest(), name
        article = ARTICLE.read_bytes()
        assert archive.read(f"technonat_data/_sources/{ARTICLE.name}") == article
        notice = archive.read("technonat_data/_sources/NOTICE.md").decode("utf-8")
        assert "文化纵横新媒体" in notice and "not covered by technonat-data's" in notice
    assert not [n for n in names if n.endswith(".zip")]


def test_wheel_stays_under_budget_with_one_more_release(wheel: Path) -> None:
    from technonat_data.registry import versions

    newest = versions()[-1]
    with zipfile.ZipFile(wheel) as archive:
        one_release = sum(i.compress_size for i in archive.infolist() if i.filename.startswith(f"technonat_data/_data/{newest}/"))
    assert wheel.stat().st_size + one_release < BUDGET, (wheel.stat().st_size, one_release)


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


def test_fresh_venv_loads_every_table_of_every_version_offline(installed: Path) -> None:
    result = run_outside(installed, "python", "-c", OFFLINE_LOAD)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    expected = [f"{v} {name} {len(td.load(name, version=v))}" for v in td.versions() for name in td.tables(version=v)]
    assert lines[:-1] == expected
    assert str(installed.parent) in lines[-1]


def offline_cli(installed: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command line of the fresh environment, with every network connection refused."""
    return run_outside(installed, "python", "-c", OFFLINE_CLI, *argv)


def test_fresh_venv_diffs_verifies_and_shows_folders_offline(installed: Path) -> None:
    from technonat_data.registry import versions

    oldest, newest = versions()[0], versions()[-1]
    result = offline_cli(installed, "diff", oldest, newest)
    assert result.returncode == 0, result.stderr
    assert result.stdout == run_cli("diff", oldest, newest)[1]
    result = offline_cli(installed, "verify")
    assert result.returncode == 0 and [line.split(":")[0] for line in result.stdout.splitlines()] == versions()
    result = offline_cli(installed, "info", "--folder")
    folder = Path(result.stdout.strip())
    assert folder.is_relative_to(installed.parent) and folder.name == td.data_version
    assert (folder / "datapackage.json").is_file()


@pytest.mark.parametrize("fmt", ["croissant", "claimreview", "web-annotation"])
def test_fresh_venv_exports_every_version_offline(installed: Path, fmt: str) -> None:
    from technonat_data.registry import versions

    for version in versions():
        code, expected, _ = run_cli("export", "--format", fmt, "--version", version)
        result = offline_cli(installed, "export", "--format", fmt, "--version", version)
        if code != 0:  # e.g. a version without checks has nothing to review: the same one-line error there
            assert result.returncode == code and "Traceback" not in result.stderr
            continue
        assert result.returncode == 0, result.stderr
        assert result.stdout == expected, (fmt, version)


def test_fresh_venv_names_the_version_that_lacks_a_table(installed: Path) -> None:
    from technonat_data.registry import load_registry

    oldest, entry = next(iter(load_registry().items()))
    missing = next(name for name in td.tables() if f"{name}.parquet" not in entry["files"])
    code = (f"import technonat_data as td\ntry:\n    td.load({missing!r}, version={oldest!r})\n"
            "except KeyError as e:\n    print(e.args[0])")
    result = run_outside(installed, "python", "-c", code)
    assert result.stdout.startswith(f"no table {missing!r} in version {oldest}; its tables are: "
                                    f"{', '.join(td.tables(version=oldest))};"), result.stderr


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
    result = run_outside(installed, "python", "-c", "import technonat_data as td; print(td.data_version)")
    assert result.stdout.strip() == td.data_version


@pytest.mark.parametrize("command", ["validate", "build"])
def test_curator_commands_name_the_release_extra_in_one_line(installed: Path, command: str) -> None:
    result = run_outside(installed, "technonat-data", command)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("the curator's commands (validate, build, release, assets) need the release extra: "
                           'pip install "technonat-data[release]" '
                           "(missing: ")
    assert "pandera" in line

"""`technonat-data verify` and `info` report damaged releases with exit 1; `verify PATH` checks a downloaded folder or
zip against the registry; a closed output pipe ends quietly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data import loader, release_files
from technonat_data.curate.release.assets import write_assets, zip_name
from technonat_data.registry import load_registry

__version__ = td.data_version  # the default data version, which `info` and `verify` check

from .conftest import ROOT, run_cli


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the committed releases used as the checkout's build/ (and its bundled release)."""
    build = tmp_path / "build"
    shutil.copytree(ROOT / "build", build)
    monkeypatch.setattr(release_files, "CHECKOUT_BUILD", build)
    monkeypatch.setattr(release_files, "BUNDLED", tmp_path / "not-installed")
    release_files.forget()
    loader.package.cache_clear()
    yield build
    release_files.forget()
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


@pytest.fixture
def downloaded(tmp_path: Path) -> Path:
    """The oldest release laid out as a user downloads it by hand: its files, SHA256SUMS and its zip."""
    oldest = next(iter(load_registry()))
    folder = tmp_path / "download"
    code, out, err = run_cli("assets", oldest, "--root", str(ROOT), "--out", str(folder))
    assert code == 0, err
    assert sorted(Path(line).name for line in out.splitlines()) == sorted(load_registry()[oldest]["files"])
    return folder


def test_assets_writes_into_the_folder_named(downloaded: Path) -> None:
    assert not any(p.is_dir() for p in downloaded.iterdir()), "no DIR/VERSION/ nesting"


def test_verify_accepts_a_downloaded_folder_and_its_zip(downloaded: Path) -> None:
    oldest = next(iter(load_registry()))
    code, out, err = run_cli("verify", str(downloaded))
    assert (code, out, err) == (0, f"{oldest}: intact ({downloaded})\n", "")
    archive = downloaded / zip_name(oldest)
    code, out, err = run_cli("verify", str(archive))
    assert (code, out, err) == (0, f"{oldest}: intact ({archive})\n", "")
    (downloaded / zip_name(oldest)).unlink()
    assert run_cli("verify", str(downloaded))[0] == 0, "the zip is optional beside the files"


def test_verify_names_a_damaged_file_of_a_downloaded_folder(downloaded: Path) -> None:
    oldest = next(iter(load_registry()))
    path = downloaded / "facts.csv"
    path.write_bytes(path.read_bytes().replace(b",", b";", 1))
    code, out, err = run_cli("verify", str(downloaded))
    assert code == 1 and out == ""
    assert f"{downloaded}/facts.csv (version {oldest}) has sha256" in err and "Traceback" not in err


def test_verify_names_a_damaged_member_of_a_zip(downloaded: Path, tmp_path: Path) -> None:
    import zipfile

    oldest = next(iter(load_registry()))
    source = downloaded / zip_name(oldest)
    repacked = tmp_path / zip_name(oldest)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(repacked, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, data.replace(b"elpida", b"ELPIDA") if info.filename.endswith("facts.csv") else data)
    code, _, err = run_cli("verify", str(repacked))
    assert code == 1 and f"facts.csv (version {oldest}) has sha256" in err
    source.write_bytes(source.read_bytes()[:-40])
    code, _, err = run_cli("verify", str(downloaded))
    assert code == 1 and zip_name(oldest) in err and "Traceback" not in err


def test_verify_of_an_unregistered_version_says_to_upgrade(tmp_path: Path) -> None:
    folder = tmp_path / "future"
    shutil.copytree(ROOT / "build" / __version__, folder)
    text = (folder / "datapackage.json").read_text(encoding="utf-8")
    (folder / "datapackage.json").write_text(text.replace(f'"version": "{__version__}"', '"version": "99.0.0"', 1),
                                             encoding="utf-8")
    code, _, err = run_cli("verify", str(folder))
    assert code == 1 and "claims version '99.0.0'" in err and "pip install --upgrade technonat-data" in err


def test_verify_of_a_path_that_is_not_there_is_one_line(tmp_path: Path) -> None:
    code, _, err = run_cli("verify", str(tmp_path / "nothing"))
    assert code == 1 and err == f"{tmp_path / 'nothing'} does not exist: pass a release folder, a release zip, or a version\n"


def test_write_assets_layout_is_the_registry(tmp_path: Path) -> None:
    for version, entry in load_registry().items():
        written = write_assets(ROOT / "build" / version, tmp_path / version, version)
        assert {p.name for p in written} == set(entry["files"])


def test_verify_in_a_checkout_also_compares_its_version_changelog_and_citation(monkeypatch: pytest.MonkeyPatch) -> None:
    from technonat_data.curate.release import consistency

    seen: list[Path] = []
    real = consistency.inconsistencies
    monkeypatch.setattr(consistency, "inconsistencies", lambda root: seen.append(root) or real(root))
    code, out, err = run_cli("verify")
    assert code == 0, out + err
    assert seen == [ROOT.resolve()]

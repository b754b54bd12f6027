"""Immutable releases: checksums, the package registry, and deterministic release assets."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from technonat_data import __version__
from technonat_data.curate.release.assets import build_registry, write_assets, zip_bytes, zip_name
from technonat_data.curate.release.changelog import release_date
from technonat_data.registry import REGISTRY, load_registry

from .conftest import ROOT, run_cli

RELEASES = sorted(p for p in (ROOT / "build").iterdir() if p.is_dir())


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.name)
def test_every_committed_release_matches_its_checksums(release: Path) -> None:
    listed = dict(reversed(line.split("  ")) for line in (release / "SHA256SUMS").read_text().splitlines())
    assert sorted(listed) == sorted(p.name for p in release.iterdir() if p.name != "SHA256SUMS")
    for name, digest in listed.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, f"{release.name}/{name} changed"


def test_registry_is_the_committed_releases() -> None:
    assert load_registry(REGISTRY) == build_registry(ROOT / "build")
    assert __version__ in load_registry(REGISTRY)


def test_zip_is_deterministic_and_complete() -> None:
    release = ROOT / "build" / __version__
    first = zip_bytes(release, __version__)
    code = ("import sys; from pathlib import Path; from technonat_data.curate.release.assets import zip_bytes; "
            f"sys.stdout.buffer.write(zip_bytes(Path({str(release)!r}), {__version__!r}))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                           env=os.environ | {"PYTHONHASHSEED": "7"}).stdout
    assert first == other  # another process, another hash seed: same bytes
    assert hashlib.sha256(first).hexdigest() == load_registry(REGISTRY)[__version__]["files"][zip_name(__version__)]
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [f"technonat-data-{__version__}/{p.name}" for p in sorted(release.iterdir())]
        released = release_date(ROOT / "CHANGELOG.md", __version__)
        assert {i.date_time for i in infos} == {(*(int(part) for part in released.split("-")), 0, 0, 0)}
        assert all(archive.read(i) == (release / Path(i.filename).name).read_bytes() for i in infos)


def test_assets_command_lays_out_release_files_and_zip(tmp_path: Path) -> None:
    code, out, _ = run_cli("assets", __version__, "--root", str(ROOT), "--out", str(tmp_path))
    assert code == 0
    written = sorted(p.name for p in tmp_path.iterdir())  # into the folder named, not a sub-folder of it
    expected = load_registry(REGISTRY)[__version__]["files"]
    assert written == sorted(expected)
    for name, digest in expected.items():
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest
    assert len(out.splitlines()) == len(expected)


def test_write_assets_returns_every_path(tmp_path: Path) -> None:
    paths = write_assets(ROOT / "build" / __version__, tmp_path, __version__)
    assert paths == sorted(tmp_path.iterdir())

"""Released versions cannot be rewritten through a build: tampered or deleted releases are refused, the registry is
append-only and written atomically, and staging folders of killed builds are cleaned up."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from technonat_data import __version__
from technonat_data.curate.release import atomic
from technonat_data.registry import load_registry

from ..conftest import ROOT, run_cli, snapshot

REGISTRY = Path("technonat_data") / "registry.json"


@pytest.fixture
def registered(project: Path) -> Path:
    """The project copy with its committed registry, as in a checkout."""
    (project / REGISTRY).parent.mkdir()
    shutil.copy(ROOT / REGISTRY, project / REGISTRY)
    return project


def released() -> list[str]:
    return list(load_registry())


def oldest() -> str:
    return released()[0]


def state(project: Path) -> tuple[dict[str, bytes], bytes]:
    return snapshot(project / "build"), (project / REGISTRY).read_bytes()


def refused(project: Path, *needles: str) -> str:
    before = state(project)
    code, _, err = run_cli("build", "--root", str(project))
    assert code == 1 and "Traceback" not in err, err
    assert all(n in err for n in needles), err
    assert "bump" not in err, "a damaged release is not a reason to bump the version"
    assert state(project) == before
    return err


def test_hand_edited_release_file_is_refused(registered: Path) -> None:
    path = registered / "build" / __version__ / "facts.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n", 1))
    refused(registered, f"build/{__version__}/facts.csv (version {__version__})", "changed after release")


def test_edit_covered_by_rewritten_checksums_is_caught_by_the_registry(registered: Path) -> None:
    folder = registered / "build" / oldest()
    data = (folder / "events.csv").read_bytes() + b"\n"
    (folder / "events.csv").write_bytes(data)
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines(keepends=True)
    import hashlib

    fixed = [f"{hashlib.sha256(data).hexdigest()}  events.csv\n" if line.endswith("  events.csv\n") else line
             for line in sums]
    (folder / "SHA256SUMS").write_text("".join(fixed), encoding="utf-8")
    err = refused(registered, f"build/{oldest()}/events.csv (version {oldest()})", "the registry records")
    assert f"build/{oldest()}/SHA256SUMS (version {oldest()})" in err


def test_file_added_to_a_release_is_refused(registered: Path) -> None:
    (registered / "build" / oldest() / "extra.csv").write_text("x\n", encoding="utf-8")
    refused(registered, f"build/{oldest()}/extra.csv", "added after release")


def test_deleted_release_stays_registered_and_the_build_refuses(registered: Path) -> None:
    shutil.rmtree(registered / "build" / oldest())
    refused(registered, f"build/{oldest()} is missing", "never removed")


def test_build_keeps_every_registered_hash(registered: Path) -> None:
    before = json.loads((registered / REGISTRY).read_text(encoding="utf-8"))
    code, _, err = run_cli("build", "--root", str(registered))
    assert code == 0, err
    after = json.loads((registered / REGISTRY).read_text(encoding="utf-8"))
    assert after == before


def test_registry_records_every_file_size(registered: Path) -> None:
    for version, entry in load_registry().items():
        assert set(entry["sizes"]) == set(entry["files"])
        folder = ROOT / "build" / version
        assert all(entry["sizes"][p.name] == p.stat().st_size for p in folder.iterdir())


def test_interrupted_registry_write_leaves_the_folder_unrecorded_then_a_build_records_it(
        registered: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(registered / "build" / __version__)
    entries = json.loads((registered / REGISTRY).read_text(encoding="utf-8"))
    del entries[__version__]
    (registered / REGISTRY).write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    registry_before = (registered / REGISTRY).read_bytes()

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(atomic.os, "replace", killed)
        with pytest.raises(KeyboardInterrupt):
            run_cli("build", "--root", str(registered))
    assert (registered / REGISTRY).read_bytes() == registry_before, "the registry is old, never half-written"
    assert [p.name for p in (registered / REGISTRY).parent.iterdir()] == ["registry.json"]
    assert snapshot(registered / "build" / __version__) == snapshot(ROOT / "build" / __version__), \
        "the folder is placed before the registry names it"
    code, _, err = run_cli("build", "--root", str(registered))
    assert code == 0, err
    assert (registered / REGISTRY).read_bytes() == (ROOT / REGISTRY).read_bytes()


def test_recorded_version_without_its_folder_is_recreated_identically(registered: Path) -> None:
    shutil.rmtree(registered / "build" / __version__)  # as left by a build killed between registry and rename
    code, _, err = run_cli("build", "--root", str(registered))
    assert code == 0, err
    assert snapshot(registered / "build") == snapshot(ROOT / "build")
    assert (registered / REGISTRY).read_bytes() == (ROOT / REGISTRY).read_bytes()


def test_staging_left_by_a_killed_build_is_removed(registered: Path) -> None:
    stale = registered / ".build-killed"
    (stale / "half").mkdir(parents=True)
    (stale / "half" / "facts.parquet").write_bytes(os.urandom(64))
    code, _, err = run_cli("build", "--root", str(registered))
    assert code == 0, err
    assert not list(registered.glob(".build-*"))


def test_malformed_registry_is_refused(registered: Path) -> None:
    text = (registered / REGISTRY).read_text(encoding="utf-8")
    (registered / REGISTRY).write_text(text[: len(text) // 2], encoding="utf-8")
    refused(registered, "registry.json is not valid JSON")

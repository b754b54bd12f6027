"""Building: byte-identical twice, identical to the committed release, atomic, and never rewriting a release."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pyarrow.parquet as pq
import pytest

from technonat_data import __version__, tables
from technonat_data.curate.problems import BuildError
from technonat_data.curate.release import toolchain
from technonat_data.curate.release.build import build, ships_sqlite
from technonat_data.curate.release.changelog import release_date
from technonat_data.curate.release.editions import release_edition
from technonat_data.curate.schema.spec import TABLE_ORDER, load_specs
from technonat_data.curate.write.editions import edition_files, recorded_toolchain

from ..conftest import ROOT, run_cli, snapshot

RELEASE = ROOT / "build" / __version__
RELEASED = release_date(ROOT / "CHANGELOG.md", __version__)


def fresh(project: Path) -> Path:
    """The project copy without any release, as on a curator's first build."""
    shutil.rmtree(project / "build", ignore_errors=True)
    return project


def test_building_twice_gives_identical_bytes(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Two builds in separate processes with different hash seeds (set and dict order must not leak into bytes)."""
    other = tmp_path_factory.mktemp("other")
    for name in ("raw", "schemas"):
        shutil.copytree(project / name, other / name)
    shutil.copy(project / "CHANGELOG.md", other)
    roots = (fresh(project), other)
    runs = [subprocess.Popen([sys.executable, "-m", "technonat_data.cli", "build", "--root", str(root)],
                             env=os.environ | {"PYTHONHASHSEED": seed}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for root, seed in zip(roots, ("1", "2"), strict=True)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    first, second = (snapshot(root / "build" / __version__) for root in roots)
    assert first == second
    extra = edition_files(load_specs(ROOT / "schemas"), __version__, release_edition(ROOT, __version__))
    assert ships_sqlite(ROOT, __version__) == any(name.endswith(".sqlite") for name in extra)
    assert len(first) == 2 * len(TABLE_ORDER) + 2 + len(extra)  # Parquet + CSV a table, datapackage, sums, edition


def test_committed_release_matches_a_rebuild_in_content_and_bytes(project: Path) -> None:
    rebuilt = build(fresh(project)).path
    for parquet in sorted(RELEASE.glob("*.parquet")):
        assert pq.read_table(parquet).equals(pq.read_table(rebuilt / parquet.name)), parquet.name
    assert snapshot(rebuilt) == snapshot(RELEASE)


def test_rebuilding_the_committed_release_is_a_no_op(project: Path) -> None:
    before = snapshot(project / "build")
    code, out, _ = run_cli("build", "--root", str(project))
    assert code == 0 and "already built, identical" in out
    assert snapshot(project / "build") == before


def test_a_released_version_is_never_rewritten(project: Path) -> None:
    facts = project / "raw" / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace("At its peak,", "At its very peak,"), encoding="utf-8")
    before = snapshot(project / "build")
    code, _, err = run_cli("build", "--root", str(project))
    assert code == 1
    assert f"{__version__} is released and raw/ now gives different files" in err
    assert "facts.csv" in err and "bump __version__" in err
    assert snapshot(project / "build") == before
    assert not list(project.glob(".build-*"))


def test_build_needs_a_changelog_entry(project: Path) -> None:
    changelog = project / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(f"## [{__version__}]", "## [0.9.9]"))
    code, _, err = run_cli("build", "--root", str(fresh(project)))
    assert code == 1
    assert f"CHANGELOG.md has no entry '## [{__version__}] - YYYY-MM-DD'" in err
    assert not (project / "build").exists()


def test_build_refuses_an_unpinned_toolchain(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toolchain, "_installed", lambda name: "0.0.1" if name == "pyarrow" else None)
    pinned = re.escape(toolchain.pinned_versions()["pyarrow"])
    with pytest.raises(BuildError, match=rf"pyarrow 0\.0\.1 \(release pins {pinned}\)"):
        build(fresh(project))
    assert not (project / "build").exists()


def test_release_records_dates_from_changelog_not_clock(project: Path) -> None:
    earlier = (dt.date.fromisoformat(RELEASED) - dt.timedelta(days=400)).isoformat()
    changelog = project / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace(f"## [{__version__}] - {RELEASED}", f"## [{__version__}] - {earlier}"), encoding="utf-8")
    package = frictionless.Package(str(build(fresh(project)).path / "datapackage.json"))
    assert package.version == __version__
    assert package.created == f"{earlier}T00:00:00Z"
    recorded = package.to_dict()["technonat:toolchain"]
    edition = release_edition(ROOT, __version__)  # a released version records the tools its edition used
    assert recorded == recorded_toolchain(toolchain.pinned_versions(), edition) and {"pandas", "pyarrow"} <= set(recorded)


def test_committed_release_passes_frictionless_validate() -> None:
    report = frictionless.validate(str(RELEASE / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    declared = frictionless.Package(str(RELEASE / "datapackage.json")).resources
    assert len(report.tasks) == len(declared)  # every resource, the edition's files too, was validated
    checked_tables = sorted(task.place for task in report.tasks if task.type == "table")
    assert checked_tables == sorted(f"{t}.{fmt}" for t in tables() for fmt in ("parquet", "csv"))  # as tables


def test_frictionless_catches_a_tampered_csv(tmp_path: Path) -> None:
    copy = tmp_path / "release"
    shutil.copytree(RELEASE, copy)
    facts = copy / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace(",51.0,", ",151.0,"), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    errors = {e[0] for e in report.flatten(["type"])}
    assert not report.valid and "hash-count" in errors


def test_checksums_file_lists_every_release_file() -> None:
    import hashlib

    lines = (RELEASE / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ")) for line in lines)
    files = sorted(p.name for p in RELEASE.iterdir() if p.name != "SHA256SUMS")
    assert sorted(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((RELEASE / name).read_bytes()).hexdigest() == digest


def test_frictionless_command_line_validates_the_release() -> None:
    frictionless_cli = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless_cli), "validate", str(RELEASE / "datapackage.json")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:]


def test_info_shows_version_tables_rows_and_hashes() -> None:
    code, out, _ = run_cli("info")
    assert code == 0
    assert out.startswith(f"technonat-data {__version__} (released {RELEASED})")
    facts_line = next(line for line in out.splitlines() if line.strip().startswith("facts.parquet"))
    rows = pq.ParquetFile(RELEASE / "facts.parquet").metadata.num_rows
    assert facts_line.split()[1] == str(rows) and "sha256:" in facts_line


def test_a_build_waits_while_another_holds_the_lock(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from filelock import FileLock

    from technonat_data.curate.release import build as build_module

    started = threading.Event()
    monkeypatch.setattr(build_module, "_build", lambda root, version: started.set())
    with FileLock(project / build_module.LOCK):
        waiting = threading.Thread(target=build_module.build, args=(project,), daemon=True)
        waiting.start()
        assert not started.wait(1.0), "a build ran while another build held the lock"
    waiting.join(timeout=30)
    assert started.is_set() and not waiting.is_alive()

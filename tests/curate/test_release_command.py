"""``technonat-data release``: one command makes the next release in a copy of the project, or changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.citation import release_citation, render
from technonat_data.curate.release import command as release_command
from technonat_data.curate.release.build import build
from technonat_data.curate.write.sqlite_file import sqlite_name

from ..conftest import ROOT, run_cli, snapshot
from .new_release import ROW, change_one_fact, next_version

DERIVED = ("CITATION.cff", ".zenodo.json", "README.md")


@pytest.fixture
def repo(project: Path) -> Path:
    """The project copy plus the version declaration, registry and version-derived files a release rewrites."""
    (project / "technonat_data").mkdir()
    for name in ("technonat_data/_version.py", "technonat_data/registry.json", *DERIVED):
        shutil.copy(ROOT / name, project / name)
    return project


def everything(root: Path) -> dict[str, bytes]:
    return snapshot(root)


UNRELEASED = """A preamble the curator wrote.

### Fixed
- A note under Fixed, written by this test.

### Changed
- A note under Changed, written by this test.

### Added
- A note under Added, written by this test.
"""


def with_unreleased(root: Path, body: str) -> None:
    """Replace the copy's ``## [Unreleased]`` section with ``body`` (the live CHANGELOG's may be empty)."""
    path = root / "CHANGELOG.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("## [Unreleased]\n")
    end = text.index("\n## [", start + 1) + 1
    path.write_text(text[:start] + "## [Unreleased]\n\n" + body + "\n" + text[end:], encoding="utf-8")


def test_dry_run_prints_the_entry_and_changes_nothing(repo: Path) -> None:
    change_one_fact(repo)
    with_unreleased(repo, UNRELEASED)
    before = everything(repo)
    new = next_version()
    code, out, err = run_cli("release", new, "--root", str(repo), "--dry-run", "--date", "2000-01-02")
    assert code == 0, err
    assert out.startswith(f"## [{new}] - 2000-01-02\n\nA preamble the curator wrote.\n\n### Added\n"
                          "- A note under Added, written by this test.\n\n"
                          f"### Changed\n- Table `facts`: row `{ROW}`.\n- A note under Changed, written by this test.\n\n"
                          "### Fixed\n- A note under Fixed, written by this test.\n")
    assert out.count("### Changed") == 1  # the skeleton line comes first in the section the notes share
    assert everything(repo) == before


def test_release_bumps_writes_builds_and_derives(repo: Path) -> None:
    change_one_fact(repo)
    new = next_version()
    code, _, err = run_cli("release", new, "--root", str(repo), "--date", "2000-01-02")
    assert code == 0, err
    assert f'__version__ = "{new}"' in (repo / "technonat_data" / "_version.py").read_text(encoding="utf-8")
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [Unreleased]\n\n## [{new}] - 2000-01-02\n\n### " in changelog
    assert f"\n### Changed\n- Table `facts`: row `{ROW}`.\n" in changelog.split(f"## [{td.__version__}]")[0]
    folder = repo / "build" / new
    assert (folder / sqlite_name(new)).is_file()
    registry = json.loads((repo / "technonat_data" / "registry.json").read_text(encoding="utf-8"))
    assert registry[new]["released"] == "2000-01-02"
    citation = release_citation(folder)
    assert (repo / "CITATION.cff").read_text(encoding="utf-8") == render(citation, "cff")
    assert (repo / ".zenodo.json").read_text(encoding="utf-8") == render(citation, "zenodo")
    assert f"version: {new}" in render(citation, "cff")
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert f'e.g. "{new}"' in readme
    assert not build(repo, version=new).created  # the written entry passes the build's own CHANGELOG check


def test_date_defaults_to_today_in_utc(repo: Path) -> None:
    change_one_fact(repo)
    made = release_command.plan(repo, next_version())
    assert made.date == dt.datetime.now(dt.UTC).date().isoformat()


@pytest.mark.parametrize(("version", "message"), [
    (td.__version__, "is not newer than every release"),
    ("1.2", "malformed version '1.2'"),
])
def test_refused_versions_change_nothing(repo: Path, version: str, message: str) -> None:
    change_one_fact(repo)
    before = everything(repo)
    code, _, err = run_cli("release", version, "--root", str(repo))
    assert code == 1
    assert message in err and "Traceback" not in err
    assert everything(repo) == before


def test_a_release_without_changes_is_refused(repo: Path) -> None:
    before = everything(repo)
    code, _, err = run_cli("release", next_version(), "--root", str(repo))
    assert code == 1
    assert f"changes nothing since {td.__version__}" in err
    assert everything(repo) == before


def test_bad_date_is_refused(repo: Path) -> None:
    change_one_fact(repo)
    code, _, err = run_cli("release", next_version(), "--root", str(repo), "--date", "2000-02-30")
    assert code == 1
    assert err.splitlines()[0] == "malformed date '2000-02-30': day is out of range for month; expected a day YYYY-MM-DD"


def test_a_failure_after_writing_puts_everything_back(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    change_one_fact(repo)
    before = everything(repo)

    def fail(root: Path, folder: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(release_command, "write_derived_files", fail)
    with pytest.raises(OSError, match="disk full"):
        release_command.release(repo, next_version())
    after = {k: v for k, v in everything(repo).items() if k != ".build.lock"}
    assert after == before

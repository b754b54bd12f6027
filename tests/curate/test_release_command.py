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
from technonat_data.curate.release import transaction
from technonat_data.curate.release.build import build
from technonat_data.curate.release.changelog import release_date
from technonat_data.curate.write.sqlite_file import sqlite_name
from technonat_data.registry import load_registry

from ..conftest import ROOT, line_of, run_cli, snapshot
from .new_release import ROW, change_one_fact, next_version

OLDER_UNRELEASED = ".".join([*next(iter(load_registry())).split(".")[:2], "99"])  # between two releases, never made
PREVIOUS_DATE = release_date(ROOT / "CHANGELOG.md", td.__version__)  # the earliest date the next release may take


def everything(root: Path) -> dict[str, bytes]:
    """Every file of the project but the lock file, which any build or release leaves (empty)."""
    return {name: data for name, data in snapshot(root).items() if not name.startswith(".build.lock")}


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
    tomorrow = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)).isoformat()  # never the default date
    code, out, err = run_cli("release", new, "--root", str(repo), "--dry-run", "--date", tomorrow)
    assert code == 0, err
    assert out.startswith(f"## [{new}] - {tomorrow}\n\nA preamble the curator wrote.\n\n### Added\n"
                          "- A note under Added, written by this test.\n\n"
                          f"### Changed\n- Table `facts`: row `{ROW}`.\n- A note under Changed, written by this test.\n\n"
                          "### Fixed\n- A note under Fixed, written by this test.\n")
    assert out.count("### Changed") == 1  # the skeleton line comes first in the section the notes share
    assert everything(repo) == before


def test_release_bumps_writes_builds_and_derives(repo: Path) -> None:
    change_one_fact(repo)
    new = next_version()
    code, out, err = run_cli("release", new, "--root", str(repo), "--date", PREVIOUS_DATE)
    assert code == 0, err
    assert "commit" in out.splitlines()[-1] and "clean clone" in out.splitlines()[-1]  # what to do next
    assert f'__version__ = "{new}"' in (repo / "technonat_data" / "_version.py").read_text(encoding="utf-8")
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [Unreleased]\n\n## [{new}] - {PREVIOUS_DATE}\n\n### " in changelog
    assert f"\n### Changed\n- Table `facts`: row `{ROW}`.\n" in changelog.split(f"## [{td.__version__}]")[0]
    folder = repo / "build" / new
    assert (folder / sqlite_name(new)).is_file()
    registry = json.loads((repo / "technonat_data" / "registry.json").read_text(encoding="utf-8"))
    assert registry[new]["released"] == PREVIOUS_DATE
    citation = release_citation(folder)
    assert (repo / "CITATION.cff").read_text(encoding="utf-8") == render(citation, "cff")
    assert (repo / ".zenodo.json").read_text(encoding="utf-8") == render(citation, "zenodo")
    assert f"version: {new}" in render(citation, "cff")
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert f'e.g. "{new}"' in readme
    assert not build(repo, version=new).created  # the written entry passes the build's own CHANGELOG check


def test_date_defaults_to_today_in_utc(repo: Path) -> None:
    change_one_fact(repo)
    before = everything(repo)
    made = release_command.plan(repo, next_version())
    assert made.date == dt.datetime.now(dt.UTC).date().isoformat()
    assert (made.version, made.previous) == (next_version(), td.__version__)
    assert made.entry.startswith(f"## [{next_version()}] - {made.date}\n")
    assert everything(repo) == before


@pytest.mark.parametrize(("version", "message"), [
    (OLDER_UNRELEASED, "is not newer than every release"),
    ("1.2", "malformed version '1.2'"),
    (next_version().replace(".", "\u0661.", 1), "malformed version"),  # an Arabic-Indic digit
    (next_version().replace("1", "\uff11", 1), "malformed version"),  # a full-width digit
])
def test_refused_versions_change_nothing(repo: Path, version: str, message: str) -> None:
    change_one_fact(repo)
    before = everything(repo)
    code, _, err = run_cli("release", version, "--root", str(repo))
    assert code == 1
    assert message in err and "Traceback" not in err
    assert everything(repo) == before


def test_a_made_release_run_again_says_so_and_changes_nothing(repo: Path) -> None:
    before = everything(repo)
    code, out, err = run_cli("release", td.__version__, "--root", str(repo))
    assert code == 0, err
    assert out.startswith(f"version {td.__version__} is already released ({PREVIOUS_DATE})")
    assert everything(repo) == before


def test_a_release_without_changes_is_refused(repo: Path) -> None:
    before = everything(repo)
    code, _, err = run_cli("release", next_version(), "--root", str(repo))
    assert code == 1
    assert err.splitlines() == [f"version {next_version()} changes nothing since {td.__version__}: raw/ gives the same "
                                "tables, columns and rows; there is nothing to release"]
    assert everything(repo) == before


def test_bad_date_is_refused(repo: Path) -> None:
    change_one_fact(repo)
    code, _, err = run_cli("release", next_version(), "--root", str(repo), "--date", "2000-02-30")
    assert code == 1
    assert err.splitlines()[0] == "malformed date '2000-02-30': day is out of range for month; expected a day YYYY-MM-DD"


def test_a_failure_after_writing_puts_everything_back(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    change_one_fact(repo)
    before = everything(repo)

    def fail(source: Path, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(transaction, "rename_durable", fail)  # the release folder cannot be moved into place
    code, _, err = run_cli("release", next_version(), "--root", str(repo), "--date", PREVIOUS_DATE)
    assert code == 1
    assert err.splitlines() == [f"the release of {next_version()} failed (disk full); every file was put back as it "
                                "was, nothing changed"]
    assert everything(repo) == before


@pytest.mark.parametrize(("date", "message"), [
    ("earlier", "is before the date of the previous release"),
    ("later", "is in the future: the latest allowed is tomorrow"),
    ("2000-01-0\u0662", "malformed date"),
])
def test_dates_before_the_previous_release_or_after_tomorrow_are_refused(repo: Path, date: str, message: str) -> None:
    change_one_fact(repo)
    shift = {"earlier": -1, "later": 2}
    if date in shift:
        base = dt.date.fromisoformat(PREVIOUS_DATE if date == "earlier" else dt.datetime.now(dt.UTC).date().isoformat())
        date = (base + dt.timedelta(days=shift[date])).isoformat()
    before = everything(repo)
    code, _, err = run_cli("release", next_version(), "--root", str(repo), "--date", date)
    assert code == 1 and message in err and "Traceback" not in err, err
    assert everything(repo) == before


MALFORMED_NOTES = {
    "a draft heading": ("## [Draft]\n- drafted.", "## [Draft]", "is neither '## [Unreleased]' nor a release heading"),
    "a second unreleased": ("## [Unreleased]\n### Fixed\n- x.", "## [Unreleased]", "a second '## [Unreleased]' heading"),
    "a section in a fence": ("```\n### Removed\n```", "### Removed", "inside the code fence opened at line"),
    "an unclosed comment": ("<!-- a comment never closed", "<!--", "is never closed with '-->'"),
    "a colon": ("### Changed:\n- x.", "### Changed:", "must be written exactly '### Changed'"),
    "lower case": ("### changed\n- x.", "### changed", "must be written exactly '### Changed'"),
}


@pytest.mark.parametrize("case", MALFORMED_NOTES)
def test_malformed_unreleased_notes_are_refused_with_their_line(repo: Path, case: str) -> None:
    change_one_fact(repo)
    text, marker, message = MALFORMED_NOTES[case]
    changelog = repo / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(
        "## [Unreleased]\n", f"## [Unreleased]\n\n### Changed\n- A note.\n\n{text}\n", 1), encoding="utf-8")
    line = line_of(changelog, marker, line_of(changelog, "- A note.") + 1)
    before = everything(repo)
    code, _, err = run_cli("release", next_version(), "--root", str(repo), "--dry-run")
    assert code == 1
    assert err.splitlines()[0].startswith(f"CHANGELOG.md:{line}: ") and message in err.splitlines()[0], err
    assert err.splitlines()[-1] == "the Unreleased notes are malformed; nothing was written"
    assert everything(repo) == before


def test_a_checkout_without_build_is_refused_in_one_line(repo: Path) -> None:
    shutil.rmtree(repo / "build")
    code, _, err = run_cli("release", next_version(), "--root", str(repo))
    assert code == 1
    assert err.splitlines() == [f"{repo.resolve()} has no build/ folder, which holds the releases: run the release "
                                "from the root of a checkout of the project (or pass --root)"]

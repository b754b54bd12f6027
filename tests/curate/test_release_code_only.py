"""``technonat-data release X.Y.Z.postN``: a code-only release of the newest data version writes ``_version.py`` and
its CHANGELOG entry, under the same journal as a data release, and changes no data; what breaks the rule is refused.

Runs on the small project (tests/curate/small_release.py) after its own data release ``NEXT``; every version is
derived from it.
"""

from __future__ import annotations

import datetime as dt
import signal
from pathlib import Path

import pytest

from technonat_data.curate.problems import BuildError
from technonat_data.curate.release.build import build
from technonat_data.curate.release.command import plan, prepare
from technonat_data.curate.release.guard import REGISTRY
from technonat_data.curate.release.journal import JOURNAL
from technonat_data.curate.release.version_file import VERSION_FILE, declared

from ..conftest import run_cli
from .new_release import next_version
from .small_release import BASE, NEXT, change_statement, copy_of, make_base, next_date, project_files, release

POST = f"{NEXT}.post1"
NOTE = "- The loader reads a table faster."
KILLED = -signal.SIGKILL


def with_notes(project: Path, note: str = NOTE) -> Path:
    """Write a code change's note under ``## [Unreleased]`` of the project's CHANGELOG.md."""
    path = project / "CHANGELOG.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## [Unreleased]\n", f"## [Unreleased]\n\n### Fixed\n{note}\n", 1), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project after its data release NEXT, with a code change's note under ## [Unreleased]."""
    project = make_base(tmp_path_factory.mktemp("small") / "p")
    result = release(project)
    assert result.returncode == 0, result.stderr
    return with_notes(project)


@pytest.fixture(scope="module")
def posted(released: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of ``released`` after ``release POST`` ran to the end."""
    project = copy_of(released, tmp_path_factory.mktemp("posted") / "p")
    result = release(project, version=POST)
    assert result.returncode == 0, result.stderr
    return project


def verify(project: Path) -> tuple[int, list[str]]:
    code, _, err = run_cli("verify", "--root", str(project))
    return code, err.splitlines()


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_a_code_only_release_writes_the_version_and_entry_only(released: Path, posted: Path) -> None:
    assert changed_files(project_files(released), project_files(posted)) == {str(VERSION_FILE), "CHANGELOG.md"}
    assert declared(posted) == POST
    changelog = (posted / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [Unreleased]\n\n## [{POST}] - {next_date()}\n\n### Fixed\n{NOTE}\n\n## [{NEXT}] - " in changelog
    assert verify(posted) == (0, [])


def test_a_code_only_release_says_what_it_did(released: Path, tmp_path: Path) -> None:
    project = copy_of(released, tmp_path / "p")
    code, out, err = run_cli("release", POST, "--root", str(project), "--date", next_date())
    assert code == 0, err
    assert out.splitlines()[0] == (f"released {POST} ({next_date()}), a code-only release of data version {NEXT}: "
                                   f"{VERSION_FILE} and CHANGELOG.md are written; build/ and {REGISTRY} are unchanged")


def test_run_again_it_says_so_and_build_confirms_the_data_version(posted: Path, tmp_path: Path) -> None:
    project = copy_of(posted, tmp_path / "p")
    before = project_files(project)
    code, out, err = run_cli("release", POST, "--root", str(project))
    assert code == 0, err
    assert out.startswith(f"version {POST} (a code-only release of {NEXT}) is already released ({next_date()})")
    result = build(project, version=POST)
    assert (result.version, result.path, result.created) == (NEXT, project / "build" / NEXT, False)
    assert project_files(project) == before


def test_a_later_code_only_release_follows(posted: Path, tmp_path: Path) -> None:
    project = with_notes(copy_of(posted, tmp_path / "p"), "- The command line says more.")
    later = f"{NEXT}.post2"
    code, _, err = run_cli("release", later, "--root", str(project), "--date", next_date())
    assert code == 0, err
    assert declared(project) == later
    assert verify(project) == (0, [])


def day_before(date: str) -> str:
    return (dt.date.fromisoformat(date) - dt.timedelta(days=1)).isoformat()


REFUSED = {
    "of a data version not the newest": (f"{BASE}.post1", f"is a code-only release of {BASE}, which is not the "
                                                          f"newest data version (the newest is {NEXT})"),
    "of an unreleased data version": (f"{next_version(NEXT)}.post1", "which is not the newest data version"),
    "post0": (f"{NEXT}.post0", f"malformed version '{NEXT}.post0'"),
    "no dot": (f"{NEXT}post1", f"malformed version '{NEXT}post1'"),
    "a full-width digit": (f"{NEXT}.post\uff11", "malformed version"),
    "an Arabic-Indic digit": (f"{NEXT}.post\u0661", "malformed version"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_code_only_versions_change_nothing(case: str, released: Path, tmp_path: Path) -> None:
    project = copy_of(released, tmp_path / "p")
    version, message = REFUSED[case]
    before = project_files(project)
    code, _, err = run_cli("release", version, "--root", str(project), "--date", next_date())
    assert code == 1
    assert message in err and "Traceback" not in err, err
    assert project_files(project) == before


def test_n_must_grow(posted: Path, tmp_path: Path) -> None:
    project = with_notes(copy_of(posted, tmp_path / "p"))
    later = f"{NEXT}.post3"
    assert run_cli("release", later, "--root", str(project), "--date", next_date())[0] == 0
    before = project_files(project)
    code, _, err = run_cli("release", f"{NEXT}.post2", "--root", str(project), "--date", next_date())
    assert code == 1
    assert err.splitlines() == [f"version {NEXT}.post2 is not newer than every code-only release of {NEXT} (released: "
                                f"{later}); N in {NEXT}.postN must grow"]
    assert project_files(project) == before


def test_a_data_change_needs_a_new_data_version(released: Path, tmp_path: Path) -> None:
    project = copy_of(released, tmp_path / "p")
    change_statement(project)  # raw/ no longer gives NEXT's statements
    before = project_files(project)
    code, _, err = run_cli("release", POST, "--root", str(project), "--date", next_date())
    assert code == 1
    assert err.splitlines()[0].startswith(f"raw/ no longer gives the files of release {NEXT} (")
    assert "statements.csv" in err and f"a data change needs a new data version X.Y.Z greater than {NEXT}" in err
    assert project_files(project) == before


def test_empty_notes_and_an_earlier_date_are_refused(released: Path, tmp_path: Path) -> None:
    project = copy_of(released, tmp_path / "p")
    before = project_files(project)
    code, _, err = run_cli("release", POST, "--root", str(project), "--date", day_before(next_date()))
    assert code == 1 and f"is before the date of the previous release {NEXT} ({next_date()})" in err, err
    empty = copy_of(released, tmp_path / "empty")
    changelog = empty / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(f"### Fixed\n{NOTE}\n", "", 1), encoding="utf-8")
    code, _, err = run_cli("release", POST, "--root", str(empty), "--date", next_date())
    assert code == 1 and err.startswith("the Unreleased notes of CHANGELOG.md are empty"), err
    assert project_files(project) == before


def test_verify_reports_a_version_file_behind_and_the_release_repairs_it(posted: Path, tmp_path: Path) -> None:
    project = copy_of(posted, tmp_path / "p")
    path = project / VERSION_FILE
    path.write_text(path.read_text(encoding="utf-8").replace(POST, NEXT), encoding="utf-8")
    assert verify(project) == (1, [f"{VERSION_FILE} declares {NEXT}, but the latest release is {POST}: run "
                                   f"`technonat-data release {POST}` to set it"])
    code, out, err = run_cli("release", POST, "--root", str(project))
    assert code == 0, err
    assert f"set the version in {VERSION_FILE} to {POST} (it declared {NEXT})" in out
    assert verify(project) == (0, [])


def test_verify_reports_a_code_only_entry_of_an_unreleased_data_version(posted: Path, tmp_path: Path) -> None:
    project = copy_of(posted, tmp_path / "p")
    stray = f"{next_version(NEXT)}.post1"
    changelog = project / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace(f"## [{POST}]", f"## [{stray}] - {next_date()}\n\n### Fixed\n- x.\n\n## [{POST}]"),
                         encoding="utf-8")
    code, lines = verify(project)
    assert code == 1
    assert any(line.startswith("CHANGELOG.md:") and f"an entry for {stray}, a code-only release of "
               f"{next_version(NEXT)}, which was never released" in line for line in lines), lines


def test_killed_mid_release_then_run_again(released: Path, posted: Path, tmp_path: Path) -> None:
    project = copy_of(released, tmp_path / "p")
    assert release(project, "CHANGELOG.md", version=POST).returncode == KILLED
    assert (project / JOURNAL).is_file()
    code, lines = verify(project)
    assert code == 1 and f"an interrupted release of {POST} left {JOURNAL}: run `technonat-data release {POST}` to " \
                         "finish it" in lines
    result = release(project, version=POST)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"completed the interrupted release of {POST} ({next_date()})"
    assert project_files(project) == project_files(posted)
    assert verify(project) == (0, [])


def test_malformed_notes_refuse_a_code_only_release_with_their_line(released: Path, tmp_path: Path) -> None:
    project = copy_of(released, tmp_path / "p")
    with_notes(project, "- A note.\n\n### Changed:\n- x.")
    before = project_files(project)
    with pytest.raises(BuildError) as caught:
        prepare(project, POST, None, tmp_path / "staged")
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("CHANGELOG.md:") and "must be written exactly '### Changed'" in lines[0]
    assert lines[1:] == ["the Unreleased notes are malformed; nothing was written"]
    assert project_files(project) == before


def test_a_code_only_plan_names_the_release_before_it(released: Path, tmp_path: Path) -> None:
    project = copy_of(released, tmp_path / "p")
    before = project_files(project)
    made = plan(project, POST, next_date())
    assert (made.version, made.date, made.previous) == (POST, next_date(), NEXT)
    assert made.entry.startswith(f"## [{POST}] - {next_date()}\n") and NOTE in made.entry
    assert project_files(project) == before

"""A release killed at any step and run again ends complete, byte-identical to an uninterrupted release, with a clean
``verify``; Ctrl-C and SIGTERM roll it back; releases started together make exactly one release; a folder the
command did not make is never deleted.

Each run is a real ``technonat-data release`` in a fresh interpreter on a small project (tests/curate/
small_release.py), stopped by SIGKILL at a named step through a test-only hook (crash_points.py). Kills inside the
transaction are made on copies of one project killed right after its journal was written: the run that finishes
that journal carries out the same steps, with the same code, as the first run would have.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from technonat_data.curate.release.derived_files import DERIVED
from technonat_data.curate.release.guard import REGISTRY
from technonat_data.curate.release.journal import JOURNAL, WORKDIR
from technonat_data.curate.release.lock import project_lock
from technonat_data.curate.release.transaction import recover
from technonat_data.curate.release.version_file import VERSION_FILE

from ..conftest import run_cli
from .new_release import next_version
from .small_release import BASE, NEXT, command, copy_of, environment, make_base, project_files, release, start_release

STEPS = [str(VERSION_FILE), "CHANGELOG.md", *DERIVED, "folder", str(REGISTRY), "journal removed"]
KILLED = -signal.SIGKILL


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_base(tmp_path_factory.mktemp("small") / "base")


@pytest.fixture(scope="module")
def first_runs(base: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three copies released at once (two cores): to the end, killed after the journal, killed while staging."""
    stops = {"reference": None, "journal": "journal", "staging": "staging"}
    projects = {name: copy_of(base, tmp_path_factory.mktemp(name) / "p") for name in stops}
    runs = {name: start_release(projects[name], stop_at=stop) for name, stop in stops.items()}
    for name, run in runs.items():
        _, err = run.communicate(timeout=300)
        assert run.returncode == (0 if name == "reference" else KILLED), err
    return projects


@pytest.fixture(scope="module")
def uninterrupted(first_runs: dict[str, Path]) -> dict[str, bytes]:
    """Every file of the project after a release that ran to the end."""
    assert clean(first_runs["reference"])
    return project_files(first_runs["reference"])


@pytest.fixture(scope="module")
def journaled(base: Path, first_runs: dict[str, Path]) -> Path:
    """The project as a release killed right after writing its journal leaves it (nothing else changed yet)."""
    project = first_runs["journal"]
    assert (project / JOURNAL).is_file()
    assert project_files(project) == {**project_files(base), **project_files_of_journal(project)}
    return project


def project_files_of_journal(project: Path) -> dict[str, bytes]:
    return {k: v for k, v in project_files(project).items() if k == JOURNAL or k.startswith(WORKDIR + "/")}


def clean(project: Path) -> bool:
    """Whether ``verify`` finds every release intact and the checkout consistent."""
    code, _, err = run_cli("verify", "--root", str(project))
    return code == 0 and not err


def registry(project: Path) -> dict[str, dict]:
    return json.loads((project / REGISTRY).read_text(encoding="utf-8"))


def assert_registry_sound(project: Path, base: Path) -> None:
    """The registry never loses an entry and never lists a version without its folder."""
    now, before = registry(project), registry(base)
    assert {v: now[v] for v in before} == before
    assert all((project / "build" / v / "datapackage.json").is_file() for v in now)


def test_killed_while_staging_then_run_again(base: Path, first_runs: dict[str, Path],
                                             uninterrupted: dict[str, bytes]) -> None:
    project = first_runs["staging"]
    assert not (project / JOURNAL).exists()
    assert {k: v for k, v in project_files(project).items() if not k.startswith(WORKDIR)} == project_files(base)
    result = release(project)
    assert result.returncode == 0, result.stderr
    assert project_files(project) == uninterrupted
    assert clean(project)


def test_killed_after_writing_the_journal_then_run_again(journaled: Path, uninterrupted: dict[str, bytes],
                                                        tmp_path: Path) -> None:
    project = copy_of(journaled, tmp_path / "p")
    code, _, err = run_cli("verify", "--root", str(project))
    assert code == 1 and f"run `technonat-data release {NEXT}` to finish it" in err
    result = release(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"completed the interrupted release of {NEXT} ({registry(project)[NEXT]['released']})"
    assert f"version {NEXT} is already released" in result.stdout
    assert project_files(project) == uninterrupted
    assert clean(project)


@pytest.mark.parametrize("step", STEPS)
def test_killed_at_each_step_then_run_again(step: str, base: Path, journaled: Path, uninterrupted: dict[str, bytes],
                                            tmp_path: Path) -> None:
    project = copy_of(journaled, tmp_path / "p")
    assert release(project, step).returncode == KILLED
    assert_registry_sound(project, base)
    result = release(project)
    assert result.returncode == 0, result.stderr
    finished = "already released" if step == "journal removed" else "completed the interrupted release"
    assert finished in result.stdout
    assert project_files(project) == uninterrupted
    assert clean(project)


def test_ctrl_c_or_sigterm_rolls_the_release_back(base: Path, tmp_path: Path) -> None:
    signals = {"SIGINT": "Ctrl-C, SIGINT", "SIGTERM": "SIGTERM"}
    projects = {name: copy_of(base, tmp_path / name) for name in signals}
    runs = {name: start_release(projects[name], stop_at=f"CHANGELOG.md:{name}") for name in signals}
    for name, run in runs.items():
        _, err = run.communicate(timeout=300)
        assert run.returncode == 1
        assert err.splitlines() == [f"the release of {NEXT} was interrupted ({signals[name]}); every file was put "
                                    "back as it was, nothing changed"]
        assert project_files(projects[name]) == project_files(base)


def test_the_same_release_started_twice_makes_one(base: Path, uninterrupted: dict[str, bytes], tmp_path: Path) -> None:
    project = copy_of(base, tmp_path / "p")
    runs = [start_release(project), start_release(project)]
    results = [(*run.communicate(timeout=300), run.returncode) for run in runs]
    assert [code for _, _, code in results] == [0, 0], results
    said = sorted(out.splitlines()[0].split()[0] for out, _, _ in results)
    assert said == ["released", "version"]  # one made it, the other found it made
    assert project_files(project) == uninterrupted
    assert clean(project)


def test_two_versions_started_together_make_one_release(base: Path, tmp_path: Path) -> None:
    project = copy_of(base, tmp_path / "p")
    later = next_version(NEXT)
    runs = [start_release(project, NEXT), start_release(project, later)]
    results = [(*run.communicate(timeout=300), run.returncode) for run in runs]
    assert sorted(code for _, _, code in results) == [0, 1], results
    refused = next(err for _, err, code in results if code == 1)
    assert "changes nothing since" in refused or "is not newer than every release" in refused
    assert set(registry(project)) - {BASE} in ({NEXT}, {later})
    assert_registry_sound(project, base)
    assert clean(project)


def test_a_second_run_waits_then_names_the_holder(base: Path, tmp_path: Path) -> None:
    project = copy_of(base, tmp_path / "p")
    with project_lock(project, "a test holding the lock"):
        result = subprocess.run(command(project, "release", NEXT), env={**environment(),
                                "TECHNONAT_DATA_LOCK_TIMEOUT": "0.5"}, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert "a test holding the lock" in result.stderr and "waited 0.5 s" in result.stderr
    assert not (project / JOURNAL).exists()


def test_a_hand_made_release_folder_is_refused_and_kept(base: Path, tmp_path: Path) -> None:
    project = copy_of(base, tmp_path / "p")
    notes = project / "build" / NEXT / "my-notes.txt"
    notes.parent.mkdir()
    notes.write_text("mine\n", encoding="utf-8")
    before = project_files(project)
    result = release(project)
    assert result.returncode == 1
    assert f"build/{NEXT} exists but is not a release" in result.stderr
    assert project_files(project) == before


def test_a_folder_made_by_hand_after_a_crash_is_never_deleted(journaled: Path, tmp_path: Path) -> None:
    project = copy_of(journaled, tmp_path / "p")
    notes = project / "build" / NEXT / "my-notes.txt"
    notes.parent.mkdir()
    notes.write_text("mine\n", encoding="utf-8")
    with pytest.raises(Exception, match=f"build/{NEXT} exists and is not the folder this release staged"):
        recover(project)
    assert notes.read_text(encoding="utf-8") == "mine\n"
    assert (project / JOURNAL).is_file()


def test_a_journal_whose_new_bytes_are_lost_is_rolled_back(base: Path, journaled: Path, tmp_path: Path) -> None:
    project = copy_of(journaled, tmp_path / "p")
    for stored in (project / WORKDIR / "content").iterdir():
        if stored.read_bytes() == (project / "CHANGELOG.md").read_bytes():
            continue
        if stored.read_bytes() not in {(base / n).read_bytes() for n in project_files(base) if (base / n).is_file()}:
            stored.unlink()  # a new file's bytes, lost
    line = recover(project)
    assert line.startswith(f"rolled back the interrupted release of {NEXT}: it could not be completed")
    assert project_files(project) == project_files(base)


def test_the_release_subprocesses_run_in_an_ascii_locale_with_utf8_mode_off() -> None:
    code = "import locale, sys; print(locale.getpreferredencoding(False), sys.flags.utf8_mode)"
    result = subprocess.run([sys.executable, "-c", code], env=environment(), capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["ANSI_X3.4-1968", "0"]  # so a read without encoding="utf-8" fails there

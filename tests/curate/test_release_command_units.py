"""The release command's own decisions, in-process on tiny projects (mutation testing reaches the command only this
way; the crash tests run it in a subprocess): interruptions and their messages, the rollback's signal handling, the
refusals of a version or a checkout, and what an already made release says."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.curate.problems import BuildError
from technonat_data.curate.release import command
from technonat_data.curate.release.command import (
    ReleasePlan,
    Terminated,
    _bring_up_to_date,
    _file_step,
    _interrupts_as_exceptions,
    _newest_entry,
    _plan_journal,
    _recover,
    _released_on,
    _rolled_back,
    _signal_name,
    already_released,
    check_release_version,
    closing_lines,
    require_project,
)
from technonat_data.curate.release.journal import JOURNAL, WORKDIR, Journal, read_journal, workdir
from technonat_data.curate.release.lock import HOLDER
from technonat_data.curate.release.version_file import VERSION_FILE, declared, with_version
from technonat_data.registry import load_registry

from ..conftest import ROOT
from .test_release_transaction_units import as_before, project


def test_signal_names() -> None:
    assert _signal_name(Terminated()) == "SIGTERM"
    assert _signal_name(KeyboardInterrupt()) == "Ctrl-C, SIGINT"


def test_sigterm_raises_terminated_inside_and_the_old_handler_is_back_after() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Terminated), _interrupts_as_exceptions():
        assert signal.getsignal(signal.SIGTERM) is not before
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises during the sleep
    assert signal.getsignal(signal.SIGTERM) is before


def test_outside_the_main_thread_no_handler_is_set() -> None:
    seen: list[object] = []

    def run() -> None:
        with _interrupts_as_exceptions():
            seen.append(signal.getsignal(signal.SIGTERM))

    before = signal.getsignal(signal.SIGTERM)
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [before]


@pytest.mark.parametrize(("err", "said"), [
    (KeyboardInterrupt(), "was interrupted (Ctrl-C, SIGINT)"),
    (Terminated(), "was interrupted (SIGTERM)"),
    (OSError("disk full"), "failed (disk full)"),
])
def test_a_rollback_puts_every_file_back_and_says_why(tmp_path: Path, err: BaseException, said: str) -> None:
    root, journal = project(tmp_path)
    (root / "CHANGELOG.md").write_bytes(b"new changelog\n")  # the first step carried out
    message = str(_rolled_back(root, journal, err))
    assert message == f"the release of {journal.version} {said}; every file was put back as it was, nothing changed"
    assert as_before(root) and not (root / JOURNAL).exists()


def test_the_rollback_ignores_interrupts_while_it_runs_and_restores_the_handlers(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root, journal = project(tmp_path)
    during: list[object] = []
    monkeypatch.setattr(command, "roll_back", lambda *_: during.extend(
        signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)))
    before = [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)]
    _rolled_back(root, journal, KeyboardInterrupt())
    assert during == [signal.SIG_IGN, signal.SIG_IGN]
    assert [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)] == before


def test_a_rollback_that_stops_keeps_the_journal_and_says_how_to_finish(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root, journal = project(tmp_path)

    def stopped(*_: object) -> None:
        raise KeyboardInterrupt("again")

    monkeypatch.setattr(command, "roll_back", stopped)
    before = signal.getsignal(signal.SIGINT)
    message = str(_rolled_back(root, journal, OSError("disk full")))
    assert message == (f"the release of {journal.version} failed (disk full), and undoing it stopped (again); its "
                       f"journal {JOURNAL} is kept: run `technonat-data release {journal.version}` to finish it")
    assert (root / JOURNAL).is_file() and signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize(("err", "name"), [(KeyboardInterrupt(), "Ctrl-C, SIGINT"), (Terminated(), "SIGTERM")])
def test_an_interrupted_recovery_keeps_the_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   err: BaseException, name: str) -> None:
    def interrupted(root: Path) -> None:
        raise err

    monkeypatch.setattr(command, "recover", interrupted)
    with pytest.raises(BuildError) as caught:
        _recover(tmp_path)
    assert str(caught.value) == (f"interrupted ({name}) while finishing an interrupted release; its journal {JOURNAL} "
                                 "is kept: run the same command again to finish it")


def test_recovery_clears_a_work_folder_left_without_a_journal(tmp_path: Path) -> None:
    workdir(tmp_path).mkdir()
    (workdir(tmp_path) / "left").write_bytes(b"x")
    assert _recover(tmp_path) is None
    assert not (tmp_path / WORKDIR).exists()


@pytest.mark.parametrize(("err", "name"), [(KeyboardInterrupt(), "Ctrl-C, SIGINT"), (Terminated(), "SIGTERM")])
def test_an_interruption_while_planning_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        err: BaseException, name: str) -> None:
    def interrupted(root: Path, version: str, date: str | None, staged: Path) -> None:
        staged.mkdir(parents=True)
        raise err

    monkeypatch.setattr(command, "prepare", interrupted)
    with pytest.raises(BuildError) as caught:
        _plan_journal(tmp_path, "9.9.9", None)
    assert str(caught.value) == (f"the release of 9.9.9 was interrupted ({name}) before it changed anything; nothing "
                                 "was written")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_planning_is_raised_as_it_is_and_clears_the_work_folder(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(root: Path, version: str, date: str | None, staged: Path) -> None:
        staged.mkdir(parents=True)
        raise BuildError("raw/ has a problem")

    monkeypatch.setattr(command, "prepare", failing)
    with pytest.raises(BuildError, match=r"^raw/ has a problem$"):
        _plan_journal(tmp_path, "9.9.9", None)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_right_after_the_journal_is_written_rolls_back(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "CHANGELOG.md").write_bytes(b"old\n")

    def prepared(root: Path, version: str, date: str | None, staged: Path) -> tuple[ReleasePlan, dict[str, bytes]]:
        return ReleasePlan(version, "2000-01-02", None, "entry"), {"CHANGELOG.md": b"new\n"}

    def written_then_failed(root: Path, journal: object) -> None:
        real_write(root, journal)
        raise KeyboardInterrupt

    real_write = command.write_journal
    monkeypatch.setattr(command, "prepare", prepared)
    monkeypatch.setattr(command, "write_journal", written_then_failed)
    with pytest.raises(BuildError, match=r"^the release of 9\.9\.9 was interrupted \(Ctrl-C, SIGINT\); every file "):
        _plan_journal(tmp_path, "9.9.9", None)
    assert (tmp_path / "CHANGELOG.md").read_bytes() == b"old\n" and read_journal(tmp_path) is None


def test_a_plan_journals_each_file_then_the_folder_then_the_registry(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "CHANGELOG.md").write_bytes(b"old\n")

    def prepared(root: Path, version: str, date: str | None, staged: Path) -> tuple[ReleasePlan, dict[str, bytes]]:
        staged.mkdir(parents=True)
        (staged / "b.csv").write_bytes(b"b\n")
        (staged / "a.csv").write_bytes(b"a\n")
        return ReleasePlan(version, "2000-01-02", None, "entry"), {
            "technonat_data/registry.json": b"{}\n", "CHANGELOG.md": b"new\n"}

    monkeypatch.setattr(command, "prepare", prepared)
    journal, made = _plan_journal(tmp_path, "9.9.9", None)
    assert made.version == "9.9.9" and read_journal(tmp_path) == journal
    assert (journal.version, journal.date) == ("9.9.9", "2000-01-02")
    assert [step.get("file", step.get("folder")) for step in journal.steps] == [
        "CHANGELOG.md", "build/9.9.9", "technonat_data/registry.json"]
    assert list(journal.steps[1]["files"]) == ["a.csv", "b.csv"]


def test_a_file_step_stores_both_sides_and_no_old_side_for_a_new_file(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes(b"before\n")
    changed, created = _file_step(tmp_path, "old.txt", b"after\n"), _file_step(tmp_path, "new.txt", b"made\n")
    stored = {p.name: p.read_bytes() for p in workdir(tmp_path).rglob("*") if p.is_file()}
    assert changed["file"] == "old.txt" and created["old"] is None
    assert stored[Path(changed["old"]).name] == b"before\n" and stored[Path(changed["new"]).name] == b"after\n"
    assert stored[Path(created["new"]).name] == b"made\n"


@pytest.mark.parametrize("version", ["1.2", "1.2.0.post0", "v1.2.0", "1.2.٣"])
def test_malformed_versions_are_refused_in_one_line(version: str) -> None:
    with pytest.raises(BuildError) as caught:
        check_release_version(version)
    assert str(caught.value) == (f"malformed version {version!r}: expected MAJOR.MINOR.PATCH in ASCII digits (a data "
                                 "release, such as '1.3.0'), or that followed by .postN with N from 1 (a code-only "
                                 "release of the newest data version, such as '1.2.0.post1')")


@pytest.mark.parametrize("version", ["1.2.0", "1.2.0.post1"])
def test_well_formed_versions_are_returned(version: str) -> None:
    assert check_release_version(version) == version


def test_a_folder_without_build_or_changelog_is_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match=r"has no build/ folder, which holds the releases"):
        require_project(tmp_path)
    (tmp_path / "build").mkdir()
    (tmp_path / "technonat_data").mkdir()
    shutil.copy(ROOT / "technonat_data" / "_version.py", tmp_path / "technonat_data" / "_version.py")
    with pytest.raises(BuildError) as caught:
        require_project(tmp_path)
    assert str(caught.value) == f"{tmp_path.resolve() / 'CHANGELOG.md'} is missing: run from the project root"
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n", encoding="utf-8")
    require_project(tmp_path)


def test_the_date_of_a_release_comes_from_the_registry_or_its_folder(tmp_path: Path) -> None:
    assert _released_on({}, tmp_path, None) is None
    assert _released_on({"1.0.0": {"released": "2000-01-02"}}, tmp_path, "1.0.0") == "2000-01-02"
    assert _newest_entry("", {}, tmp_path, None) == (None, None)


def test_closing_lines_say_what_was_written_and_that_the_release_must_be_committed() -> None:
    assert closing_lines(ReleasePlan("9.9.0", "2000-01-02", "9.8.0", "")) == [
        "released 9.9.0 (2000-01-02): build/9.9.0, technonat_data/registry.json, technonat_data/_version.py, "
        "CHANGELOG.md, CITATION.cff, .zenodo.json and README.md are written",
        "next: read the CHANGELOG.md entry of 9.9.0 and write the prose around the generated names (keep every name in "
        "backticks); `technonat-data verify --root .` checks the whole checkout",
        "then commit the release (git add build/9.9.0 technonat_data CHANGELOG.md CITATION.cff .zenodo.json README.md; "
        "git commit): the test suite builds the wheel from a clean clone, so it passes only once the release is "
        "committed"]
    assert closing_lines(ReleasePlan("9.9.0.post1", "2000-01-03", "9.9.0", "")) == [
        "released 9.9.0.post1 (2000-01-03), a code-only release of data version 9.9.0: technonat_data/_version.py "
        "and CHANGELOG.md are written; build/ and technonat_data/registry.json are unchanged",
        "next: read the CHANGELOG.md entry of 9.9.0.post1; `technonat-data verify --root .` checks the whole checkout",
        "then commit the release (git add technonat_data CHANGELOG.md; git commit) with the code it ships"]


def test_a_released_version_keeps_its_date_and_its_folder(tmp_path: Path) -> None:
    (tmp_path / "technonat_data").mkdir()
    (tmp_path / "technonat_data" / "registry.json").write_text(
        '{"9.8.0": {"released": "2000-01-02", "files": {}}, "9.9.0": {"released": "2000-01-03", "files": {}}}\n',
        encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        already_released(tmp_path, "9.8.0", "2000-01-05")
    assert str(caught.value) == ("version 9.8.0 was released on 2000-01-02; --date 2000-01-05 cannot change it "
                                 "(released versions are never rewritten)")
    with pytest.raises(BuildError) as caught:
        already_released(tmp_path, "9.8.0", None)
    assert str(caught.value) == ("version 9.8.0 is in the registry but build/9.8.0 is missing: restore it from "
                                 "version control (released versions are never removed)")
    (tmp_path / "build" / "9.8.0").mkdir(parents=True)
    assert already_released(tmp_path, "9.8.0", "2000-01-02") == [
        f"version 9.8.0 is already released (2000-01-02) in {tmp_path / 'build' / '9.8.0'}; nothing to release"]
    assert already_released(tmp_path, "9.9.1", None) is None


def test_the_date_of_a_release_missing_from_the_registry_is_read_from_its_folder(tmp_path: Path) -> None:
    version = td.data_version
    shutil.copytree(ROOT / "build" / version, tmp_path / "build" / version)
    assert _released_on({}, tmp_path, version) == load_registry()[version]["released"]


def version_file(root: Path, version: str) -> Path:
    """Write a version file declaring ``version`` under ``root``; its path."""
    path = root / VERSION_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(with_version((ROOT / VERSION_FILE).read_text(encoding="utf-8"), version), encoding="utf-8")
    return path


def test_bringing_up_to_date_sets_an_older_version_file_and_leaves_a_current_one(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command, "write_derived_files", lambda root, folder: [])
    path = version_file(tmp_path, "9.9.0")
    assert _bring_up_to_date(tmp_path, "9.9.0", tmp_path) == []
    assert _bring_up_to_date(tmp_path, "9.9.0.post1", tmp_path) == [
        f"set the version in {VERSION_FILE} to 9.9.0.post1 (it declared 9.9.0)"]
    assert declared(tmp_path) == "9.9.0.post1" and path.read_text(encoding="utf-8").count("9.9.0.post1") == 1
    assert _bring_up_to_date(tmp_path, "9.9.0", tmp_path) == [] and declared(tmp_path) == "9.9.0.post1"


def test_bringing_up_to_date_names_the_derived_files_it_rewrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command, "write_derived_files", lambda root, folder: [root / "CITATION.cff", root / "README.md"])
    version_file(tmp_path, "9.9.0")
    assert _bring_up_to_date(tmp_path, "9.9.0", tmp_path / "build" / "9.9.0") == [
        "brought CITATION.cff, README.md up to date with release 9.9.0"]


def test_a_rollback_outside_the_main_thread_leaves_signals_alone(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    said: list[str] = []
    thread = threading.Thread(target=lambda: said.append(str(_rolled_back(root, journal, OSError("disk full")))))
    thread.start()
    thread.join()
    assert said == [f"the release of {journal.version} failed (disk full); every file was put back as it was, "
                    "nothing changed"]
    assert as_before(root)


CODE_ONLY_CHANGELOG = """# Changelog

## [Unreleased]

## [9.9.0.post10] - 2000-01-05

### Fixed
- Ten.

## [9.9.0.post2] - 2000-01-04

### Fixed
- Two.

## [9.9.0] - 2000-01-02

### Added
- Data.
"""


def code_only_project(root: Path) -> Path:
    """A project whose newest data release 9.9.0 has two code-only releases, post2 and (newest) post10."""
    (root / "technonat_data").mkdir()
    (root / "technonat_data" / "registry.json").write_text('{"9.9.0": {"released": "2000-01-02", "files": {}}}\n',
                                                           encoding="utf-8")
    (root / "build" / "9.9.0").mkdir(parents=True)
    (root / "CHANGELOG.md").write_text(CODE_ONLY_CHANGELOG, encoding="utf-8")
    version_file(root, "9.9.0.post10")
    return root


def test_a_made_code_only_release_keeps_its_date(tmp_path: Path) -> None:
    root = code_only_project(tmp_path)
    with pytest.raises(BuildError) as caught:
        already_released(root, "9.9.0.post2", "2000-01-06")
    assert str(caught.value) == ("version 9.9.0.post2 was released on 2000-01-04; --date 2000-01-06 cannot change it "
                                 "(released versions are never rewritten)")
    assert already_released(root, "9.9.0.post3", None) is None


def test_only_the_newest_code_only_release_brings_files_up_to_date(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = code_only_project(tmp_path)
    monkeypatch.setattr(command, "write_derived_files", lambda root, folder: [root / "README.md"])
    said = "is already released ({}); nothing to release"
    assert already_released(root, "9.9.0.post10", "2000-01-05") == [
        f"version 9.9.0.post10 (a code-only release of 9.9.0) {said.format('2000-01-05')}",
        "brought README.md up to date with release 9.9.0"]  # post10 is newer than post2 (numbers, not text)
    assert already_released(root, "9.9.0.post2", None) == [
        f"version 9.9.0.post2 (a code-only release of 9.9.0) {said.format('2000-01-04')}"]


def two_digit_minor_project(root: Path) -> Path:
    """Releases 9.9.0 and 9.10.0 (newer by number, older as text), with folders and a version file at 9.10.0."""
    (root / "technonat_data").mkdir()
    (root / "technonat_data" / "registry.json").write_text(
        '{"9.9.0": {"released": "2000-01-02", "files": {}}, "9.10.0": {"released": "2000-01-03", "files": {}}}\n',
        encoding="utf-8")
    for version in ("9.9.0", "9.10.0"):
        (root / "build" / version).mkdir(parents=True)
    (root / "CHANGELOG.md").write_text(CODE_ONLY_CHANGELOG, encoding="utf-8")
    version_file(root, "9.10.0")
    return root


def test_the_newest_release_is_the_highest_by_number_not_by_text(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = two_digit_minor_project(tmp_path)
    monkeypatch.setattr(command, "write_derived_files", lambda root, folder: [root / "README.md"])
    assert already_released(root, "9.10.0", None)[1:] == ["brought README.md up to date with release 9.10.0"]
    assert already_released(root, "9.9.0", None)[1:] == []
    assert already_released(root, "9.9.0.post10", None)[1:] == []  # 9.9.0 is not the newest data version


def release_project(root: Path) -> Path:
    """A checkout as ``release`` needs it before planning: build/ with 9.8.0, a version file, registry, CHANGELOG."""
    (root / "technonat_data").mkdir()
    (root / "technonat_data" / "registry.json").write_text('{"9.8.0": {"released": "2000-01-02", "files": {}}}\n',
                                                           encoding="utf-8")
    (root / "build" / "9.8.0").mkdir(parents=True)
    (root / "CHANGELOG.md").write_text("# Changelog\n\n## [Unreleased]\n\n## [9.8.0] - 2000-01-02\n", encoding="utf-8")
    version_file(root, "9.8.0")
    return root


def test_release_recovers_then_plans_then_applies_under_its_lock(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = release_project(tmp_path)
    made, journal = ReleasePlan("9.9.0", "2000-01-03", "9.8.0", "entry"), Journal("9.9.0", "2000-01-03", [])
    events: list[object] = []
    monkeypatch.setattr(command, "_recover", lambda root: "finished the interrupted release of 9.8.1")
    monkeypatch.setattr(command, "_plan_journal", lambda root, version, date: (journal, made))
    monkeypatch.setattr(command, "checkpoint", events.append)
    monkeypatch.setattr(command, "apply", lambda root, j: events.append((j, (root / HOLDER).read_text(encoding="utf-8"))))
    outcome = command.release(root, "9.9.0")
    assert outcome.plan == made
    assert outcome.lines == ["finished the interrupted release of 9.8.1", *closing_lines(made)]
    assert events == ["journal", (journal, f"release 9.9.0, process {os.getpid()}\n")]


def test_a_release_that_fails_while_applied_is_rolled_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = release_project(tmp_path)
    journal = Journal("9.9.0", "2000-01-03", [])
    undone: list[Journal] = []

    def failing(root: Path, j: Journal) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(command, "_plan_journal", lambda root, version, date: (journal, None))
    monkeypatch.setattr(command, "apply", failing)
    monkeypatch.setattr(command, "roll_back", lambda root, j: undone.append(j))
    with pytest.raises(BuildError) as caught:
        command.release(root, "9.9.0")
    assert str(caught.value) == "the release of 9.9.0 failed (disk full); every file was put back as it was, nothing changed"
    assert undone == [journal]


def test_releasing_a_made_version_again_with_another_date_is_refused(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = release_project(tmp_path)
    monkeypatch.setattr(command, "write_derived_files", lambda root, folder: [])
    with pytest.raises(BuildError) as caught:
        command.release(root, "9.8.0", "2000-01-05")
    assert str(caught.value).startswith("version 9.8.0 was released on 2000-01-02; --date 2000-01-05 cannot change it")
    again = command.release(root, "9.8.0", "2000-01-02")
    assert again.plan is None and again.lines == [
        f"version 9.8.0 is already released (2000-01-02) in {root / 'build' / '9.8.0'}; nothing to release"]

"""The release command's refusals before it stages anything, in-process on a copy of the project, each by its whole
message (the staging paths are in test_release_command.py)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.curate.problems import BuildError
from technonat_data.curate.release.command import plan, prepare
from technonat_data.curate.release.journal import JOURNAL, Journal, write_journal

from .new_release import change_one_fact, next_version
from .test_release_command import PREVIOUS_DATE, everything

NEXT = next_version()


def refusal(root: Path, version: str = NEXT, date: str | None = PREVIOUS_DATE) -> str:
    """The message ``prepare`` refuses ``version`` with; nothing in ``root`` may change."""
    before = everything(root)
    with pytest.raises(BuildError) as caught:
        prepare(root, version, date, root.parent / "staged" / version)
    assert everything(root) == before
    return str(caught.value)


def test_a_changelog_entry_written_by_hand_is_refused(repo: Path) -> None:
    change_one_fact(repo)
    changelog = repo / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace(f"## [{td.__version__}]", f"## [{NEXT}] - {PREVIOUS_DATE}\n\n- x\n\n"
                                      f"## [{td.__version__}]", 1), encoding="utf-8")
    assert refusal(repo) == (f"CHANGELOG.md already has an entry for {NEXT}; the release command writes it: remove it "
                             "(keep its notes under ## [Unreleased])")


def test_a_release_folder_made_by_hand_is_refused_and_kept(repo: Path) -> None:
    change_one_fact(repo)
    (repo / "build" / NEXT).mkdir()
    (repo / "build" / NEXT / "facts.csv").write_bytes(b"kept\n")
    assert refusal(repo) == (f"build/{NEXT} exists but is not a release (it was not made by this command): move it out "
                             "of build/; nothing was written and nothing is deleted")


def test_a_pending_journal_is_named_before_anything_is_planned(repo: Path) -> None:
    write_journal(repo, Journal("9.9.9", PREVIOUS_DATE, []))
    with pytest.raises(BuildError) as caught:
        plan(repo, NEXT)
    assert str(caught.value) == (f"an interrupted release of 9.9.9 is pending ({JOURNAL}): run `technonat-data "
                                 "release 9.9.9` to finish it first")


def test_the_first_release_of_a_project_has_no_previous_release(repo: Path, tmp_path: Path) -> None:
    for folder in (repo / "build").iterdir():
        shutil.rmtree(folder)
    (repo / "technonat_data" / "registry.json").write_text("{}\n", encoding="utf-8")
    made, contents = prepare(repo, NEXT, PREVIOUS_DATE, tmp_path / "staged" / NEXT)
    assert made.previous is None and made.entry.startswith(f"## [{NEXT}] - {PREVIOUS_DATE}\n")
    assert list(json.loads(contents["technonat_data/registry.json"])) == [NEXT]


def test_a_release_folder_the_registry_lacks_still_dates_the_next_release(repo: Path, tmp_path: Path) -> None:
    path = repo / "technonat_data" / "registry.json"
    registry = json.loads(path.read_text(encoding="utf-8"))
    newest = list(registry)[-1]
    released = registry.pop(newest)["released"]
    path.write_text(json.dumps(registry), encoding="utf-8")
    change_one_fact(repo)
    day_before = (dt.date.fromisoformat(released) - dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValueError) as caught:
        prepare(repo, NEXT, day_before, tmp_path / "staged" / NEXT)
    assert str(caught.value) == (f"release date {day_before} is before the date of the previous release {newest} "
                                 f"({released}); a release date may not go back: pass --date {released} or later")
    _, contents = prepare(repo, NEXT, released, tmp_path / "staged" / NEXT)
    registry = json.loads(contents["technonat_data/registry.json"])
    assert list(registry)[-2:] == [newest, NEXT]  # the unrecorded folder is recorded from build/, then the new one
    assert registry[newest]["released"] == released

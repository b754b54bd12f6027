"""What the release command checks before it writes anything, in-process on a copy of the project (mutation testing
reaches ``prepare`` and ``plan`` only this way): each refusal's whole message, and the files a plan would write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.curate.problems import BuildError
from technonat_data.curate.release.command import plan, prepare
from technonat_data.curate.release.journal import JOURNAL, Journal, write_journal

from .conftest import RELEASE_WRITES
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


def test_a_release_that_changes_nothing_says_since_which_version(repo: Path) -> None:
    assert refusal(repo) == (f"version {NEXT} changes nothing since {td.__version__}: raw/ gives the same tables, "
                             "columns and rows; there is nothing to release")


def test_a_pending_journal_is_named_before_anything_is_planned(repo: Path) -> None:
    write_journal(repo, Journal("9.9.9", PREVIOUS_DATE, []))
    with pytest.raises(BuildError) as caught:
        plan(repo, NEXT)
    assert str(caught.value) == (f"an interrupted release of 9.9.9 is pending ({JOURNAL}): run `technonat-data "
                                 "release 9.9.9` to finish it first")


def test_a_plan_has_the_version_date_previous_release_and_entry_and_writes_nothing(repo: Path) -> None:
    change_one_fact(repo)
    before = everything(repo)
    made = plan(repo, NEXT, PREVIOUS_DATE)
    assert (made.version, made.date, made.previous) == (NEXT, PREVIOUS_DATE, td.__version__)
    assert made.entry.startswith(f"## [{NEXT}] - {PREVIOUS_DATE}\n")
    assert everything(repo) == before and not list(repo.parent.glob(".release-plan-*"))


def test_prepare_stages_the_folder_and_gives_the_new_bytes_of_every_file(repo: Path, tmp_path: Path) -> None:
    change_one_fact(repo)
    staged = tmp_path / "work" / "build" / NEXT
    made, contents = prepare(repo, NEXT, PREVIOUS_DATE, staged)
    assert sorted(contents) == sorted(["technonat_data/_version.py", "CHANGELOG.md", *RELEASE_WRITES,
                                       "technonat_data/registry.json"])
    assert f'"{NEXT}"' in contents["technonat_data/_version.py"].decode()
    assert contents["CHANGELOG.md"].decode().count(made.entry) == 1
    registry = json.loads(contents["technonat_data/registry.json"])
    assert list(registry)[-1] == NEXT and registry[NEXT]["released"] == PREVIOUS_DATE
    assert set(registry[NEXT]["files"]) >= {p.name for p in staged.iterdir()}
    assert (staged / "facts.parquet").is_file()

"""The CHANGELOG check: newer versions only, every change named under its own section, comments ignored, no empty
release; and the one mapping from a diff to sections that the check and the release command share."""

from __future__ import annotations

from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.curate.problems import BuildError
from technonat_data.curate.release.build import build
from technonat_data.curate.release.changelog import expected_sections
from technonat_data.registry import versions
from technonat_data.release_diff import TableDiff

from .new_release import ROW, add_entry, change_one_fact, next_version


def test_expected_sections_follow_the_kind_of_change() -> None:
    diffs = [TableDiff("facts", added=["a"], removed=["r"], changed={"c": {}}, columns_added=["x"]),
             TableDiff("notes", added=["n"], table_added=True), TableDiff("claims")]
    assert expected_sections(diffs) == {"Added": ["facts", "x", "a", "notes", "n"], "Changed": ["facts", "c"],
                                        "Removed": ["facts", "r"]}


def test_a_correct_entry_builds(project: Path) -> None:
    change_one_fact(project)
    new = next_version()
    add_entry(project, new, f"### Changed\n- Table `facts`: row `{ROW}`, reworded.")
    assert build(project, version=new).created


def test_a_name_under_the_wrong_section_is_refused(project: Path) -> None:
    change_one_fact(project)
    new = next_version()
    add_entry(project, new, f"### Added\n- Table `facts`: row `{ROW}`.")
    with pytest.raises(BuildError, match=rf"not named \(in backticks\): under ### Changed: `facts`, `{ROW}`"):
        build(project, version=new)
    assert not (project / "build" / new).exists()


def test_a_name_inside_an_html_comment_does_not_count(project: Path) -> None:
    change_one_fact(project)
    new = next_version()
    add_entry(project, new, f"### Changed\n- Table `facts`.<!-- row `{ROW}` -->")
    with pytest.raises(BuildError, match=rf"under ### Changed: `{ROW}`"):
        build(project, version=new)


def test_a_release_that_changes_nothing_is_refused(project: Path) -> None:
    new = next_version()
    add_entry(project, new, f"### Changed\n- Table `facts`: row `{ROW}`.")
    with pytest.raises(BuildError, match=rf"version {new} changes nothing since {td.__version__}"):
        build(project, version=new)


def test_a_version_older_than_a_release_is_refused(project: Path) -> None:
    change_one_fact(project)
    older = _between_releases()
    add_entry(project, older, f"### Changed\n- Table `facts`: row `{ROW}`.")
    with pytest.raises(BuildError, match=rf"version {older} is not newer than every release"):
        build(project, version=older)
    assert not (project / "build" / older).exists()


def _between_releases() -> str:
    """A never-released version older than the latest release: the first release's next patch."""
    major, minor, patch = (int(p) for p in versions()[0].split("."))
    return f"{major}.{minor}.{patch + 1}"

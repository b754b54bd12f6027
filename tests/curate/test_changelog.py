"""The CHANGELOG check: newer versions only, every change named under its own section, comments ignored, no empty
release; and the one mapping from a diff to sections that the check and the release command share."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.curate.build import build
from technonat_data.curate.changelog import expected_sections
from technonat_data.curate.problems import BuildError
from technonat_data.registry import versions
from technonat_data.release_diff import TableDiff

ROW = "japan_peak_global_capacity_share"


def next_version(version: str = td.__version__) -> str:
    """The next minor version after ``version`` (derived, never typed)."""
    major, minor, _ = (int(p) for p in version.split("."))
    return f"{major}.{minor + 1}.0"


def change_one_fact(project: Path) -> None:
    """Change the English text of one fact in the raw copy."""
    path = project / "raw" / "facts.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        if row["fact_id"] == ROW:
            row["text_en"] += " (reworded)"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def add_entry(project: Path, version: str, body: str) -> None:
    """Insert a dated entry for ``version`` above the current release's entry."""
    changelog = project / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    heading = f"## [{td.__version__}]"
    changelog.write_text(text.replace(heading, f"## [{version}] - 2000-01-01\n\n{body}\n\n{heading}", 1), encoding="utf-8")


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

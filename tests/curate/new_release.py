"""Helpers for tests that make a next release in a copy of the project: the version is derived, never typed."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import technonat_data as td

ROW = "japan_peak_global_capacity_share"


def next_version(version: str | None = None) -> str:
    """The next minor version after ``version`` (default: the data version; derived, never typed)."""
    major, minor, _ = (int(p) for p in (version or td.data_version).split("."))
    return f"{major}.{minor + 1}.0"


def change_one_fact(project: Path) -> None:
    """Change the English text of one fact in the raw copy."""
    reword(project / "raw" / "facts.csv", "fact_id", ROW)


def reword(path: Path, key: str, row_id: str) -> None:
    """Append " (reworded)" to the English text of row ``row_id`` of a raw CSV file, so a release changes one row."""
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        if row[key] == row_id:
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


def copy_project(root: Path, target: Path) -> Path:
    """A copy of the project's raw inputs, schemas, changelog and releases (as the ``project`` fixture makes)."""
    for name in ("raw", "schemas", "build"):
        if (root / name).exists():
            shutil.copytree(root / name, target / name)
    shutil.copy(root / "CHANGELOG.md", target / "CHANGELOG.md")
    return target


def make_next_release(project: Path) -> str:
    """Change one fact, name it in a CHANGELOG entry of the next version, and return that version (not built)."""
    change_one_fact(project)
    new = next_version()
    add_entry(project, new, f"### Changed\n- Table `facts`: row `{ROW}`, reworded.")
    return new

"""Diffs between releases, and the changelog check that uses them, on a second version built in a temp dir."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.curate.problems import BuildError
from technonat_data.curate.release.build import build
from technonat_data.curate.release.changelog import release_date

from .conftest import ROOT, run_cli


def next_minor(version: str) -> str:
    """The version an ordinary next release would get: the minor number bumped."""
    major, minor, _ = (int(part) for part in version.split("."))
    return f"{major}.{minor + 1}.0"


def unused_reference() -> str:
    """A reference no check cites: removing it breaks no link, so the next version can drop it."""
    cited = {row["reference_id"] for row in csv.DictReader((ROOT / "raw" / "checks.csv").open(encoding="utf-8"))}
    listed = [line.split(":", 1)[1].strip() for line in (ROOT / "raw" / "references.yaml").read_text(encoding="utf-8")
              .splitlines() if line.startswith("- reference_id:")]
    unused = [ref for ref in listed if ref not in cited]
    assert unused, "every reference is cited: give this test another row it can remove"
    return unused[0]


NEW = next_minor(td.__version__)
REMOVED = unused_reference()
NEW_DATE = (dt.date.fromisoformat(release_date(ROOT / "CHANGELOG.md", td.__version__)) + dt.timedelta(days=1)).isoformat()
ENTRY = f"""## [{NEW}] - {NEW_DATE}

### Added
- Table `entities`: column `wikidata_id`.
- Table `facts`: row `elpida_founding_year_example`.
- Table `checks`: row `chk_elpida_founding_year_example`.

### Changed
- Table `facts`: row `japan_peak_global_capacity_share` (English rendering).

### Removed
- Table `references`: row `{REMOVED}`.

"""


def edit_rows(path: Path, change) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    columns = list(rows[0])
    rows = change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def second_version(project: Path, entry: str = ENTRY) -> None:
    """Modify the raw copy: one fact changed, one added, one reference removed, one column added; add the entry."""

    def facts(rows: list[dict]) -> list[dict]:
        for row in rows:
            if row["fact_id"] == "japan_peak_global_capacity_share":
                row["text_en"] = "At its peak Japan held 51% of global semiconductor capacity, the article says."
        added = dict(rows[0], fact_id="elpida_founding_year_example", text_en="A second copy of a fact, for testing.")
        if "title_en" in added:  # titles are unique in their table
            added["title_en"] = "A second copy of a fact, for testing"
        return [*rows, added]

    edit_rows(project / "raw" / "facts.csv", facts)
    references = project / "raw" / "references.yaml"
    entries = references.read_text(encoding="utf-8").split("\n- reference_id: ")
    references.write_text("\n- reference_id: ".join(e for e in entries if not e.startswith(f"{REMOVED}\n")), encoding="utf-8")

    def checks(rows: list[dict]) -> list[dict]:
        added = dict.fromkeys(rows[0], "") | {"check_id": "chk_elpida_founding_year_example", "verdict": "unverified",
                                              "fact_id": "elpida_founding_year_example", "explanation_en": "A test row."}
        return [*rows, added]

    edit_rows(project / "raw" / "checks.csv", checks)
    spec = project / "schemas" / "entities.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "  - name: wikidata_id\n    type: string\n"
                    "    pattern: 'Q[0-9]+'\n    description: Wikidata item of the entity, where one is known.\n",
                    encoding="utf-8")
    changelog = project / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace(f"## [{td.__version__}]", entry + f"## [{td.__version__}]", 1), encoding="utf-8")


def test_diff_reports_rows_and_columns(project: Path) -> None:
    second_version(project)
    built = build(project, version=NEW)
    diffs = {d.table: d for d in td.diff(project / "build" / td.__version__, built.path)}
    assert diffs["facts"].added == ["elpida_founding_year_example"]
    changed = diffs["facts"].changed["japan_peak_global_capacity_share"]
    assert list(changed) == ["text_en"] and changed["text_en"][1].startswith("At its peak Japan held 51%")
    assert diffs["references"].removed == [REMOVED]
    assert diffs["entities"].columns_added == ["wikidata_id"]
    assert not diffs["claims"] and not diffs["sources"]
    assert (project / "build" / td.__version__ / "SHA256SUMS").is_file()


def test_diff_of_one_table_and_cli_output(project: Path) -> None:
    second_version(project)
    build(project, version=NEW)
    only = td.diff(project / "build" / td.__version__, project / "build" / NEW, table="references")
    assert [d.table for d in only] == ["references"]
    code, out, _ = run_cli("diff", str(project / "build" / td.__version__), str(project / "build" / NEW))
    assert code == 0
    assert f"references:\n  - {REMOVED}" in out
    assert "  ~ japan_peak_global_capacity_share\n      text_en: " in out
    assert "entities:\n  column added: wikidata_id" in out


def test_diff_of_identical_releases_is_empty() -> None:
    diffs = td.diff(td.__version__, td.__version__)
    assert not any(diffs)
    code, out, _ = run_cli("diff", td.__version__, td.__version__)
    assert (code, out) == (0, "no differences\n")


def test_changelog_entry_must_name_every_change(project: Path) -> None:
    second_version(project, ENTRY.replace(f"- Table `references`: row `{REMOVED}`.\n", ""))
    with pytest.raises(BuildError, match=rf"these changes are not named \(in backticks\): .*{REMOVED}"):
        build(project, version=NEW)
    assert not (project / "build" / NEW).exists()


def test_changelog_entry_needs_a_keep_a_changelog_section(project: Path) -> None:
    entry = ENTRY.replace("### Added", "Added:").replace("### Changed", "").replace("### Removed", "")
    second_version(project, entry)
    with pytest.raises(BuildError, match="no section"):
        build(project, version=NEW)


def test_changelog_entry_must_name_an_added_column(project: Path) -> None:
    second_version(project, ENTRY.replace(": column `wikidata_id`", ": column wikidata_id"))
    with pytest.raises(BuildError, match=r"these changes are not named \(in backticks\): under ### Added: `wikidata_id`$"):
        build(project, version=NEW)
    assert not (project / "build" / NEW).exists()

"""The CHANGELOG entry a release writes: a skeleton naming exactly what ``diff`` finds, with the Unreleased notes
folded into their sections, placed right below an emptied ``## [Unreleased]``."""

from __future__ import annotations

import re

from ...release_diff import TableDiff
from .changelog import expected_sections, split_sections, unreleased

SECTION_ORDER = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")


def skeleton(diffs: list[TableDiff]) -> dict[str, list[str]]:
    """Each section's lines naming, table by table, what changed: the names ``expected_sections`` requires."""
    lines: dict[str, list[str]] = {}
    for d in diffs:
        for section, (table, *names) in expected_sections([d]).items():
            state = " (new)" if d.table_added else " (removed)" if d.table_removed else ""
            columns = {*d.columns_added, *d.columns_removed, *d.columns_retyped}
            named = ": " + ", ".join(f"{'column' if n in columns else 'row'} `{n}`" for n in names) if names else ""
            lines.setdefault(section, []).append(f"- Table `{table}`{state}{named}.")
    return lines


def compose_entry(version: str, day: str, diffs: list[TableDiff], changelog: str) -> str:
    """The new entry: the skeleton's lines, each section followed by what ``## [Unreleased]`` already says."""
    found = unreleased(changelog)
    preamble, pending = split_sections(found.group(1)) if found else ("", {})
    generated = skeleton(diffs)
    names = [s for s in SECTION_ORDER if s in generated or s in pending] + [s for s in pending if s not in SECTION_ORDER]
    parts = [f"## [{version}] - {day}\n"]
    if preamble.strip():
        parts.append(preamble.strip() + "\n")
    for name in names:
        body = "\n".join(generated.get(name, [])) + "\n" + pending.get(name, "").strip("\n")
        parts.append(f"### {name}\n{body.strip(chr(10))}\n")
    return "\n".join(parts) + "\n"


def changelog_with(changelog: str, new_entry: str) -> str:
    """The changelog text with ``## [Unreleased]`` emptied and the new entry right below it."""
    found = unreleased(changelog)
    if found:
        return changelog[: found.start()] + "## [Unreleased]\n\n" + new_entry + changelog[found.end() :]
    first = re.search(r"^## \[", changelog, flags=re.MULTILINE)
    at = first.start() if first else len(changelog)
    return changelog[:at] + "## [Unreleased]\n\n" + new_entry + changelog[at:]

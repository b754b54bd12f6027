"""CHANGELOG.md rules: a version is released by its dated entry ``## [X.Y.Z] - YYYY-MM-DD``, which must name, under
the section matching the change (Added, Changed, Removed), every table, column and row id that changed since the
previous release; a version must be newer than every release, and must change something. A code-only release's
entry ``## [X.Y.Z.postN] - YYYY-MM-DD`` changes no data, so it is exempt from both data rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ...release_diff import TableDiff
from ...version_numbers import PACKAGE_VERSION, is_code_only, version_key
from ..problems import BuildError

SECTIONS = ("Added", "Changed", "Fixed", "Removed")
ALSO_ACCEPTED = {"Changed": ("Fixed",)}  # a corrected row may be listed under Fixed instead of Changed
COMMENT = re.compile(r"<!--.*?-->", flags=re.DOTALL)
HEADING = re.compile(r"^## \[([^\]\n]+)\] - ([0-9]{4}-[0-9]{2}-[0-9]{2})[ \t]*$", flags=re.MULTILINE)


def release_entries(text: str) -> dict[str, tuple[str, int]]:
    """Every dated release entry of a changelog's text, data (X.Y.Z) and code-only (X.Y.Z.postN): version -> (date,
    line number of its heading). Headings whose version is malformed are not entries."""
    return {m.group(1): (m.group(2), text.count("\n", 0, m.start()) + 1) for m in HEADING.finditer(text)
            if PACKAGE_VERSION.fullmatch(m.group(1))}


def release_date(changelog: Path, version: str) -> str:
    """The ISO date of ``version``'s entry in ``changelog``; a BuildError when there is none."""
    match = _heading(changelog, version)
    if match is None:
        raise BuildError(f"{changelog.name} has no entry '## [{version}] - YYYY-MM-DD'; add one before building {version}")
    return match.group(1)


def entry(changelog: Path, version: str) -> str:
    """The text of ``version``'s entry, from its heading to the next version heading."""
    match = _heading(changelog, version)
    if match is None:
        return ""
    text = changelog.read_text(encoding="utf-8")
    following = re.search(r"^## \[", text[match.end() :], flags=re.MULTILINE)
    return text[match.start() : match.end() + (following.start() if following else len(text))]


def expected_sections(diffs: Iterable[TableDiff]) -> dict[str, list[str]]:
    """The names each section must mention for ``diffs``: what was added, changed and removed, table by table.

    A table is named in every section where it has a change; columns and rows in the section of their change.
    Shared by the build's check and the release command's skeleton, so the two cannot disagree.
    """
    sections: dict[str, list[str]] = {"Added": [], "Changed": [], "Removed": []}
    for d in diffs:
        if d.table_added or d.table_removed:
            sections["Added" if d.table_added else "Removed"] += [d.table, *d.added, *d.removed]
            continue
        for section, names in (("Added", [*d.columns_added, *d.added]), ("Changed", [*d.columns_retyped, *d.changed]),
                               ("Removed", [*d.columns_removed, *d.removed])):
            if names:
                sections[section] += [d.table, *names]
    return {s: list(dict.fromkeys(names)) for s, names in sections.items() if names}


def check_newer(version: str, releases: Iterable[str]) -> None:
    """Raise a BuildError unless ``version`` is newer than every released version."""
    newer_or_equal = sorted((r for r in releases if version_key(r) >= version_key(version)), key=version_key)
    if newer_or_equal:
        raise BuildError(f"version {version} is not newer than every release (released: {', '.join(newer_or_equal)}); "
                         "a new version must be greater than the latest release")


def check_entry(changelog: Path, version: str, diffs: list[TableDiff], previous: str) -> None:
    """Raise a BuildError unless the entry has sections naming, each under the right one, every change of ``diffs``.

    A code-only entry (``X.Y.Z.postN``) is exempt: it changes no data, so it has nothing to name.
    """
    if is_code_only(version):
        return
    expected = expected_sections(diffs)
    if not expected:
        raise BuildError(f"version {version} changes nothing since {previous}: raw/ gives the same tables, columns "
                         "and rows; there is nothing to release")
    found = sections(entry(changelog, version))
    problems = [] if found else [f"no section ({', '.join('### ' + s for s in SECTIONS)})"]
    missing = []
    for section, names in expected.items():
        text = "\n".join(found.get(s, "") for s in (section, *ALSO_ACCEPTED.get(section, ())))
        absent = [f"`{n}`" for n in names if f"`{n}`" not in text]
        if absent:
            missing.append(f"under ### {section}: {', '.join(absent)}")
    if missing:
        problems.append("these changes are not named (in backticks): " + "; ".join(missing))
    if problems:
        raise BuildError(f"{changelog.name} entry for {version}: " + "; ".join(problems))


def sections(text: str) -> dict[str, str]:
    """The text of each ``### Section`` of an entry, HTML comments removed (a name inside a comment does not count)."""
    _, parts = split_sections(COMMENT.sub("", text))
    return {name: body for name, body in parts.items() if name in SECTIONS}


def split_sections(text: str) -> tuple[str, dict[str, str]]:
    """The text before the first ``### Section`` heading, and each section's text (repeated sections joined)."""
    parts = re.split(r"^### (\w+)[ \t]*$", text, flags=re.MULTILINE)
    found: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        found[name] = found.get(name, "") + body
    return parts[0], found


def unreleased(text: str) -> re.Match | None:
    """The ``## [Unreleased]`` section of a changelog's text: group 1 is its body, up to the next version heading."""
    return re.search(r"^## \[Unreleased\][ \t]*\n(.*?)(?=^## \[|\Z)", text, flags=re.MULTILINE | re.DOTALL)


def _heading(changelog: Path, version: str) -> re.Match | None:
    text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
    return re.search(rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})\s*$", text, flags=re.MULTILINE)

"""CHANGELOG.md rules: a version is released by its dated entry ``## [X.Y.Z] - YYYY-MM-DD``, and the entry must
name what changed (tables, columns and row ids) since the previous release."""

from __future__ import annotations

import re
from pathlib import Path

from .problems import BuildError

SECTIONS = ("Added", "Changed", "Fixed", "Removed")


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


def check_entry(changelog: Path, version: str, mentions: list[str]) -> None:
    """Raise a BuildError unless the entry has a Keep a Changelog section and names every one of ``mentions``."""
    text = entry(changelog, version)
    problems = []
    if not any(re.search(rf"^### {s}\s*$", text, flags=re.MULTILINE) for s in SECTIONS):
        problems.append(f"no section ({', '.join('### ' + s for s in SECTIONS)})")
    missing = [m for m in dict.fromkeys(mentions) if f"`{m}`" not in text]
    if missing:
        problems.append("these changes are not named (in backticks): " + ", ".join(missing))
    if problems:
        raise BuildError(f"{changelog.name} entry for {version}: " + "; ".join(problems))


def _heading(changelog: Path, version: str) -> re.Match | None:
    text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
    return re.search(rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})\s*$", text, flags=re.MULTILINE)

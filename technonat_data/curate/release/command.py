"""``technonat-data release X.Y.Z``: make the next release in one step, safely.

Everything is checked first (the version is new and greater than every release, raw/ is valid, it changes
something since the previous release); only then are the version declaration, the CHANGELOG entry, the release
folder, the registry and the files derived from the version (``CITATION.cff``, ``.zenodo.json``, the README's
typed version and verdict counts) written. If any step fails, every file is put back as it was.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ...release_diff import TableDiff, diff
from ...version_numbers import check_version, version_key
from ..problems import BuildError
from .build import REGISTRY, build, released_versions, stage
from .changelog import check_newer, entry, expected_sections, split_sections, unreleased
from .derived_files import DERIVED, write_derived_files
from .toolchain import check_toolchain

VERSION_FILE = Path("technonat_data") / "_version.py"
VERSION_LINE = re.compile(r'^__version__ = "([^"]*)"$', flags=re.MULTILINE)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SECTION_ORDER = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")


@dataclass(frozen=True)
class ReleasePlan:
    """What a release will write: the version, its date, the previous release and the CHANGELOG entry."""

    version: str
    date: str
    previous: str | None
    entry: str


def release_day(date: str | None) -> str:
    """``date`` after checking it is a real YYYY-MM-DD day; today's UTC date when None."""
    if date is None:
        return dt.datetime.now(dt.UTC).date().isoformat()
    try:
        if not ISO_DATE.fullmatch(date):
            raise ValueError("not in the form YYYY-MM-DD")
        return dt.date.fromisoformat(date).isoformat()
    except ValueError as err:
        raise ValueError(f"malformed date {date!r}: {err}; expected a day YYYY-MM-DD") from None


def plan(root: Path, version: str, date: str | None = None) -> ReleasePlan:
    """Check everything a release needs and compose its CHANGELOG entry; writes nothing in ``root``."""
    check_version(version)
    day = release_day(date)
    released = released_versions(root)
    check_newer(version, released)
    changelog = root / "CHANGELOG.md"
    if not (root / VERSION_FILE).is_file() or not VERSION_LINE.search((root / VERSION_FILE).read_text(encoding="utf-8")):
        raise BuildError(f"{root / VERSION_FILE} with a line __version__ = \"X.Y.Z\" is missing: run from the project root")
    if not changelog.is_file() or entry(changelog, version):
        raise BuildError(f"{changelog.name} is missing or already has an entry for {version}; the release command writes it")
    previous = max(released, key=version_key) if released else None
    diffs = changes_since(root, previous, version, day)
    expected = expected_sections(diffs)
    if previous is not None and not expected:
        raise BuildError(f"version {version} changes nothing since {previous}: raw/ gives the same tables, columns and "
                         "rows; there is nothing to release")
    return ReleasePlan(version, day, previous, compose_entry(version, day, diffs, changelog.read_text(encoding="utf-8")))


def changes_since(root: Path, previous: str | None, version: str, day: str) -> list[TableDiff]:
    """What raw/ now gives that differs from release ``previous``, from files staged in a temporary folder."""
    if previous is None:
        return []
    with tempfile.TemporaryDirectory(prefix=".release-") as tmp:
        staging = Path(tmp) / version
        staging.mkdir()
        stage(root, staging, version, day, check_toolchain())
        return diff(root / "build" / previous, staging)


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


def release(root: Path, version: str, date: str | None = None) -> ReleasePlan:
    """Make release ``version`` in ``root``: check, then bump the version, write the entry, build, write derived files.

    On any failure every file touched is restored and the new release folder removed.
    """
    made = plan(root, version, date)
    touched = [root / VERSION_FILE, root / "CHANGELOG.md", root / REGISTRY, *derived_paths(root)]
    saved = {p: p.read_bytes() for p in touched if p.is_file()}
    try:
        text = (root / VERSION_FILE).read_text(encoding="utf-8")
        (root / VERSION_FILE).write_text(VERSION_LINE.sub(f'__version__ = "{version}"', text, count=1), encoding="utf-8")
        changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
        (root / "CHANGELOG.md").write_text(changelog_with(changelog, made.entry), encoding="utf-8")
        folder = build(root, version=version).path
        write_derived_files(root, folder)
    except BaseException:
        for path in touched:
            if path in saved:
                path.write_bytes(saved[path])
            else:
                path.unlink(missing_ok=True)
        shutil.rmtree(root / "build" / version, ignore_errors=True)
        raise
    return made


def derived_paths(root: Path) -> list[Path]:
    """The files the release rewrites from the new version."""
    return [root / name for name in DERIVED]


"""Whether a checkout agrees with itself: the registry, ``build/``, ``_version.py``, ``CHANGELOG.md``,
``CITATION.cff``, ``.zenodo.json`` and the README's generated counts, with no journal or staging left behind.

Behind ``technonat-data verify`` in a checkout: one line per disagreement, each naming the command that repairs it.
A code-only release ``X.Y.Z.postN`` has a CHANGELOG entry and no registry entry: it agrees when X.Y.Z is registered,
its date is not before X.Y.Z's, and ``_version.py`` declares the newest release, data or code-only.
"""

from __future__ import annotations

from pathlib import Path

from ...integrity import CHECKSUMS, release_damage
from ...version_numbers import data_version_of, is_code_only, package_version_key, version_key
from ..problems import BuildError
from .changelog import release_entries
from .code_only import code_only_releases
from .derived_files import outdated
from .guard import REGISTRY, STAGING_PREFIX, recorded_registry, release_folders
from .journal import JOURNAL, WORKDIR, read_journal
from .notes import notes_problems
from .version_file import VERSION_FILE, declared


def release_check(root: Path, version: str | None = None) -> tuple[list[str], list[str]]:
    """Check each release under ``root/build`` (or only ``version``) against ``SHA256SUMS`` and ``root``'s registry:
    (one line per intact release, one message per damaged file or missing release)."""
    recorded = recorded_registry(root / REGISTRY)
    folders = release_folders(root / "build")
    intact, damage = [], []
    for name in sorted(set(recorded) | set(folders), key=version_key):
        if version is not None and name != version:
            continue
        if name not in folders:
            damage.append(f"build/{name} is missing, but the registry records it: restore it (git checkout -- "
                          f"build/{name}); released versions are never removed")
            continue
        found = release_damage(folders[name], name, recorded.get(name), f"build/{name}") if name in recorded else []
        damage += found
        if name in recorded and not found:
            intact.append(f"{name}: intact ({folders[name]})")
    if version is not None and version not in recorded:
        damage.append(f"version {version} is not in {REGISTRY} of {root.resolve()}")
    return intact, damage


def inconsistencies(root: Path) -> list[str]:
    """One line per disagreement between the parts of the checkout at ``root``, each naming its repair."""
    try:
        recorded = recorded_registry(root / REGISTRY)
    except BuildError as err:
        return [str(err)]
    problems = leftovers(root)
    problems += unlisted_folders(root, recorded)
    latest = max(recorded, key=version_key) if recorded else None
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8") if (root / "CHANGELOG.md").is_file() else ""
    entries = release_entries(text)
    try:
        current = declared(root)
    except BuildError as err:
        return [*problems, str(err)]
    problems += version_problems(current, newest_release(latest, text), entries)
    problems += changelog_problems(recorded, entries, current)
    problems += notes_problems(text)
    if latest is not None and data_version_of(current) == latest and (root / "build" / latest).is_dir():
        problems += [f"{name} does not match release {latest} (version, date, content hash or verdict counts): run "
                     f"`technonat-data release {latest}` to rewrite it" for name in outdated(root, root / "build" / latest)]
    return problems


def leftovers(root: Path) -> list[str]:
    """A journal, or staging, left by a killed release or build."""
    journal = read_journal(root)
    if journal is not None:
        return [f"an interrupted release of {journal.version} left {JOURNAL}: run `technonat-data release "
                f"{journal.version}` to finish it"]
    staging = sorted(p.name for p in root.glob(f"{STAGING_PREFIX}*")) + ([WORKDIR] if (root / WORKDIR).exists() else [])
    return [f"{name} was left by a killed build or release: run `technonat-data build` (it removes it)" for name in staging]


def unlisted_folders(root: Path, recorded: dict[str, dict]) -> list[str]:
    """Folders under build/ named like a version that the registry does not list."""
    problems = []
    for name, folder in sorted(release_folders(root / "build").items(), key=lambda item: version_key(item[0])):
        if name in recorded:
            continue
        if (folder / "datapackage.json").is_file() and (folder / CHECKSUMS).is_file():
            problems.append(f"build/{name} is a release the registry does not list: run `technonat-data build` to "
                            "record it")
        else:
            problems.append(f"build/{name} is not a release (no datapackage.json or {CHECKSUMS}) and the registry does "
                            f"not list it: move it out of build/")
    return problems


def newest_release(latest: str | None, text: str) -> str | None:
    """The newest release, data or code-only: the latest data version, or its latest ``.postN`` in the changelog."""
    if latest is None:
        return None
    return max([latest, *code_only_releases(text, latest)], key=package_version_key)


def version_problems(current: str, latest: str | None, entries: dict[str, tuple[str, int]]) -> list[str]:
    """The declared (package) version against the newest release, data or code-only."""
    if latest is None or current == latest:
        return []
    if package_version_key(current) < package_version_key(latest):
        return [f"{VERSION_FILE} declares {current}, but the latest release is {latest}: run "
                f"`technonat-data release {latest}` to set it"]
    if current in entries and not is_code_only(current):
        return [f"{VERSION_FILE} declares {current}, which is not released yet (its CHANGELOG.md entry is written): "
                "run `technonat-data build` to build it"]
    return [f"{VERSION_FILE} declares {current}, which is not released (latest: {latest}): run "
            f"`technonat-data release {current}`"]


def changelog_problems(recorded: dict[str, dict], entries: dict[str, tuple[str, int]], current: str) -> list[str]:
    """CHANGELOG.md's dated entries against the registry."""
    problems = []
    for version, (date, line) in entries.items():
        if is_code_only(version):
            problems += code_only_problems(recorded, version, date, line)
        elif version in recorded and date != recorded[version]["released"]:
            problems.append(f"CHANGELOG.md:{line}: {version} is dated {date}, but it was released on "
                            f"{recorded[version]['released']}: restore the date (git checkout -- CHANGELOG.md)")
        elif version not in recorded and version != current:
            problems.append(f"CHANGELOG.md:{line}: an entry for {version}, which was never released: remove it (the "
                            "release command writes its own entry)")
    for version, entry in recorded.items():
        if version not in entries:
            problems.append(f"CHANGELOG.md has no entry for released version {version} (released "
                            f"{entry['released']}): restore it (git checkout -- CHANGELOG.md)")
    return problems


def code_only_problems(recorded: dict[str, dict], version: str, date: str, line: int) -> list[str]:
    """A code-only entry against the registry: its data version released, and not dated after the entry."""
    data = data_version_of(version)
    if data not in recorded:
        return [f"CHANGELOG.md:{line}: an entry for {version}, a code-only release of {data}, which was never "
                "released: remove it (a code-only release follows a released data version)"]
    if date < recorded[data]["released"]:
        return [f"CHANGELOG.md:{line}: {version} is dated {date}, before its data version {data} (released "
                f"{recorded[data]['released']}): restore the date (git checkout -- CHANGELOG.md)"]
    return []

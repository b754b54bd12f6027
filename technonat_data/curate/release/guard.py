"""Guard released versions before a build: every release intact, the registry append-only, stale staging removed.

Without this guard a hand-edited release file would be re-registered with its new hash by the next build (and then
pass every integrity check), and a deleted release would silently drop out of the registry.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ...integrity import release_damage
from ...version_numbers import SEMVER, version_key
from ..problems import BuildError
from .assets import registry_entry

STAGING_PREFIX = ".build-"
REGISTRY = Path("technonat_data") / "registry.json"


def remove_stale_staging(root: Path) -> None:
    """Delete staging folders left by killed builds (called under the build lock, so none is in use)."""
    for folder in root.glob(f"{STAGING_PREFIX}*"):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def recorded_registry(path: Path) -> dict[str, dict]:
    """The registry as committed (empty if there is none yet); a BuildError if it is not valid JSON."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise BuildError(f"{path.name} is not valid JSON ({err}): restore it from version control") from None
    if not isinstance(data, dict) or not all(isinstance(e, dict) and "files" in e for e in data.values()):
        raise BuildError(f"{path.name} is not a registry (version -> files): restore it from version control")
    return data


def release_folders(build_dir: Path) -> dict[str, Path]:
    """The folders under ``build_dir`` named like a version, by version."""
    if not build_dir.is_dir():
        return {}
    return {p.name: p for p in build_dir.iterdir() if p.is_dir() and SEMVER.fullmatch(p.name)}


def check_released(build_dir: Path, recorded: dict[str, dict], building: str) -> None:
    """Refuse (BuildError) if a release under ``build_dir`` differs from what was released, or was deleted.

    ``building`` may be recorded without its folder: an interrupted build records the version before moving its
    folder into place, and the next build re-creates it (the staged files must then match the record).
    """
    folders = release_folders(build_dir)
    problems = []
    for version in sorted(set(recorded) - set(folders) - {building}, key=version_key):
        problems.append(f"build/{version} is missing, but the registry records version {version} (released "
                        f"{recorded[version].get('released', '?')}): restore the folder from version control; "
                        "released versions are never removed")
    for version in sorted(folders, key=version_key):
        problems += release_damage(folders[version], version, recorded.get(version), f"build/{version}")
    if problems:
        raise BuildError("\n".join([*problems, "released files are never rewritten: nothing was built"]))


def next_registry(recorded: dict[str, dict], build_dir: Path, version: str, staged: dict) -> dict[str, dict]:
    """The registry after this build: every recorded entry unchanged, plus unrecorded releases and ``version``.

    Entries recorded before sizes were registered gain a ``sizes`` field derived from their (verified) files.
    """
    if version in recorded and recorded[version]["files"] != staged["files"]:
        raise BuildError(f"version {version} is recorded in the registry and raw/ now gives different files: "
                         "released versions are never rewritten; bump __version__ in technonat_data/_version.py "
                         "and add a CHANGELOG.md entry")
    entries = {**{v: registry_entry(p, v) for v, p in release_folders(build_dir).items()}, version: staged}
    for name, entry in recorded.items():
        entries[name] = {**entry, "sizes": entry.get("sizes") or entries[name]["sizes"]}
    return {v: entries[v] for v in sorted(entries, key=version_key)}

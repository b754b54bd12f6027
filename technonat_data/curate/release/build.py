"""Build a release: validate raw/, write every file to a temporary folder, check it, then move it into place.

A failed build leaves ``build/`` exactly as it was, and a released version is never rewritten.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..._version import __version__
from ...integrity import CHECKSUMS, sha256_file
from ...release_diff import diff
from ...version_numbers import data_version_of, version_key
from ..problems import BuildError
from ..rules.validate import validate
from ..schema.spec import load_specs
from ..write.datapackage import descriptor
from ..write.editions import Edition
from ..write.formats import write_formats
from ..write.table_files import write_csv, write_parquet
from .assets import registry_entry, write_registry
from .atomic import fsync_dir, fsync_file
from .changelog import check_entry, check_newer, release_date
from .crash_points import checkpoint
from .editions import release_edition
from .guard import REGISTRY, STAGING_PREFIX, check_released, next_registry, recorded_registry, remove_stale_staging
from .journal import JOURNAL, clear_workdir, read_journal
from .lock import LOCK as LOCK  # the lock file beside build/, named here for callers of build
from .lock import project_lock
from .toolchain import check_toolchain


@dataclass(frozen=True)
class BuildResult:
    """Where a release was built and whether it was new or already there, identical."""

    version: str
    path: Path
    created: bool


def build(root: Path, version: str = __version__) -> BuildResult:
    """Validate ``root``'s raw files and write ``root/build/<version>/``; refuse to change an existing release.

    Builds of one project run one at a time (a lock file beside ``build/``): a second build started meanwhile waits,
    then finds the release built and identical. A code-only package version (``X.Y.Z.postN``) builds, or confirms,
    its data version ``X.Y.Z``: it has no folder of its own.
    """
    version = data_version_of(version)
    with project_lock(root, f"build {version}"):
        return _build(root, version)


def _build(root: Path, version: str) -> BuildResult:
    pending = read_journal(root)
    if pending is not None:
        raise BuildError(f"an interrupted release of {pending.version} is pending ({JOURNAL}): run "
                         f"`technonat-data release {pending.version}` to finish it before building")
    remove_stale_staging(root)
    clear_workdir(root)  # a release killed before it wrote its journal
    recorded = recorded_registry(root / REGISTRY)
    check_released(root / "build", recorded, version)
    toolchain = check_toolchain()
    released = release_date(root / "CHANGELOG.md", version)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    try:
        stage(root, staging, version, released, toolchain)
        check_package(staging / "datapackage.json")
        check_changelog(root, staging, version)
        return register_and_place(root, staging, version, recorded)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def stage(root: Path, staging: Path, version: str, released: str, toolchain: dict[str, str]) -> None:
    """Validate raw/ and write every file of ``version`` into the empty folder ``staging`` (no check, no placing)."""
    frames = validate(root)
    specs = load_specs(root / "schemas")
    for name, frame in frames.items():
        write_parquet(frame, specs[name], staging / f"{name}.parquet")
        write_csv(frame, specs[name], staging / f"{name}.csv")
    write_formats(frames, specs, staging, version, released, release_edition(root, version))  # SQLite, Stata, Excel
    files = {p.name: (sha256_file(p), p.stat().st_size) for p in sorted(staging.iterdir())}
    package = descriptor(specs, frames["sources"], files, version, released, toolchain)
    checkpoint("staging")
    write_json(package, staging / "datapackage.json")
    write_checksums(staging)


def ships_sqlite(root: Path, version: str) -> bool:
    """Whether ``version`` includes the SQLite database: every new release does; a release made before databases
    were shipped (1.0.0, 1.1.0) never gets one, so rebuilding it anywhere gives the same files."""
    return release_edition(root, version) >= Edition.SQLITE


def write_json(document: dict, path: Path) -> None:
    """Write JSON with a fixed layout: two-space indent, UTF-8 text, trailing newline."""
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_checksums(folder: Path) -> None:
    """Write ``SHA256SUMS`` (``sha256sum -c`` format) for every file in ``folder``, sorted by name."""
    lines = [f"{sha256_file(p)}  {p.name}\n" for p in sorted(folder.iterdir()) if p.name != CHECKSUMS]
    (folder / CHECKSUMS).write_text("".join(lines), encoding="utf-8")


def check_package(path: Path) -> None:
    """Validate the written package with Frictionless (schemas, CSV hashes and constraints, foreign keys)."""
    import frictionless

    report = frictionless.validate(str(path))
    if not report.valid:
        errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors] + [
            f"{e.type}: {e.message}" for e in report.errors]
        raise BuildError("the written data package is not valid:\n" + "\n".join(errors))


def check_changelog(root: Path, staging: Path, version: str) -> None:
    """For a new version: newer than every release, changing something, named in its CHANGELOG entry by section."""
    build_dir = root / "build"
    if (build_dir / version).exists() or not build_dir.is_dir():
        return
    if version in recorded_registry(root / REGISTRY):
        return  # re-created after an interrupted build: compared with its registry entry instead
    released = released_versions(root)
    check_newer(version, released)
    if released:
        previous = max(released, key=version_key)
        check_entry(root / "CHANGELOG.md", version, diff(build_dir / previous, staging), previous)


def released_versions(root: Path) -> list[str]:
    """Every version released in ``root``: the release folders under build/ and the versions in the registry."""
    folders = [p.name for p in (root / "build").iterdir() if (p / "datapackage.json").is_file()]
    registry = root / REGISTRY
    recorded = list(json.loads(registry.read_text(encoding="utf-8"))) if registry.is_file() else []
    return sorted(set(folders) | set(recorded), key=version_key)


def register_and_place(root: Path, staging: Path, version: str, recorded: dict[str, dict]) -> BuildResult:
    """Move the new release into place, then record it in the registry (in this order).

    The staged files are compared with the registry's record of ``version`` before anything moves, so a recorded
    version whose raw/ now gives other files is refused with ``build/`` untouched. An interruption between placing and
    recording leaves a release folder the registry does not list yet, which the next build confirms and records;
    never a registry listing a version without its folder.
    """
    target = root / "build" / version
    registry = next_registry(recorded, root / "build", version, registry_entry(staging, version))  # refuses first
    result = place(staging, target, version)  # new, identical, or a BuildError
    write_registry(registry, root / REGISTRY)
    return result


def place(staging: Path, target: Path, version: str) -> BuildResult:
    """Move the staged release into place (durably), or confirm an existing release is identical; never overwrite one."""
    if target.exists():
        changed = differing_files(staging, target)
        if changed:
            raise BuildError(
                f"{target.parent.name}/{version} is released and raw/ now gives different files ({', '.join(changed)}); "
                "released versions are never rewritten: bump __version__ in technonat_data/_version.py and add a "
                "CHANGELOG.md entry"
            )
        return BuildResult(version, target, created=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    for path in staging.iterdir():
        fsync_file(path)
    fsync_dir(staging)
    staging.rename(target)
    fsync_dir(target.parent)
    return BuildResult(version, target, created=True)


def differing_files(new: Path, old: Path) -> list[str]:
    """Names of files that differ in bytes, or exist in only one of two release folders."""
    names = sorted({p.name for p in new.iterdir()} | {p.name for p in old.iterdir()})
    return [n for n in names if not ((new / n).is_file() and (old / n).is_file()
                                     and filecmp.cmp(new / n, old / n, shallow=False))]

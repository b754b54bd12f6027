"""Release assets: the files of a version as uploaded to a release page, plus one deterministic zip of them all.

Also writes the package's registry (version -> file -> sha256) from the committed releases.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

from ...integrity import sha256_file, zip_asset
from ...version_numbers import check_version, version_key
from .atomic import write_atomic

ZIP_MODE = 0o100644 << 16  # a regular file, rw-r--r--
UNIX = 3


def zip_name(version: str) -> str:
    """File name of a version's zip."""
    return zip_asset(check_version(version))


def released_on(folder: Path) -> str:
    """A release's date, as recorded in its own datapackage.json."""
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["created"][:10]


def zip_bytes(folder: Path, version: str) -> bytes:
    """The zip of a release folder: stored (no compression), sorted names, fixed timestamps and permissions.

    Stored entries keep the bytes independent of the zlib build; the Parquet files are compressed already.
    """
    year, month, day = (int(part) for part in released_on(folder).split("-"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.iterdir()):
            info = zipfile.ZipInfo(f"technonat-data-{version}/{path.name}", date_time=(year, month, day, 0, 0, 0))
            info.create_system, info.external_attr = UNIX, ZIP_MODE
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def write_assets(folder: Path, out: Path, version: str) -> list[Path]:
    """Copy a release's files to ``out`` and add its zip; returns the written paths, sorted."""
    out.mkdir(parents=True, exist_ok=True)
    written = [Path(shutil.copyfile(p, out / p.name)) for p in sorted(folder.iterdir())]
    (out / zip_name(version)).write_bytes(zip_bytes(folder, version))
    return sorted([*written, out / zip_name(version)])


def registry_entry(folder: Path, version: str) -> dict:
    """One version's registry entry: its release date, and the sha256 and size in bytes of every asset, zip included."""
    files = {p.name: sha256_file(p) for p in sorted(folder.iterdir())}
    sizes = {p.name: p.stat().st_size for p in sorted(folder.iterdir())}
    archive = zip_bytes(folder, version)
    files[zip_name(version)], sizes[zip_name(version)] = hashlib.sha256(archive).hexdigest(), len(archive)
    return {"released": released_on(folder), "files": dict(sorted(files.items())), "sizes": dict(sorted(sizes.items()))}


def build_registry(build_dir: Path) -> dict[str, dict]:
    """The registry of every release folder under ``build_dir``, oldest first."""
    folders = [p for p in build_dir.iterdir() if p.is_dir() and (p / "datapackage.json").is_file()]
    ordered = sorted(folders, key=lambda p: version_key(p.name))
    return {p.name: registry_entry(p, p.name) for p in ordered}


def registry_text(entries: dict[str, dict]) -> str:
    """The registry's JSON text (fixed layout)."""
    return json.dumps(entries, indent=2) + "\n"


def write_registry(entries: dict[str, dict], path: Path) -> None:
    """Write the registry JSON atomically: a reader, or a build interrupted at any point, sees the old or the new one."""
    text = registry_text(entries)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    write_atomic(path, text.encode("utf-8"))

"""Check a release folder against its ``SHA256SUMS`` and its registry entry: the test behind ``verify``, ``info``
and every build (which refuses to run while a released file differs from what was released).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

CHECKSUMS = "SHA256SUMS"


def zip_asset(version: str) -> str:
    """The name of a version's zip asset (registered, but not kept in the release folder)."""
    return f"technonat-data-{version}.zip"


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_checksums(path: Path) -> tuple[dict[str, str], list[str]]:
    """The ``name -> sha256`` lines of a ``SHA256SUMS`` file, and a message per malformed line."""
    sums: dict[str, str] = {}
    bad = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            bad.append(f"{path}:{number}: malformed checksum line")
        else:
            sums[name] = digest
    return sums, bad


def release_damage(folder: Path, version: str, entry: dict | None, label: str | None = None) -> list[str]:
    """One message per file of ``folder`` that is missing, added, or differs from ``SHA256SUMS`` or ``entry``.

    ``entry`` is the version's registry entry (None: not registered, so only ``SHA256SUMS`` is checked). An empty
    list means the release is intact.
    """
    shown = label or str(folder)
    if not (folder / CHECKSUMS).is_file():
        return [f"{shown}/{CHECKSUMS} (version {version}) is missing: the release cannot be verified; restore it"]
    sums, problems = read_checksums(folder / CHECKSUMS)
    recorded = {n: h for n, h in (entry or {}).get("files", {}).items() if n != zip_asset(version)}
    sizes = (entry or {}).get("sizes", {})
    on_disk = {p.name for p in folder.iterdir()}
    for name in sorted(set(sums) | set(recorded) | on_disk):
        problems += _file_damage(folder / name, name, version, shown, sums, recorded, sizes, entry is not None)
    return problems


def _file_damage(path: Path, name: str, version: str, shown: str, sums: dict[str, str], recorded: dict[str, str],
                 sizes: dict[str, int], registered: bool) -> list[str]:
    where = f"{shown}/{name} (version {version})"
    if not path.exists():
        return [f"{where} is missing: restore the released file (it was deleted after release)"]
    if not path.is_file() or path.is_symlink():
        return [f"{where} is not a regular file: restore the released file"]
    if name not in sums and name != CHECKSUMS:
        return [f"{where} is not listed in {CHECKSUMS}: a file added after release; remove it"]
    if registered and name not in recorded:
        return [f"{where} is not in the registry's entry for {version}: a file added after release; remove it"]
    digest = sha256_file(path)
    for source, table in ((CHECKSUMS, sums), ("the registry", recorded)):
        if name in table and table[name] != digest:
            return [f"{where} has sha256 {digest}, but {source} records {table[name]}: the released file was changed "
                    f"after release; restore it (released versions are never rewritten)"]
    if name in sizes and sizes[name] != path.stat().st_size:
        return [f"{where} has {path.stat().st_size} bytes, but the registry records {sizes[name]}"]
    return []


def verify_local(version: str | None = None) -> tuple[list[str], list[str]]:
    """Check the releases held here: (one line per intact release, one message per damaged file or release).

    Without ``version``: every registered release of a source checkout (``build/``), else the bundled one. With it:
    that release, from the checkout, the installation, or the download cache (its files present there).
    """
    from ._version import __version__
    from .loader import CHECKOUT_BUILD, bundled_dir
    from .registry import load_registry, release

    if version is not None:
        entry = release(version)  # validates the version: ValueError or LookupError
        targets = [version]
    elif CHECKOUT_BUILD.is_dir():
        targets = list(load_registry())
    else:
        targets = [__version__]
    intact, damage = [], []
    for name in targets:
        entry = release(name)
        folder = CHECKOUT_BUILD / name
        if not folder.is_dir() and name == __version__:
            folder = bundled_dir()
        found = release_damage(folder, name, entry) if folder.is_dir() else _cached_damage(name, entry)
        if found and folder.is_dir() and not folder.is_relative_to(CHECKOUT_BUILD):
            found.append(f"version {name} is the installed package's own copy: do not restore files by hand; reinstall "
                         "the package from the wheel or index you installed it from (pip install --force-reinstall ...)")
        damage += found
        if not found:
            intact.append(f"{name}: intact ({folder if folder.is_dir() else 'download cache'})")
    return intact, damage


def _cached_damage(version: str, entry: dict) -> list[str]:
    """Messages for cached files of ``version`` that differ from the registry (a missing release is one message)."""
    from .download import cache_root

    folder = cache_root() / version
    if not folder.is_dir():
        return [f"version {version} is neither in this checkout nor in the download cache ({folder}); "
                f"run `technonat-data fetch {version}` first"]
    return [f"{path} (version {version}) has sha256 {digest}, but the registry records {entry['files'].get(path.name)}"
            for path in sorted(folder.iterdir())
            if path.is_file() and (digest := sha256_file(path)) != entry["files"].get(path.name)]

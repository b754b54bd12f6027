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

    Without ``version``: every registered release (a checkout's ``build/``, or the installed package's copies).
    With it: that release only.
    """
    from .registry import release
    from .release_files import CHECKOUT_BUILD, REINSTALL, installed_versions, resolve

    held = installed_versions()
    targets = [resolve(version)] if version is not None else list(held)
    intact, damage = [], []
    for name in targets:
        folder = held[name]
        if folder is None:
            found = [f"version {name} is missing from this installation; {REINSTALL}"]
        else:
            found = release_damage(folder, name, release(name))
            if found and not folder.is_relative_to(CHECKOUT_BUILD):
                found.append(f"version {name} is the installed package's own copy: do not restore files by hand; "
                             f"{REINSTALL}")
        damage += found
        if not found:
            intact.append(f"{name}: intact ({folder})")
    return intact, damage


def verify_path(path: Path) -> tuple[list[str], list[str]]:
    """Check a downloaded release against the registry: a folder of its files (``SHA256SUMS`` included, its zip
    allowed beside them) or its zip. Returns (one line if intact, one message per problem)."""
    if path.is_dir():
        return _verify_folder(path)
    if path.is_file():
        return _verify_zip(path)
    raise FileNotFoundError(f"{path} does not exist: pass a release folder, a release zip, or a version")


def _registered(version: str, where: Path) -> dict:
    """The registry entry of the version a download claims to be; LookupError naming it when unregistered."""
    from .registry import release
    from .version_numbers import check_version

    try:
        return release(check_version(version))
    except (LookupError, ValueError) as err:
        raise LookupError(f"{where} claims version {version!r}, which this installation's registry does not know "
                          f"({err}); a newer release needs a newer package: pip install --upgrade technonat-data") from None


def _claimed_version(package: bytes, where: Path) -> str:
    import json

    try:
        return str(json.loads(package.decode("utf-8"))["version"])
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"{where}: datapackage.json is not a release's data package (no version in it)") from None


def _verify_folder(folder: Path) -> tuple[list[str], list[str]]:
    if not (folder / "datapackage.json").is_file():
        raise FileNotFoundError(f"{folder} is not a release folder: it has no datapackage.json")
    version = _claimed_version((folder / "datapackage.json").read_bytes(), folder)
    entry = _registered(version, folder)
    archive = folder / zip_asset(version)
    problems = []
    if archive.is_file():  # a folder laid out by `technonat-data assets` holds the zip too
        digest = sha256_file(archive)
        if digest != entry["files"][zip_asset(version)]:
            problems.append(f"{archive} (version {version}) has sha256 {digest}, but the registry records "
                            f"{entry['files'][zip_asset(version)]}: a corrupted or altered download")
        try:
            problems += _verify_zip(archive)[1]
        except (ValueError, LookupError) as err:
            problems.append(str(err))
    with_zip = {**entry, "files": {n: h for n, h in entry["files"].items() if n != zip_asset(version)}}
    problems += [p for p in release_damage(folder, version, with_zip) if not p.startswith(f"{folder}/{archive.name} ")]
    return ([] if problems else [f"{version}: intact ({folder})"]), problems


def _verify_zip(archive: Path) -> tuple[list[str], list[str]]:
    """Each member of a release zip against the registry: names, sizes (read from the directory before any byte
    is inflated) and sha256; the zip's own sha256 too when it carries the release's name."""
    import zipfile

    try:
        with zipfile.ZipFile(archive) as handle:
            members = {info.filename: info for info in handle.infolist()}
            prefix = next(iter(members), "").split("/", 1)[0]
            package_name = f"{prefix}/datapackage.json"
            if package_name not in members or members[package_name].file_size > 1 << 24:
                raise ValueError(f"{archive} is not a release zip: it has no {package_name}")
            version = _claimed_version(handle.read(package_name), archive)
            entry = _registered(version, archive)
            problems = _zip_members(handle, members, f"technonat-data-{version}", version, entry, archive)
    except zipfile.BadZipFile as err:
        raise ValueError(f"{archive} is not a readable zip ({err})") from None
    if archive.name == zip_asset(version) and not problems and sha256_file(archive) != entry["files"][archive.name]:
        problems.append(f"{archive} (version {version}): its members match the registry, but the zip's own sha256 "
                        f"does not (repacked); the registered zip is {entry['files'][archive.name]}")
    return ([] if problems else [f"{version}: intact ({archive})"]), problems


def _zip_members(handle: object, members: dict, prefix: str, version: str, entry: dict, archive: Path) -> list[str]:
    recorded = {n: h for n, h in entry["files"].items() if n != zip_asset(version)}
    sizes = entry.get("sizes", {})
    names = {name.removeprefix(f"{prefix}/"): info for name, info in members.items()}
    problems = [f"{archive}: {name} (version {version}) is missing" for name in sorted(set(recorded) - set(names))]
    problems += [f"{archive}: {name} (version {version}) is not part of the release" for name in sorted(set(names) -
                 set(recorded))]
    for name in sorted(set(recorded) & set(names)):
        info = names[name]
        if name in sizes and info.file_size != sizes[name]:
            problems.append(f"{archive}: {name} (version {version}) has {info.file_size} bytes, but the registry "
                            f"records {sizes[name]}")
            continue
        digest = hashlib.sha256(handle.read(info)).hexdigest()
        if digest != recorded[name]:
            problems.append(f"{archive}: {name} (version {version}) has sha256 {digest}, but the registry records "
                            f"{recorded[name]}")
    return problems

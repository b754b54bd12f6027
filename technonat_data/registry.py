"""The release registry shipped in the package: version -> release date, file -> sha256, file -> size in bytes.

It is written by the build from the committed releases, read here with ``json`` only (cheap), and is what every
download and every loaded file is verified against.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .version_numbers import check_version, version_key

REGISTRY = Path(__file__).with_name("registry.json")


@cache
def load_registry(path: Path = REGISTRY) -> dict[str, dict]:
    """The registry as a dict keyed by version, in version order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {v: data[v] for v in sorted(data, key=version_key)}


def versions() -> list[str]:
    """Every released version, oldest first."""
    return list(load_registry())


def release(version: str) -> dict:
    """The registry entry of ``version``; ValueError if malformed, LookupError if not released."""
    entries = load_registry()
    if check_version(version) not in entries:
        raise LookupError(f"unknown version {version!r}; released versions: {', '.join(entries)}")
    return entries[version]


def file_hash(version: str, filename: str) -> str:
    """The registered sha256 of one file of a release."""
    files = release(version)["files"]
    if filename not in files:
        raise LookupError(f"version {version} has no file {filename!r}; it has: {', '.join(files)}")
    return files[filename]

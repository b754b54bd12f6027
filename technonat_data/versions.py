"""Version strings: validated before any path or URL is built from them, and ordered numerically."""

from __future__ import annotations

import re

SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")  # [0-9], not \d: ASCII digits only


def check_version(version: object) -> str:
    """``version`` if it is a plain MAJOR.MINOR.PATCH string, else a ValueError saying what is expected."""
    if not isinstance(version, str) or not SEMVER.fullmatch(version):
        raise ValueError(f"malformed version {version!r}: expected MAJOR.MINOR.PATCH, such as '1.0.0'")
    return version


def version_key(version: str) -> tuple[int, int, int]:
    """Sort key ordering versions numerically (1.10.0 after 1.9.0)."""
    major, minor, patch = (int(part) for part in check_version(version).split("."))
    return major, minor, patch

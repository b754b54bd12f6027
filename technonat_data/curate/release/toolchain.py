"""The pinned release toolchain: exact versions declared once (the ``release`` extra) and checked before a build."""

from __future__ import annotations

import re
from importlib import metadata

from ..problems import BuildError

DISTRIBUTION = "technonat-data"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^;\s]+)\s*;\s*extra\s*==\s*['\"]release['\"]\s*$")


def pinned_versions() -> dict[str, str]:
    """The exact versions the ``release`` extra pins, read from the installed package's metadata."""
    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        raise BuildError(f"{DISTRIBUTION} is not installed; run: pip install -e '.[release]'") from None
    return {m.group(1).lower(): m.group(2) for r in requirements if (m := PIN.match(r))}


def check_toolchain() -> dict[str, str]:
    """The pinned versions, after checking they are the ones installed (Parquet bytes depend on them)."""
    pins = pinned_versions()
    wrong = [f"{name} {_installed(name)} (release pins {version})" for name, version in sorted(pins.items())
             if _installed(name) != version]
    if wrong:
        raise BuildError("release builds need the pinned toolchain; installed: " + ", ".join(wrong)
                         + ". Run: pip install -e '.[release]'")
    return dict(sorted(pins.items()))


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None

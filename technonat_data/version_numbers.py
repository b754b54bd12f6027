"""Version strings, checked the same way everywhere, and the one rule relating the package and data versions.

A data version is ``X.Y.Z`` and names a release under ``build/`` (and in the registry). The package version is the
newest data version, optionally followed by ``.postN`` (N >= 1) for a release that changes code only: ``1.2.0.post1``
ships the data of 1.2.0 with a fixed loader. Everything that needs one from the other calls :func:`data_version_of`
or :func:`is_code_only`; nothing else parses a version.
"""

from __future__ import annotations

import re

SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")  # [0-9], not \d: ASCII digits only
PACKAGE_VERSION = re.compile(rf"({SEMVER.pattern})(?:\.post([1-9][0-9]*))?")


def check_version(version: object) -> str:
    """``version`` if it is a data version (MAJOR.MINOR.PATCH), else a ValueError saying what is expected."""
    if isinstance(version, str) and SEMVER.fullmatch(version):
        return version
    if isinstance(version, str) and PACKAGE_VERSION.fullmatch(version):
        raise ValueError(f"{version!r} is a package version (a code-only release); its data version is "
                         f"{data_version_of(version)!r}: pass that")
    raise ValueError(f"malformed version {version!r}: expected MAJOR.MINOR.PATCH, such as '1.0.0'")


def check_package_version(version: object) -> str:
    """``version`` if it is a package version (``X.Y.Z`` or ``X.Y.Z.postN``), else a ValueError."""
    if not isinstance(version, str) or not PACKAGE_VERSION.fullmatch(version):
        raise ValueError(f"malformed package version {version!r}: expected MAJOR.MINOR.PATCH, optionally followed "
                         "by .postN for a code-only release, such as '1.2.0' or '1.2.0.post1'")
    return version


def data_version_of(package_version: str) -> str:
    """The data version a package version ships as its default: ``1.2.0.post1`` -> ``1.2.0``."""
    return PACKAGE_VERSION.fullmatch(check_package_version(package_version)).group(1)


def is_code_only(version: str) -> bool:
    """Whether ``version`` is a code-only release (``X.Y.Z.postN``): it changes no data, so its CHANGELOG entry
    is exempt from the rule that a release must change data, and it builds no new folder under ``build/``."""
    return data_version_of(version) != version


def version_key(version: str) -> tuple[int, int, int]:
    """Sort key ordering data versions numerically (1.10.0 after 1.9.0)."""
    major, minor, patch = (int(part) for part in check_version(version).split("."))
    return major, minor, patch


def package_version_key(version: str) -> tuple[int, int, int, int]:
    """Sort key ordering package versions: ``1.2.0`` < ``1.2.0.post1`` < ``1.2.0.post2`` < ``1.3.0``."""
    match = PACKAGE_VERSION.fullmatch(check_package_version(version))
    return (*version_key(match.group(1)), int(match.group(5) or 0))

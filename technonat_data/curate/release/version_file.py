"""``technonat_data/_version.py``, the one place the version is declared: read it, and replace only its string.

The package version is the data version ``X.Y.Z``, or ``X.Y.Z.postN`` for a code-only fix after it; a release sets
the string to its new version (data or code-only) and leaves the rest of the file as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...version_numbers import PACKAGE_VERSION, data_version_of
from ..problems import BuildError

VERSION_FILE = Path("technonat_data") / "_version.py"
VERSION_STRING = re.compile(r"""^(__version__\s*(?::\s*str\s*)?=\s*)(["'])([^"'\n]*)\2""", flags=re.MULTILINE)


def declared(root: Path) -> str:
    """The version string ``root``'s version file declares; a BuildError if there is none or it is malformed."""
    path = root / VERSION_FILE
    found = VERSION_STRING.search(path.read_text(encoding="utf-8")) if path.is_file() else None
    if found is None:
        raise BuildError(f"{path} with a line __version__ = \"X.Y.Z\" is missing: run from the project root")
    if not PACKAGE_VERSION.fullmatch(found.group(3)):
        raise BuildError(f"{path} declares {found.group(3)!r}, which is not a version (X.Y.Z, or X.Y.Z.postN for a "
                         "code-only release): restore it (git checkout -- technonat_data/_version.py)")
    return found.group(3)


def data_version(version: str) -> str:
    """The data version ``X.Y.Z`` a package version names (``X.Y.Z.postN`` is a code-only fix of ``X.Y.Z``)."""
    try:
        return data_version_of(version)
    except ValueError:
        return version  # malformed: compared as it is, so the mismatch is reported rather than a traceback


def with_version(text: str, version: str) -> str:
    """The version file's text declaring ``version`` instead (only the string changes)."""
    return VERSION_STRING.sub(lambda m: f"{m.group(1)}{m.group(2)}{version}{m.group(2)}", text, count=1)

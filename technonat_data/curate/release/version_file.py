"""``technonat_data/_version.py``, the one place the version is declared: read it, and replace only its string.

The package version is the data version ``X.Y.Z``, or ``X.Y.Z.postN`` for a code-only fix after it; a release sets
the string to its new data version and leaves the rest of the file as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..problems import BuildError

VERSION_FILE = Path("technonat_data") / "_version.py"
VERSION_STRING = re.compile(r"""^(__version__\s*(?::\s*str\s*)?=\s*)(["'])([^"'\n]*)\2""", flags=re.MULTILINE)
DATA_VERSION = re.compile(r"([0-9]+\.[0-9]+\.[0-9]+)(\.post[0-9]+)?")


def declared(root: Path) -> str:
    """The version string ``root``'s version file declares; a BuildError if there is none."""
    path = root / VERSION_FILE
    found = VERSION_STRING.search(path.read_text(encoding="utf-8")) if path.is_file() else None
    if found is None:
        raise BuildError(f"{path} with a line __version__ = \"X.Y.Z\" is missing: run from the project root")
    return found.group(3)


def data_version(version: str) -> str:
    """The data version ``X.Y.Z`` a package version names (``X.Y.Z.postN`` is a code-only fix of ``X.Y.Z``)."""
    found = DATA_VERSION.fullmatch(version)
    return found.group(1) if found else version


def with_version(text: str, version: str) -> str:
    """The version file's text declaring ``version`` instead (only the string changes)."""
    return VERSION_STRING.sub(lambda m: f"{m.group(1)}{m.group(2)}{version}{m.group(2)}", text, count=1)

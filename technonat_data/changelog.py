"""Release dates come from CHANGELOG.md: a version is released by its dated entry ``## [X.Y.Z] - YYYY-MM-DD``."""

from __future__ import annotations

import re
from pathlib import Path

from .problems import BuildError


def release_date(changelog: Path, version: str) -> str:
    """The ISO date of ``version``'s entry in ``changelog``; a BuildError when there is none."""
    text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
    match = re.search(rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})\s*$", text, flags=re.MULTILINE)
    if match is None:
        raise BuildError(f"{changelog.name} has no entry '## [{version}] - YYYY-MM-DD'; add one before building {version}")
    return match.group(1)

"""The release journal: the plan of a release, written and flushed to disk before anything of the project changes.

``.release-journal.json`` names the version, its date and every step in order: each file to replace (with the
sha256 of its old and new bytes, ``null`` for a file that did not exist) and the release folder to move into place
(with the sha256 of each of its files). The new and old bytes of every file, and the staged release folder, are
kept in ``.release-journal/``, so a release killed at any point can be completed, or rolled back, by the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import BuildError
from .atomic import fsync_dir, fsync_file, write_atomic

JOURNAL = ".release-journal.json"
WORKDIR = ".release-journal"


@dataclass
class Journal:
    """A planned release: version, date, and the steps that make it (file replacements and one folder move)."""

    version: str
    date: str
    steps: list[dict] = field(default_factory=list)

    def text(self) -> str:
        """The journal's JSON text."""
        return json.dumps({"version": self.version, "date": self.date, "steps": self.steps}, indent=2) + "\n"


def digest(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def workdir(root: Path) -> Path:
    """The folder holding a planned release's stored bytes and staged release folder."""
    return root / WORKDIR


def staged_folder(root: Path, version: str) -> Path:
    """Where the release folder of ``version`` is staged before it is moved to ``build/``."""
    return workdir(root) / "build" / version


def store(root: Path, data: bytes) -> str:
    """Keep ``data`` in the work folder under its sha256 (flushed to disk); returns the sha256."""
    name = digest(data)
    path = workdir(root) / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    fsync_file(path)
    return name


def stored(root: Path, sha256: str) -> bytes | None:
    """The stored bytes with this sha256, or None when they are missing or damaged."""
    path = workdir(root) / "content" / sha256
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if digest(data) == sha256 else None


def write_journal(root: Path, journal: Journal) -> None:
    """Flush everything stored for ``journal`` to disk, then write the journal itself atomically: the commit point."""
    for folder, _, names in os.walk(workdir(root)):
        for name in names:
            fsync_file(Path(folder) / name)
        fsync_dir(Path(folder))
    write_atomic(root / JOURNAL, journal.text().encode("utf-8"))


def read_journal(root: Path) -> Journal | None:
    """The journal left in ``root``, or None when there is none."""
    path = root / JOURNAL
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Journal(data["version"], data["date"], list(data["steps"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as err:
        raise BuildError(f"{path} is not a release journal ({err}); it was not written by this program: move it "
                         "aside and run the command again") from None


def clear_workdir(root: Path) -> None:
    """Delete the work folder (called when no journal refers to it: left by a run killed while planning)."""
    folder = workdir(root)
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)

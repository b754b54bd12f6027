"""Durable, atomic file operations: a reader, or a process killed at any instant, sees the old bytes or the new ones.

Each write goes to a temporary file in the same folder, is flushed to disk, renamed over the target, and the folder
is flushed so the rename itself survives a power cut.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` atomically (keeping its permissions; 0o644 for a new file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)  # mkstemp's 0o600 would stick
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    fsync_dir(path.parent)


def rename_durable(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target`` (same file system) and flush both folders."""
    os.rename(source, target)
    fsync_dir(target.parent)
    fsync_dir(source.parent)


def remove_durable(path: Path) -> None:
    """Delete the file ``path`` if it exists, and flush its folder."""
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)


def fsync_file(path: Path) -> None:
    """Flush a file's bytes to disk (files written by ordinary means before they are renamed into place)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (where the platform allows opening a directory)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

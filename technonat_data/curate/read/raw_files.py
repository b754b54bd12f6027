"""Which paths may be read as raw input: regular files inside the project (or inside raw/), of bounded size.

A symlink to ``/etc/passwd`` or ``/dev/zero``, a FIFO or a device would otherwise be followed: read in full
(gigabytes), or waited on forever. Checking before opening turns each into one problem line.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 200_000_000  # far above any curated file; a bigger one is a mistake, not data


def unreadable_because(path: Path, inside: Path) -> str | None:
    """Why ``path`` must not be read as raw input (outside ``inside``, not a regular file, too big), or None."""
    try:
        resolved = path.resolve(strict=True)
        info = os.stat(resolved)
    except FileNotFoundError:
        return "file is missing"
    except (OSError, RuntimeError) as err:  # RuntimeError: a symlink loop
        return f"file cannot be read: {getattr(err, 'strerror', None) or err}"
    if not resolved.is_relative_to(inside.resolve()):
        return f"lies outside {inside.name}/ (itself or through a link); raw inputs must be regular files inside it"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a FIFO, device or directory?); raw inputs must be regular files"
    if info.st_size > MAX_FILE_BYTES:
        return f"file is {info.st_size} bytes, more than the {MAX_FILE_BYTES} allowed for raw input"
    return None


def read_raw_bytes(path: Path) -> bytes:
    """The bytes of a checked raw file, read without blocking on a file swapped for a FIFO meanwhile."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)

"""One writer at a time per project: builds and releases take the same exclusive lock beside ``build/``.

A second build or release waits a bounded time (``TECHNONAT_DATA_LOCK_TIMEOUT`` seconds, default 600), then is
refused with one line naming what holds the lock, read from a note the holder leaves beside it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..problems import BuildError

LOCK = ".build.lock"
HOLDER = ".build.lock.holder"
DEFAULT_TIMEOUT = 600.0


@contextmanager
def project_lock(root: Path, purpose: str) -> Iterator[None]:
    """Hold the project's lock while the block runs; ``purpose`` (e.g. "release 1.3.0") is what a waiter is told."""
    from filelock import FileLock, Timeout

    lock = FileLock(root / LOCK, timeout=timeout())
    try:
        lock.acquire()
    except Timeout:
        raise BuildError(f"another build or release holds {root / LOCK} ({holder(root)}); waited {timeout():g} s: "
                         "let it finish, then run this command again") from None
    try:
        (root / HOLDER).write_text(f"{purpose}, process {os.getpid()}\n", encoding="utf-8")
        yield
    finally:
        (root / HOLDER).unlink(missing_ok=True)
        lock.release()


def timeout() -> float:
    """Seconds to wait for the lock: ``TECHNONAT_DATA_LOCK_TIMEOUT`` if set to a number, else 600."""
    try:
        return max(0.0, float(os.environ.get("TECHNONAT_DATA_LOCK_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


def holder(root: Path) -> str:
    """What holds the lock, as its holder recorded it."""
    try:
        return "held by " + (root / HOLDER).read_text(encoding="utf-8").strip()
    except OSError:
        return "holder unknown"

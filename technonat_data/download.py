"""Download release files of a pinned version once, verify them against the registry, and cache them.

This module decides where (cache directory, base URL) and turns failures into messages that say what happened and
what to do; the bounded transfer itself is :mod:`technonat_data.transfer`. Cached files are used (after checking
their sha256) before any base URL is needed, so fetched versions work offline.
"""

from __future__ import annotations

import contextlib
import os
from importlib import metadata
from pathlib import Path

from ._version import __version__
from .registry import file_hash, file_size, release

ENV_BASE_URL = "TECHNONAT_DATA_BASE_URL"
ENV_CACHE = "TECHNONAT_DATA_CACHE"
ENV_DEADLINE = "TECHNONAT_DATA_DOWNLOAD_DEADLINE"
DEFAULT_DEADLINE = 300.0  # seconds for one file: minutes for the largest asset on a slow line
STALE_GRACE = 60.0  # seconds beyond the deadline after which a partial download is surely abandoned
MAX_UNREGISTERED_BYTES = 1 << 30  # the cap for a registry entry without sizes (none of this package's)
URL_LABEL = "Release files"  # the [project.urls] entry that declares the default base URL


class DownloadError(RuntimeError):
    """A release file could not be downloaded or did not match the registry; nothing was cached."""


def cache_root() -> Path:
    """The cache directory: ``$TECHNONAT_DATA_CACHE``, else the user cache directory for technonat-data."""
    configured = os.environ.get(ENV_CACHE)
    if configured:
        return Path(configured).resolve()
    import platformdirs

    return Path(platformdirs.user_cache_dir("technonat-data")).resolve()


def base_url(explicit: str | None = None, version: str | None = None) -> str:
    """Where releases are downloaded from: the argument, else ``$TECHNONAT_DATA_BASE_URL``, else the package's.

    The URL is checked (scheme https or http, a host name): DownloadError saying what is wrong otherwise.
    """
    url = explicit if explicit is not None else os.environ.get(ENV_BASE_URL) or default_base_url()
    if url is None:
        wanted = f"version {version} is not bundled (this installation bundles {__version__}) and " if version else ""
        raise DownloadError(
            f"no download location: {wanted}no address of the release files is known; pass --base-url URL (command "
            f"line) or base_url=URL (Python), or set {ENV_BASE_URL}; this installation declares no default"
        )
    from .urls import BadURL, check_base_url

    try:
        check_base_url(url)
    except BadURL as err:
        raise DownloadError(str(err)) from None
    return url.strip().rstrip("/")


def default_base_url() -> str | None:
    """The default base URL declared in the package metadata (``[project.urls]`` "Release files"), if any."""
    try:
        entries = metadata.metadata("technonat-data").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    return next((e.split(",", 1)[1].strip() for e in entries if e.split(",", 1)[0].strip() == URL_LABEL), None)


def cached_path(version: str, filename: str) -> Path:
    """Where a release file lives in the cache, after checking the path cannot leave the cache directory."""
    file_hash(version, filename)  # validates the version and the file name against the registry
    root = cache_root()
    path = (root / version / filename).resolve()
    if not path.is_relative_to(root) or path.parent.parent != root:
        raise DownloadError(f"refusing cache path {path} outside {root}")
    return path


def deadline() -> float:
    """Seconds one file's transfer may take in all: ``$TECHNONAT_DATA_DOWNLOAD_DEADLINE``, else 300."""
    configured = os.environ.get(ENV_DEADLINE, "")
    try:
        return float(configured) if configured.strip() else DEFAULT_DEADLINE
    except ValueError:
        raise DownloadError(f"{ENV_DEADLINE}={configured!r} is not a number of seconds") from None


def fetch_file(version: str, filename: str, url: str | None = None) -> Path:
    """A verified local copy of one release file: the cache's if intact (no URL needed), else downloaded once."""
    path = cached_path(version, filename)
    expected = file_hash(version, filename)
    if _cached_intact(path, expected):
        return path
    from .transfer import Mismatch, TransferError, download
    from .urls import file_url, redact

    source = file_url(base_url(url, version), version, filename)
    _make_cache_dir(path.parent)
    _remove_stale_partials(path.parent)
    size = file_size(version, filename) or MAX_UNREGISTERED_BYTES
    try:
        return download(source, path, expected, size, deadline())
    except Mismatch as err:
        _discard_empty(path.parent)
        raise DownloadError(
            f"{filename} of version {version} from {redact(source)} does not match the registry ({err}): a "
            f"corrupted, truncated or tampered download. It was deleted; nothing was cached."
        ) from None
    except TransferError as err:
        _discard_empty(path.parent)
        raise DownloadError(
            f"cannot download version {version} ({redact(source)}): {err}. Version {__version__} is bundled and "
            f"works offline; to use {version} offline later, run `technonat-data fetch {version}` once online."
        ) from None
    except OSError as err:  # the cache folder is there but not writable
        _discard_empty(path.parent)
        raise DownloadError(f"cannot write to the download cache {path.parent}: {err.strerror or err}; set "
                            f"{ENV_CACHE} to a writable folder") from None


def _cached_intact(path: Path, expected: str) -> bool:
    """Whether the cache holds the file with its registered sha256 (a damaged copy is deleted)."""
    if not path.is_file():
        return False
    from .integrity import sha256_file

    if sha256_file(path) == expected:
        return True
    path.unlink(missing_ok=True)
    return False


def _remove_stale_partials(folder: Path) -> None:
    """Delete partial downloads of killed processes: untouched for longer than any live transfer could be."""
    import time

    cutoff = time.time() - deadline() - STALE_GRACE
    for partial in folder.glob(".*.part"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < cutoff:
                partial.unlink()


def _make_cache_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DownloadError(f"cannot create the download cache {folder}: {err.strerror or err}; set {ENV_CACHE} "
                            "to a writable folder") from None


def fetch(version: str, url: str | None = None) -> list[Path]:
    """Download (or confirm in the cache) every file of a release; returns their local paths."""
    return [fetch_file(version, name, url) for name in release(version)["files"]]


def _discard_empty(folder: Path) -> None:
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()

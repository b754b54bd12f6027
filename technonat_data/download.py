"""Download release files of a pinned version once, verify them against the registry, and cache them.

Downloading and caching are pooch's job; this module decides where (cache directory, base URL) and turns
failures into messages that say what happened and what to do.
"""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

from ._version import __version__
from .registry import file_hash, release

ENV_BASE_URL = "TECHNONAT_DATA_BASE_URL"
ENV_CACHE = "TECHNONAT_DATA_CACHE"
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


def base_url(explicit: str | None = None) -> str:
    """Where releases are downloaded from: the argument, else ``$TECHNONAT_DATA_BASE_URL``, else the package's."""
    url = explicit or os.environ.get(ENV_BASE_URL) or default_base_url()
    if not url:
        raise DownloadError(
            f"no download location: pass base_url=..., or set {ENV_BASE_URL} to the address of the release files "
            f"(this installation declares no default); version {__version__} is bundled and needs no download"
        )
    return url.rstrip("/")


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


def fetch_file(version: str, filename: str, url: str | None = None) -> Path:
    """A verified local copy of one release file, downloaded on first use."""
    import pooch

    path = cached_path(version, filename)
    expected = file_hash(version, filename)
    source = f"{base_url(url)}/{version}/{filename}"
    pooch.get_logger().setLevel("WARNING")
    try:
        return Path(pooch.retrieve(source, known_hash=f"sha256:{expected}", fname=filename, path=path.parent))
    except ValueError as err:
        _discard_empty(path.parent)
        raise DownloadError(
            f"{filename} of version {version} from {source} does not match the registry (expected sha256 "
            f"{expected}): a corrupted, truncated or tampered download. It was deleted; nothing was cached."
        ) from err
    except Exception as err:  # requests and OS errors alike mean: not available here and now
        _discard_empty(path.parent)
        raise DownloadError(
            f"cannot download version {version} ({source}): {type(err).__name__}. Version {__version__} is bundled "
            f"and works offline; to use {version} offline later, run `technonat-data fetch {version}` once online."
        ) from err


def fetch(version: str, url: str | None = None) -> list[Path]:
    """Download (or confirm in the cache) every file of a release; returns their local paths."""
    return [fetch_file(version, name, url) for name in release(version)["files"]]


def _discard_empty(folder: Path) -> None:
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()

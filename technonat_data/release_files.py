"""Where the verified files of a release are: the one module that answers it for the run-time half.

Every registered version ships inside the package, as ``technonat_data/_data/<version>/`` (the same files as
``build/<version>/``); in a source checkout, ``build/<version>/`` is read instead. A file is read into memory once
per process, hashed, and compared with the registry's sha256; callers get those very bytes (never a path reopened
after the check), so a file changed on disk after its check can never be returned.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from ._version import __version__
from .registry import file_hash, load_registry, release
from .version_numbers import check_version, data_version_of

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED = PACKAGE_DIR / "_data"  # in an installed wheel
CHECKOUT_BUILD = PACKAGE_DIR.parent / "build"  # in a source checkout (or an editable install)
SOURCES = PACKAGE_DIR / "_sources"  # the article's text in an installed wheel (raw/sources/ in a checkout)
REINSTALL = "reinstall the package from the wheel or index you installed it from (pip install --force-reinstall ...)"


class IntegrityError(RuntimeError):
    """A release file does not match the sha256 the registry records for it."""


class MissingRelease(FileNotFoundError):
    """A registered version whose files are not in this installation (a damaged installation)."""


def data_version() -> str:
    """The default data version: the package version without a code-only ``.postN`` suffix."""
    return data_version_of(__version__)


def resolve(version: str | None) -> str:
    """``version`` checked and registered (default: :func:`data_version`); ValueError or LookupError otherwise."""
    chosen = data_version() if version is None else check_version(version)
    release(chosen)  # LookupError naming the released versions
    return chosen


def find_dir(version: str) -> Path | None:
    """The folder holding ``version``'s files here (the package's copy first, then a checkout's), or None."""
    for root in (BUNDLED, CHECKOUT_BUILD):
        if (root / version / "datapackage.json").is_file():
            return root / version
    return None


def release_dir(version: str | None = None) -> Path:
    """The folder holding the files of ``version`` (default: the data version); MissingRelease if absent."""
    chosen = resolve(version)
    folder = find_dir(chosen)
    if folder is None:
        raise MissingRelease(f"the files of version {chosen} are missing from this installation (looked in "
                             f"{BUNDLED / chosen}); {REINSTALL}")
    return folder


def bundled_dir() -> Path:
    """The folder of the default data version (the one ``load`` reads without ``version=``)."""
    return release_dir()


def installed_versions() -> dict[str, Path | None]:
    """Every released version, oldest first, with its folder in this installation (None when missing)."""
    return {version: find_dir(version) for version in load_registry()}


def read_verified(version: str | None, filename: str) -> bytes:
    """The bytes of one file of ``version``, checked against the registry (once per process; later calls get the
    same bytes from memory). IntegrityError names the file and both hashes when they differ."""
    return _read(resolve(version), filename)


@cache
def _read(chosen: str, filename: str) -> bytes:
    expected = file_hash(chosen, filename)  # LookupError for a file the release does not have
    path = release_dir(chosen) / filename
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected:
        raise IntegrityError(f"{path} is damaged: its sha256 is {digest}, but the registry expects {expected}. The "
                             f"file was truncated or altered after installation; {REINSTALL}.")
    return data


def source_text(name: str, expected: str) -> bytes | None:
    """The bytes of a source text recorded in the sources table as ``name`` (``raw/sources/<file>``), from the
    package's copy or a checkout's, if its sha256 is ``expected``; None when no copy is here."""
    for candidate in (SOURCES / Path(name).name, CHECKOUT_BUILD.parent / name):
        if candidate.is_file():
            data = candidate.read_bytes()
            if hashlib.sha256(data).hexdigest() != expected:
                raise IntegrityError(f"{candidate} is damaged: its sha256 differs from {expected}; {REINSTALL}")
            return data
    return None


def forget() -> None:
    """Drop the verified bytes held in memory (tests that swap files call this)."""
    _read.cache_clear()

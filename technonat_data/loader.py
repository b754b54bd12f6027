"""Load the dataset's tables. Light on purpose: importing this module imports neither pandas nor pyarrow.

The version bundled with the package is read from ``technonat_data/_data/<version>/`` (in a source checkout,
from ``build/<version>/``); any other released version is downloaded once, verified and cached.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from ._version import __version__
from .registry import file_hash

CHECKOUT_BUILD = Path(__file__).resolve().parent.parent / "build"


def bundled_dir() -> Path:
    """The folder holding the bundled release's files (beside this module: no importlib.resources, which is slow)."""
    bundled = Path(__file__).resolve().parent / "_data" / __version__
    checkout = CHECKOUT_BUILD / __version__
    for candidate in (bundled, checkout):
        if (candidate / "datapackage.json").is_file():
            return candidate
    raise FileNotFoundError(f"the files of version {__version__} are missing from this installation ({bundled})")


class IntegrityError(RuntimeError):
    """A bundled release file does not match the sha256 the registry records for it."""


def release_file(filename: str, version: str | None = None, base_url: str | None = None) -> Path:
    """A local, verified path to one file of ``version`` (default: the bundled version).

    Other versions come from the releases committed in a source checkout when present, else from the download
    cache (downloading once); every file is checked against the registry's sha256.
    """
    if version is None or version == __version__:
        return verified(bundled_dir() / filename, file_hash(__version__, filename))
    expected = file_hash(version, filename)  # validates the version before any path is built from it
    committed = CHECKOUT_BUILD / version / filename
    if committed.is_file():
        return verified(committed, expected)
    from .download import fetch_file

    return fetch_file(version, filename, base_url)  # cached files are checked on every call


@cache
def verified(path: Path, expected: str) -> Path:
    """``path`` after checking its sha256 against ``expected`` (once per file and process: the check is cached)."""
    from .integrity import sha256_file

    digest = sha256_file(path)
    if digest != expected:
        raise IntegrityError(
            f"{path} is damaged: its sha256 is {digest}, but the registry expects {expected}. The file was truncated "
            "or altered after installation; reinstall the package from the wheel or index you installed it from "
            "(pip install --force-reinstall ...)."
        )
    return path


@cache
def package(version: str | None = None, base_url: str | None = None) -> dict:
    """A release's ``datapackage.json`` as a dict (read once per process)."""
    return json.loads(release_file("datapackage.json", version, base_url).read_text(encoding="utf-8"))


def tables(version: str | None = None, base_url: str | None = None) -> dict[str, str]:
    """The dataset's tables, each with a one-line description.

    Example:
        >>> import technonat_data as td
        >>> "facts" in td.tables()
        True
    """
    _check_arguments(version=version)
    resources_ = package(version, base_url)["resources"]
    return {r["name"]: r["description"] for r in resources_ if r["format"] == "parquet"}


def load(name: str, version: str | None = None, base_url: str | None = None, backend: str = "pandas") -> Any:
    """Load table ``name`` of ``version`` (default: the bundled one) as a DataFrame with declared dtypes.

    With ``backend="pandas"`` (the default): a pandas DataFrame; vocabulary columns are categoricals with fixed
    categories, integers and floats are nullable, day-precision dates (``date_start``, ``date_end``) are
    ``datetime64``, list columns hold arrays of strings. ``backend="pyarrow"`` returns the ``pyarrow.Table``
    without importing pandas; ``backend="polars"`` returns a ``polars.DataFrame`` (polars must be installed).
    A version other than the bundled one is downloaded once from ``base_url`` (or ``$TECHNONAT_DATA_BASE_URL``),
    checked against the registry's sha256 and cached.

    Example:
        >>> import technonat_data as td
        >>> facts = td.load("facts")
        >>> facts.set_index("fact_id").loc["elpida_2009_dbj_investment", "value"]
        np.float64(30000000000.0)
    """
    _check_arguments(name, version)
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; use one of: {', '.join(BACKENDS)}")
    known = tables(version, base_url)
    if name not in known:
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(known)} (see technonat_data.tables())")
    import pyarrow.parquet as pq  # ParquetFile.read, unlike pq.read_table, does not import pandas

    table = pq.ParquetFile(release_file(f"{name}.parquet", version, base_url)).read()
    if backend == "pyarrow":
        return table
    if backend == "polars":
        try:
            import polars as pl
        except ModuleNotFoundError as err:
            raise ModuleNotFoundError('backend="polars" needs polars: pip install polars', name="polars") from err
        return pl.from_arrow(table)
    return table.to_pandas(date_as_object=False)


def _check_arguments(name: object = "", version: object = None) -> None:
    """TypeError or ValueError naming a table name or version of the wrong kind (before any cache sees them)."""
    if not isinstance(name, str):
        raise TypeError(f"table name must be a string such as 'facts', not {type(name).__name__} {name!r}")
    if version is not None:
        from .versions import check_version

        check_version(version)


BACKENDS = ("pandas", "pyarrow", "polars")

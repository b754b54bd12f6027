"""Load the dataset's tables. Light on purpose: importing this module imports neither pandas nor pyarrow.

Every released version ships with the package; :mod:`technonat_data.release_files` finds a version's files and
hands over their verified bytes, which are parsed here without reopening any file.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from .registry import load_registry
from .release_files import IntegrityError, bundled_dir, data_version, installed_versions, read_verified, resolve

__all__ = ["IntegrityError", "MissingTable", "bundled_dir", "load", "package", "tables", "versions"]
BACKENDS = ("pandas", "pyarrow", "polars")


class MissingTable(KeyError):
    """A table the chosen version does not have (a KeyError whose message prints without KeyError's quotes)."""

    def __str__(self) -> str:
        return str(self.args[0])


@cache
def package(version: str | None = None) -> dict:
    """A release's ``datapackage.json`` as a dict (read and verified once per process)."""
    return json.loads(read_verified(version, "datapackage.json").decode("utf-8"))


def versions() -> dict[str, dict]:
    """Every released version, oldest first: its release date, whether this installation holds its files, and
    whether it is the default (the data version ``load`` reads without ``version=``).

    Example:
        >>> import technonat_data as td
        >>> td.versions().get("1.0.0", {}).get("installed")
        True
    """
    default, folders = data_version(), installed_versions()
    return {version: {"released": entry["released"], "installed": folders[version] is not None,
                      "default": version == default}
            for version, entry in load_registry().items()}


def tables(version: str | None = None) -> dict[str, str]:
    """The tables of ``version`` (default: the data version ``td.data_version``), each with a one-line description.

    Example:
        >>> import technonat_data as td
        >>> "facts" in td.tables() and "sentences" not in td.tables(version="1.0.0")
        True
    """
    return {r["name"]: r["description"] for r in package(resolve(version))["resources"] if r["format"] == "parquet"}


def load(name: str, version: str | None = None, backend: str = "pandas") -> Any:
    """Load table ``name`` of ``version`` (default: ``td.data_version``) as a DataFrame with declared dtypes.

    With ``backend="pandas"`` (the default): a pandas DataFrame; vocabulary columns are categoricals with fixed
    categories, integers and floats are nullable, day-precision dates (``date_start``, ``date_end``) are
    ``datetime64``, list columns hold arrays of strings. ``backend="pyarrow"`` returns the ``pyarrow.Table``
    without importing pandas; ``backend="polars"`` returns a ``polars.DataFrame`` (polars must be installed).
    Every released version is in the package; its files are checked against the registry's sha256 on first read.

    Example:
        >>> import technonat_data as td
        >>> facts = td.load("facts")
        >>> facts.set_index("fact_id").loc["elpida_2009_dbj_investment", "value"]
        np.float64(30000000000.0)
    """
    _check_name(name)
    chosen = resolve(version)  # a malformed or unknown version is refused before anything is read
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; use one of: {', '.join(BACKENDS)}")
    known = tables(chosen)
    if name not in known:
        raise MissingTable(missing_table(name, chosen, known, explicit=version is not None))
    table = read_table(chosen, name)
    if backend == "pyarrow":
        return table
    if backend == "polars":
        try:
            import polars as pl
        except ModuleNotFoundError as err:
            raise ModuleNotFoundError('backend="polars" needs polars: pip install polars', name="polars") from err
        return pl.from_arrow(table)
    return table.to_pandas(date_as_object=False)


def read_table(version: str, name: str) -> Any:
    """The ``pyarrow.Table`` of one table, parsed from the verified bytes of its Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq  # ParquetFile.read, unlike pq.read_table, does not import pandas

    return pq.ParquetFile(pa.BufferReader(read_verified(version, f"{name}.parquet"))).read()


def missing_table(name: str, version: str, known: dict[str, str], explicit: bool) -> str:
    """The message for a table ``version`` lacks: that version's tables, and the versions that have it."""
    having = [v for v, entry in load_registry().items() if f"{name}.parquet" in entry["files"]]
    plural = "s" if len(having) > 1 else ""
    elsewhere = f"; table {name!r} is in version{plural} {', '.join(having)}" if having else ""
    hint = f"technonat_data.tables(version={version!r})" if explicit else "technonat_data.tables()"
    return f"no table {name!r} in version {version}; its tables are: {', '.join(known)}{elsewhere} (see {hint})"


def _check_name(name: object) -> None:
    """A TypeError naming a table name that is not a string (before it reaches any cache or path)."""
    if not isinstance(name, str):
        raise TypeError(f"table name must be a string such as 'facts', not {type(name).__name__} {name!r}")

"""Load the dataset's tables. Light on purpose: importing this module imports neither pandas nor pyarrow.

The release bundled with the installed package is read from ``technonat_data/_data/<version>/``; in a source
checkout (editable install) it is read from ``build/<version>/``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:
    import pandas as pd


def release_dir(version: str | None = None) -> Path:
    """The folder holding the files of ``version`` (default: the bundled version)."""
    version = version or __version__
    if version != __version__:
        raise LookupError(f"version {version!r} is not bundled; this installation bundles {__version__}")
    bundled = Path(str(resources.files(__package__))) / "_data" / version
    checkout = Path(__file__).resolve().parent.parent / "build" / version
    for candidate in (bundled, checkout):
        if (candidate / "datapackage.json").is_file():
            return candidate
    raise FileNotFoundError(f"the files of version {version} are missing from this installation ({bundled})")


@cache
def package(version: str | None = None) -> dict:
    """The release's ``datapackage.json`` as a dict (read once per process)."""
    return json.loads((release_dir(version) / "datapackage.json").read_text(encoding="utf-8"))


def tables(version: str | None = None) -> dict[str, str]:
    """The dataset's tables, each with a one-line description.

    Example:
        >>> import technonat_data as td
        >>> sorted(td.tables())[:2]
        ['claims', 'entities']
    """
    return {r["name"]: r["description"] for r in package(version)["resources"] if r["format"] == "parquet"}


def load(name: str, version: str | None = None) -> pd.DataFrame:
    """Load table ``name`` as a pandas DataFrame with its declared dtypes.

    Vocabulary columns are categoricals with fixed categories, integers and floats are nullable, day-precision
    dates (``date_start``, ``date_end``) are ``datetime64``, list columns hold arrays of strings.

    Example:
        >>> import technonat_data as td
        >>> facts = td.load("facts")
        >>> facts.set_index("fact_id").loc["elpida_2009_dbj_investment", "value"]
        np.float64(30000000000.0)
    """
    known = tables(version)
    if name not in known:
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(known)} (see technonat_data.tables())")
    import pyarrow.parquet as pq

    table = pq.ParquetFile(release_dir(version) / f"{name}.parquet").read()
    return table.to_pandas(date_as_object=False)

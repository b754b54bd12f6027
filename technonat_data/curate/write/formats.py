"""Writing the files a release's edition has beyond Parquet and CSV (see ``editions.py``): SQLite, Stata, Excel
and the Datasette metadata."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...citation import Citation
from ..schema.spec import TableSpec
from .datasette import write_metadata
from .editions import METADATA_NAME, Edition, stata_file, workbook_name
from .excel import write_workbook
from .sqlite_file import dotted_sqlite_name, sqlite_name, write_sqlite
from .stata import write_dta


def sources_citation(sources: pd.DataFrame, version: str, released: str) -> Citation:
    """The release's citation from its sources table (its content hash is not known before datapackage.json)."""
    rows = {row["kind"]: row for row in sources.to_dict("records")}
    return Citation(version, released, "", rows["article"], rows["original_paper"])


def write_formats(frames: dict[str, pd.DataFrame], specs: dict[str, TableSpec], folder: Path, version: str,
                  released: str, edition: Edition) -> None:
    """Write into ``folder`` the files ``edition`` has beyond Parquet and CSV (see the module's docstring)."""
    if edition == Edition.SQLITE:
        write_sqlite(frames, specs, folder / dotted_sqlite_name(version), keyed=False)
    if edition < Edition.TOOLS:
        return
    database = folder / sqlite_name(version)
    write_sqlite(frames, specs, database, keyed=True)
    write_metadata(specs, frames["sources"], database, folder / METADATA_NAME, version)
    for name, spec in specs.items():
        write_dta(frames[name], spec, folder / stata_file(name), version, released)
    write_workbook(frames, specs, folder / workbook_name(version), sources_citation(frames["sources"], version, released))

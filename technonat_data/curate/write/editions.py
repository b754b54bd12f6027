"""A release's edition: which files it has beyond Parquet and CSV, read from its own file names.

A released version never changes, so each keeps the edition it was made with: 1.0.0 and 1.1.0 have Parquet and CSV
only; 1.2.0 added the SQLite database (file name with dots, no index); every newer release has the ``TOOLS``
edition: a Stata file per table, one Excel workbook, the Datasette metadata and a keyed SQLite database whose stem
has no dots, and its ``datapackage.json`` carries the columns' short labels and value labels and describes these
files.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from ..schema.spec import TableSpec
from .sqlite_file import dotted_sqlite_name, sqlite_name

METADATA_NAME = "datasette-metadata.json"
TOOLS_ONLY = ("xlsxwriter",)  # pinned tools whose files only TOOLS releases have (older toolchains never named them)


class Edition(IntEnum):
    """The files a release has beyond Parquet, CSV, datapackage.json and SHA256SUMS."""

    TABLES = 1  # nothing more (1.0.0, 1.1.0)
    SQLITE = 2  # the SQLite database as 1.2.0 shipped it
    TOOLS = 3  # Stata, Excel, Datasette metadata, keyed SQLite, labels in datapackage.json


NEWEST = Edition.TOOLS


def workbook_name(version: str) -> str:
    """File name of a release's Excel workbook (the database's stem, so both sort together)."""
    return sqlite_name(version).removesuffix(".sqlite") + ".xlsx"


def stata_file(table: str) -> str:
    """File name of a table's Stata file."""
    return f"{table}.dta"


def edition_of(names: Iterable[str], version: str) -> Edition:
    """The edition of a release whose files are ``names`` (a release folder's listing or its registry entry)."""
    names = set(names)
    if workbook_name(version) in names:
        return Edition.TOOLS
    if dotted_sqlite_name(version) in names:
        return Edition.SQLITE
    return Edition.TABLES


def edition_files(specs: dict[str, TableSpec], version: str, edition: Edition) -> list[str]:
    """The names of the files ``edition`` adds, sorted."""
    if edition < Edition.SQLITE:
        return []
    if edition == Edition.SQLITE:
        return [dotted_sqlite_name(version)]
    return sorted([sqlite_name(version), workbook_name(version), METADATA_NAME, *(stata_file(t) for t in specs)])


def recorded_toolchain(toolchain: dict[str, str], edition: Edition) -> dict[str, str]:
    """The pins a release's ``datapackage.json`` records: those of the tools its files were made with."""
    return {name: pin for name, pin in toolchain.items() if edition >= Edition.TOOLS or name not in TOOLS_ONLY}

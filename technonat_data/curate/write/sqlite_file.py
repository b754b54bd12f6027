"""The SQLite database of a release: every table with its declared types, primary and foreign keys, and each list
column as a link table; written so that the same data gives the same bytes.

Types and keys come from ``schemas/`` (the specs), like the Parquet and Frictionless schemas. A list column
``<column>`` of table ``<table>`` becomes the table ``<table>__<column>`` with columns (the parent's key,
``position`` from 0, ``value``); ``value`` references the listed table when the column declares ``references``.
Dates are ISO 8601 text, booleans 0 or 1.

Databases of new releases are written ``keyed``: ``value`` also references the table a computed list names
(``sentence_ids``), every foreign-key column has an index, and a link table whose values name several tables or
are free text says so in a comment of its definition. The database of 1.2.0 was written without these, and is
re-created exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ...version_numbers import check_version
from ..schema.spec import ColumnSpec, TableSpec
from ..schema.to_arrow import arrow_schema

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}
PAGE_SIZE = 4096


def sqlite_name(version: str) -> str:
    """File name of a new release's SQLite database: no dots in the stem, which Datasette uses as the database's
    name (``technonat-data-1.2.0`` would make ``/technonat-data-1.2.0.json`` a 404)."""
    return f"technonat-data-{check_version(version).replace('.', '_')}.sqlite"


def dotted_sqlite_name(version: str) -> str:
    """File name of the database as 1.2.0 shipped it (``technonat-data-VERSION.sqlite``)."""
    return f"technonat-data-{check_version(version)}.sqlite"


def q(name: str) -> str:
    """An SQL identifier, quoted (``references`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def column_sql(column: ColumnSpec) -> str:
    """One column's definition: type, NOT NULL, and a CHECK for booleans and fixed vocabularies."""
    parts = [q(column.name), SQL_TYPES[column.type]]
    if column.required:
        parts.append("NOT NULL")
    if column.type == "boolean":
        parts.append(f"CHECK ({q(column.name)} IN (0, 1))")
    if column.enum is not None:
        allowed = ", ".join("'" + v.replace("'", "''") + "'" for v in column.enum)
        parts.append(f"CHECK ({q(column.name)} IN ({allowed}))")
    return " ".join(parts)


def foreign_key(column: str, reference: tuple[str, str] | None) -> list[str]:
    """The FOREIGN KEY clause of a column that references another table, if any."""
    if reference is None:
        return []
    return [f"FOREIGN KEY ({q(column)}) REFERENCES {q(reference[0])} ({q(reference[1])})"]


def table_sql(spec: TableSpec, keyed: bool = False) -> list[str]:
    """CREATE TABLE statements of one table and of its list columns' link tables (``keyed``: see the module)."""
    scalars = [c for c in spec.columns if c.type != "list"]
    lines = [column_sql(c) for c in scalars] + [f"PRIMARY KEY ({q(spec.primary_key)})"]
    lines += [fk for c in scalars for fk in foreign_key(c.name, c.reference)]
    statements = [f"CREATE TABLE {q(spec.name)} (\n  " + ",\n  ".join(lines) + "\n)"]
    key = spec.column(spec.primary_key)
    for column in (c for c in spec.columns if c.type == "list"):
        link = [f"{q(key.name)} {SQL_TYPES[key.type]} NOT NULL", "position INTEGER NOT NULL", "value TEXT NOT NULL",
                f"PRIMARY KEY ({q(key.name)}, position)", *foreign_key(key.name, (spec.name, key.name)),
                *foreign_key("value", column.target if keyed else column.reference)]
        comment = f"-- value: {link_comment(column)}\n" if keyed else ""
        statements.append(f"CREATE TABLE {q(link_table(spec, column))} (\n{comment}  " + ",\n  ".join(link) + "\n)")
    return statements


def link_comment(column: ColumnSpec) -> str:
    """What a link table's ``value`` holds, for the comment kept in its definition."""
    if column.target:
        return f"a {column.target[0]}.{column.target[1]}"
    return "not a key of one table: " + column.description.replace("\n", " ")


def index_sql(spec: TableSpec) -> list[str]:
    """CREATE INDEX statements for every foreign-key column of a table and of its link tables' values."""
    statements = [f"CREATE INDEX {q(f'{spec.name}__{c.name}__index')} ON {q(spec.name)} ({q(c.name)})"
                  for c in spec.columns if c.type != "list" and c.reference]
    statements += [f"CREATE INDEX {q(f'{link_table(spec, c)}__value__index')} ON {q(link_table(spec, c))} (value)"
                   for c in spec.columns if c.type == "list" and c.target]
    return statements


def link_table(spec: TableSpec, column: ColumnSpec) -> str:
    """The name of a list column's link table."""
    return f"{spec.name}__{column.name}"


def sql_value(value: object) -> object:
    """A Python value as SQLite stores it: dates as ISO text, everything else as is."""
    return value.isoformat() if isinstance(value, dt.date) else value


def table_rows(frame: pd.DataFrame, spec: TableSpec) -> list[dict]:
    """The rows of a table as Python values typed by the spec (through Arrow, as in the Parquet file), sorted by key."""
    rows = pa.Table.from_pandas(frame, schema=arrow_schema(spec), preserve_index=False).to_pylist()
    return sorted(rows, key=lambda row: row[spec.primary_key])


def insert_table(db: sqlite3.Connection, frame: pd.DataFrame, spec: TableSpec) -> None:
    """Insert one table's rows and its link tables' rows."""
    rows = table_rows(frame, spec)
    scalars = [c.name for c in spec.columns if c.type != "list"]
    marks = ", ".join("?" for _ in scalars)
    db.executemany(f"INSERT INTO {q(spec.name)} VALUES ({marks})", [[sql_value(r[c]) for c in scalars] for r in rows])
    for column in (c for c in spec.columns if c.type == "list"):
        links = [(r[spec.primary_key], i, v) for r in rows for i, v in enumerate(r[column.name] or [])]
        db.executemany(f"INSERT INTO {q(link_table(spec, column))} VALUES (?, ?, ?)", links)


def write_sqlite(frames: dict[str, pd.DataFrame], specs: dict[str, TableSpec], path: Path, keyed: bool = True) -> None:
    """Write every table to a new SQLite file at ``path``, then VACUUM it so its pages are laid out canonically.

    ``keyed`` (every new release) adds the keys, indexes and comments the module describes; 1.2.0's database
    is written with ``keyed=False``.
    """
    if path.exists():
        raise FileExistsError(f"{path} exists; a release database is written once, to a new file")
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("BEGIN")
        for spec in specs.values():
            for statement in table_sql(spec, keyed):
                db.execute(statement)
        for name, spec in specs.items():
            insert_table(db, frames[name], spec)
        for spec in specs.values() if keyed else ():
            for statement in index_sql(spec):
                db.execute(statement)
        db.execute("COMMIT")
        db.execute("VACUUM")
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"{path.name}: foreign keys that match no row: {problems[:5]}")
    finally:
        db.close()

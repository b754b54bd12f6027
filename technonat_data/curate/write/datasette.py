"""Datasette metadata of a release's SQLite database, generated from ``schemas/``: title, licence, source, table and
column descriptions, the column that names each table's rows (so a foreign key shows a label, not a bare id), and
facets on coded columns.

Datasette names a database after its file's stem, so the metadata is keyed to that stem; the release's database
file has no dots in its stem, so Datasette's plain address (``/<stem>.json``) works.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..schema.spec import ColumnSpec, TableSpec
from .datapackage import DESCRIPTION, LICENSE, TITLE
from .sqlite_file import link_table

MAX_FACETS = 3


def label_column(spec: TableSpec) -> str | None:
    """The column that names a row: the record's short English title where the table has one, else the declared one."""
    names = {c.name for c in spec.columns}
    return "title_en" if "title_en" in names else spec.label_column


def table_metadata(spec: TableSpec) -> dict:
    """One table's metadata: title, description, licence where its own, label column, facets and column docs."""
    entry: dict = {"title": spec.title, "description": spec.description}
    if spec.licenses:
        entry["license"] = " / ".join(licence["name"] for licence in spec.licenses)
    if label_column(spec):
        entry["label_column"] = label_column(spec)
    facets = [c.name for c in spec.columns if c.enum is not None][:MAX_FACETS]
    if facets:
        entry["facets"] = facets
    entry["sort"] = spec.primary_key
    entry["columns"] = {c.name: column_description(c) for c in spec.columns if c.type != "list"}
    return entry


def column_description(column: ColumnSpec) -> str:
    """A column's short label and description, and for a coded column what each value means."""
    text = f"{column.short_label}. {column.description}"
    if column.enum is not None:
        text += " Values: " + "; ".join(f"{v} = {column.value_label(v)}" for v in column.enum) + "."
    return text


def link_metadata(spec: TableSpec) -> dict[str, dict]:
    """The link table of each list column: what its ``value`` names (one table, several, or free text)."""
    out = {}
    for column in (c for c in spec.columns if c.type == "list"):
        names = f"a `{column.target[0]}` row" if column.target else "no single table (see the description)"
        out[link_table(spec, column)] = {
            "description": f"One row per item of `{spec.name}.{column.name}` ({column.short_label}); `value` names "
                           f"{names}. {column.description}",
            "sort": spec.primary_key,
        }
    return out


def metadata(specs: dict[str, TableSpec], sources: pd.DataFrame, database: str, version: str) -> dict:
    """The whole metadata document for the database called ``database`` (its file's stem)."""
    article = next(row for row in sources.to_dict("records") if row["kind"] == "article")
    tables: dict[str, dict] = {}
    for spec in specs.values():
        tables[spec.name] = table_metadata(spec)
        tables.update(link_metadata(spec))
    return {
        "title": f"{TITLE} (version {version})",
        "description": DESCRIPTION,
        "license": LICENSE["title"],
        "license_url": LICENSE["path"],
        "source": f"{article['title']} ({article['publisher']}, {article['published']})",
        "databases": {database: {"title": f"technonat-data {version}", "tables": tables}},
    }


def write_metadata(specs: dict[str, TableSpec], sources: pd.DataFrame, database_file: Path, path: Path,
                   version: str) -> None:
    """Write the metadata for ``database_file`` at ``path`` (JSON, fixed layout)."""
    document = metadata(specs, sources, Path(database_file).stem, version)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

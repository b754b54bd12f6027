"""The data dictionary page: every table and column, generated from schemas/ and the built tables."""

from __future__ import annotations

from technonat_data.curate.schema.spec import ColumnSpec, TableSpec
from technonat_data.curate.schema.to_frictionless import FRICTIONLESS_TYPES

from .data import available, specs, table, version


def dictionary_page() -> str:
    """Markdown of the data dictionary."""
    parts = ["# Data dictionary\n",
             "Generated from `schemas/` and the bundled release when the site is built; nothing here is typed by hand.\n"]
    parts += [table_section(spec) for spec in specs().values()]
    return "\n".join(parts)


def table_section(spec: TableSpec) -> str:
    """One table: description, keys, row count and the column table."""
    keys = [f"`{c.name}` → `{c.references}`" for c in spec.columns if c.references]
    released = spec.name in available()
    lines = [
        f"## `{spec.name}` {{#{spec.name}}}\n",
        f"{spec.description}\n",
        f"- **Rows:** {len(table(spec.name))}" if released else f"- **Rows:** not in release {version()} yet",
        f"- **Primary key:** `{spec.primary_key}`",
        f"- **Foreign keys:** {', '.join(keys) if keys else 'none'}",
        f"- **Files:** {files(spec.name) if released else 'none yet'}; raw input `{spec.raw}`\n",
        '<div class="cards dictionary" markdown>\n',
        "| column | type | allowed values or range | description |",
        "| --- | --- | --- | --- |",
    ]
    lines += [column_row(c) for c in spec.columns]
    return "\n".join(lines) + "\n\n</div>\n"


def cell(value: str) -> str:
    """Schema text (written in the repository, with its Markdown code marks) for a table cell: pipes escaped."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def files(name: str) -> str:
    """Links to a table's Parquet and CSV files in the bundled release, served with the site."""
    return ", ".join(f"[{name}.{ext}](releases/{version()}/{name}.{ext})" for ext in ("parquet", "csv"))


def rows(name: str) -> str:
    """The table's row count in the bundled release, or a note that it first appears in a later release."""
    return str(len(table(name))) if name in available() else f"not in release {version()}; first in a later release"


def column_row(column: ColumnSpec) -> str:
    """One column of the dictionary table."""
    kind = FRICTIONLESS_TYPES[column.type] + (" (list of strings)" if column.type == "list" else "")
    kind += ", required" if column.required else ", optional"
    if column.computed:
        kind += ", computed by the build"
    return f"| `{column.name}` | {kind} | {cell(allowed(column))} | {cell(column.description)} |"


def allowed(column: ColumnSpec) -> str:
    """The constraint on a column's values, in words."""
    rules = []
    if column.enum:
        rules.append(", ".join(f"`{v}`" for v in column.enum))
    if column.pattern:
        rules.append(f"pattern `{column.pattern}`")
    if column.minimum is not None or column.maximum is not None:
        low = "" if column.minimum is None else f"{column.minimum:g}"
        high = "" if column.maximum is None else f"{column.maximum:g}"
        rules.append(f"{low}..{high}")
    if column.unique:
        rules.append("unique")
    if column.references:
        rules.append(f"an existing `{column.references}`")
    if column.in_quote:
        rules.append("occurs in `quote`")
    return "; ".join(rules)

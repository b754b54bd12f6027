"""Derive Pandera schemas from the column spec (the rules stage runs them)."""

from __future__ import annotations

import pandera.pandas as pa

from .dtypes import PANDAS_DTYPES
from .spec import ColumnSpec, TableSpec


def pandera_schema(spec: TableSpec, include_computed: bool = True) -> pa.DataFrameSchema:
    """The Pandera schema of a table: raw columns only, or also the columns the build computes."""
    columns = spec.columns if include_computed else spec.raw_columns
    return pa.DataFrameSchema(
        {c.name: pandera_column(c) for c in columns}, name=spec.name, strict=True, ordered=True, coerce=False
    )


def computed_schema(spec: TableSpec) -> pa.DataFrameSchema:
    """The Pandera schema of just the computed columns (the raw ones were validated before they were derived)."""
    return pa.DataFrameSchema({c.name: pandera_column(c) for c in spec.columns if c.computed}, name=spec.name)


def pandera_column(column: ColumnSpec) -> pa.Column:
    """One column's dtype, nullability, uniqueness and checks."""
    nullable = not column.required or column.type == "list"
    return pa.Column(
        PANDAS_DTYPES[column.type], nullable=nullable, unique=column.unique, checks=column_checks(column),
        description=column.description,
    )


def column_checks(column: ColumnSpec) -> list[pa.Check]:
    """The value checks a column's spec asks for, each with a readable rule as its error."""
    checks = []
    if column.enum is not None:
        checks.append(pa.Check.isin(list(column.enum), error=f"not an allowed value; use one of: {', '.join(column.enum)}"))
    if column.pattern is not None:
        # Frictionless patterns match the whole value; anchor the same way here. \d means 0-9 only (Python's \d
        # also matches full-width and Arabic-Indic digits, which no id, date or DOI may hold).
        whole = rf"^(?:{ascii_digits(column.pattern)})\Z"
        said = " (\\d: ASCII digits 0-9 only)" if "\\d" in column.pattern else ""
        checks.append(pa.Check.str_matches(whole, error=f"does not match the pattern {column.pattern}{said}"))
    if column.minimum is not None:
        checks.append(pa.Check.ge(column.minimum, error=f"must be at least {column.minimum:g}"))
    if column.maximum is not None:
        checks.append(pa.Check.le(column.maximum, error=f"must be at most {column.maximum:g}"))
    if column.type == "list":
        checks.append(pa.Check(_is_text_list, element_wise=True, error="must be a list of texts"))
    return checks


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)


def ascii_digits(pattern: str) -> str:
    """``pattern`` with each ``\\d`` narrowed to the ASCII digits (``[0-9]``, or ``0-9`` inside a class)."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        pair = pattern[i : i + 2]
        if pair == "\\d":
            out.append("0-9" if in_class else "[0-9]")
        elif pair[0] == "\\":
            out.append(pair)
        else:
            in_class = (in_class or pair[0] == "[") and not (in_class and pair[0] == "]")
            out.append(pair[0])
            i += 1
            continue
        i += 2
    return "".join(out)

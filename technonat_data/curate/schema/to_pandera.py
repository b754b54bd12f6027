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
        # Frictionless patterns match the whole value; anchor the same way here.
        whole = rf"^(?:{column.pattern})\Z"
        checks.append(pa.Check.str_matches(whole, error=f"does not match the pattern {column.pattern}"))
    if column.minimum is not None:
        checks.append(pa.Check.ge(column.minimum, error=f"must be at least {column.minimum:g}"))
    if column.maximum is not None:
        checks.append(pa.Check.le(column.maximum, error=f"must be at most {column.maximum:g}"))
    if column.type == "list":
        checks.append(pa.Check(_is_text_list, element_wise=True, error="must be a list of texts"))
    return checks


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)

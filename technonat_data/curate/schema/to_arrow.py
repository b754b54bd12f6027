"""Derive Arrow types and output pandas dtypes from the column spec, so Parquet files are typed explicitly."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from .dtypes import PANDAS_DTYPES
from .spec import ColumnSpec, TableSpec

ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
               "date": pa.date32(), "list": pa.list_(pa.string())}


def arrow_schema(spec: TableSpec) -> pa.Schema:
    """The Arrow schema of a table: one field per column, in spec order, descriptions kept as field metadata."""
    return pa.schema([arrow_field(c) for c in spec.columns])


def arrow_field(column: ColumnSpec) -> pa.Field:
    """One Arrow field; columns with a fixed vocabulary are dictionary-encoded (pandas categoricals)."""
    kind = pa.dictionary(pa.int32(), pa.string()) if column.enum is not None else ARROW_TYPES[column.type]
    return pa.field(column.name, kind, nullable=not column.required,
                    metadata={"description": column.description})


def output_dtype(column: ColumnSpec) -> object:
    """The pandas dtype a column has in a loaded table: fixed categories for vocabularies, nullable numbers."""
    if column.enum is not None:
        return pd.CategoricalDtype(categories=list(column.enum), ordered=False)
    return PANDAS_DTYPES[column.type]


def to_output_frame(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The validated frame with output dtypes, rows sorted by primary key and a fresh range index."""
    out = frame.sort_values(spec.primary_key, kind="stable").reset_index(drop=True)
    return out.astype({c.name: output_dtype(c) for c in spec.columns})[[c.name for c in spec.columns]]

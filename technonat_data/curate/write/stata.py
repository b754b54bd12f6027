"""A table as a Stata file (``.dta`` format 118, UTF-8), labelled from ``schemas/``, with the same bytes every time.

Stata has no list, nullable-text or categorical types, so the file keeps the Parquet rows with these conversions:
coded columns (``enum``) become integers 1..n in the declared order with value labels; list columns become text
joined by ``;``; missing text is empty text; day dates are Stata dates (``%td``); columns whose names Stata
reserves (``case``, ``end``) take their declared ``stata_name``. Variable labels are the columns' short labels,
and the dataset label names the table and the version.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from ..schema.spec import ColumnSpec, TableSpec

STATA_VERSION = 118  # Stata 14 and later: UTF-8 text, labels of 80 characters
STR_BYTES = 2045  # longest fixed-width string; longer text is stored as strL
SEPARATOR = ";"


def stata_name(column: ColumnSpec) -> str:
    """The column's variable name in Stata: its declared ``stata_name``, else its own name."""
    return column.stata_name or column.name


def codes(column: ColumnSpec) -> dict[str, int]:
    """The integer code of each value of a coded column: its 1-based position in the declared ``enum``."""
    return {value: position for position, value in enumerate(column.enum or (), start=1)}


def value_labels(column: ColumnSpec) -> dict[float, str]:
    """Stata value labels of a coded column: code -> the value's human label."""
    return {float(code): column.value_label(value) for value, code in codes(column).items()}


def stata_column(values: pd.Series, column: ColumnSpec) -> pd.Series:
    """One column converted to the Stata type it is written as (see the module's docstring)."""
    if column.enum is not None:
        coded = values.astype(object).map(codes(column)).astype("float64")  # missing -> Stata's missing value
        return coded.astype("int16") if coded.notna().all() else coded
    if column.type == "list":
        return values.map(lambda items: SEPARATOR.join(items) if isinstance(items, (list, tuple)) else "")
    if column.type == "date":
        return pd.to_datetime(values.astype(object).map(lambda d: d if isinstance(d, dt.date) else None))
    if column.type == "integer":
        numbers = pd.to_numeric(values).astype("Float64")
        return numbers.astype("int32") if numbers.notna().all() else numbers.astype("float64")
    if column.type == "boolean":
        return values.astype("Float64").astype("float64")
    if column.type == "number":
        return pd.to_numeric(values).astype("Float64").astype("float64")
    return values.astype(object).map(lambda text: text if isinstance(text, str) else "")


def stata_frame(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The table's rows with every column converted and renamed for Stata, in the declared column order."""
    return pd.DataFrame({stata_name(c): stata_column(frame[c.name], c) for c in spec.columns}).reset_index(drop=True)


def long_text(data: pd.DataFrame) -> list[str]:
    """Text columns with a value longer than Stata's fixed-width strings allow (written as strL)."""
    return [name for name in data.columns if data[name].dtype == object
            and max(data[name].map(lambda text: len(text.encode("utf-8"))), default=0) > STR_BYTES]


def write_dta(frame: pd.DataFrame, spec: TableSpec, path: Path, version: str, released: str) -> None:
    """Write table ``spec`` as a Stata file at ``path``; the header's time stamp is the release date (no clock)."""
    data = stata_frame(frame, spec)
    data.to_stata(
        path,
        write_index=False,
        version=STATA_VERSION,
        time_stamp=dt.datetime.fromisoformat(released),
        data_label=f"technonat-data {version}: {spec.name}"[:80],
        variable_labels={stata_name(c): c.short_label for c in spec.columns},
        value_labels={stata_name(c): value_labels(c) for c in spec.columns if c.enum is not None},
        convert_dates={stata_name(c): "td" for c in spec.columns if c.type == "date"},
        convert_strl=long_text(data),
    )

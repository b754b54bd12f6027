"""Write one table's release files: Parquet with explicit Arrow types, and a CSV twin readable by Frictionless."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..schema.spec import TableSpec
from ..schema.to_arrow import arrow_schema

PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 9, "use_dictionary": True, "write_statistics": True,
                   "version": "2.6", "data_page_version": "1.0"}


def write_parquet(frame: pd.DataFrame, spec: TableSpec, path: Path) -> None:
    """Write ``frame`` with the spec's Arrow schema, no index, and fixed writer options (for identical bytes)."""
    table = pa.Table.from_pandas(frame, schema=arrow_schema(spec), preserve_index=False)
    pq.write_table(table, path, **PARQUET_OPTIONS)


def write_csv(frame: pd.DataFrame, spec: TableSpec, path: Path) -> None:
    """Write ``frame`` as UTF-8 CSV: empty cells for nulls, ISO dates, lists as JSON arrays, floats round-tripping."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([c.name for c in spec.columns])
        for row in frame.itertuples(index=False):
            writer.writerow([csv_cell(value) for value in row])


def csv_cell(value: object) -> str:
    """One value as CSV text."""
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return repr(float(value))  # numpy floats would otherwise print as np.float64(...)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)

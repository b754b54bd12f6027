"""Interop: DuckDB and Polars read every Parquet file of the release as the data package declares it."""

from __future__ import annotations

import json

import duckdb
import pytest

import technonat_data as td
from technonat_data.loader import bundled_dir

pl = pytest.importorskip("polars", reason="polars is in the test extra")
PACKAGE = json.loads((bundled_dir() / "datapackage.json").read_text(encoding="utf-8"))
PARQUET = [r for r in PACKAGE["resources"] if r["format"] == "parquet"]
DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "date": "DATE", "boolean": "BOOLEAN",
                "list": "VARCHAR[]"}
POLARS_TYPES = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "date": pl.Date,
                "boolean": pl.Boolean, "list": pl.List(pl.String)}


def declared(resource: dict) -> list[tuple[str, str]]:
    """(column, spec type) as the release's package declares them; list columns are `any` in Parquet resources."""
    return [(f["name"], "list" if f["type"] == "any" else f["type"]) for f in resource["schema"]["fields"]]


def has_enum(resource: dict, name: str) -> bool:
    """Whether the release declares a fixed vocabulary for a column (stored as a dictionary, read as categorical)."""
    field = next(f for f in resource["schema"]["fields"] if f["name"] == name)
    return "enum" in field.get("constraints", {})


@pytest.mark.parametrize("resource", PARQUET, ids=lambda r: r["name"])
def test_duckdb_reads_columns_types_and_rows(resource: dict) -> None:
    path = bundled_dir() / resource["path"]
    relation = duckdb.sql(f"select * from read_parquet('{path}')")
    got = dict(zip(relation.columns, [str(t) for t in relation.types], strict=True))
    assert list(got) == [name for name, _ in declared(resource)]
    for name, kind in declared(resource):
        assert got[name] == DUCKDB_TYPES[kind], (resource["name"], name, got[name])
    assert duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchall() == [(len(td.load(resource["name"])),)]


@pytest.mark.parametrize("resource", PARQUET, ids=lambda r: r["name"])
def test_polars_reads_columns_types_and_rows(resource: dict) -> None:
    frame = pl.read_parquet(bundled_dir() / resource["path"])
    assert frame.columns == [name for name, _ in declared(resource)]
    for name, kind in declared(resource):
        expected = pl.Categorical if has_enum(resource, name) else POLARS_TYPES[kind]
        assert frame.schema[name] == expected, (resource["name"], name, frame.schema[name])
    assert frame.height == len(td.load(resource["name"]))


def test_polars_backend_matches_direct_read() -> None:
    assert td.load("facts", backend="polars").equals(pl.read_parquet(bundled_dir() / "facts.parquet"))


def test_pyarrow_backend_does_not_need_pandas() -> None:
    import subprocess
    import sys

    code = "import sys, technonat_data as td; t = td.load('facts', backend='pyarrow'); print(t.num_rows, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(len(td.load("facts"))), "False"]


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown backend 'numpy'; use one of: pandas, pyarrow, polars"):
        td.load("facts", backend="numpy")

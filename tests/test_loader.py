"""Loading: proper dtypes, helpful errors, and an import that stays light."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

import technonat_data as td
from technonat_data.curate.spec import TABLE_ORDER
from technonat_data.loader import bundled_dir

RELEASED = [r for r in json.loads((bundled_dir() / "datapackage.json").read_text(encoding="utf-8"))["resources"]
            if r["format"] == "parquet"]  # the bundled release declares its own tables and columns
PANDAS_TYPES = {"integer": "Int64", "number": "Float64"}


def test_tables_lists_every_table_of_the_release_with_its_description() -> None:
    listed = td.tables()
    assert listed == {r["name"]: r["description"] for r in RELEASED}
    assert list(listed) == [name for name in TABLE_ORDER if name in listed], "tables in the dataset's order"
    assert {"facts", "events", "claims", "checks"} <= listed.keys()


@pytest.mark.parametrize("resource", RELEASED, ids=lambda r: r["name"])
def test_load_gives_declared_dtypes_sorted_by_id(resource: dict) -> None:
    frame = td.load(resource["name"])
    fields = resource["schema"]["fields"]
    [key] = resource["schema"]["primaryKey"]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert frame[key].is_unique and frame[key].is_monotonic_increasing
    assert isinstance(frame.index, pd.RangeIndex)
    for field in fields:
        dtype = frame[field["name"]].dtype
        if "enum" in field.get("constraints", {}):
            assert list(dtype.categories) == field["constraints"]["enum"], field["name"]
        elif field["type"] in PANDAS_TYPES:
            assert dtype == PANDAS_TYPES[field["type"]]
        elif field["type"] == "date":
            assert pd.api.types.is_datetime64_dtype(dtype)


def test_unknown_table_names_the_tables() -> None:
    with pytest.raises(KeyError, match="no table 'fact'; the tables are: sources, entities, facts"):
        td.load("fact")


def test_malformed_version_is_rejected_before_any_lookup() -> None:
    with pytest.raises(ValueError, match=r"malformed version '1.0': expected MAJOR.MINOR.PATCH"):
        td.load("facts", version="1.0")


def test_import_stays_light() -> None:
    code = "import sys, json, technonat_data; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = {m.split(".")[0] for m in json.loads(result.stdout)}
    assert not modules & {"pandera", "frictionless", "pandas", "pyarrow", "yaml"}


def test_duckdb_reads_the_parquet_files() -> None:
    path = bundled_dir() / "facts.parquet"
    rows = duckdb.sql(
        f"select value, unit from read_parquet('{path}') where fact_id = 'elpida_2009_dbj_investment'"
    ).fetchall()
    assert rows == [(3.0e10, "JPY")]
    events = duckdb.sql(f"select count(*) from read_parquet('{bundled_dir() / 'events.parquet'}')").fetchall()
    assert events == [(len(td.load("events")),)]


def test_public_functions_are_not_shadowed_by_submodules() -> None:
    import technonat_data.citation
    import technonat_data.release_diff  # noqa: F401

    assert callable(td.diff) and callable(td.cite) and callable(td.load)

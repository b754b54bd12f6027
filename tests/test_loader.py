"""Loading: proper dtypes, helpful errors, and an import that stays light."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

import technonat_data as td
from technonat_data.curate.schema.spec import TABLE_ORDER
from technonat_data.loader import bundled_dir

from .conftest import ROOT

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
    with pytest.raises(KeyError, match=re.escape(f"no table 'fact'; the tables are: {', '.join(td.tables())}")):
        td.load("fact")


def test_malformed_version_is_rejected_before_any_lookup() -> None:
    with pytest.raises(ValueError, match=r"malformed version '1.0': expected MAJOR.MINOR.PATCH"):
        td.load("facts", version="1.0")


def test_import_stays_light() -> None:
    code = ("import sys; before = set(sys.modules); import technonat_data\n"
            "print(' '.join(sorted(set(sys.modules) - before)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported = set(result.stdout.split())
    assert not {m.split(".")[0] for m in imported} & {"pandera", "frictionless", "pandas", "pyarrow", "yaml"}
    assert not imported & {"importlib.resources", "json", "pathlib", "hashlib", "typing", "re"}
    assert {m for m in imported if m.startswith("technonat_data")} == {"technonat_data", "technonat_data._version"}


def test_load_and_tables_are_the_loader_functions() -> None:
    from technonat_data import loader

    assert td.load is loader.load and td.tables is loader.tables
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        td.nope  # noqa: B018


def test_duckdb_reads_the_parquet_files() -> None:
    path = bundled_dir() / "facts.parquet"
    rows = duckdb.sql(
        f"select value, unit from read_parquet('{path}') where fact_id = 'elpida_2009_dbj_investment'"
    ).fetchall()
    assert rows == [(3.0e10, "JPY")]
    events = duckdb.sql(f"select count(*) from read_parquet('{bundled_dir() / 'events.parquet'}')").fetchall()
    assert events == [(len(td.load("events")),)]


def earlier_committed_release() -> str:
    """The newest committed release older than the bundled one (loaded from build/, not bundled)."""
    from technonat_data.registry import load_registry
    from technonat_data.version_numbers import version_key

    older = [v for v in load_registry() if version_key(v) < version_key(td.__version__) and (ROOT / "build" / v).is_dir()]
    assert older, "no earlier release is committed under build/"
    return max(older, key=version_key)


def test_earlier_committed_release_loads_from_the_checkout() -> None:
    version = earlier_committed_release()
    frame = td.load("facts", version=version)
    assert len(frame) == pq_rows(ROOT / "build" / version / "facts.parquet")


def test_damaged_committed_release_is_refused(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:

    from technonat_data import loader

    version = earlier_committed_release()
    copy = tmp_path / "build"
    shutil.copytree(ROOT / "build" / version, copy / version)
    target = copy / version / "facts.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    monkeypatch.setattr(loader, "CHECKOUT_BUILD", copy)
    loader.package.cache_clear()
    try:
        with pytest.raises(loader.IntegrityError, match=r"facts\.parquet is damaged: its sha256 is"):
            td.load("facts", version=version)
    finally:
        loader.package.cache_clear()


def pq_rows(path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def test_public_functions_are_the_functions_not_their_modules() -> None:
    import technonat_data.citation
    import technonat_data.loader
    import technonat_data.release_diff

    assert td.cite() == technonat_data.citation.cite(td.__version__, "bibtex")
    same = td.diff(td.__version__, td.__version__)
    assert [d.table for d in same] == list(TABLE_ORDER) and not any(same)
    assert td.load("sources").equals(technonat_data.loader.load("sources"))


def test_polars_backend_without_polars_says_how_to_install_it() -> None:
    code = ("import sys; sys.modules['polars'] = None\nimport technonat_data as td\n"
            "try:\n    td.load('facts', backend='polars')\nexcept ModuleNotFoundError as err:\n    print(err)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == 'backend="polars" needs polars: pip install polars'

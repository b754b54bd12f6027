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


def test_unknown_table_names_the_version_and_its_tables() -> None:
    expected = f"no table 'fact' in version {td.data_version}; its tables are: {', '.join(td.tables())} (see "
    with pytest.raises(KeyError, match=re.escape(expected)):
        td.load("fact")


def test_a_table_an_older_version_lacks_names_that_version_its_tables_and_where_the_table_is() -> None:
    from technonat_data.registry import load_registry

    for version, entry in load_registry().items():
        newer = [name for name in td.tables() if f"{name}.parquet" not in entry["files"]]
        for name in newer:
            having = [v for v, e in load_registry().items() if f"{name}.parquet" in e["files"]]
            with pytest.raises(KeyError) as err:
                td.load(name, version=version)
            message = err.value.args[0]
            assert message.startswith(f"no table {name!r} in version {version}; its tables are: "
                                      f"{', '.join(td.tables(version=version))}; table {name!r} is in version")
            assert ", ".join(having) in message and f"technonat_data.tables(version='{version}')" in message
    assert "sentences" not in td.tables(version=next(iter(load_registry())))


def test_every_released_version_loads_every_table() -> None:
    from technonat_data.registry import load_registry

    for version, entry in load_registry().items():
        names = td.tables(version=version)
        assert list(names) and all(f"{name}.parquet" in entry["files"] for name in names)
        for name in names:
            assert len(td.load(name, version=version, backend="pyarrow")) == pq_rows(ROOT / "build" / version /
                                                                                   f"{name}.parquet")


def test_versions_lists_every_release_with_its_date_and_presence(installation) -> None:
    from technonat_data.registry import load_registry

    oldest = next(iter(load_registry()))
    listed = td.versions()
    assert list(listed) == list(load_registry())
    assert all(about["installed"] and about["released"] == load_registry()[v]["released"] for v, about in listed.items())
    shutil.rmtree(installation / oldest)
    assert td.versions()[oldest]["installed"] is False
    with pytest.raises(FileNotFoundError, match=rf"the files of version {oldest} are missing .*reinstall"):
        td.load("facts", version=oldest)


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


def test_run_time_modules_import_no_circle() -> None:
    """Each run-time module imports only modules below it: release_files answers where a version's files are."""
    import ast

    package = ROOT / "technonat_data"
    graph = {}
    for path in package.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.level == 1:
                found.update(alias.name for alias in node.names)
        graph[path.stem] = {name for name in found if (package / f"{name}.py").is_file()}

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        return any(n == target or (n not in seen and reaches(n, target, seen | {n})) for n in graph[start])

    assert [name for name in graph if reaches(name, name, set())] == []
    assert "release_files" in graph["loader"] and not graph["release_files"] & {"loader", "integrity", "citation"}


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


def test_damaged_release_file_is_refused(installation) -> None:
    from technonat_data.registry import load_registry
    from technonat_data.release_files import IntegrityError

    version = next(iter(load_registry()))
    target = installation / version / "facts.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match=r"facts\.parquet is damaged: its sha256 is"):
        td.load("facts", version=version)


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
            "try:\n    td.load('facts', backend='polars')\nexcept ModuleNotFoundError as err:\n    print(err, err.name)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == 'backend="polars" needs polars: pip install polars polars'  # message, module

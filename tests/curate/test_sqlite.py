"""The SQLite database of a new release: every table with its keys, identical bytes from build to build, listed
with the release's files, and readable by sqlite3, a second SQLite reader (ADBC) and Datasette."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import technonat_data as td
from technonat_data.curate.release.assets import zip_bytes
from technonat_data.curate.schema.spec import load_specs
from technonat_data.curate.write.sqlite_file import link_table, sqlite_name

from ..conftest import ROOT

WRITE_TWICE = """
import sys
from pathlib import Path
from technonat_data.curate.schema.spec import load_specs
from technonat_data.curate.write.sqlite_file import write_sqlite
from technonat_data.curate.rules.validate import validate
root = Path(sys.argv[1])
write_sqlite(validate(root), load_specs(root / "schemas"), Path(sys.argv[2]))
"""


def database(release: Path) -> Path:
    return release / sqlite_name(release.name)


def test_every_table_and_list_column_with_its_rows(release: Path) -> None:
    specs = load_specs(release.parents[1] / "schemas")
    db = sqlite3.connect(database(release))
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for spec in specs.values():
        table = pq.read_table(release / f"{spec.name}.parquet")
        assert db.execute(f'SELECT count(*) FROM "{spec.name}"').fetchone() == (table.num_rows,)
        for column in (c for c in spec.columns if c.type == "list"):
            listed = sum(len(v or []) for v in table.column(column.name).to_pylist())
            assert db.execute(f'SELECT count(*) FROM "{link_table(spec, column)}"').fetchone() == (listed,)
            names.discard(link_table(spec, column))
        names.discard(spec.name)
    assert names == set()


def test_declared_primary_and_foreign_keys(release: Path) -> None:
    specs = load_specs(release.parents[1] / "schemas")
    db = sqlite3.connect(database(release))
    for spec in specs.values():
        keys = [row[1] for row in db.execute(f'PRAGMA table_info("{spec.name}")') if row[5]]
        assert keys == [spec.primary_key]
        declared = {(c.name, *c.reference) for c in spec.columns if c.reference and c.type != "list"}
        found = {(row[3], row[2], row[4]) for row in db.execute(f'PRAGMA foreign_key_list("{spec.name}")')}
        assert found == declared, spec.name
        for column in (c for c in spec.columns if c.type == "list" and c.reference):
            links = {(row[3], row[2]) for row in db.execute(f'PRAGMA foreign_key_list("{link_table(spec, column)}")')}
            assert links == {(spec.primary_key, spec.name), ("value", column.reference[0])}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_values_match_the_parquet_file(release: Path) -> None:
    db = sqlite3.connect(database(release))
    facts = td.load("facts").set_index("fact_id")
    row = db.execute('SELECT value, unit, date FROM facts WHERE fact_id = ?', ("elpida_2009_dbj_investment",)).fetchone()
    expected = facts.loc["elpida_2009_dbj_investment"]
    assert row == (expected["value"], expected["unit"], expected["date"])


def test_same_bytes_from_two_processes(release: Path, tmp_path: Path) -> None:
    project = release.parents[1]
    for name in ("a.sqlite", "b.sqlite"):
        subprocess.run([sys.executable, "-c", WRITE_TWICE, str(project), str(tmp_path / name)], check=True, cwd=ROOT)
    digests = {hashlib.sha256((tmp_path / n).read_bytes()).hexdigest() for n in ("a.sqlite", "b.sqlite")}
    assert digests == {hashlib.sha256(database(release).read_bytes()).hexdigest()}


def test_listed_in_checksums_registry_and_zip(release: Path) -> None:
    name, version = sqlite_name(release.name), release.name
    digest = hashlib.sha256(database(release).read_bytes()).hexdigest()
    assert f"{digest}  {name}\n" in (release / "SHA256SUMS").read_text(encoding="utf-8")
    registry = json.loads((release.parents[1] / "technonat_data" / "registry.json").read_text(encoding="utf-8"))
    assert registry[version]["files"][name] == digest
    with zipfile.ZipFile(io.BytesIO(zip_bytes(release, version))) as archive:
        assert archive.read(f"technonat-data-{version}/{name}") == database(release).read_bytes()


def test_releases_keep_the_database_they_were_released_with(release: Path) -> None:
    """Released without a database (1.0.0, 1.1.0): none; with the dotted name (1.2.0): that one, and no other."""
    for folder in (ROOT / "build").iterdir():
        rebuilt = release.parents[1] / "build" / folder.name
        assert sorted(p.name for p in rebuilt.glob("*.sqlite")) == sorted(p.name for p in folder.glob("*.sqlite"))
    assert (release.parents[1] / "build" / td.__version__).is_dir()
    assert database(release).name == sqlite_name(release.name) and "." not in database(release).stem


def test_a_second_reader_gets_the_parquet_values(release: Path) -> None:
    """ADBC's SQLite driver (its own SQLite build, read into Arrow; in the test extra, so this never skips) reads
    every table and link table with the Parquet file's values: dates as ISO text, booleans as 0 or 1."""
    import adbc_driver_sqlite.dbapi as adbc

    specs = load_specs(release.parents[1] / "schemas")
    with adbc.connect(str(database(release))) as con, con.cursor() as cursor:
        for spec in specs.values():
            parquet = pq.read_table(release / f"{spec.name}.parquet")
            cursor.execute(f'SELECT * FROM "{spec.name}" ORDER BY rowid')
            read = cursor.fetch_arrow_table()
            scalars = [c for c in spec.columns if c.type != "list"]
            assert read.column_names == [c.name for c in scalars] and read.num_rows == parquet.num_rows, spec.name
            for column in scalars:
                expected = [v.isoformat() if column.type == "date" and v is not None else
                            int(v) if column.type == "boolean" and v is not None else v
                            for v in parquet.column(column.name).to_pylist()]
                assert read.column(column.name).to_pylist() == expected, (spec.name, column.name)
            for column in (c for c in spec.columns if c.type == "list"):
                cursor.execute(f'SELECT * FROM "{link_table(spec, column)}" ORDER BY 1, 2')
                links = cursor.fetchall()
                listed = sorted((key, i, v) for key, items in zip(parquet.column(spec.primary_key).to_pylist(),
                                                                   parquet.column(column.name).to_pylist(), strict=True)
                                for i, v in enumerate(items or []))
                assert links == listed, (spec.name, column.name)


def test_datasette_inspects_it(release: Path) -> None:
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent))
    if datasette is None:
        pytest.skip("datasette is not installed (it is in the test extra)")
    result = subprocess.run([datasette, "inspect", str(database(release))], capture_output=True, text=True, check=True)
    tables = next(iter(json.loads(result.stdout).values()))["tables"]
    assert tables["facts"]["count"] == len(td.load("facts"))

"""The writers' rules, tested directly on freshly written files (not only through the comparison of a rebuild with
the committed bytes): link-table positions, the order of categories, CSV float text, row order and Parquet
statistics and options."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from technonat_data.curate.rules.validate import validate
from technonat_data.curate.schema.spec import ColumnSpec, TableSpec, load_specs
from technonat_data.curate.schema.to_arrow import output_dtype, to_output_frame
from technonat_data.curate.write.sqlite_file import SQL_TYPES, column_sql, link_table, q, table_rows, write_sqlite
from technonat_data.curate.write.table_files import PARQUET_OPTIONS, csv_cell, write_csv, write_parquet

from ..conftest import ROOT

SPECS = load_specs(ROOT / "schemas")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    """The validated tables of the repository's raw/ files, as the build writes them."""
    return validate(ROOT)


@pytest.fixture(scope="module")
def written(frames: dict[str, pd.DataFrame], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every table written fresh as Parquet, CSV and one SQLite database (``db.sqlite``)."""
    folder = tmp_path_factory.mktemp("written")
    for name, frame in frames.items():
        write_parquet(frame, SPECS[name], folder / f"{name}.parquet")
        write_csv(frame, SPECS[name], folder / f"{name}.csv")
    write_sqlite(frames, SPECS, folder / "db.sqlite")
    return folder


def list_columns() -> list[tuple[TableSpec, str]]:
    return [(spec, c.name) for spec in SPECS.values() for c in spec.columns if c.type == "list"]


def enum_columns() -> list[tuple[TableSpec, str]]:
    return [(spec, c.name) for spec in SPECS.values() for c in spec.columns if c.enum is not None]


@pytest.mark.parametrize(("spec", "column"), list_columns(), ids=lambda x: getattr(x, "name", x))
def test_link_tables_keep_each_list_in_order_with_positions_from_zero(written: Path, spec: TableSpec, column: str) -> None:
    lists = dict(zip(*(pq.read_table(written / f"{spec.name}.parquet").column(c).to_pylist()
                       for c in (spec.primary_key, column)), strict=True))
    db = sqlite3.connect(written / "db.sqlite")
    links: dict[str, list[tuple[int, str]]] = {}
    for key, position, value in db.execute(f"SELECT * FROM {q(link_table(spec, spec.column(column)))}"):
        links.setdefault(key, []).append((position, value))
    for key, items in lists.items():
        stored = sorted(links.get(key, []))
        assert [p for p, _ in stored] == list(range(len(items or []))), (spec.name, key)
        assert [v for _, v in stored] == list(items or []), (spec.name, key)


def test_some_list_is_not_in_sorted_order(frames: dict[str, pd.DataFrame]) -> None:
    assert any(list(items) != sorted(items) for spec, column in list_columns() for items in frames[spec.name][column]), \
        "else the order test above cannot tell list order from sorting"


@pytest.mark.parametrize(("spec", "column"), enum_columns(), ids=lambda x: getattr(x, "name", x))
def test_categories_follow_the_schemas_order(frames: dict[str, pd.DataFrame], written: Path, spec: TableSpec,
                                             column: str) -> None:
    allowed = list(spec.column(column).enum)
    assert list(frames[spec.name][column].cat.categories) == allowed
    dictionary = pq.read_table(written / f"{spec.name}.parquet").column(column).combine_chunks().dictionary
    assert dictionary.to_pylist() == allowed
    assert list(pd.read_parquet(written / f"{spec.name}.parquet")[column].cat.categories) == allowed


def test_some_vocabulary_is_not_in_sorted_order() -> None:
    assert any(list(c.enum) != sorted(c.enum) for spec, name in enum_columns() for c in [spec.column(name)]), \
        "else the order test above cannot tell the schema's order from sorting"


@pytest.mark.parametrize(("value", "text"), [
    (30000000000.0, "30000000000.0"), (0.1 + 0.2, "0.30000000000000004"), (51.0, "51.0"), (1e22, "1e+22"),
    (np.float64(18.5), "18.5"), (0.0, "0.0"), (-2.5, "-2.5"), (float("nan"), ""), (None, ""), (pd.NA, ""),
    (3, "3"), ("东芝", "东芝"), (["a", "东芝"], '["a", "东芝"]'), ([], "[]"), (dt.date(2009, 6, 1), "2009-06-01"),
])
def test_csv_cells(value: object, text: str) -> None:
    assert csv_cell(value) == text


@pytest.mark.parametrize("name", [n for n, spec in SPECS.items() if any(c.type == "number" for c in spec.columns)])
def test_csv_floats_read_back_exactly(written: Path, name: str) -> None:
    numbers = [c.name for c in SPECS[name].columns if c.type == "number"]
    with (written / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    parquet = pq.read_table(written / f"{name}.parquet")
    for column in numbers:
        expected = parquet.column(column).to_pylist()
        texts = [row[column] for row in rows]
        assert [float(t) if t else None for t in texts] == expected, column
        assert all(t == "" or t == repr(float(t)) for t in texts), column
    assert any(row[c] for row in rows for c in numbers)


@pytest.mark.parametrize("name", list(SPECS))
def test_rows_are_written_in_key_order_whatever_order_they_come_in(frames: dict[str, pd.DataFrame], written: Path,
                                                                  name: str) -> None:
    spec = SPECS[name]
    keys = sorted(frames[name][spec.primary_key])
    assert list(pq.read_table(written / f"{name}.parquet").column(spec.primary_key).to_pylist()) == keys
    with (written / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        assert [row[spec.primary_key] for row in csv.DictReader(handle)] == keys
    db = sqlite3.connect(written / "db.sqlite")
    assert [r[0] for r in db.execute(f"SELECT {q(spec.primary_key)} FROM {q(name)} ORDER BY rowid")] == keys
    shuffled = frames[name].sample(frac=1, random_state=1)
    if len(shuffled) > 1:
        shuffled = shuffled.iloc[::-1] if list(shuffled[spec.primary_key]) == keys else shuffled
        assert list(shuffled[spec.primary_key]) != keys
    out = to_output_frame(shuffled, spec)
    assert list(out[spec.primary_key]) == keys and list(out.index) == list(range(len(keys)))
    assert [r[spec.primary_key] for r in table_rows(shuffled, spec)] == keys


def test_output_columns_follow_the_spec_with_its_dtypes(frames: dict[str, pd.DataFrame]) -> None:
    for name, spec in SPECS.items():
        reordered = frames[name][list(reversed(frames[name].columns))]
        out = to_output_frame(reordered, spec)
        assert list(out.columns) == [c.name for c in spec.columns]
        assert all(out[c.name].dtype == output_dtype(c) for c in spec.columns), name


@pytest.mark.parametrize("name", list(SPECS))
def test_parquet_has_statistics_and_the_fixed_writer_options(written: Path, name: str) -> None:
    metadata = pq.ParquetFile(written / f"{name}.parquet").metadata
    assert metadata.format_version == PARQUET_OPTIONS["version"] == "2.6"
    frame = pq.read_table(written / f"{name}.parquet")
    for i in range(metadata.num_columns):
        chunk = metadata.row_group(0).column(i)
        assert chunk.compression == "ZSTD", chunk.path_in_schema
        assert chunk.is_stats_set and chunk.statistics is not None, chunk.path_in_schema
        if "." not in chunk.path_in_schema:  # a scalar column (list items are counted per item)
            assert chunk.statistics.null_count == frame.column(chunk.path_in_schema).null_count, chunk.path_in_schema
    key = SPECS[name].primary_key
    stats = metadata.row_group(0).column(frame.schema.get_field_index(key)).statistics
    keys = sorted(frame.column(key).to_pylist())
    assert stats.has_min_max and (stats.min, stats.max) == (keys[0], keys[-1])


def test_enum_columns_are_dictionary_encoded(written: Path) -> None:
    for spec, column in enum_columns():
        field = pq.read_schema(written / f"{spec.name}.parquet").field(column)
        assert str(field.type).startswith("dictionary<values=string, indices=int32"), (spec.name, column)


def test_list_cells_are_json_arrays_in_csv(written: Path) -> None:
    for spec, column in list_columns():
        with (written / f"{spec.name}.csv").open(encoding="utf-8", newline="") as handle:
            cells = [row[column] for row in csv.DictReader(handle)]
        lists = pq.read_table(written / f"{spec.name}.parquet").column(column).to_pylist()
        assert [json.loads(c) if c else None for c in cells] == [list(v) if v is not None else None for v in lists]


def test_sqlite_declares_each_columns_type_null_rule_vocabulary_and_keys(frames: dict[str, pd.DataFrame],
                                                                          tmp_path: Path) -> None:
    """Written inside the test (not by the module fixture) so that mutation testing runs it against the writer."""
    path = tmp_path / "t.sqlite"
    write_sqlite(frames, SPECS, path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA page_size").fetchone() == (4096,)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    created = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    for spec in SPECS.values():
        scalars = [c for c in spec.columns if c.type != "list"]
        info = [row[1:4] for row in db.execute(f"PRAGMA table_info({q(spec.name)})")]
        assert info == [(c.name, SQL_TYPES[c.type], int(c.required)) for c in scalars], spec.name
        for c in scalars:
            assert (f"{q(c.name)} {SQL_TYPES[c.type]}{' NOT NULL' if c.required else ''}" in created[spec.name]), c.name
            if c.enum is not None:
                assert f"CHECK ({q(c.name)} IN ({', '.join(repr(v) for v in c.enum)}))" in created[spec.name], c.name
        fks = {(row[3], row[2], row[4]) for row in db.execute(f"PRAGMA foreign_key_list({q(spec.name)})")}
        assert fks == {(c.name, *c.reference) for c in scalars if c.reference}, spec.name
        for column in (c for c in spec.columns if c.type == "list"):
            name = link_table(spec, column)
            key = spec.column(spec.primary_key)
            assert [row[1:6] for row in db.execute(f"PRAGMA table_info({q(name)})")] == [
                (key.name, SQL_TYPES[key.type], 1, None, 1), ("position", "INTEGER", 1, None, 2),
                ("value", "TEXT", 1, None, 0)], name
            assert f'"{key.name}" {SQL_TYPES[key.type]} NOT NULL,\n  position INTEGER NOT NULL,\n  value TEXT NOT NULL' \
                in created[name]
            target = column.target  # a raw foreign key, or what a computed list (sentence_ids) links to
            if target:
                assert f'FOREIGN KEY ("value") REFERENCES {q(target[0])}' in created[name], name
            links = {(row[3], row[2], row[4]) for row in db.execute(f"PRAGMA foreign_key_list({q(name)})")}
            assert links == {(key.name, spec.name, key.name), *({("value", *target)} if target else ())}
    with pytest.raises(FileExistsError, match=r"t\.sqlite exists; a release database is written once"):
        write_sqlite(frames, SPECS, path)


def test_sql_names_and_vocabularies_are_quoted() -> None:
    assert q('odd"name') == '"odd""name"' and q("references") == '"references"'
    flag = ColumnSpec(name="flag", type="boolean", description="-", required=True)
    assert column_sql(flag) == '"flag" INTEGER NOT NULL CHECK ("flag" IN (0, 1))'
    kind = ColumnSpec(name="kind", type="string", description="-", enum=("it's", "plain"))
    assert column_sql(kind) == "\"kind\" TEXT CHECK (\"kind\" IN ('it''s', 'plain'))"


def test_a_foreign_key_that_matches_no_row_is_refused(frames: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    broken = dict(frames)
    facts = frames["facts"].copy()
    facts["entity_id"] = facts["entity_id"].astype(object)
    facts.loc[:6, "entity_id"] = "no_such_entity"
    broken["facts"] = facts
    with pytest.raises(ValueError, match=r"^t\.sqlite: foreign keys that match no row: \[\('facts', ") as refused:
        write_sqlite(broken, SPECS, tmp_path / "t.sqlite")
    assert str(refused.value).count("('facts',") == 5, "the first five are shown"

"""The small things a new user meets first: help text, error wording, what `info` lists, the diff's table flags,
and how each reader sees dates (as the README says)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

import technonat_data as td
from technonat_data.cli import parser
from technonat_data.loader import bundled_dir
from technonat_data.registry import versions

from .conftest import run_cli


def test_help_has_no_rst_markup() -> None:
    text = parser().format_help()
    assert "``" not in text and "technonat-data command" in text


def test_unknown_table_message_has_no_literal_quotes() -> None:
    code, _, err = run_cli("diff", versions()[0], td.__version__, "--table", "nope")
    assert code == 1
    assert err == "no table 'nope' in either release\n"


def test_info_lists_every_file_of_a_version_and_its_folder() -> None:
    from technonat_data.registry import release
    from technonat_data.release_files import release_dir

    for version in versions():
        code, out, err = run_cli("info", "--version", version)
        assert code == 0, err
        lines = out.splitlines()
        assert lines[0].endswith(f"files in {release_dir(version)}") and lines[0].startswith(f"technonat-data {version} ")
        listed = {line.split()[0]: line.split()[-1].removeprefix("sha256:") for line in lines[2:]
                  if line.split()[-1].startswith("sha256:")}
        assert listed == {name: h for name, h in release(version)["files"].items() if not name.endswith(".zip")}
        assert {"datapackage.json", "SHA256SUMS"} <= listed.keys()
    assert any(name.endswith(".sqlite") for name in release(td.data_version)["files"])  # and so listed above


def test_info_folder_is_where_datasette_and_duckdb_find_the_files() -> None:
    code, out, _ = run_cli("info", "--folder")
    assert code == 0 and out == f"{bundled_dir()}\n"
    with pytest.raises(SystemExit) as exit_:  # fetch is gone: every released version ships with the package
        run_cli("fetch", td.data_version)
    assert exit_.value.code == 2


def test_diff_flags_tables_added_like_the_cli() -> None:
    first = versions()[0]
    first_tables = {r["name"] for r in json.loads(_package(first))["resources"]}
    diffs = td.diff(first, td.__version__)
    added = {d.table for d in diffs if d.table_added}
    assert added == {d.table for d in diffs} - first_tables
    _, out, _ = run_cli("diff", first, td.__version__)
    assert all(f"{name} (table added):" in out for name in added)


def _package(version: str) -> str:
    from technonat_data.release_files import read_verified

    return read_verified(version, "datapackage.json").decode("utf-8")


def test_each_reader_sees_dates_as_the_readme_says() -> None:
    import duckdb

    path = bundled_dir() / "facts.parquet"
    assert str(td.load("facts")["date_start"].dtype).startswith("datetime64")
    plain = pd.read_parquet(path)["date_start"].dropna()
    assert plain.dtype == object and isinstance(plain.iloc[0], dt.date)
    described = {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT date, date_start FROM read_parquet('{path}')").fetchall()}
    assert described == {"date": "VARCHAR", "date_start": "DATE"}

"""The small things a new user meets first: help text, error wording, fetching the bundled version, the diff's
table flags, and how each reader sees dates (as the README says)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

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


def test_fetching_the_bundled_version_says_so_and_gives_its_path() -> None:
    code, out, err = run_cli("fetch", td.__version__)
    assert code == 0
    assert out == f"{bundled_dir()}\n"
    assert err == f"version {td.__version__} is bundled with this installation; nothing to download\n"


def test_diff_flags_tables_added_like_the_cli() -> None:
    first = versions()[0]
    first_tables = {r["name"] for r in json.loads(_package(first))["resources"]}
    diffs = td.diff(first, td.__version__)
    added = {d.table for d in diffs if d.table_added}
    assert added == {d.table for d in diffs} - first_tables
    _, out, _ = run_cli("diff", first, td.__version__)
    assert all(f"{name} (table added):" in out for name in added)


def _package(version: str) -> str:
    from technonat_data.loader import release_file

    return release_file("datapackage.json", version).read_text(encoding="utf-8")


def test_each_reader_sees_dates_as_the_readme_says() -> None:
    import duckdb

    path = bundled_dir() / "facts.parquet"
    assert str(td.load("facts")["date_start"].dtype).startswith("datetime64")
    plain = pd.read_parquet(path)["date_start"].dropna()
    assert plain.dtype == object and isinstance(plain.iloc[0], dt.date)
    described = {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT date, date_start FROM read_parquet('{path}')").fetchall()}
    assert described == {"date": "VARCHAR", "date_start": "DATE"}

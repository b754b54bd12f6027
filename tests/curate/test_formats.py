"""The files a new release adds for Stata, Excel and Datasette users, read back by independent readers, and the
rule that keeps released versions as they were: a version re-stages with the files its release had."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import technonat_data as td
from technonat_data.curate.release.assets import zip_bytes
from technonat_data.curate.release.build import stage
from technonat_data.curate.release.changelog import release_date
from technonat_data.curate.release.editions import release_edition
from technonat_data.curate.release.toolchain import check_toolchain
from technonat_data.curate.schema.spec import load_specs
from technonat_data.curate.write.editions import (
    METADATA_NAME,
    NEWEST,
    Edition,
    edition_files,
    edition_of,
    recorded_toolchain,
    workbook_name,
)
from technonat_data.curate.write.excel import write_workbook
from technonat_data.curate.write.formats import sources_citation
from technonat_data.curate.write.sqlite_file import link_table, sqlite_name
from technonat_data.curate.write.stata import stata_name
from technonat_data.registry import load_registry

from ..conftest import ROOT
from .new_release import copy_project

pyreadstat = pytest.importorskip("pyreadstat", reason="pyreadstat is in the test extra")
openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is in the test extra")

WRITE_AGAIN = """
import sys
from pathlib import Path
from technonat_data.curate.rules.validate import validate
from technonat_data.curate.schema.spec import load_specs
from technonat_data.curate.write.formats import write_formats
from technonat_data.curate.write.editions import Edition
root, out, version, released = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
write_formats(validate(root), load_specs(root / "schemas"), out, version, released, Edition.TOOLS)
"""


def specs_of(release: Path) -> dict:
    return load_specs(release.parents[1] / "schemas")


def plain(value: object) -> object:
    """A Parquet value as the Stata and Excel files hold it: lists joined by ';', missing text empty."""
    if isinstance(value, list):
        return ";".join(value)
    return value


# --- released versions keep their files -------------------------------------------------------------------------

def test_the_current_release_re_stages_byte_identical(tmp_path: Path) -> None:
    """Staged without its folder (its edition then comes from the registry entry), every file matches the registry."""
    project = copy_project(ROOT, tmp_path / "project")
    (tmp_path / "staging").mkdir()
    released = release_date(ROOT / "CHANGELOG.md", td.__version__)
    stage(project, tmp_path / "staging", td.__version__, released, check_toolchain())
    recorded = load_registry()[td.__version__]["files"]
    staged = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "staging").iterdir()}
    assert staged == {name: digest for name, digest in recorded.items() if not name.endswith(".zip")}


def test_every_release_keeps_the_edition_its_files_record(tmp_path: Path) -> None:
    for version, entry in load_registry().items():
        edition = edition_of(entry["files"], version)
        assert release_edition(tmp_path, version) == edition  # no folder here: read from the registry entry
        assert release_edition(ROOT, version) == edition  # from the release folder
        specs = load_specs(ROOT / "schemas")
        assert set(edition_files(specs, version, edition)) <= set(entry["files"])
        if edition < Edition.TOOLS:
            assert not {n for n in entry["files"] if n.endswith((".dta", ".xlsx")) or n == METADATA_NAME}


def test_a_version_not_yet_released_gets_the_newest_edition(release: Path, tmp_path: Path) -> None:
    assert release_edition(tmp_path, release.name) == NEWEST == Edition.TOOLS
    assert release_edition(release.parents[1], release.name) == NEWEST


def test_older_releases_record_no_tool_of_the_new_files() -> None:
    pins = {"pandas": "1", "xlsxwriter": "2"}
    assert recorded_toolchain(pins, Edition.SQLITE) == {"pandas": "1"}
    assert recorded_toolchain(pins, Edition.TOOLS) == pins


def test_xlsxwriter_is_pinned_exactly_in_the_release_extra() -> None:
    import tomllib
    from importlib import metadata

    release_extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"]["release"]
    pins = dict(r.split("==") for r in release_extra if "==" in r)
    assert pins["xlsxwriter"] == metadata.version("xlsxwriter")


# --- the new files, listed everywhere ---------------------------------------------------------------------------

def test_new_files_are_listed_in_checksums_registry_zip_and_package(release: Path) -> None:
    version = release.name
    names = edition_files(specs_of(release), version, Edition.TOOLS)
    assert {f"{t}.dta" for t in specs_of(release)} | {workbook_name(version), sqlite_name(version), METADATA_NAME} \
        == set(names)
    sums = (release / "SHA256SUMS").read_text(encoding="utf-8")
    registry = json.loads((release.parents[1] / "technonat_data" / "registry.json").read_text(encoding="utf-8"))
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"]: r for r in package["resources"]}
    with zipfile.ZipFile(io.BytesIO(zip_bytes(release, version))) as archive:
        for name in names:
            data = (release / name).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            assert f"{digest}  {name}\n" in sums
            assert registry[version]["files"][name] == digest
            assert archive.read(f"technonat-data-{version}/{name}") == data
            assert described[name]["type"] == "file" and described[name]["hash"] == f"sha256:{digest}"
            assert described[name]["bytes"] == len(data) and "schema" not in described[name]
    assert described["sentences.dta"]["licenses"][0]["name"] == "other-closed"  # the article's text


def test_the_package_gives_fields_short_labels_and_value_labels(release: Path) -> None:
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    fields = {f["name"]: f for f in facts["schema"]["fields"]}
    spec = specs_of(release)["facts"]
    assert fields["case"]["title"] == spec.column("case").short_label
    assert {c["value"]: c["label"] for c in fields["case"]["categories"]} == dict(spec.column("case").value_labels)
    assert all(0 < len(f["title"]) <= 80 for f in fields.values())


def test_new_files_are_the_same_bytes_from_another_process(release: Path, tmp_path: Path) -> None:
    released = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))["created"][:10]
    names = edition_files(specs_of(release), release.name, Edition.TOOLS)
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        subprocess.run([sys.executable, "-c", WRITE_AGAIN, str(release.parents[1]), str(out), release.name, released],
                       check=True, cwd=ROOT, env=os.environ | {"PYTHONHASHSEED": seed})
        for name in names:
            assert (out / name).read_bytes() == (release / name).read_bytes(), name


# --- Stata, read back by pyreadstat -----------------------------------------------------------------------------

def test_stata_files_hold_the_parquet_rows_with_labels(release: Path) -> None:
    for name, spec in specs_of(release).items():
        data, meta = pyreadstat.read_dta(str(release / f"{name}.dta"), apply_value_formats=True)
        rows = pq.read_table(release / f"{name}.parquet").to_pylist()
        assert len(data) == len(rows), name
        assert meta.file_label == f"technonat-data {release.name}: {name}"
        assert meta.column_names == [stata_name(c) for c in spec.columns]
        for column in spec.columns:
            variable = stata_name(column)
            assert meta.column_names_to_labels[variable] == column.short_label
            got = data[variable].tolist()
            if column.enum is not None:
                expected = [column.value_label(r[column.name]) if r[column.name] is not None else None for r in rows]
                got = [None if v != v else v for v in got]  # NaN: missing
            elif column.type in ("integer", "number"):
                expected = [r[column.name] for r in rows]
                got = [None if v != v else v for v in got]
            elif column.type == "date":
                expected = [r[column.name] for r in rows]
                got = [None if v is None or v != v else v for v in got]
            else:
                expected = [plain(r[column.name]) or "" for r in rows]
            assert got == expected, (name, column.name)


def test_stata_names_replace_the_names_stata_reserves(release: Path) -> None:
    _, meta = pyreadstat.read_dta(str(release / "facts.dta"), metadataonly=True)
    assert "case" not in meta.column_names and "case_of" in meta.column_names
    assert meta.variable_value_labels["case_of"][1] == "Elpida"
    _, meta = pyreadstat.read_dta(str(release / "sentences.dta"), metadataonly=True)
    assert "end" not in meta.column_names and "end_offset" in meta.column_names


def test_stata_keeps_chinese_text_and_dates(release: Path) -> None:
    data, meta = pyreadstat.read_dta(str(release / "facts.dta"))
    row = data.set_index("fact_id").loc["elpida_2009_dbj_investment"]
    assert row["value_as_stated"] == "300亿日元"
    assert row["date_start"] == dt.date(2009, 6, 1)
    assert meta.original_variable_types["date_start"] == "%td"


# --- Excel, read back by openpyxl -------------------------------------------------------------------------------

def test_workbook_has_every_table_a_dictionary_and_an_about_sheet(release: Path) -> None:
    specs = specs_of(release)
    book = openpyxl.load_workbook(release / workbook_name(release.name), read_only=False)
    assert book.sheetnames == ["about", *specs, "dictionary"]
    released = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))["created"][:10]
    assert book.properties.created == dt.datetime.fromisoformat(released)
    for name, spec in specs.items():
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        header = [cell.value for cell in sheet[1]]
        assert header == [c.name for c in spec.columns]
        assert sheet.cell(1, 1).comment.text == spec.columns[0].short_label
        rows = pq.read_table(release / f"{name}.parquet").to_pylist()
        values = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
        assert len(values) == len(rows), name
        for got, row in zip(values, rows, strict=True):
            expected = [plain(row[c.name]) for c in spec.columns]
            got = [v.date() if isinstance(v, dt.datetime) else v for v in got]
            assert got == [None if v in ("", None) else v for v in expected], (name, row[spec.primary_key])
    dictionary = list(book["dictionary"].iter_rows(min_row=2, values_only=True))
    assert len(dictionary) == sum(len(s.columns) for s in specs.values())
    case = next(r for r in dictionary if r[:2] == ("facts", "case"))
    assert case[2] == "Case" and "tsmc_kumamoto = TSMC Kumamoto fab" in case[5] and case[6] == "case_of"
    about = {r[0]: r[1] for r in book["about"].iter_rows(values_only=True)}
    assert about["version"] == release.name
    assert "文化纵横新媒体" in about["the article's text"] and "SHA256SUMS" in about["verify"]
    assert "CC-BY-4.0" in about["licence (data)"]


def test_workbook_keeps_formulas_and_addresses_as_text(release: Path, tmp_path: Path) -> None:
    from technonat_data.curate.rules.validate import validate

    project = release.parents[1]
    frames = validate(project)
    facts = frames["facts"].copy()
    facts.loc[facts.index[0], "text_en"] = "=HYPERLINK(\"https://example.org\")"
    facts.loc[facts.index[1], "text_en"] = "https://example.org/x"
    frames["facts"] = facts
    path = tmp_path / "book.xlsx"
    write_workbook(frames, specs_of(release), path, sources_citation(frames["sources"], release.name, "2000-01-01"))
    sheet = openpyxl.load_workbook(path)["facts"]
    column = [c.name for c in specs_of(release)["facts"].columns].index("text_en") + 1
    first, second = sheet.cell(2, column), sheet.cell(3, column)
    assert (first.data_type, first.value) == ("s", "=HYPERLINK(\"https://example.org\")")
    assert second.value == "https://example.org/x" and second.hyperlink is None


# --- SQLite keys and Datasette ----------------------------------------------------------------------------------

def test_every_single_table_link_has_its_foreign_key_and_index(release: Path) -> None:
    db = sqlite3.connect(release / sqlite_name(release.name))
    for spec in specs_of(release).values():
        indexed = {row[1]: row[2] for row in db.execute(f'PRAGMA index_list("{spec.name}")')}
        for column in spec.columns:
            if column.type != "list" and column.reference:
                index = f"{spec.name}__{column.name}__index"
                assert [r[2] for r in db.execute(f'PRAGMA index_info("{index}")')] == [column.name]
                assert index in indexed
            if column.type == "list":
                table = link_table(spec, column)
                links = {(row[3], row[2]) for row in db.execute(f'PRAGMA foreign_key_list("{table}")')}
                sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
                if column.target:
                    assert ("value", column.target[0]) in links
                    assert any(r[1].endswith("__value__index") for r in db.execute(f'PRAGMA index_list("{table}")'))
                else:
                    assert links == {(spec.primary_key, spec.name)} and "-- value: not a key of one table" in sql
    assert ("value", "sentences") in {(r[3], r[2]) for r in db.execute('PRAGMA foreign_key_list("facts__sentence_ids")')}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_datasette_serves_the_database_with_labels(release: Path) -> None:
    from datasette.app import Datasette

    database = release / sqlite_name(release.name)
    metadata = json.loads((release / METADATA_NAME).read_text(encoding="utf-8"))
    name = database.stem
    assert "." not in name and list(metadata["databases"]) == [name]

    async def ask() -> tuple[int, dict, dict]:
        ds = Datasette([str(database)], metadata=metadata)
        await ds.invoke_startup()
        plain_address = await ds.client.get(f"/{name}.json")
        facts = await ds.client.get(f"/{name}/facts.json?_labels=on&_shape=objects&fact_id=elpida_2009_dbj_investment")
        links = await ds.client.get(f"/{name}/facts__sentence_ids.json?_labels=on&_shape=objects&_size=1")
        return plain_address.status_code, facts.json(), links.json()

    status, facts, links = asyncio.run(ask())
    assert status == 200
    row = facts["rows"][0]
    entities = {r.entity_id: r.name_en for r in td.load("entities").itertuples()}
    assert row["counterparty_id"] == {"value": "dbj", "label": entities["dbj"]}
    assert set(links["rows"][0]["value"]) == {"value", "label"}
    assert metadata["databases"][name]["tables"]["entities"]["label_column"] == "name_en"
    assert "tsmc_kumamoto = TSMC Kumamoto fab" in metadata["databases"][name]["tables"]["facts"]["columns"]["case"]

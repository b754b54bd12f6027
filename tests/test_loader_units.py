"""The loader's and the release-file finder's own decisions, one at a time (written where mutation testing found them
untested): which folder wins, which copy of a source text is read, what a missing table's message says, and what
``versions`` marks as installed and default."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

import technonat_data as td
from technonat_data import loader, release_files
from technonat_data.loader import missing_table
from technonat_data.registry import load_registry
from technonat_data.release_files import IntegrityError, MissingRelease, find_dir, release_dir, source_text

from .conftest import ARTICLE, ROOT

OLDEST = next(iter(load_registry()))


def test_the_packages_copy_is_found_before_a_checkouts(installation: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(release_files, "CHECKOUT_BUILD", ROOT / "build")
    assert find_dir(td.data_version) == installation / td.data_version
    shutil.rmtree(installation / td.data_version)
    assert find_dir(td.data_version) == ROOT / "build" / td.data_version


def test_a_folder_without_its_datapackage_is_not_a_release(installation: Path) -> None:
    (installation / OLDEST / "datapackage.json").unlink()
    assert find_dir(OLDEST) is None
    with pytest.raises(MissingRelease) as caught:
        release_dir(OLDEST)
    assert str(caught.value) == (f"the files of version {OLDEST} are missing from this installation (looked in "
                                 f"{installation / OLDEST}); {release_files.REINSTALL}")


def test_versions_marks_each_release_installed_and_only_the_data_version_default(installation: Path) -> None:
    shutil.rmtree(installation / OLDEST)
    listed = td.versions()
    assert {v: about["installed"] for v, about in listed.items()} == {v: v != OLDEST for v in load_registry()}
    assert [v for v, about in listed.items() if about["default"]] == [td.data_version]
    assert all(about["released"] == load_registry()[v]["released"] for v, about in listed.items())


def test_tables_lists_only_the_parquet_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    package = {"resources": [{"name": "facts", "description": "Facts.", "format": "parquet"},
                             {"name": "facts_csv", "description": "Facts as CSV.", "format": "csv"}]}
    monkeypatch.setattr(loader, "package", lambda version: package)
    assert td.tables() == {"facts": "Facts."}


def registry_having(monkeypatch: pytest.MonkeyPatch, having: dict[str, list[str]]) -> None:
    """A registry of versions (oldest first) holding the named Parquet files."""
    monkeypatch.setattr(loader, "load_registry", lambda: {
        version: {"files": {f"{name}.parquet": "0" * 64 for name in names}} for version, names in having.items()})


def test_a_missing_table_in_one_other_version_says_version(monkeypatch: pytest.MonkeyPatch) -> None:
    registry_having(monkeypatch, {"1.0.0": ["facts"], "1.1.0": ["facts", "claims"]})
    assert missing_table("claims", "1.0.0", {"facts": "Facts."}, explicit=True) == (
        "no table 'claims' in version 1.0.0; its tables are: facts; table 'claims' is in version 1.1.0 (see "
        "technonat_data.tables(version='1.0.0'))")


def test_a_missing_table_in_several_versions_says_versions_and_the_default_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    registry_having(monkeypatch, {"1.0.0": ["facts", "claims"], "1.1.0": ["facts", "claims"], "1.2.0": ["facts"]})
    assert missing_table("claims", "1.2.0", {"facts": "Facts.", "events": "Events."}, explicit=False) == (
        "no table 'claims' in version 1.2.0; its tables are: facts, events; table 'claims' is in versions 1.0.0, "
        "1.1.0 (see technonat_data.tables())")


def test_a_table_no_version_has_is_named_without_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    registry_having(monkeypatch, {"1.0.0": ["facts"]})
    assert missing_table("fact", "1.0.0", {"facts": "Facts."}, explicit=False) == (
        "no table 'fact' in version 1.0.0; its tables are: facts (see technonat_data.tables())")


def test_load_with_the_default_version_gives_the_default_hint() -> None:
    with pytest.raises(KeyError) as caught:
        td.load("fact")
    assert caught.value.args[0].endswith("(see technonat_data.tables())")
    with pytest.raises(KeyError) as caught:
        td.load("fact", version=td.data_version)
    assert caught.value.args[0].endswith(f"(see technonat_data.tables(version='{td.data_version}'))")


def test_an_unknown_backend_is_refused_before_any_file_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "read_table", lambda *_: pytest.fail("read before the backend was checked"))
    with pytest.raises(ValueError, match=re.escape("unknown backend 'numpy'; use one of: pandas, pyarrow, polars")):
        td.load("facts", backend="numpy")


def test_the_pyarrow_backend_is_the_parsed_table_and_pandas_its_frame() -> None:
    table = td.load("events", backend="pyarrow")
    assert isinstance(table, pa.Table) and table.equals(loader.read_table(td.data_version, "events"))
    frame = td.load("events")
    assert list(frame.columns) == table.column_names and len(frame) == table.num_rows
    assert str(frame["date_start"].dtype).startswith("datetime64")


def test_a_table_name_of_the_wrong_kind_is_a_type_error_naming_it() -> None:
    with pytest.raises(TypeError) as caught:
        td.load(["facts"])  # type: ignore[arg-type]
    assert str(caught.value) == "table name must be a string such as 'facts', not list ['facts']"


def test_a_source_text_is_read_from_the_packages_copy_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = ARTICLE.read_bytes()
    expected = hashlib.sha256(data).hexdigest()
    name = f"raw/sources/{ARTICLE.name}"
    (tmp_path / "_sources").mkdir()
    monkeypatch.setattr(release_files, "SOURCES", tmp_path / "_sources")
    monkeypatch.setattr(release_files, "CHECKOUT_BUILD", tmp_path / "checkout" / "build")
    assert source_text(name, expected) is None
    (tmp_path / "checkout" / "raw" / "sources").mkdir(parents=True)
    (tmp_path / "checkout" / name).write_bytes(data)
    assert source_text(name, expected) == data
    (tmp_path / "_sources" / ARTICLE.name).write_bytes(b"altered")
    with pytest.raises(IntegrityError) as caught:
        source_text(name, expected)
    assert str(caught.value) == (f"{tmp_path / '_sources' / ARTICLE.name} is damaged: its sha256 differs from "
                                 f"{expected}; {release_files.REINSTALL}")


def test_a_missing_table_prints_its_message_without_quotes_and_is_still_a_key_error() -> None:
    with pytest.raises(KeyError) as caught:
        td.load("fact")
    assert isinstance(caught.value, loader.MissingTable)
    assert str(caught.value) == caught.value.args[0] and str(caught.value).startswith("no table 'fact' in version ")

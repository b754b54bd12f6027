"""``technonat-data info`` prints the sentence coverage of a release that has sentences, and works without them."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import technonat_data as td
from technonat_data import integrity, loader, release_files
from technonat_data.coverage import coverage_lines

from .conftest import run_cli

REASONS = [None, "heading", None, "transition", "heading", None]


def test_coverage_lines_count_quoted_sentences_and_reasons() -> None:
    assert coverage_lines(REASONS) == ["sentences: 3 of 6 quoted by a record (50.0%)",
                                       "  not recorded: heading 2, transition 1"]
    assert coverage_lines([None, None]) == ["sentences: 2 of 2 quoted by a record (100.0%)"]


def test_info_prints_coverage_exactly_when_the_release_has_sentences() -> None:
    code, out, _ = run_cli("info")
    assert code == 0 and td.__version__ in out
    assert ("quoted by a record" in out) == ("sentences" in td.tables())


def test_info_prints_the_coverage_of_a_release_with_sentences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from technonat_data import cli

    folder = tmp_path / "release"
    shutil.copytree(loader.bundled_dir(), folder)
    meta = copy.deepcopy(loader.package())
    if "sentences" not in td.tables():
        table = pa.table({"sentence_id": [f"s{i:03d}" for i in range(1, 7)],
                          "not_recorded_reason": pa.array(REASONS, pa.string())})
        pq.write_table(table, folder / "sentences.parquet")
        meta["resources"].append({"name": "sentences", "path": "sentences.parquet", "format": "parquet", "hash": "-"})
    (folder / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    monkeypatch.setattr(release_files, "release_dir", lambda version=None: folder)
    monkeypatch.setattr(integrity, "release_damage", lambda *args: [])
    monkeypatch.setattr(cli, "file_lines", lambda *args: [])
    code, out, _ = run_cli("info")
    reasons = pq.read_table(folder / "sentences.parquet").column("not_recorded_reason").to_pylist()
    assert code == 0 and out.endswith("\n".join(coverage_lines(reasons)) + "\n")
    assert "quoted by a record" in out

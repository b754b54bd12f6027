"""``technonat-data info`` prints the sentence coverage of a release that has sentences, and works without them."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import technonat_data as td
from technonat_data.coverage import coverage_lines, sentence_coverage

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


def test_coverage_of_a_release_folder_reads_its_sentences_parquet(tmp_path: Path) -> None:
    table = pa.table({"sentence_id": [f"s{i:03d}" for i in range(1, len(REASONS) + 1)],
                      "not_recorded_reason": pa.array(REASONS, pa.string())})
    pq.write_table(table, tmp_path / "s.parquet")
    resources = [{"name": "sentences", "path": "s.csv", "format": "csv"},
                 {"name": "sentences", "path": "s.parquet", "format": "parquet"}]
    assert sentence_coverage(tmp_path, resources) == ["sentences: 3 of 6 quoted by a record (50.0%)",
                                                      "  not recorded: heading 2, transition 1"]
    assert sentence_coverage(tmp_path, resources[:1]) == []


def test_info_prints_the_bundled_coverage_counted_here(monkeypatch: pytest.MonkeyPatch) -> None:
    if "sentences" not in td.tables():
        pytest.skip("the bundled release has no sentences table")
    reasons = td.load("sentences")["not_recorded_reason"]
    total, quoted = len(reasons), int(reasons.isna().sum())
    counts = reasons.dropna().astype(str).value_counts().sort_index()
    assert quoted and len(counts), "a coverage line and a reasons line to compare"
    code, out, _ = run_cli("info")
    assert code == 0
    assert out.endswith(f"sentences: {quoted} of {total} quoted by a record ({100 * quoted / total:.1f}%)\n"
                        f"  not recorded: {', '.join(f'{reason} {n}' for reason, n in counts.items())}\n")

"""Property-based tests: arbitrary bytes and arbitrary rows never crash the readers or the validator."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from technonat_data.curate.problems import Problem, ValidationFailed
from technonat_data.curate.read.coerce import coerce_table
from technonat_data.curate.read.raw_reader import decode, read_csv, read_yaml
from technonat_data.curate.rules.validate import validate
from technonat_data.curate.schema.spec import load_specs

from ..conftest import ROOT

SPECS = load_specs(ROOT / "schemas")
FACT_COLUMNS = [c.name for c in SPECS["facts"].raw_columns]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_any(data: bytes, table: str) -> list[Problem]:
    """Everything the readers do with a file's bytes: decode, parse, type."""
    spec = SPECS[table]
    text, problems = decode(data, spec.raw)
    if text is None:
        return problems
    raw, more = (read_yaml if spec.raw.endswith(".yaml") else read_csv)(text, spec)
    problems += more
    if raw is not None:
        problems += coerce_table(raw, spec)[1]
    return problems


@SETTINGS
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_as_csv_give_problems_not_exceptions(data: bytes) -> None:
    problems = read_any(data, "facts")
    assert all(isinstance(p, Problem) and p.file == "raw/facts.csv" for p in problems)


@SETTINGS
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_as_yaml_give_problems_not_exceptions(data: bytes) -> None:
    problems = read_any(data, "entities")
    assert all(isinstance(p, Problem) for p in problems)


@SETTINGS
@given(st.text(max_size=2000))
def test_arbitrary_text_as_yaml(text: str) -> None:
    problems = read_any(text.encode("utf-8", errors="surrogatepass"), "source_notes")
    assert all(isinstance(p, Problem) for p in problems)


YAML_FRAGMENTS = st.sampled_from(["- ", "  ", ": ", "[", "]", "{", "}", "!!python/object:os.system", "&a ", "*a ",
                                  "entity_id", "kind", "\n", "'", '"', "null", "- entity_id: x\n  kind: company\n"])


@SETTINGS
@given(st.lists(YAML_FRAGMENTS, max_size=40))
def test_yaml_shaped_noise(parts: list[str]) -> None:
    assert all(isinstance(p, Problem) for p in read_any("".join(parts).encode(), "entities"))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scratch")
    for name in ("raw", "schemas"):
        shutil.copytree(ROOT / name, root / name)
    return root


CELL = st.one_of(st.text(max_size=30), st.sampled_from(["", "51", "-1", "1e400", "nan", "percent", "FY2019",
                                                         "2009-13", "elpida", "wenhua_zongheng_2024", "range"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({c: CELL for c in FACT_COLUMNS}), min_size=1, max_size=5))
def test_arbitrary_rows_fail_validation_cleanly(scratch: Path, rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, FACT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (scratch / "raw" / "facts.csv").write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:  # garbage rows leave every check unmatched: never accepted
        validate(scratch)
    lines = failure.value.lines()
    assert all(line.startswith("raw/") for line in lines)
    if any(any(row.values()) for row in rows):  # a row of empty cells is a blank line, skipped as spreadsheets do
        assert any(line.startswith("raw/facts.csv:") for line in lines), lines[:5]

"""The fast (Arrow) CSV reader and the exact (Python, line-counting) one must read the same tables."""

from __future__ import annotations

import pytest

from technonat_data.curate.read.coerce import coerce_table
from technonat_data.curate.read.raw_reader import _read_csv_arrow, _read_csv_python, decode, read_csv, strictly_quoted
from technonat_data.curate.schema.spec import load_specs

from ..conftest import ROOT

SPECS = load_specs(ROOT / "schemas")
CSV_TABLES = [name for name, spec in SPECS.items() if spec.raw.endswith(".csv")]


def typed(raw, spec):
    table, problems = coerce_table(raw, spec)
    return table.frame, [str(p) for p in problems]


@pytest.mark.parametrize("name", CSV_TABLES)
def test_real_files_read_the_same_both_ways(name: str) -> None:
    spec = SPECS[name]
    text, _ = decode((ROOT / spec.raw).read_bytes(), spec.raw)
    fast = _read_csv_arrow(text, spec)
    slow, problems = _read_csv_python(text, spec)
    assert fast is not None and problems == []
    fast_frame, fast_problems = typed(fast, spec)
    slow_frame, slow_problems = typed(slow, spec)
    assert fast_frame.equals(slow_frame) and fast_problems == slow_problems == []
    assert fast.row_lines == slow.row_lines


HEADER = ",".join(c.name for c in SPECS["claims"].raw_columns)


@pytest.mark.parametrize(
    ("body", "fast_path"),
    [
        ('a1,thesis,"L, with comma",x,,,,s,"line one\nline two",T\n', True),
        ('a1,thesis,"say ""hi""",x,,,,s,q,T\n', True),
        ("a1,thesis,L,x,,,,s,q,T", True),
        ('a1,thesis,"L"x,x,,,,s,q,T\n', False),  # text after a closing quote: only the strict reader judges it
        ('a1,thesis,"L" ,x,,,,s,q,T\n', False),
        ("a1,thesis,L,x,,,,s,q,T\n,,,,,,,,,\n", False),  # a row of bare commas
        ("a1,thesis,L,x,,,,s,q\n", False),  # a short row
    ],
)
def test_edge_cases_agree_or_take_the_exact_reader(body: str, fast_path: bool) -> None:
    spec = SPECS["claims"]
    text = f"{HEADER}\n{body}"
    fast = _read_csv_arrow(text, spec)
    assert (fast is not None) == fast_path
    chosen, chosen_problems = read_csv(text, spec)
    slow, slow_problems = _read_csv_python(text, spec)
    assert chosen_problems == slow_problems
    assert (chosen is None) == (slow is None)
    if slow is not None:
        (chosen_frame, chosen_typed), (slow_frame, slow_typed) = typed(chosen, spec), typed(slow, spec)
        assert chosen_frame.equals(slow_frame) and chosen_typed == slow_typed
        assert chosen.row_lines == slow.row_lines


@pytest.mark.parametrize(
    ("text", "strict"),
    [
        ('a,b\n"x"y,1\n', False), ('a,b\n"x" ,1\n', False), ('a,b\n1,"x,"y\n', False), ('a,b\n"x\n"y,1\n', False),
        ('a,b\n"x,1\n', False), ('a,b\nx"y,1\n', False), ('"a",b\n1,2\n', False),
        ('a,b\n"x""y",1\n', True), ('a,b\n"x,y",1\n', True), ('a,b\n"x\ny",1\n', True), ('a,b\n1,""\n', True),
        ('a,b\n"""q""",1\n', True), ("a,b\n1,2", True),
    ],
)
def test_quote_placement_is_judged_like_the_strict_reader(text: str, strict: bool) -> None:
    assert strictly_quoted(text.encode("utf-8")) is strict

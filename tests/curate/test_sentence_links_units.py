"""Unit tests of the overlap rule's helpers (``technonat_data/curate/rules/sentence_links.py``), written where
mutation testing found the computed sentence columns and the copied tables untested."""

from __future__ import annotations

import pandas as pd

from technonat_data.curate.read.coerce import TypedTable
from technonat_data.curate.rules.sentence_links import link_sentences, sentence_columns
from technonat_data.curate.schema.dtypes import PANDAS_DTYPES
from technonat_data.curate.schema.spec import load_specs

from ..conftest import ROOT

SPECS = load_specs(ROOT / "schemas")
TEXT = "一、标题\n甲说了。乙说了。"
RAW = object()  # the raw table is only carried along; its identity shows that it was


def table(name: str, rows: list[dict], file: str | None = None) -> TypedTable:
    """A typed table of ``name`` holding ``rows`` (only the columns the rule reads)."""
    return TypedTable(SPECS[name], file or f"raw/{name}.csv", pd.DataFrame(rows), RAW)


def sentences() -> TypedTable:
    kinds = [("一、标题", "heading"), ("甲说了。", "body"), ("乙说了。", "body")]
    return table("sentences", [{"sentence_id": f"s{i + 1:03d}", "source_id": "src", "kind": kind, "text": text}
                               for i, (text, kind) in enumerate(kinds)])


def test_section_is_the_text_of_the_preceding_heading_only() -> None:
    columns = sentence_columns(sentences(), [(0, 4), (5, 9), (9, 13)])
    assert columns["section"].fillna("").tolist() == ["", "一、标题", "一、标题"]
    assert columns["start"].tolist() == [0, 5, 9] and columns["end"].tolist() == [4, 9, 13]


def test_offsets_not_placed_leave_nullable_integer_columns() -> None:
    columns = sentence_columns(sentences(), [None, None, None])
    assert str(columns["start"].dtype) == "Int64" and str(columns["end"].dtype) == "Int64"
    assert columns["start"].isna().all() and columns["end"].isna().all()


def test_link_sentences_keeps_file_and_raw_and_skips_record_tables_not_given() -> None:
    facts = table("facts", [{"fact_id": "f1", "source_id": "src", "quote": "乙说了", "sentence_ids": None}],
                  file="raw/facts_here.csv")
    out = link_sentences({"sentences": sentences(), "facts": facts}, {"src": TEXT})  # no events, claims, ...
    assert set(out) == {"sentences", "facts"}
    assert out["facts"].frame["sentence_ids"].tolist() == [["s003"]]
    assert out["facts"].file == "raw/facts_here.csv" and out["facts"].raw is RAW
    assert out["sentences"].file == "raw/sentences.csv" and out["sentences"].raw is RAW
    assert out["sentences"].frame["section"].fillna("").tolist() == ["", "一、标题", "一、标题"]


def test_a_source_without_text_does_not_stop_placing_the_next_sources_sentences() -> None:
    rows = [{"sentence_id": "s001", "source_id": "gone", "kind": "body", "text": "丙。"}]
    rows += [dict(row, sentence_id=f"s{i + 2:03d}") for i, row in enumerate(sentences().frame.to_dict("records"))]
    out = link_sentences({"sentences": table("sentences", rows)}, {"src": TEXT})
    assert out["sentences"].frame["start"].tolist() == [pd.NA, 0, 5, 9]


def test_a_record_quoting_a_source_without_text_links_no_sentence() -> None:
    facts = table("facts", [{"fact_id": "f1", "source_id": "gone", "quote": "乙说了", "sentence_ids": None},
                            {"fact_id": "f2", "source_id": "src", "quote": "甲说", "sentence_ids": None}])
    out = link_sentences({"sentences": sentences(), "facts": facts}, {"src": TEXT})
    assert out["facts"].frame["sentence_ids"].tolist() == [[], ["s002"]]


def test_section_has_the_string_dtype_even_when_no_heading_precedes_any_row() -> None:
    body = table("sentences", [{"sentence_id": "s001", "source_id": "src", "kind": "body", "text": "甲说了。"}])
    section = sentence_columns(body, [(5, 9)])["section"]
    assert section.isna().all() and section.dtype == PANDAS_DTYPES["string"]  # an all-null object column is Arrow null

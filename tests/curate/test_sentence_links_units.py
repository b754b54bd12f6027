"""Unit tests of the overlap rule's helpers (``technonat_data/curate/rules/sentence_links.py``), written where
mutation testing found the computed sentence columns and the copied tables untested."""

from __future__ import annotations

import pandas as pd

from technonat_data.curate.read.coerce import TypedTable
from technonat_data.curate.rules.sentence_links import link_sentences, sentence_columns
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

"""Unit tests of what the sentence rule's proof says a row should be (``_expected`` in
``technonat_data/curate/rules/sentence_checks.py``), written where mutation testing found its messages untested."""

from __future__ import annotations

import pytest

from technonat_data.curate.problems import Problem
from technonat_data.curate.read.coerce import TypedTable, coerce_table
from technonat_data.curate.read.raw_reader import RawTable
from technonat_data.curate.rules import sentence_checks
from technonat_data.curate.rules.sentence_checks import (
    _expected,
    _rows_against_rule,
    sentences_accounted_for,
    sentences_follow_rule,
)
from technonat_data.curate.rules.sentence_links import RECORD_TABLES
from technonat_data.curate.rules.sentences import segment
from technonat_data.curate.schema.spec import load_specs

from ..conftest import ROOT

SPEC = load_specs(ROOT / "schemas")["sentences"]

CUT = segment("一、标题\n甲说了。乙说了。")
WANTED_AT = {s.text: k for k, s in reversed(list(enumerate(CUT)))}


def test_a_row_the_rule_gives_later_is_said_to_be_out_of_order_with_its_number_and_offset() -> None:
    assert _expected("乙说了。", "甲说了。", WANTED_AT, CUT) == (
        "the rule gives this sentence elsewhere, as sentence 3 of the source (offset 9): the rows are out of order")


def test_a_row_that_looks_like_the_rules_sentence_is_told_where_they_differ() -> None:
    assert _expected("甲说\u200b了。", "甲说了。", WANTED_AT, CUT) == (
        "the rule gives '甲说了。' here; at character 2 the row has '\\u200b' (U+200B ZERO WIDTH SPACE) where the rule "
        "has nothing (it ends there)")


def test_a_row_unlike_the_rules_sentence_is_given_the_rules_text_only() -> None:
    assert _expected("丙。", "甲说了。", WANTED_AT, CUT) == "the rule gives '甲说了。' here"
    assert _expected("丙。", None, WANTED_AT, CUT) == "the rule gives no such sentence"


def test_swapped_rows_are_reported_as_out_of_order_with_the_rules_offsets() -> None:
    texts = [CUT[0].text, CUT[2].text, CUT[1].text]
    raw = RawTable(SPEC.raw, {"sentence_id": ["s001", "s002", "s003"], "source_id": ["src"] * 3,
                              "kind": ["heading", "body", "body"], "text": texts}, [2, 3, 4], rows=3)
    table, _ = coerce_table(raw, SPEC)
    found = _rows_against_rule(table, [0, 1, 2], "一、标题\n甲说了。乙说了。")
    assert [(p.line, p.rule) for p in found] == [
        (2, "missing row: the rule gives this sentence at offset 5, after this line; line 4 has it, out of order"),
        (4, "not a sentence by the sentence rule: the rule gives this sentence elsewhere, as sentence 2 of the source "
            "(offset 5): the rows are out of order")]


def test_a_wrong_row_standing_for_two_sentences_reports_the_second_as_missing() -> None:
    raw = RawTable(SPEC.raw, {"sentence_id": ["s001", "s002"], "source_id": ["src"] * 2,
                              "kind": ["heading", "body"], "text": [CUT[0].text, "丙。"]}, [2, 3], rows=2)
    table, _ = coerce_table(raw, SPEC)
    found = _rows_against_rule(table, [0, 1], "一、标题\n甲说了。乙说了。")
    assert [(p.line, p.value, p.rule) for p in found] == [
        (3, "'丙。'", "not a sentence by the sentence rule: the rule gives '甲说了。' here"),
        (3, "'乙说了。'", "missing row: the rule gives this sentence at offset 9, after this line")]


def test_a_sentence_missing_before_the_first_row_is_reported_before_that_row() -> None:
    raw = RawTable(SPEC.raw, {"sentence_id": ["s001", "s002"], "source_id": ["src"] * 2,
                              "kind": ["body", "body"], "text": [CUT[1].text, CUT[2].text]}, [2, 3], rows=2)
    table, _ = coerce_table(raw, SPEC)
    found = _rows_against_rule(table, [0, 1], "一、标题\n甲说了。乙说了。")
    assert [(p.line, p.value, p.rule) for p in found] == [
        (2, "'一、标题'", "missing row: the rule gives this sentence at offset 0, before this line")]


def test_rows_of_a_source_without_a_text_file_are_reported_once_at_that_sources_first_row() -> None:
    raw = RawTable(SPEC.raw, {"sentence_id": ["s001", "s002", "s003"], "source_id": ["src", "ghost", "ghost"],
                              "kind": ["heading", "body", "body"], "text": [CUT[0].text, "甲。", "乙。"]},
                   [2, 3, 4], rows=3)
    table, _ = coerce_table(raw, SPEC)
    found = [p for p in sentences_follow_rule(table, {"src": "一、标题"}) if p.value == "'ghost'"]
    assert [(p.file, p.line, p.column, p.rule) for p in found] == [
        (table.file, 3, "source_id", "this source has no text file to cut into sentences")]


def four_sentences() -> TypedTable:
    """A sentences table of four rows (s001-s004), the first with a reason, the others without."""
    raw = RawTable(SPEC.raw, {"sentence_id": ["s001", "s002", "s003", "s004"], "source_id": ["src"] * 4,
                              "kind": ["body"] * 4, "text": ["甲。", "乙。", "丙。", "丁。"],
                              "not_recorded_reason": ["duplicate", None, "duplicate", "duplicate"]},
                   [2, 3, 4, 5], rows=4)
    return coerce_table(raw, SPEC)[0]


def accounted_for(monkeypatch: pytest.MonkeyPatch, offsets: list, quoted: dict[int, list[str]]) -> list[Problem]:
    """``sentences_accounted_for`` of ``four_sentences`` with every record table present, given the offsets and the
    records quoting each row (as the sentence links would compute them)."""
    monkeypatch.setattr(sentence_checks, "sentence_offsets", lambda table, texts: offsets)
    monkeypatch.setattr(sentence_checks, "quoted_by", lambda tables, texts: quoted)
    tables = {"sentences": four_sentences(), **{name: None for name in RECORD_TABLES}}
    return sentences_accounted_for(tables, {})


def test_a_row_not_cut_by_the_rule_does_not_stop_the_check_of_later_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    found = accounted_for(monkeypatch, [None, (0, 2), (2, 4), (4, 6)], {})
    assert [(p.line, p.rule) for p in found] == [
        (3, "required: no record quotes this sentence; quote it in a record or give a reason")]


def test_a_reason_on_a_quoted_sentence_names_up_to_three_records(monkeypatch: pytest.MonkeyPatch) -> None:
    quoted = {0: ["facts.a", "facts.b"], 2: ["facts.a", "facts.b", "facts.c"],
              3: ["facts.a", "facts.b", "facts.c", "facts.d"]}
    found = accounted_for(monkeypatch, [(0, 2), (2, 4), (4, 6), (6, 8)], quoted)
    assert [(p.line, p.value, p.rule) for p in found] == [
        (2, "'duplicate'", "must be empty: the sentence is quoted by facts.a, facts.b"),
        (3, "None", "required: no record quotes this sentence; quote it in a record or give a reason"),
        (4, "'duplicate'", "must be empty: the sentence is quoted by facts.a, facts.b, facts.c"),
        (5, "'duplicate'", "must be empty: the sentence is quoted by facts.a, facts.b, facts.c, ...")]


def test_the_tiling_proof_reports_each_row_whose_offsets_fail_with_its_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # Rows equal to the rule's output tile the text by construction; this proof guards the rule itself, so the
    # offsets are given here as a broken rule would give them: a row off its offsets, a gap, another source intact.
    raw = RawTable(SPEC.raw, {"sentence_id": ["s001", "s002", "s003", "s004"], "source_id": ["a", "a", "b", "a"],
                              "kind": ["body"] * 4, "text": ["甲。", "乙。", "丙。", "丁。"]}, [2, 3, 4, 5], rows=4)
    table, _ = coerce_table(raw, SPEC)
    monkeypatch.setattr(sentence_checks, "sentence_offsets", lambda t, texts: [(0, 2), None, (0, 2), (3, 5)])
    found = sentence_checks._tiling(table, {"a": "甲。乙。丁。", "b": "丙。"})
    assert [(p.file, p.line, p.column, p.value, p.rule) for p in found] == [
        (table.file, 5, "text", "'丁。'", "text is not at its offsets 3..5 of the source"),
        (table.file, 5, "text", "'丁。'", "text left out before this sentence: '乙'"),
        (table.file, 5, "text", "'丁。'", "text left out after the last sentence: '。'")]

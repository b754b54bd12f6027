"""How the sentence rule's proof aligns a source's rows with the rule's sentences, tested where mutation testing
found it untested: a row the rule does not give, and a long text whose sentences repeat (difflib's "popular
element" heuristic must stay off, or one slip is reported many times)."""

from __future__ import annotations

from pathlib import Path

from technonat_data.curate.read.coerce import coerce_table
from technonat_data.curate.read.raw_reader import read_table
from technonat_data.curate.rules.sentence_checks import _rows_against_rule
from technonat_data.curate.rules.sentences import overlapping, segment, tiling_problems
from technonat_data.curate.schema.spec import load_specs

from ..conftest import ROOT
from .conftest import write_csv
from .test_sentences import SENTENCES, TEXT, problems, rewrite_sentences

SPEC = load_specs(ROOT / "schemas")["sentences"]


def test_a_row_the_rule_does_not_give_is_reported(small: Path) -> None:
    def insert(rows: list[dict]) -> None:
        rows.insert(11, dict(rows[10], text="多余的一句。"))
        for i, row in enumerate(rows):
            row["sentence_id"] = f"s{i + 1:03d}"

    rewrite_sentences(small, insert)
    assert problems(small) == [f"{SENTENCES}:13: column 'text', value '多余的一句。': not a sentence by the sentence "
                               "rule: the rule gives no such sentence"]


def test_one_missing_row_among_many_repeated_sentences_is_reported_once(tmp_path: Path) -> None:
    text = "".join(f"第{i}句。" + ("好。" * 3 if i % 50 == 0 else "") for i in range(300))
    cut = [s.text for s in segment(text)]
    assert len(cut) > 200 and cut.count("好。") > len(cut) // 100 + 1, "long enough for difflib's junk heuristic"
    missing = cut.index("好。", 100)  # the first of a run of three: reported after the row before the run
    rows = [{"sentence_id": f"s{i + 1:03d}", "source_id": "x", "kind": "body", "text": t, "text_en": "-"}
            for i, t in enumerate(cut) if i != missing]
    (tmp_path / "raw").mkdir()
    write_csv(tmp_path / SPEC.raw, [c.name for c in SPEC.raw_columns], rows)
    raw, read_problems = read_table(tmp_path, SPEC)
    assert raw is not None and read_problems == []
    table, _ = coerce_table(raw, SPEC)
    found = _rows_against_rule(table, list(range(len(rows))), text)
    assert [(p.line, p.value) for p in found] == [(missing + 1, repr("好。"))]
    assert "missing row: the rule gives this sentence" in found[0].rule


def test_the_article_has_more_sentences_than_difflib_leaves_alone() -> None:
    assert len(segment(TEXT)) >= 200


def test_text_left_after_the_last_sentence_is_reported_on_the_last_row() -> None:
    spans = [(0, 2, "甲乙"), (3, 5, "丙丁")]
    assert tiling_problems("甲乙\n丙丁。戊", spans) == [(1, "text left out after the last sentence: '。戊'")]
    assert tiling_problems("甲乙。丙丁", spans[:1]) == [(0, "text left out after the last sentence: '。丙丁'")]


def test_overlapping_finds_the_spans_a_range_shares_a_character_with() -> None:
    spans = [(0, 2), (3, 5), (5, 8), (10, 12)]
    for start, end, hits in [(1, 4, [0, 1]), (2, 3, []), (5, 6, [2]), (4, 11, [1, 2, 3]), (12, 20, []), (0, 1, [0])]:
        assert overlapping(spans, start, end) == hits, (start, end)
        assert overlapping(spans, start, end, [e for _, e in spans]) == hits, (start, end)

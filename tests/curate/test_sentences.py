"""The sentence rule and the build's proofs about sentences, each shown failing on a small bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from technonat_data.curate.rules.sentences import CLOSERS, TERMINATORS, segment, tiling_problems
from technonat_data.curate.rules.validate import validate
from technonat_data.curate.schema.spec import load_specs

from ..conftest import ARTICLE, ROOT, run_cli, snapshot
from .conftest import CLAIMS, STATEMENTS, problems, quoted_sentences, sentence_rows, titled, write_csv

SENTENCES = "raw/sentences.csv"
TEXT = ARTICLE.read_text(encoding="utf-8")


def rewrite_sentences(root: Path, change) -> None:
    """Apply ``change`` to the list of sentence rows and write them back."""
    rows = sentence_rows()
    header = list(rows[0])
    change(rows)
    write_csv(root / SENTENCES, header, rows)


def test_the_rule_cuts_at_line_breaks_and_after_sentence_marks_with_closing_quotes() -> None:
    text = "标题\n他说:“好。”然后走了;又回来!  \n\n问?答"
    assert [s.text for s in segment(text)] == ["标题", "他说:“好。”", "然后走了;", "又回来!", "问?", "答"]
    assert all(text[s.start:s.end] == s.text for s in segment(text))


def test_the_docs_state_the_rule_the_code_applies() -> None:
    guarantees = (ROOT / "docs" / "guarantees.md").read_text(encoding="utf-8")
    assert f"`{TERMINATORS[:4]}` and their ASCII forms `{TERMINATORS[4:]}`" in guarantees
    assert f"(`{CLOSERS}`)" in guarantees


def test_the_committed_sentence_rows_are_the_rules_output() -> None:
    with (ROOT / SENTENCES).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["text"] for r in rows] == [s.text for s in segment(TEXT)]
    assert [r["sentence_id"] for r in rows] == [f"s{i:03d}" for i in range(1, len(rows) + 1)]


def test_the_rules_sentences_tile_the_article() -> None:
    spans = [(s.start, s.end, s.text) for s in segment(TEXT)]
    assert tiling_problems(TEXT, spans) == []
    assert "".join("".join(t.split()) for _, _, t in spans) == "".join(TEXT.split()), "nothing but whitespace left out"


@pytest.mark.parametrize(("spans", "rule"), [
    ([(0, 2, "甲乙"), (3, 5, "丙丁")], "text left out before this sentence: '。'"),
    ([(0, 2, "甲乙"), (1, 3, "乙。")], "overlaps the previous sentence"),
    ([(0, 2, "甲乙")], "text left out after the last sentence: '。丙丁'"),
    ([(0, 2, "甲乙"), (2, 3, "丙")], "text is not at its offsets 2..3 of the source"),
], ids=["gap", "overlap", "tail", "offsets"])
def test_tiling_problems_name_what_is_wrong(spans: list, rule: str) -> None:
    found = tiling_problems("甲乙。丙丁", spans)
    assert any(rule in message for _, message in found), found


def test_small_project_is_valid_and_links_quotes_to_sentences(small: Path) -> None:
    frames = validate(small)
    sentences = frames["sentences"].set_index("sentence_id")
    cut = segment(TEXT)
    assert list(sentences["start"]) == [s.start for s in cut] and list(sentences["end"]) == [s.end for s in cut]
    quoted = {f"s{i + 1:03d}" for i in quoted_sentences()}
    linked = {sid for frame in (frames["statements"], frames["claims"]) for ids in frame["sentence_ids"] for sid in ids}
    assert linked == quoted and len(quoted) == len(STATEMENTS) + len(CLAIMS)
    assert sentences["not_recorded_reason"].isna().sum() == len(quoted)


def test_section_is_the_preceding_heading(small: Path) -> None:
    rewrite_sentences(small, lambda rows: rows[100].update(kind="heading"))
    sentences = validate(small)["sentences"]
    heading = sentences.loc[100, "text"]
    assert sentences.loc[101, "section"] == heading and sentences.loc[100, "section"] != heading
    assert sentences["section"].iloc[:101].ne(heading).all()


def test_a_changed_sentence_text_is_reported_with_the_rules_text(small: Path) -> None:
    expected = segment(TEXT)[10].text
    rewrite_sentences(small, lambda rows: rows[10].update(text=expected[:-1]))
    assert problems(small) == [f"{SENTENCES}:12: column 'text', value {expected[:-1]!r}: not a sentence by the "
                               f"sentence rule: the rule gives {expected!r} here"]


def test_a_missing_sentence_is_reported_once_and_ids_must_number_rows(small: Path) -> None:
    missing = segment(TEXT)[10]
    rewrite_sentences(small, lambda rows: rows.pop(10))
    found = problems(small)
    assert (f"{SENTENCES}:11: column 'text', value {missing.text!r}: missing row: the rule gives this sentence at "
            f"offset {missing.start}, after this line") in found
    assert f"{SENTENCES}:12: column 'sentence_id', value 's012': expected s011: ids number the rows in reading order" in found
    assert not any("not a sentence by the sentence rule" in line for line in found), "one slip, one report"


def test_a_split_sentence_is_reported(small: Path) -> None:
    def split(rows: list[dict]) -> None:
        text = rows[10]["text"]
        rows[10:11] = [dict(rows[10], text=text[:5]), dict(rows[10], text=text[5:])]
        for i, row in enumerate(rows):
            row["sentence_id"] = f"s{i + 1:03d}"

    rewrite_sentences(small, split)
    found = problems(small)
    assert any(line.startswith(f"{SENTENCES}:12: column 'text'") and "not a sentence by the sentence rule" in line
               for line in found), found


def test_a_quoted_sentence_must_not_have_a_reason(small: Path) -> None:
    record = STATEMENTS[0]
    i = next(i for i, s in enumerate(segment(TEXT)) if record["quote"] in s.text)
    rewrite_sentences(small, lambda rows: rows[i].update(not_recorded_reason="transition"))
    assert problems(small) == [f"{SENTENCES}:{i + 2}: column 'not_recorded_reason', value 'transition': must be empty: "
                               f"the sentence is quoted by statements.{record['statement_id']}"]


def test_an_unquoted_sentence_needs_a_reason(small: Path) -> None:
    i = next(i for i in range(len(segment(TEXT))) if i not in quoted_sentences())
    rewrite_sentences(small, lambda rows: rows[i].update(not_recorded_reason=""))
    assert problems(small) == [f"{SENTENCES}:{i + 2}: column 'not_recorded_reason', value None: required: no record "
                               "quotes this sentence; quote it in a record or give a reason"]


def test_a_quote_overlapping_a_sentence_by_one_character_counts_as_quoting_it(small: Path) -> None:
    first, second = segment(TEXT)[20], segment(TEXT)[21]
    quote = first.text[-1] + TEXT[first.end:second.start] + second.text[:1]
    assert TEXT.count(quote) == 1, "pick sentences whose joint is unique"
    statements = [*STATEMENTS, dict(STATEMENTS[0], statement_id="joint", quote=quote)]
    checks = [{"check_id": f"chk_{s['statement_id']}", "statement_id": s["statement_id"], "verdict": "unverified",
               "explanation_en": "Not checked."} for s in statements]
    rewrite_csv_columns(small, "raw/statements.csv", statements)
    rewrite_csv_columns(small, "raw/checks.csv", checks)
    found = problems(small)
    assert [line.split(":")[1] for line in found] == ["22", "23"], found
    assert all("must be empty: the sentence is quoted by statements.joint" in line for line in found)


def rewrite_csv_columns(root: Path, file: str, rows: list[dict]) -> None:
    """Rewrite a CSV with its own header and ``rows`` (titled as its table's schema asks)."""
    with (root / file).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    spec = next(spec for spec in load_specs(root / "schemas").values() if spec.raw == file)
    write_csv(root / file, header, titled(spec, rows))


def test_heading_reason_only_for_headings(small: Path) -> None:
    i = next(i for i in range(len(segment(TEXT))) if i not in quoted_sentences())
    rewrite_sentences(small, lambda rows: rows[i].update(not_recorded_reason="heading"))
    assert problems(small) == [f"{SENTENCES}:{i + 2}: column 'not_recorded_reason', value 'heading': only a sentence "
                               "of kind 'heading' has this reason (this one is 'body')"]


def test_sentences_of_a_source_without_text_are_refused(small: Path) -> None:
    rewrite_sentences(small, lambda rows: rows.append(dict(rows[0], sentence_id=f"s{len(rows) + 1:03d}",
                                                           source_id="park_2023")))
    found = problems(small)
    assert any(line.endswith("column 'source_id', value 'park_2023': this source has no text file to cut into "
                             "sentences") for line in found), found


def test_a_source_text_without_sentences_is_refused(small: Path) -> None:
    rewrite_sentences(small, lambda rows: rows.clear())
    assert problems(small) == [f"{SENTENCES}:0: column 'source_id', value 'wenhua_zongheng_2024': no sentences of "
                               f"this source: the rule cuts its text into {len(segment(TEXT))} sentences"]


def test_validate_command_reports_sentence_problems_and_writes_nothing(small: Path) -> None:
    rewrite_sentences(small, lambda rows: rows[3].update(text_en=""))
    before = snapshot(small / "build")
    code, out, err = run_cli("validate", "--root", str(small))
    assert code == 1 and out == ""
    assert err.splitlines() == [f"{SENTENCES}:5: column 'text_en', value None: required: must not be empty",
                                "1 problem(s); nothing was written."]
    assert snapshot(small / "build") == before


def test_validate_command_prints_the_sentence_coverage(small: Path) -> None:
    code, out, err = run_cli("validate", "--root", str(small))
    total, quoted = len(segment(TEXT)), len(quoted_sentences())
    assert (code, err) == (0, "")
    assert f"sentences: {quoted} of {total} quoted by a record ({100 * quoted / total:.1f}%)" in out.splitlines()
    assert f"  not recorded: transition {total - quoted}" in out.splitlines()

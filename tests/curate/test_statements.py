"""Rules for statements and what points at them, each shown failing on a small bad input (message checked)."""

from __future__ import annotations

from pathlib import Path

from technonat_data.curate.rules.validate import validate
from technonat_data.curate.schema.spec import load_specs

from .conftest import CHECKS, CLAIMS, STATEMENTS, titled, write_csv
from .test_sentences import problems

EVENT = {"event_id": "toshiba_kept_control", "case": "context", "event_type": "export_control", "date": "2022-10",
         "date_precision": "month", "date_as_stated": "2022年10月", "entity_ids": "toshiba",
         "source_id": "wenhua_zongheng_2024", "quote": "2022年10月,日本和荷兰同意与美国一道",
         "text_en": "In October 2022 Japan and the Netherlands agreed to join the United States."}


def write(root: Path, name: str, rows: list[dict]) -> str:
    """Write table ``name`` of the small project with ``rows``; returns its raw file."""
    spec = load_specs(root / "schemas")[name]
    write_csv(root / spec.raw, [c.name for c in spec.raw_columns], titled(spec, rows))
    return spec.raw


def test_unknown_support_id_is_reported(small: Path) -> None:
    file = write(small, "claims", [dict(CLAIMS[0], support_ids="toshiba_kept_control;no_such_record")])
    assert problems(small) == [f"{file}:2: column 'support_ids', value 'no_such_record': unknown id: not in "
                               "raw/facts.csv, raw/events.csv, raw/statements.csv"]


def test_an_id_shared_by_an_event_and_a_statement_is_reported(small: Path) -> None:
    write(small, "events", [EVENT])
    found = problems(small)
    assert ("raw/statements.csv:2: column 'statement_id', value 'toshiba_kept_control': also an id in raw/events.csv: "
            "fact, event and statement ids must be unique across the three tables") in found, found


def test_every_statement_needs_a_check(small: Path) -> None:
    write(small, "checks", CHECKS[:1])
    missing = STATEMENTS[1]["statement_id"]
    assert problems(small) == [f"raw/statements.csv:3: column 'statement_id', value {missing!r}: has no row in "
                               "raw/checks.csv (every fact, event and statement is cross-checked)"]


def test_a_check_names_exactly_one_target(small: Path) -> None:
    file = write(small, "checks", [dict(CHECKS[0], fact_id="", event_id=""), dict(CHECKS[1], statement_id="")])
    missing = STATEMENTS[1]["statement_id"]
    assert problems(small) == [
        f"{file}:3: column 'fact_id', value None: set exactly one of fact_id, event_id, statement_id",
        f"raw/statements.csv:3: column 'statement_id', value {missing!r}: has no row in raw/checks.csv (every fact, "
        "event and statement is cross-checked)"]


def test_a_check_of_an_unknown_statement_is_reported(small: Path) -> None:
    file = write(small, "checks", [*CHECKS, dict(CHECKS[0], check_id="chk_ghost", statement_id="ghost")])
    assert problems(small) == [f"{file}:4: column 'statement_id', value 'ghost': unknown statement_id: not in "
                               "raw/statements.csv"]


def test_a_date_needs_its_precision_and_the_articles_words(small: Path) -> None:
    file = write(small, "statements", [dict(STATEMENTS[0], date="2009"), STATEMENTS[1]])
    assert problems(small) == [
        f"{file}:2: column 'date_as_stated', value None: date, date_precision and date_as_stated go together "
        "(all set, or all empty)",
        f"{file}:2: column 'date_precision', value None: date and date_precision go together"]


def test_words_for_a_date_need_the_date(small: Path) -> None:
    file = write(small, "statements", [dict(STATEMENTS[0], date_as_stated="东芝"), STATEMENTS[1]])
    assert problems(small) == [f"{file}:2: column 'date', value None: date, date_precision and date_as_stated go "
                               "together (all set, or all empty)"]


def test_a_dated_statement_is_valid_and_gets_its_period(small: Path) -> None:
    dated = dict(STATEMENTS[0], statement_id="joined_2022", quote=EVENT["quote"], date="2022-10", date_precision="month",
                 date_as_stated="2022年10月")
    write(small, "statements", [*STATEMENTS, dated])
    write(small, "checks", [*CHECKS, dict(CHECKS[0], check_id="chk_joined", statement_id="joined_2022")])
    found = problems(small)
    assert len(found) == 1 and "must be empty: the sentence is quoted by statements.joined_2022" in found[0], found


def test_any_claim_type_may_name_a_case_and_new_types_are_allowed(small: Path) -> None:
    write(small, "claims", [dict(CLAIMS[0], claim_type="conclusion", case="kioxia")])
    claims = validate(small)["claims"]
    assert claims.loc[0, "case"] == "kioxia" and claims.loc[0, "claim_type"] == "conclusion"
    assert list(claims.loc[0, "support_ids"]) == ["toshiba_kept_control"]


def test_a_case_assessment_still_needs_its_case(small: Path) -> None:
    file = write(small, "claims", [dict(CLAIMS[0], claim_type="case_assessment")])
    assert problems(small) == [f"{file}:2: column 'case', value None: case is required for a case_assessment"]


def test_source_notes_link_statements_and_claims(small: Path) -> None:
    note = """- note_id: kept_control
  problem: ambiguous_wording
  source_id: wenhua_zongheng_2024
  quote: 东芝保留了管理权
  says_en: Toshiba retained management control.
  why_suspect_en: A test note.
  fact_ids: []
  event_ids: []
  statement_ids: [toshiba_kept_control, ghost]
  claim_ids: [balance_challenge, phantom]
  entity_ids: []
  check_ids: []
  title_en: Toshiba's control, a test note
"""
    (small / "raw/source_notes.yaml").write_text(note, encoding="utf-8")
    assert problems(small) == [
        "raw/source_notes.yaml:9: column 'statement_ids', value 'ghost': unknown statement_id: not in raw/statements.csv",
        "raw/source_notes.yaml:10: column 'claim_ids', value 'phantom': unknown claim_id: not in raw/claims.csv"]

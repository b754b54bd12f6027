"""Rules for statements and what points at them, on inputs mutation testing found untested: a duplicate id inside
one table (reported once, by the unique rule, not as shared across tables), support ids when a supported table
cannot be read, and the first table an id was seen in."""

from __future__ import annotations

from pathlib import Path

from .conftest import CHECKS, CLAIMS, STATEMENTS
from .test_sentences import problems
from .test_statements import EVENT, write


def test_an_id_twice_in_one_table_is_not_called_shared_across_tables(small: Path) -> None:
    file = write(small, "statements", [*STATEMENTS, STATEMENTS[0]])
    found = problems(small)
    assert not any("also an id in" in line for line in found), found
    assert any(line.startswith(f"{file}:4: column 'statement_id'") and "unique" in line for line in found), found


def test_an_id_shared_by_a_fact_table_row_names_the_table_it_was_first_seen_in(small: Path) -> None:
    write(small, "events", [dict(EVENT, event_id=STATEMENTS[1]["statement_id"])])
    found = [line for line in problems(small) if "also an id in" in line]
    assert found == [f"raw/statements.csv:3: column 'statement_id', value {STATEMENTS[1]['statement_id']!r}: also an "
                     "id in raw/events.csv: fact, event and statement ids must be unique across the three tables"]


def test_support_ids_are_not_checked_while_a_supported_table_cannot_be_read(small: Path) -> None:
    write(small, "claims", [dict(CLAIMS[0], support_ids="no_such_record")])
    (small / "raw" / "events.csv").write_bytes(b"")
    assert problems(small) == ["raw/events.csv:0: column '-', value '': file is empty"]


def test_a_support_id_may_name_a_fact_an_event_or_a_statement(small: Path) -> None:
    write(small, "events", [EVENT | {"event_id": "joined_2022"}])
    write(small, "checks", [*CHECKS, dict(CHECKS[0], check_id="chk_joined", statement_id="", event_id="joined_2022")])
    write(small, "claims", [dict(CLAIMS[0], support_ids="toshiba_kept_control;joined_2022")])
    assert not any("support_ids" in line for line in problems(small))


def test_ids_shared_by_events_and_statements_are_found_while_facts_cannot_be_read(small: Path) -> None:
    write(small, "events", [EVENT])
    (small / "raw" / "facts.csv").write_bytes(b"")
    found = problems(small)
    assert "raw/facts.csv:0: column '-', value '': file is empty" in found
    assert ("raw/statements.csv:2: column 'statement_id', value 'toshiba_kept_control': also an id in raw/events.csv: "
            "fact, event and statement ids must be unique across the three tables") in found, found

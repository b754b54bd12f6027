"""The README is the front door: its examples and its table list must stay true."""

from __future__ import annotations

import re
from pathlib import Path

import technonat_data as td

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_table() -> None:
    listed = re.findall(r"^\| `(\w+)` \|", README, flags=re.MULTILINE)
    assert listed == list(td.tables())


def test_readme_error_example_is_what_the_cli_prints(project: Path) -> None:
    example = re.search(r"^(raw/facts\.csv:\d+: column 'value', value 151\.0: .*)$", README, flags=re.MULTILINE)
    assert example, "README lost its error example"
    facts = project / "raw" / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace(",51,", ",151,", 1), encoding="utf-8")
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    assert err.splitlines()[0] == example.group(1)


def test_readme_set_up_commands_are_the_ci_commands() -> None:
    commands = re.findall(r"```bash\n(.+?)\n```", README)
    assert commands == ['pip install -e ".[release]" && technonat-data build', 'pip install -e ".[test]" && python -m pytest']
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_verdict_counts_match_the_checks() -> None:
    counts = td.load("checks")["verdict"].value_counts()
    text = " ".join(README.split())
    for verdict, label in (("consistent", "consistent,"), ("partly_consistent", "partly consistent,"),
                           ("contradicted", "contradicted"), ("garbled_in_source", "garbled in the source"),
                           ("unverified", "unverified.")):
        assert f"{counts[verdict]} {label}" in text, (verdict, counts[verdict])

"""A corpus of malformed raw edits, the kind spreadsheet programs and text editors produce.

Each case mutates a real raw file and states where the problem must be reported (file, line, column) and which
rule must be named. Every case must end with exit code 1, no traceback, and build/ byte-identical. The cases in
test_validate.py belong to the same corpus; harmless edits (BOM, CRLF) are accepted there.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import ROOT, line_of, run_cli, snapshot

FACTS, EVENTS, CLAIMS = "raw/facts.csv", "raw/events.csv", "raw/claims.csv"
ENTITIES, NOTES, SOURCES = "raw/entities.yaml", "raw/source_notes.yaml", "raw/sources/sources.yaml"
Expectation = tuple[str, int, str, str]  # file, line, column, rule
Mutation = Callable[[Path], Expectation]


def rewrite_bytes(file: str, change: Callable[[bytes], bytes], where: int | str, column: str, rule: str) -> Mutation:
    """Change the bytes of ``file``; the expected line is ``where`` (a number, or the first line containing it)."""

    def mutate(root: Path) -> Expectation:
        path = root / file
        line = where if isinstance(where, int) else line_of(path, where)
        path.write_bytes(change(path.read_bytes()))
        return file, line, column, rule

    return mutate


def rewrite_text(file: str, change: Callable[[str], str], where: str | int, column: str, rule: str) -> Mutation:
    """Change the text of ``file``; the expected line is ``where`` (a number, or the first line containing it)."""

    def mutate(root: Path) -> Expectation:
        path = root / file
        line = where if isinstance(where, int) else line_of(path, where)
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        return file, line, column, rule

    return mutate


def csv_cell(file: str, row_id: str, column: str, value: str, rule: str, reported: str | None = None) -> Mutation:
    """Set one cell of a raw CSV (written back with proper quoting); the problem is expected on ``reported``."""

    def mutate(root: Path) -> Expectation:
        path = root / file
        line = line_of(path, f"{row_id},")
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        index = rows[0].index(column)
        for row in rows[1:]:
            if row[0] == row_id:
                row[index] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
        return file, line, reported or column, rule

    return mutate


def field_count(file: str, change: Callable[[str], str], row_id: str) -> Mutation:
    """Edit one row of a raw CSV so that it splits into more fields than the header; the rule names both counts,
    read from the edited file (so a new column changes nothing here)."""

    def mutate(root: Path) -> Expectation:
        path = root / file
        line = line_of(path, f"{row_id},")
        text = change(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        lines = text.split("\n")
        header, row = next(csv.reader([lines[0]])), next(csv.reader([lines[line - 1]]))
        assert len(row) > len(header), "the edit must add fields to the row"
        return file, line, "-", f"row has {len(row)} fields, the header has {len(header)}"

    return mutate


def yaml_line(file: str, record: str, key: str, new_line: str, rule: str, column: str | None = None,
              offset: int = 0) -> Mutation:
    """Replace the ``key:`` line of the YAML record introduced by ``record`` with ``new_line``."""

    def mutate(root: Path) -> Expectation:
        path = root / file
        line = line_of(path, f"  {key}:", start_line=line_of(path, record))
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[line - 1] = new_line + "\n"
        path.write_text("".join(lines), encoding="utf-8")
        return file, line + offset, column or key, rule

    return mutate


def add_column(file: str, name: str, value: str, rule: str) -> Mutation:
    def change(text: str) -> str:
        lines = text.splitlines()
        return "\n".join([f"{lines[0]},{name}", *[f"{line},{value}" for line in lines[1:]]]) + "\n"

    return rewrite_text(file, change, 1, name, rule)


def drop_column(file: str, name: str, rule: str) -> Mutation:
    def change(text: str) -> str:
        rows = list(csv.reader(io.StringIO(text, newline="")))
        index = rows[0].index(name)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([r[:index] + r[index + 1 :] for r in rows])
        return out.getvalue()

    return rewrite_text(file, change, 1, name, rule)


def gbk(data: bytes) -> bytes:
    return data.decode("utf-8").encode("gbk", errors="replace")


def first_non_ascii_line(file: str) -> Callable[[Path], int]:
    return lambda root: next(i for i, line in enumerate((root / file).read_bytes().split(b"\n"), 1) if max(line) > 127)


HUGE = "x" * 10_000_000


def replace_file(file: str, make: Callable[[Path], None], rule: str) -> Mutation:
    """Replace ``file`` by something that is not a regular file inside the project (made by ``make``)."""

    def mutate(root: Path) -> Expectation:
        (root / file).unlink()
        make(root / file)
        return file, 0, "-", rule

    return mutate


def symlink_to(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


OUTSIDE = "lies outside"
NOT_REGULAR = "is not a regular file"

CASES = [
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "value", "30,000,000,000", "not a number"),
                 id="thousands separator"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "value", "3.0e10 ", "not a number"),
                 id="trailing space in value"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "value", "\uff13\uff10\uff10", "not a number"),
                 id="full-width digits in value"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "value", "NaN", "not a number"), id="NaN as a value"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "value", "3000000000",
                          "does not match value_as_stated '300亿日元' (which reads as 3e+10)"), id="value off by ten"),
    pytest.param(csv_cell(FACTS, "sony_cmos_share_fy2019", "value", "35", "does not match value_as_stated"),
                 id="transposed digits"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "value", "30000000029",
                          "does not match value_as_stated '300亿日元'"), id="value off by 29 in 3e10"),
    pytest.param(csv_cell(FACTS, "yoshida_era_tech_policy_priorities", "value", "4",
                          "does not match value_as_stated '三个重点' (which reads as 3)"), id="Chinese numeral mistyped"),
    pytest.param(csv_cell(FACTS, "elpida_dram_rank", "value", "2", "does not match value_as_stated '第三大'"),
                 id="Chinese ordinal mistyped"),
    pytest.param(csv_cell(FACTS, "kumamoto_jv_cost_coverage_share", "value", "40",
                          "does not match value_as_stated '一半' (which reads as 50)"), id="half typed as 40 percent"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "unit", "USD", "which names JPY"),
                 id="yen typed as USD"),
    pytest.param(csv_cell(FACTS, "japan_peak_global_capacity_share", "unit", "count", "which names percent"),
                 id="percent typed as count"),
    pytest.param(csv_cell(FACTS, "tsmc_kumamoto_project_cost", "value_as_stated", "约为370亿",
                          "does not name the currency (日元)", reported="unit"), id="money without its currency word"),
    pytest.param(csv_cell(FACTS, "elpida_dram_rank", "value", "2.5", "a rank must be a whole number"),
                 id="fractional rank"),
    pytest.param(csv_cell(FACTS, "elpida_loss_coverage_share", "value_low", "90", "must exceed value_low",
                          reported="value_high"),
                 id="range low above high"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "date_precision", "quarter", "not an allowed value"),
                 id="unknown date precision"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "fact_id", "Elpida_DBJ", "does not match the pattern"),
                 id="id breaks pattern"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "text_en", " In June 2009", "leading or trailing"),
                 id="leading space"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "source_id", "nikkei_2021", "unknown source_id"),
                 id="unknown source"),
    pytest.param(csv_cell(EVENTS, "elpida_2009_financing", "entity_ids", "elpida;;dbj", "list has an empty item"),
                 id="empty list item"),
    pytest.param(csv_cell(EVENTS, "elpida_2009_financing", "entity_ids", "elpida;no_such_body",
                          "unknown entity_id: not in raw/entities.yaml"), id="unknown entity in list"),
    pytest.param(csv_cell(EVENTS, "elpida_2009_financing", "date", "2009/06", "does not match precision 'month'"),
                 id="date with slashes"),
    pytest.param(csv_cell(EVENTS, "elpida_2009_financing", "date", "2009-07", "does not match date_as_stated '2009年6月'"),
                 id="date contradicting the article's words"),
    pytest.param(csv_cell(EVENTS, "japan_chip_industry_decline", "date", "1980s", "does not match date_as_stated"),
                 id="decade contradicting the article's words"),
    pytest.param(csv_cell(EVENTS, "elpida_2009_financing", "date", "\uff12\uff10\uff10\uff19-\uff10\uff16",
                          "does not match precision 'month'"), id="full-width digits in a date"),
    pytest.param(csv_cell(EVENTS, "elpida_2009_financing", "date", "2009-02-30", "does not match precision"),
                 id="day date at month precision"),
    pytest.param(csv_cell(CLAIMS, "case_elpida_developmental", "case", "", "case is required for a case_assessment"),
                 id="case assessment without its case"),
    pytest.param(csv_cell(CLAIMS, "approach_protectionist", "label_as_stated", "保护主义政策",
                          "must occur verbatim inside this row's quote"), id="claim label not in its quote"),
    pytest.param(rewrite_text(FACTS, lambda t: t.replace(",", "\t"), 1, "-", "not comma-separated"),
                 id="tab-separated file"),
    pytest.param(rewrite_text(FACTS, lambda t: t.replace(",", ";"), 1, "-", "not comma-separated"),
                 id="semicolon-separated file"),
    pytest.param(field_count(FACTS, lambda t: t.replace(',"2009年6月,', ',2009年6月,', 1), "elpida_2009_bank_loans"),
                 id="missing opening quote"),
    pytest.param(rewrite_text(FACTS, lambda t: re.sub(r'^(japan_peak_global_capacity_share,.*)"$', r"\1", t, count=1,
                                                      flags=re.MULTILINE),
                              "japan_peak_global_capacity_share", "-", "CSV syntax"), id="unbalanced quote"),
    pytest.param(field_count(FACTS, lambda t: t.replace(",exact,count,四大战略,", ",exact,count,4,四大战略,", 1),
                             "economic_security_act_strategies"), id="stray comma in a row"),
    pytest.param(add_column(FACTS, "notes", "", "unknown column"), id="extra column"),
    pytest.param(drop_column(FACTS, "text_en", "column missing from header"), id="missing column"),
    pytest.param(rewrite_text(FACTS, lambda t: t.replace("fact_id,", "FactID,", 1), 1, "fact_id",
                              "column missing from header"), id="renamed header"),
    pytest.param(add_column(FACTS, "quote_start", "0", "computed by the build"), id="quote offsets edited by hand"),
    pytest.param(rewrite_bytes(FACTS, gbk, 2, "-", "not UTF-8"), id="saved as GBK"),
    pytest.param(rewrite_bytes(ENTITIES, lambda d: d.decode("utf-8").encode("utf-16"), 1, "-", "file is UTF-16"),
                 id="saved as UTF-16"),
    pytest.param(rewrite_bytes(CLAIMS, lambda d: d.decode("utf-8").encode("utf-16-le"), 1, "-", "NUL byte"),
                 id="UTF-16 without byte-order mark"),
    pytest.param(rewrite_bytes(CLAIMS, lambda d: d.replace(b"thesis", b"the\x00sis", 1), "thesis", "-", "NUL byte"),
                 id="NUL byte"),
    pytest.param(rewrite_bytes(EVENTS, lambda d: b"", 0, "-", "file is empty"), id="empty file"),
    pytest.param(rewrite_bytes(EVENTS, lambda d: b"\n\n  \n", 0, "-", "file is empty"), id="blank file"),
    pytest.param(csv_cell(FACTS, "elpida_2009_dbj_investment", "text_en", HUGE, "field larger than field limit",
                          reported="-"),
                 id="10 MB field"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "kind", "  kind: company\n  kind: bank",
                           "duplicate key 'kind'", column="-", offset=1), id="YAML duplicate key"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "kind", "  kind: [company", "YAML", column="-", offset=1),
                 id="YAML syntax error"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "kind", "   kind: company", "YAML", column="-"),
                 id="YAML bad indentation"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "aliases", "  aliases: !!python/object/apply:os.system [echo hi]",
                           "could not determine a constructor", column="-"), id="YAML python tag"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "name_en", "  name_en: 1234", "expected text, got int"),
                 id="YAML number for text"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "aliases", "  aliases: 42", "expected a list of texts"),
                 id="YAML text for list"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "name_zh", "  name_zh: null",
                           "give name_zh or an alias"), id="entity named nowhere"),
    pytest.param(yaml_line(NOTES, "note_id: page_furniture", "quote", "  quote: 日本", "ambiguous quote"),
                 id="ambiguous note quote"),
    pytest.param(yaml_line(NOTES, "note_id: page_furniture", "problem", "  problem: typo", "not an allowed value"),
                 id="unknown note problem"),
    pytest.param(yaml_line(SOURCES, "source_id: wenhua_zongheng_2024", "file", "  file: raw/sources/missing.txt",
                           "source file is missing"), id="source file path wrong"),
    pytest.param(rewrite_text(NOTES, lambda t: t.replace("- note_id: page_furniture", "- just a sentence\n- note_id: x9"),
                              "note_id: page_furniture", "-", "list item is not a record"), id="YAML item not a record"),
    pytest.param(csv_cell("raw/checks.csv", "chk_elpida_dram_rank", "reference_id", "", "required for verdict '"),
                 id="verdict without its reference"),
    *[pytest.param(csv_cell("raw/checks.csv", check, column, value, "set exactly one of fact_id, event_id, statement_id",
                            reported="fact_id"), id=f"check with {case}")
      for check, column, value, case in [
          ("chk_elpida_dram_rank", "event_id", "elpida_founded", "two targets (fact, event)"),
          ("chk_elpida_dram_rank", "statement_id", "japan_joins_quad", "two targets (fact, statement)"),
          ("chk_chip_equipment_export_controls", "fact_id", "elpida_dram_rank", "two targets (event, fact)"),
          ("chk_chip_equipment_export_controls", "statement_id", "japan_joins_quad", "two targets (event, statement)"),
          ("chk_japan_joins_quad", "fact_id", "elpida_dram_rank", "two targets (statement, fact)"),
          ("chk_japan_joins_quad", "event_id", "elpida_founded", "two targets (statement, event)"),
          ("chk_chip_equipment_export_controls", "event_id", "", "no target"),
      ]],
    pytest.param(csv_cell("raw/checks.csv", "chk_elpida_dram_rank", "verdict", "plausible", "not an allowed value"),
                 id="unknown verdict"),
    pytest.param(rewrite_text(SOURCES, lambda t: "sources:\n" + t, 1, "-", "YAML must be a list"),
                 id="YAML mapping instead of list"),
    pytest.param(replace_file(FACTS, symlink_to("/etc/passwd"), OUTSIDE), id="raw file linked to /etc/passwd"),
    pytest.param(replace_file(EVENTS, symlink_to("/dev/zero"), OUTSIDE), id="raw file linked to /dev/zero"),
    pytest.param(replace_file(ENTITIES, os.mkfifo, NOT_REGULAR), id="raw file is a FIFO"),
    pytest.param(replace_file(CLAIMS, os.mkdir, NOT_REGULAR), id="raw file is a folder"),
    pytest.param(yaml_line(SOURCES, "source_id: wenhua_zongheng_2024", "file", "  file: /dev/zero",
                           "source lies outside raw/"), id="source file is a device"),
    pytest.param(yaml_line(SOURCES, "source_id: wenhua_zongheng_2024", "file", "  file: raw/../CHANGELOG.md",
                           "source lies outside raw/"), id="source file outside raw/"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "name_en", "  name_en: [Japan, Nippon]", "expected text"),
                 id="YAML list for text"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "name_en", "  name_en: {en: Japan}", "expected text"),
                 id="YAML mapping for text"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "aliases", "  aliases: [[日本]]", "expected a list of texts"),
                 id="YAML nested list"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "aliases", "  aliases: [1, 2]", "expected a list of texts"),
                 id="YAML numbers in a list"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "aliases", "  aliases: [{a: [1, 2]}, {b: 3}]",
                           "expected a list of texts"), id="YAML mappings in a list"),
    pytest.param(yaml_line(ENTITIES, "entity_id: fujitsu", "name_en",
                           "  name_en: &a [" + ", ".join(["x" * 200] * 50) + "]\n  description_zh: *a",
                           "expected text"), id="YAML long list"),
]


@pytest.mark.parametrize("mutate", CASES)
def test_malformed_edit_gives_one_clean_line(project: Path, mutate: Mutation) -> None:
    registry = project / "technonat_data" / "registry.json"
    registry.parent.mkdir(exist_ok=True)
    shutil.copy(ROOT / "technonat_data" / "registry.json", registry)
    before = snapshot(project / "build"), registry.read_bytes()
    file, line, column, rule = mutate(project)
    code, _, err = run_cli("build", "--root", str(project))
    assert code == 1
    assert "Traceback" not in err
    prefix = f"{file}:{line}: column {column!r}, value "
    matching = [m for m in err.splitlines() if m.startswith(prefix)]
    assert any(rule in m for m in matching), f"expected {prefix}...{rule}... in:\n{err[:3000]}"
    assert all(len(m) < 600 for m in err.splitlines()), "a message line is too long"
    assert (snapshot(project / "build"), registry.read_bytes()) == before


def test_missing_file_is_reported(project: Path) -> None:
    (project / EVENTS).unlink()
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    assert err.splitlines()[0] == "raw/events.csv:0: column '-', value 'events.csv': file is missing"


def test_gbk_error_names_the_first_bad_line(project: Path) -> None:
    path = project / CLAIMS
    path.write_bytes(gbk(path.read_bytes()))
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    assert err.startswith(f"raw/claims.csv:{first_non_ascii_line(CLAIMS)(project)}: column '-'")

"""Bad raw input: each mutation of a real raw file gives exit 1 and one precise line per problem."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.curate.rules.quotes import locate, occurrences

from ..conftest import ARTICLE, line_of, run_cli, snapshot

Edit = Callable[[Path], tuple[str, int]]  # applies a mutation under root, returns (expected file, expected line)


def replace(file: str, old: str, new: str, needle: str | None = None) -> Edit:
    """A mutation replacing the first ``old`` (on the line containing ``needle``, if given) with ``new``."""

    def edit(root: Path) -> tuple[str, int]:
        path = root / file
        text = path.read_text(encoding="utf-8")
        line = line_of(path, needle or old)
        lines = text.splitlines(keepends=True)
        assert old in lines[line - 1], (old, lines[line - 1])
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
        path.write_text("".join(lines), encoding="utf-8")
        return file, line

    return edit


def yaml_key(file: str, record: str, key: str, new_value: str) -> Edit:
    """A mutation setting ``key`` of the YAML record whose id line contains ``record``."""

    def edit(root: Path) -> tuple[str, int]:
        path = root / file
        line = line_of(path, f"  {key}:", start_line=line_of(path, record))
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[line - 1] = f"  {key}: {new_value}\n"
        path.write_text("".join(lines), encoding="utf-8")
        return file, line

    return edit


FACTS, EVENTS, CLAIMS = "raw/facts.csv", "raw/events.csv", "raw/claims.csv"
ENTITIES, NOTES, SOURCES = "raw/entities.yaml", "raw/source_notes.yaml", "raw/sources/sources.yaml"

CASES = [
    pytest.param(replace(FACTS, ",30000000000,", ",3e1O,"), "value", "not a number", id="wrong type"),
    pytest.param(replace(FACTS, ",100000000000,", ",\uff11\uff10,"), "value", "not a number", id="full-width digits"),
    pytest.param(replace(FACTS, ",30000000000,", ",30000000000000000,"), "value", "does not match value_as_stated",
                 id="value not the stated number"),
    pytest.param(replace(FACTS, ",51,", ",151,"), "value", "a percent must lie in 0..100", id="percent over 100"),
    pytest.param(replace(FACTS, ",30000000000,", ",-30000000000,"), "value", "must not be negative", id="negative money"),
    pytest.param(replace(FACTS, ",elpida,dbj,", ",elpida,no_such_bank,"), "counterparty_id",
                 "unknown entity_id: not in raw/entities.yaml", id="unknown foreign key"),
    pytest.param(replace(FACTS, ",percent,51%,", ",pct,51%,"), "unit", "not an allowed value; use one of: percent",
                 id="unknown controlled value"),
    pytest.param(replace(FACTS, "51%,,,在高峰期", "51%,2023,,在高峰期"), "date_precision",
                 "date and date_precision go together", id="date without precision"),
    pytest.param(replace(FACTS, "全球市场份额的51%", "全球市场份额的52%"), "quote", "quote not found verbatim",
                 id="quote not in source"),
    pytest.param(replace(FACTS, ",51%,", ",五成,"), "value_as_stated", "must occur verbatim inside this row's quote",
                 id="value as stated not in quote"),
    pytest.param(replace(FACTS, ",,50,80,range,", ",65,50,80,range,"), "value", "must be empty when value_qualifier",
                 id="midpoint invented for a range"),
    pytest.param(replace(FACTS, ",50,80,range,", ",40,80,range,"), "value_low", "does not match value_as_stated",
                 id="range low not the stated number"),
    pytest.param(replace(FACTS, ",50,80,range,", ",50,90,range,"), "value_high", "does not match value_as_stated",
                 id="range high not the stated number"),
    pytest.param(replace(FACTS, ",50,80,range,", ",80,80,range,"), "value_high", "must exceed value_low",
                 id="range with equal bounds"),
    pytest.param(replace(FACTS, ",2009-06,month,2009年6月,", ",,month,2009年6月,", needle="elpida_2009_dbj_investment,"),
                 "date", "date and date_precision go together", id="precision without date"),
    pytest.param(replace(EVENTS, ",2009-06,month,", ",2009-13,month,"), "date", "impossible date", id="impossible date"),
    pytest.param(replace(EVENTS, ",2009-06,month,", ",2009-06,year,"), "date", "does not match precision 'year'",
                 id="date not matching precision"),
    pytest.param(replace(EVENTS, "elpida_sold_to_micron,", "elpida_bankruptcy,"), "event_id", "must be unique",
                 id="duplicate id"),
    pytest.param(replace(EVENTS, ",sale,2012,", ",,2012,", needle="elpida_sold_to_micron"), "event_type",
                 "required: must not be empty", id="empty required field"),
    pytest.param(replace(CLAIMS, "创新主义方法信奉技术创新能提升国家高科技行业的竞争优势", "创新主义方法"), "quote",
                 "ambiguous quote: occurs", id="ambiguous quote"),
    pytest.param(replace(CLAIMS, ",elpida,phase_developmental,", ",elpida,thesis_state_firm_relations,",
                         needle="case_elpida_developmental"),
                 "exemplifies", "must name an approach or phase claim", id="claim exemplifies a thesis"),
    pytest.param(yaml_key(ENTITIES, "entity_id: fujitsu", "name_zh", "富士通公司集团"), "name_zh",
                 "not found verbatim in the article", id="entity name not in article"),
    pytest.param(yaml_key(ENTITIES, "entity_id: fujitsu", "kind", "corporation"), "kind", "not an allowed value",
                 id="entity kind unknown"),
    pytest.param(yaml_key(NOTES, "note_id: kioxia_ipo_valuation_garbled", "fact_ids", "[no_such_fact]"), "fact_ids",
                 "unknown fact_id: not in raw/facts.csv", id="note links unknown fact"),
    pytest.param(yaml_key(SOURCES, "source_id: wenhua_zongheng_2024", "sha256", "0" * 64), "sha256",
                 "source file's SHA-256 is", id="source hash edited"),
    pytest.param(yaml_key(SOURCES, "source_id: park_2023", "published", "'2023-7'"), "published",
                 "does not match the pattern", id="source date pattern"),
]


@pytest.mark.parametrize(("mutate", "column", "rule"), CASES)
def test_mutation_is_rejected_with_file_line_column_and_rule(project: Path, mutate: Edit, column: str, rule: str) -> None:
    before = snapshot(project / "build")
    file, line = mutate(project)
    code, _, err = run_cli("build", "--root", str(project))
    assert code == 1
    expected = f"{file}:{line}: column {column!r}"
    matching = [m for m in err.splitlines() if m.startswith(expected)]
    assert matching, f"no line starting {expected!r} in:\n{err}"
    assert any(rule in m for m in matching), f"rule {rule!r} not in {matching}"
    assert "Traceback" not in err
    assert snapshot(project / "build") == before


def test_all_problems_are_reported_at_once(project: Path) -> None:
    replace(FACTS, ",51,", ",151,")(project)
    replace(EVENTS, ",2009-06,month,", ",2009-13,month,")(project)
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    assert "raw/facts.csv" in err and "raw/events.csv" in err
    assert err.strip().endswith("4 problem(s); nothing was written.")  # each value also contradicts its words


def test_unreadable_table_does_not_cascade_into_foreign_key_noise(project: Path) -> None:
    (project / ENTITIES).write_text("- entity_id: [unclosed\n", encoding="utf-8")
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    problem_lines = [m for m in err.splitlines() if m.startswith("raw/")]
    assert len(problem_lines) == 1 and problem_lines[0].startswith("raw/entities.yaml:")
    assert "YAML" in problem_lines[0]


def test_harmless_bom_and_crlf_are_accepted(project: Path) -> None:
    path = project / FACTS
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    code, out, err = run_cli("validate", "--root", str(project))
    assert (code, err) == (0, "")
    assert f"facts {len(td.load('facts'))}," in out


def test_command_line_reports_without_traceback(project: Path) -> None:
    replace(FACTS, ",51,", ",151,")(project)
    result = subprocess.run([sys.executable, "-m", "technonat_data.cli", "validate", "--root", str(project)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "a percent must lie in 0..100" in result.stderr


def test_outside_project_root_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run_cli("validate", "--root", str(tmp_path))
    assert code == 1
    assert "has no schemas/ and raw/" in err


def test_every_fact_needs_a_cross_check(project: Path) -> None:
    path = project / "raw" / "checks.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("chk_elpida_dram_rank,")), encoding="utf-8")
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    line = line_of(project / "raw" / "facts.csv", "elpida_dram_rank,")
    assert f"raw/facts.csv:{line}: column 'fact_id', value 'elpida_dram_rank': has no row in raw/checks.csv" in err


def twice_quoted(text: str, length: int = 8) -> str:
    """The first passage of ``length`` characters without line breaks that occurs exactly twice in ``text``."""
    for start in range(len(text) - length):
        candidate = text[start : start + length]
        if "\n" not in candidate and len(occurrences(text, candidate)) == 2:
            return candidate
    raise AssertionError("no passage occurs exactly twice")


def test_a_quote_occurring_exactly_twice_is_ambiguous(project: Path) -> None:
    quote = twice_quoted(ARTICLE.read_text(encoding="utf-8"))
    path = project / NOTES
    line = line_of(path, "  quote:", start_line=line_of(path, "note_id: page_furniture"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = f"  quote: '{quote}'\n"
    path.write_text("".join(lines), encoding="utf-8")
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    assert f"{NOTES}:{line}: column 'quote', value {quote!r}: ambiguous quote: occurs 2 times" in err


def test_locate_refuses_two_occurrences_and_accepts_one() -> None:
    with pytest.raises(ValueError, match="ambiguous quote: occurs 2 times"):
        locate("甲乙丙。甲乙丙。", "甲乙丙")
    assert locate("甲乙丙。丁戊。", "丁戊") == (4, 6)


def test_value_against_stated_words_names_value_and_reading(project: Path) -> None:
    replace(FACTS, ",30000000000,", ",30000000000000000,")(project)
    replace(FACTS, ",50,80,range,", ",40,80,range,")(project)
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    single, ranged = (line_of(project / FACTS, needle) for needle in ("elpida_2009_dbj_investment,", ",40,80,range,"))
    lines = err.splitlines()
    assert (f"{FACTS}:{single}: column 'value', value 3e+16: does not match value_as_stated '300亿日元' "
            "(which reads as 3e+10)") in lines
    assert (f"{FACTS}:{ranged}: column 'value_low', value 40.0: does not match value_as_stated '50-80%' "
            "(which reads as 50, 80)") in lines


def test_quotes_after_a_row_with_an_unknown_source_are_still_checked(project: Path) -> None:
    replace(FACTS, ",wenhua_zongheng_2024,", ",no_such_source,", needle="economic_security_act_strategies,")(project)
    replace(FACTS, "全球市场份额的51%", "全球市场份额的52%")(project)
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    line = line_of(project / FACTS, "japan_peak_global_capacity_share,")
    assert any(m.startswith(f"{FACTS}:{line}: column 'quote'") and "quote not found verbatim" in m for m in err.splitlines())

"""Unit tests of the small rules the checks rely on: quote location, date periods, stated numbers and dates.

Fast and exact, so that a mutation testing run (see README, "Testing") can tell a changed rule from an intact one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from technonat_data.curate.problems import BuildError
from technonat_data.curate.release import changelog
from technonat_data.curate.rules import checks, dates, quotes
from technonat_data.curate.rules.stated_numbers import stated_numbers


def test_locate_gives_python_offsets_end_exclusive() -> None:
    assert quotes.locate("甲乙丙。丁戊。", "丁戊") == (4, 6)
    assert quotes.locate("丁戊", "丁戊") == (0, 2)


def test_locate_names_a_missing_quote() -> None:
    with pytest.raises(ValueError, match=r"^quote not found verbatim in the source text$"):
        quotes.locate("甲乙丙", "丁")


def test_locate_lists_where_an_ambiguous_quote_occurs() -> None:
    with pytest.raises(ValueError) as err:
        quotes.locate("ab ab", "ab")
    assert str(err.value) == "ambiguous quote: occurs 2 times (at offsets 0, 3); lengthen it until unique"
    with pytest.raises(ValueError, match=r"occurs 5 times \(at offsets 0, 1, 2\);"):
        quotes.locate("aaaaaa", "aa")


def test_occurrences_counts_overlapping_ones() -> None:
    assert quotes.occurrences("aaaa", "aa") == [0, 1, 2]
    assert quotes.occurrences("xaxa", "a") == [1, 3]
    assert quotes.occurrences("abc", "d") == []


@pytest.mark.parametrize(("date", "precision", "first", "last"), [
    ("2009-06-30", "day", dt.date(2009, 6, 30), dt.date(2009, 6, 30)),
    ("2012-02", "month", dt.date(2012, 2, 1), dt.date(2012, 2, 29)),
    ("2009-01", "month", dt.date(2009, 1, 1), dt.date(2009, 1, 31)),
    ("2009-12", "month", dt.date(2009, 12, 1), dt.date(2009, 12, 31)),
    ("2009", "year", dt.date(2009, 1, 1), dt.date(2009, 12, 31)),
    ("1990s", "decade", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    ("FY2019", "fiscal_year", None, None),
])
def test_period_names_first_and_last_day(date: str, precision: str, first: dt.date | None, last: dt.date | None) -> None:
    assert dates.period(date, precision) == (first, last)


@pytest.mark.parametrize(("date", "precision", "message"), [
    ("2009-13", "month", "impossible date (month must be in 1..12)"),
    ("2009-00", "month", "impossible date (month must be in 1..12)"),
    ("2009-02-30", "day", "impossible date (day is out of range for month)"),
    ("2009-06", "year", "date does not match precision 'year' (expected like 2009)"),
    ("1995s", "decade", "date does not match precision 'decade' (expected like 1990s)"),
    ("2009", "week", "date does not match precision 'week' (expected like ?)"),
])
def test_period_rejects_with_the_rule(date: str, precision: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        dates.period(date, precision)
    assert str(err.value) == message


@pytest.mark.parametrize(("text", "numbers"), [
    ("300亿日元", (3e10,)),
    ("1,000亿日元", (1e11,)),
    ("2万亿", (2e12,)),
    ("5万台", (5e4,)),
    ("50-80%", (50.0, 80.0)),
    ("7.5纳米", (7.5,)),
    ("三个", (3.0,)),
])
def test_stated_numbers_reads_digits_and_chinese_multipliers(text: str, numbers: tuple[float, ...]) -> None:
    assert tuple(float(n) for n in stated_numbers(text)) == numbers


@pytest.mark.parametrize(("date", "precision", "stated", "disagrees"), [
    ("2009-06", "month", "2009年6月", False),
    ("2009-07", "month", "2009年6月", True),
    ("2010-06", "month", "2009年6月", True),
    ("2009", "year", "2009年6月", False),  # the month is not compared at year precision
    ("1990s", "decade", "20世纪90年代", False),
    ("1980s", "decade", "20世纪90年代", True),
    ("2012-12", "month", "当年12月", False),
    ("FY2019", "fiscal_year", "2019财年", False),
    ("FY2019", "fiscal_year", "2018财年", True),
])
def test_date_agreement_with_the_stated_words(date: str, precision: str, stated: str, disagrees: bool) -> None:
    assert checks._date_disagrees(date, precision, stated) is disagrees


@pytest.mark.parametrize(("unit", "value", "rule"), [
    ("percent", 100.0, None), ("percent", 100.5, "a percent must lie in 0..100"), ("percent", 0.0, None),
    ("percent", 0.5, None),
    ("percent", -0.1, "a percent must lie in 0..100"), ("JPY", -1.0, "a value in JPY must not be negative"),
    ("JPY", 0.0, None), ("nm", 0.0, "a process node must be positive"), ("nm", 7.0, None),
    ("count", 2.5, "a count must be a whole number"), ("rank", 3.0, None),
])
def test_unit_rules(unit: str, value: float, rule: str | None) -> None:
    assert checks.unit_rule(unit, value) == rule


def test_plain_turns_missing_cells_into_none_and_keeps_lists() -> None:
    assert checks._plain(float("nan")) is None
    assert checks._plain(["a"]) == ["a"] and checks._plain([]) == []
    assert checks._plain(5) == 5


CHANGELOG = """# Changelog

## [Unreleased]

## [2.0.0] - 2001-01-02

### Added
- Table `things`: column `colour`.

## [1.0.0] - 2001-01-01

### Added
- Everything.
"""


@pytest.fixture
def changelog_file(tmp_path: Path) -> Path:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(CHANGELOG, encoding="utf-8")
    return path


def test_changelog_entry_runs_to_the_next_heading_or_the_end(changelog_file: Path) -> None:
    newer = "## [2.0.0] - 2001-01-02\n\n### Added\n- Table `things`: column `colour`.\n\n"
    assert changelog.entry(changelog_file, "2.0.0") == newer
    assert changelog.entry(changelog_file, "1.0.0") == "## [1.0.0] - 2001-01-01\n\n### Added\n- Everything.\n"
    assert changelog.entry(changelog_file, "3.0.0") == ""
    assert changelog.release_date(changelog_file, "1.0.0") == "2001-01-01"


# The changelog check's messages (sections, names, older and empty versions) are tested in test_changelog.py.


def test_a_missing_changelog_has_no_entry(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match=r"^CHANGELOG\.md has no entry '## \[1\.0\.0\] - YYYY-MM-DD'"):
        changelog.release_date(tmp_path / "CHANGELOG.md", "1.0.0")
    assert changelog.entry(tmp_path / "CHANGELOG.md", "1.0.0") == ""

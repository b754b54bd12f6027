"""Checks that span columns, rows or tables: foreign keys, quotes, values against units, dates against precision.

Each table's spec names the row checks it needs (``row_checks``); foreign keys and ``in_quote`` columns are
checked wherever the spec declares them. Checks read whole columns (lists) and remember repeated lookups, so their
cost grows linearly with the number of rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd

from ..problems import Problem
from ..read.coerce import TypedTable
from . import dates, quotes
from .differences import why_not_found
from .record_checks import RECORD_ROW_CHECKS, record_checks
from .stated_numbers import value_matches_stated

WHOLE_NUMBER_UNITS = ("rank", "count")


def present(value: object) -> bool:
    """Whether a cell holds a value (lists always do; an empty list is a value)."""
    return isinstance(value, list) or not (value is None or pd.isna(value))


def cross_checks(tables: dict[str, TypedTable], texts: dict[str, str]) -> list[Problem]:
    """Every check beyond single columns, over tables that could be read."""
    problems = foreign_keys(tables)
    for table in tables.values():
        problems += in_quote(table)
        for name in table.spec.row_checks:
            problems += ROW_CHECKS[name](table, texts)
    if "entities" in tables:
        problems += entity_names(tables["entities"], texts)
    if "claims" in tables:
        problems += claim_links(tables["claims"])
    for table in tables.values():
        for name in table.spec.table_checks:
            problems += TABLE_CHECKS[name](table, tables)
    return problems + record_checks(tables, texts)


def flagged(table: TypedTable, mask: pd.Series, column: str, rule: str | Callable[[int], str],
            value: Callable[[int], object] | None = None) -> list[Problem]:
    """One problem per row where ``mask`` is true (a vectorised check), with the cell's value and line."""
    rows = np.flatnonzero(mask.fillna(False).to_numpy(dtype=bool))
    cells = table.frame[column]
    return [Problem(table.file, table.line(int(i), column), column,
                    value(int(i)) if value else _plain(cells.iloc[int(i)]), rule(int(i)) if callable(rule) else rule)
            for i in rows]


def is_in(values: pd.Series, known: pd.Series) -> pd.Series:
    """Vectorised membership through Arrow (pandas' own isin builds the value set one Python object at a time)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    value_set = pc.unique(pa.array(known.dropna(), pa.string()))
    found = pc.fill_null(pc.is_in(pa.array(values, pa.string()), value_set=value_set), False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def _plain(value: object) -> object:
    return None if not isinstance(value, list) and pd.isna(value) else value


def foreign_keys(tables: dict[str, TypedTable]) -> list[Problem]:
    """Values of reference columns that name no row of the referenced table (scalar columns vectorised)."""
    problems = []
    for table in tables.values():
        for column in (c for c in table.spec.columns if c.reference and c.reference[0] in tables):
            ref_table, ref_column = column.reference
            known = tables[ref_table].frame[ref_column]
            rule = f"unknown {ref_column}: not in {tables[ref_table].file}"
            if column.type == "list":
                known_set = set(known.dropna())
                problems += [Problem(table.file, table.line(i, column.name), column.name, item, rule)
                             for i, items in enumerate(table.column(column.name)) for item in items
                             if item not in known_set]
            else:
                values = table.frame[column.name]
                problems += flagged(table, values.notna() & ~is_in(values, known), column.name, rule)
    return problems


def in_quote(table: TypedTable) -> list[Problem]:
    """Values of ``in_quote`` columns (the article's own words) that do not occur inside the row's quote."""
    problems = []
    for column in (c for c in table.spec.columns if c.in_quote):
        pairs = zip(table.column(column.name), table.column("quote"), strict=True)
        problems += [Problem(table.file, table.line(i, column.name), column.name, value,
                             "must occur verbatim inside this row's quote: "
                             + why_not_found(value, quote, "the value", "the quote"))
                     for i, (value, quote) in enumerate(pairs)
                     if value is not None and quote is not None and value not in quote]
    return problems


def quote_found_once(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """The quote occurs exactly once in its source's text."""
    problems = []
    for i, (source_id, quote) in enumerate(zip(table.column("source_id"), table.column("quote"), strict=True)):
        if quote is None or source_id not in texts:
            continue
        try:
            quotes.locate_cached(texts[source_id], quote)
        except ValueError as err:
            rule = f"{err}: {why_not_found(quote, texts[source_id])}" if quote not in texts[source_id] else str(err)
            problems.append(Problem(table.file, table.line(i, "quote"), "quote", quote, rule))
    return problems


def value_matches_qualifier(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """A range has low and high (low < high) and no value; anything else has a value and no low or high."""
    frame = table.frame
    qualifier = frame["value_qualifier"].astype(object)
    is_range = (qualifier == "range").fillna(False)
    other = ~is_range & qualifier.notna()
    said = lambda i: f"value_qualifier is {qualifier.iloc[i]!r}"  # noqa: E731 - a message, built only on failure
    problems = flagged(table, is_range & frame["value"].notna(), "value", lambda i: f"must be empty when {said(i)}")
    for column in ("value_low", "value_high"):
        problems += flagged(table, other & frame[column].notna(), column, lambda i: f"must be empty when {said(i)}")
        problems += flagged(table, is_range & frame[column].isna(), column, lambda i: f"required when {said(i)}")
    problems += flagged(table, other & frame["value"].isna(), "value", lambda i: f"required when {said(i)}")
    inverted = is_range & frame["value_low"].notna() & frame["value_high"].notna() & (frame["value_low"] >= frame["value_high"])
    return problems + flagged(table, inverted, "value_high", "must exceed value_low")


def value_fits_unit(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """Percentages lie in 0..100, money and durations are not negative, ranks and counts are whole numbers."""
    problems = []
    units = table.column("unit")
    for column in ("value", "value_low", "value_high"):
        for i, (unit, value) in enumerate(zip(units, table.column(column), strict=True)):
            if value is not None and (rule := unit_rule(unit, float(value))):
                problems.append(Problem(table.file, table.line(i, column), column, value, rule))
    return problems


def unit_rule(unit: object, value: float) -> str | None:
    """The rule a value breaks for its unit, or None."""
    if unit == "percent" and not 0 <= value <= 100:
        return "a percent must lie in 0..100"
    if value < 0:
        return f"a value in {unit} must not be negative"
    if unit == "nm" and value == 0:
        return "a process node must be positive"
    if unit in WHOLE_NUMBER_UNITS and not value.is_integer():
        return f"a {unit} must be a whole number"
    return None


def date_matches_precision(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """``date`` and ``date_precision`` are both set or both empty, and the date is real and at that precision."""
    problems = []
    for i, (date, precision) in enumerate(zip(table.column("date"), table.column("date_precision"), strict=True)):
        if (date is None) != (precision is None):
            missing = "date_precision" if precision is None else "date"
            problems.append(Problem(table.file, table.line(i, missing), missing, None, "date and date_precision go together"))
            continue
        if date is None:
            continue
        try:
            dates.period_cached(date, precision)
        except ValueError as err:
            problems.append(Problem(table.file, table.line(i, "date"), "date", date, str(err)))
    return problems


STATED_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
STATED_MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*月")
STATED_DECADE = re.compile(r"(\d{2})\s*世纪\s*(\d)0\s*年代")


def date_matches_stated(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """The year, month or decade written in ``date_as_stated`` (2009年6月, 20世纪90年代, 当年12月) agrees with ``date``."""
    rows = zip(table.column("date"), table.column("date_precision"), table.column("date_as_stated"), strict=True)
    return [Problem(table.file, table.line(i, "date"), "date", date, f"does not match date_as_stated {stated!r}")
            for i, (date, precision, stated) in enumerate(rows)
            if date is not None and stated is not None and _date_disagrees(date, precision, stated)]


@lru_cache(maxsize=65536)
def _date_disagrees(date: str, precision: str | None, stated: str) -> bool:
    """Whether a year, decade or month written in ``stated`` differs from ``date`` (remembered: values repeat)."""
    year = re.search(r"\d{4}", date)
    if year is None:
        return False
    expected = [int(y) for y in STATED_YEAR.findall(stated)]
    expected += [(int(c) - 1) * 100 + int(d) * 10 for c, d in STATED_DECADE.findall(stated)]
    months = [int(m) for m in STATED_MONTH.findall(stated)] if precision in ("month", "day") else []
    return any(y != int(year.group()) for y in expected) or any(m != int(date[5:7]) for m in months)


def entity_names(entities: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """Each entity's Chinese name and aliases occur in a source text; each entity has at least one of them."""
    problems = []
    corpus = "\n".join(texts.values())
    for i, (name_zh, aliases) in enumerate(zip(entities.column("name_zh"), entities.column("aliases"), strict=True)):
        names = ([("name_zh", name_zh)] if name_zh is not None else []) + [("aliases", a) for a in aliases]
        if not names:
            problems.append(Problem(entities.file, entities.line(i, "name_zh"), "name_zh", None,
                                    "give name_zh or an alias: the article must name the entity"))
        problems += [Problem(entities.file, entities.line(i, column), column, name,
                             f"not found verbatim in the article: {why_not_found(name, corpus, 'the name')}")
                     for column, name in names if texts and name not in corpus]
    return problems


def claim_links(claims: TypedTable) -> list[Problem]:
    """``exemplifies`` points only at approaches and phases, and a case assessment names its case."""
    kinds = dict(zip(claims.column("claim_id"), claims.column("claim_type"), strict=True))
    problems = []
    rows = zip(claims.column("exemplifies"), claims.column("claim_type"), claims.column("case"), strict=True)
    for i, (targets, claim_type, case) in enumerate(rows):
        problems += [Problem(claims.file, claims.line(i, "exemplifies"), "exemplifies", target,
                             "must name an approach or phase claim")
                     for target in targets if kinds.get(target) not in (None, "approach", "phase")]
        if claim_type == "case_assessment" and case is None:
            problems.append(Problem(claims.file, claims.line(i, "case"), "case", case,
                                    "case is required for a case_assessment"))
    return problems


def one_target(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """A check names exactly one fact, event or statement (the target columns its schema has)."""
    targets = [column for column in COVERED if column in table.frame]
    count = sum(table.frame[column].notna().astype(int) for column in targets)
    return flagged(table, count != 1, "fact_id", f"set exactly one of {', '.join(targets)}")


def verdict_has_evidence(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """Every verdict but ``unverified`` names its reference and the passage relied on."""
    frame = table.frame
    verdict = frame["verdict"].astype(object)
    judged = (verdict != "unverified").fillna(False) & verdict.notna()
    return [p for column in ("reference_id", "passage")
            for p in flagged(table, judged & frame[column].isna(), column,
                             lambda i: f"required for verdict {verdict.iloc[i]!r}")]


def external_value_has_unit(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """``external_value`` and ``external_unit`` are both set or both empty."""
    frame = table.frame
    return flagged(table, frame["external_value"].isna() != frame["external_unit"].isna(), "external_unit",
                   "external_value and external_unit go together")


COVERED = {"fact_id": "facts", "event_id": "events", "statement_id": "statements"}


def covers_facts_and_events(checks: TypedTable, tables: dict[str, TypedTable]) -> list[Problem]:
    """Every fact, event and statement has at least one check."""
    problems = []
    for column, name in COVERED.items():
        if name in tables and column in checks.frame:
            ids = tables[name].frame[column]
            rule = f"has no row in {checks.file} (every fact, event and statement is cross-checked)"
            problems += flagged(tables[name], ids.notna() & ~is_in(ids, checks.frame[column]), column, rule)
    return problems


ROW_CHECKS: dict[str, Callable[[TypedTable, dict[str, str]], list[Problem]]] = {
    "quote_found_once": quote_found_once,
    "value_matches_qualifier": value_matches_qualifier,
    "value_fits_unit": value_fits_unit,
    "value_matches_stated": value_matches_stated,
    "date_matches_precision": date_matches_precision,
    "date_matches_stated": date_matches_stated,
    "one_target": one_target,
    "verdict_has_evidence": verdict_has_evidence,
    "external_value_has_unit": external_value_has_unit,
    **RECORD_ROW_CHECKS,
}
TABLE_CHECKS: dict[str, Callable[[TypedTable, dict[str, TypedTable]], list[Problem]]] = {
    "covers_facts_and_events": covers_facts_and_events,
}

"""Checks that span columns, rows or tables: foreign keys, quotes, values against units, dates against precision.

Each table's spec names the row checks it needs (``row_checks``); foreign keys and ``in_quote`` columns are
checked wherever the spec declares them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator

import pandas as pd

from . import dates, quotes
from .coerce import TypedTable
from .problems import Problem

Row = dict[str, object]
MONEY_UNITS = ("JPY", "USD")
WHOLE_NUMBER_UNITS = ("rank", "count")


def present(value: object) -> bool:
    """Whether a cell holds a value (lists always do; an empty list is a value)."""
    return isinstance(value, list) or not pd.isna(value)


def rows(table: TypedTable) -> Iterator[tuple[int, Row]]:
    """The rows of a typed table as dicts, with their positions."""
    yield from enumerate(table.frame.to_dict("records"))


def cross_checks(tables: dict[str, TypedTable], texts: dict[str, str]) -> list[Problem]:
    """Every check beyond single columns, over tables that could be read."""
    problems = foreign_keys(tables)
    for table in tables.values():
        problems += in_quote(table)
        for name in table.spec.row_checks:
            check = ROW_CHECKS[name]
            problems += [p for i, row in rows(table) for p in check(table, i, row, texts)]
    if "entities" in tables:
        problems += entity_names(tables["entities"], texts)
    if "claims" in tables:
        problems += claim_links(tables["claims"])
    return problems


def foreign_keys(tables: dict[str, TypedTable]) -> list[Problem]:
    """Values of reference columns that name no row of the referenced table."""
    problems = []
    for table in tables.values():
        for column in (c for c in table.spec.columns if c.reference and c.reference[0] in tables):
            ref_table, ref_column = column.reference
            known = set(tables[ref_table].frame[ref_column].dropna())
            rule = f"unknown {ref_column}: not in {tables[ref_table].file}"
            for i, row in rows(table):
                value = row[column.name]
                items = value if isinstance(value, list) else ([value] if present(value) else [])
                problems += [Problem(table.file, table.line(i, column.name), column.name, item, rule)
                             for item in items if item not in known]
    return problems


def in_quote(table: TypedTable) -> list[Problem]:
    """Values of ``in_quote`` columns (the article's own words) that do not occur inside the row's quote."""
    problems = []
    for column in (c for c in table.spec.columns if c.in_quote):
        for i, row in rows(table):
            value, quote = row[column.name], row["quote"]
            if present(value) and present(quote) and value not in quote:
                problems.append(Problem(table.file, table.line(i, column.name), column.name, value,
                                        "must occur verbatim inside this row's quote"))
    return problems


def quote_found_once(table: TypedTable, i: int, row: Row, texts: dict[str, str]) -> list[Problem]:
    """The quote occurs exactly once in its source's text."""
    quote, source_id = row["quote"], row["source_id"]
    if not present(quote) or not present(source_id) or source_id not in texts:
        return []
    try:
        quotes.locate(texts[source_id], quote)
    except ValueError as err:
        return [Problem(table.file, table.line(i, "quote"), "quote", quote, str(err))]
    return []


def value_matches_qualifier(table: TypedTable, i: int, row: Row, texts: dict[str, str]) -> list[Problem]:
    """A range has low and high (low < high) and no value; anything else has a value and no low or high."""
    qualifier = row["value_qualifier"]
    wanted = ("value_low", "value_high") if qualifier == "range" else ("value",)
    unwanted = ("value",) if qualifier == "range" else ("value_low", "value_high")
    problems = [Problem(table.file, table.line(i, c), c, None, f"required when value_qualifier is {qualifier!r}")
                for c in wanted if not present(row[c])]
    problems += [Problem(table.file, table.line(i, c), c, row[c], f"must be empty when value_qualifier is {qualifier!r}")
                 for c in unwanted if present(row[c])]
    low, high = row["value_low"], row["value_high"]
    if qualifier == "range" and present(low) and present(high) and not low < high:
        problems.append(Problem(table.file, table.line(i, "value_high"), "value_high", high, "must exceed value_low"))
    return problems


STATED_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)")
MULTIPLIERS = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4))


def stated_numbers(text: str) -> list[float]:
    """The numbers written with Arabic digits in ``text``, scaled by a following 万亿, 亿 or 万 (300亿 -> 3e10)."""
    numbers = []
    for match in STATED_NUMBER.finditer(text):
        factor = next((f for word, f in MULTIPLIERS if text.startswith(word, match.end())), 1.0)
        numbers.append(float(match.group(1).replace(",", "")) * factor)
    return numbers


def value_matches_stated(table: TypedTable, i: int, row: Row, texts: dict[str, str]) -> list[Problem]:
    """Each typed value equals a number written in ``value_as_stated`` (when it has Arabic digits)."""
    stated = row["value_as_stated"]
    numbers = stated_numbers(stated) if present(stated) else []
    if not numbers:
        return []  # Chinese numerals and words (三个, 一半, 半壁江山) are checked by the curator, not here
    problems = []
    for column in ("value", "value_low", "value_high"):
        value = row[column]
        if present(value) and not any(math.isclose(float(value), n, rel_tol=1e-9) for n in numbers):
            shown = ", ".join(f"{n:g}" for n in numbers)
            problems.append(Problem(table.file, table.line(i, column), column, value,
                                    f"does not match value_as_stated {stated!r} (which reads as {shown})"))
    return problems


def value_fits_unit(table: TypedTable, i: int, row: Row, texts: dict[str, str]) -> list[Problem]:
    """Percentages lie in 0..100, money and durations are not negative, ranks and counts are whole numbers."""
    unit, problems = row["unit"], []
    for column in ("value", "value_low", "value_high"):
        value = row[column]
        if present(value) and (rule := unit_rule(unit, float(value))):
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


def date_matches_precision(table: TypedTable, i: int, row: Row, texts: dict[str, str]) -> list[Problem]:
    """``date`` and ``date_precision`` are both set or both empty, and the date is real and at that precision."""
    date, precision = row["date"], row["date_precision"]
    if present(date) != present(precision):
        missing = "date_precision" if present(date) else "date"
        return [Problem(table.file, table.line(i, missing), missing, None, "date and date_precision go together")]
    if not present(date) or not present(precision):
        return []
    try:
        dates.period(date, precision)
    except ValueError as err:
        return [Problem(table.file, table.line(i, "date"), "date", date, str(err))]
    return []


def entity_names(entities: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """Each entity's Chinese name and aliases occur in a source text; each entity has at least one of them."""
    problems = []
    corpus = "\n".join(texts.values())
    for i, row in rows(entities):
        names = ([("name_zh", row["name_zh"])] if present(row["name_zh"]) else [])
        names += [("aliases", alias) for alias in row["aliases"]]
        if not names:
            problems.append(Problem(entities.file, entities.line(i, "name_zh"), "name_zh", None,
                                    "give name_zh or an alias: the article must name the entity"))
        problems += [Problem(entities.file, entities.line(i, column), column, name, "not found verbatim in the article")
                     for column, name in names if texts and name not in corpus]
    return problems


def claim_links(claims: TypedTable) -> list[Problem]:
    """``exemplifies`` points only at approaches and phases, and a case assessment names its case."""
    kinds = dict(zip(claims.frame["claim_id"], claims.frame["claim_type"], strict=False))
    problems = []
    for i, row in rows(claims):
        for target in row["exemplifies"]:
            if kinds.get(target) not in (None, "approach", "phase"):
                problems.append(Problem(claims.file, claims.line(i, "exemplifies"), "exemplifies", target,
                                        "must name an approach or phase claim"))
        if (row["claim_type"] == "case_assessment") != present(row["case"]):
            problems.append(Problem(claims.file, claims.line(i, "case"), "case", row["case"],
                                    "case is required for a case_assessment and empty otherwise"))
    return problems


ROW_CHECKS: dict[str, Callable[[TypedTable, int, Row, dict[str, str]], list[Problem]]] = {
    "quote_found_once": quote_found_once,
    "value_matches_qualifier": value_matches_qualifier,
    "value_fits_unit": value_fits_unit,
    "value_matches_stated": value_matches_stated,
    "date_matches_precision": date_matches_precision,
}

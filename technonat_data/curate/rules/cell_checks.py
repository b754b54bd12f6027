"""Rules for single cells of every table: partial dates that exist, no invisible characters, list items given once.

Pandera checks a date column's pattern only; these rules add what a pattern cannot say (2009-13 matches
``YYYY-MM``), what a curator cannot see (a right-to-left override, a byte-order mark, a line separator pasted
into a note) and what a list must not do (name one id twice).
"""

from __future__ import annotations

import re
from collections import Counter

from ..problems import Problem
from ..read.coerce import TypedTable
from . import dates
from .differences import spelled

# Columns declared with one of these patterns hold an ISO date of year, month or day precision.
PARTIAL_DATE_PATTERNS = (r"\d{4}(-\d{2}(-\d{2})?)?", r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}

# Control (but tab and line feed), format, line and paragraph separator, surrogate and private-use characters
# (Unicode categories Cc, Cf, Zl, Zp, Cs, Co); tests/curate/test_validation_gaps.py proves the list against them.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\uf8ff\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)
# Columns whose text must equal the source's, checked there; an invisible character the source holds is allowed.
VERBATIM = {("sentences", "text"), ("entities", "name_zh"), ("entities", "aliases")}


def cell_checks(tables: dict[str, TypedTable]) -> list[Problem]:
    """Every cell rule over every table that could be read."""
    problems: list[Problem] = []
    for table in tables.values():
        problems += partial_dates(table) + invisible_characters(table) + repeated_items(table)
    return problems


def partial_date_columns(table: TypedTable) -> list[str]:
    """The columns of ``table`` declared as partial ISO dates (by their pattern)."""
    return [c.name for c in table.spec.raw_columns if c.pattern in PARTIAL_DATE_PATTERNS]


def partial_dates(table: TypedTable) -> list[Problem]:
    """A partial date (YYYY, YYYY-MM, YYYY-MM-DD) names a real month or day, at its ``<column>_precision`` if any."""
    problems = []
    for name in partial_date_columns(table):
        precisions = table.column(f"{name}_precision") if f"{name}_precision" in table.frame else None
        for i, value in enumerate(table.column(name)):
            precision = PRECISION_BY_LENGTH.get(len(value)) if isinstance(value, str) else None
            if precision is None or not value.isascii():
                continue  # empty, or not the pattern: Pandera reports it
            stated = precisions[i] if precisions is not None else None
            try:
                if stated is not None and stated != precision and stated in PRECISION_BY_LENGTH.values():
                    raise ValueError(f"a {precision} date, but {name}_precision is {stated!r} "
                                     f"(expected like {dates.EXAMPLES[stated]})")
                dates.period(value, precision)
            except ValueError as err:
                problems.append(Problem(table.file, table.line(i, name), name, value, str(err)))
    return problems


def invisible_characters(table: TypedTable) -> list[Problem]:
    """No text holds a character a reader cannot see (controls, format and bidi marks, separators, private use)."""
    problems = []
    for column in table.spec.raw_columns:
        if column.type not in ("string", "list") or column.name == "quote" or column.in_quote \
                or (table.spec.name, column.name) in VERBATIM:
            continue
        for i, cell in enumerate(table.column(column.name)):
            for text in cell if isinstance(cell, list) else [cell]:
                found = INVISIBLE.search(text) if isinstance(text, str) else None
                if found:
                    problems.append(Problem(table.file, table.line(i, column.name), column.name, text,
                                            f"holds {spelled(found.group())} at character {found.start()}, an "
                                            "invisible control or format character; delete it"))
                    break
    return problems


def repeated_items(table: TypedTable) -> list[Problem]:
    """A list names each item once (a repeated support id, alias or author is a slip)."""
    problems = []
    for column in (c for c in table.spec.raw_columns if c.type == "list"):
        for i, items in enumerate(table.column(column.name)):
            problems += [Problem(table.file, table.line(i, column.name), column.name, item,
                                 f"listed {count} times in this cell; list each item once")
                         for item, count in Counter(items).items() if count > 1]
    return problems

"""Rules for statements and for what points at them: dates set together, claims' ``support_ids``, and ids that
are unique across facts, events and statements (so that a support id names exactly one row).
"""

from __future__ import annotations

from ..problems import Problem
from ..read.coerce import TypedTable

SUPPORTED = {"facts": "fact_id", "events": "event_id", "statements": "statement_id"}


def date_as_stated_with_date(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """An optional date comes with the article's words for it: ``date`` and ``date_as_stated`` are set together."""
    rows = zip(table.column("date"), table.column("date_as_stated"), strict=True)
    return [Problem(table.file, table.line(i, missing), missing, None,
                    "date, date_precision and date_as_stated go together (all set, or all empty)")
            for i, (date, stated) in enumerate(rows) if (date is None) != (stated is None)
            for missing in ["date" if date is None else "date_as_stated"]]


def supported_ids(tables: dict[str, TypedTable]) -> dict[str, list[str]]:
    """Each fact, event and statement id -> the tables (raw files) it is an id of."""
    where: dict[str, list[str]] = {}
    for name, column in SUPPORTED.items():
        for record_id in tables[name].column(column) if name in tables else ():
            if record_id is not None:
                where.setdefault(record_id, []).append(tables[name].file)
    return where


def ids_unique_across(tables: dict[str, TypedTable]) -> list[Problem]:
    """No id is both a fact and an event, a fact and a statement, or an event and a statement."""
    first: dict[str, str] = {}
    problems = []
    for name, column in SUPPORTED.items():
        if name not in tables:
            continue
        table = tables[name]
        for i, record_id in enumerate(table.column(column)):
            if record_id in first and first[record_id] != table.file:
                problems.append(Problem(table.file, table.line(i, column), column, record_id,
                                        f"also an id in {first[record_id]}: fact, event and statement ids must be "
                                        "unique across the three tables"))
            elif record_id is not None:
                first.setdefault(record_id, table.file)
    return problems


def supports_exist(tables: dict[str, TypedTable]) -> list[Problem]:
    """Each of a claim's ``support_ids`` names a row of exactly one of facts, events and statements."""
    if "claims" not in tables or not all(name in tables for name in SUPPORTED):
        return []
    claims = tables["claims"]
    where = supported_ids(tables)
    files = ", ".join(tables[name].file for name in SUPPORTED)
    return [Problem(claims.file, claims.line(i, "support_ids"), "support_ids", item, f"unknown id: not in {files}")
            for i, items in enumerate(claims.column("support_ids")) for item in items if item not in where]

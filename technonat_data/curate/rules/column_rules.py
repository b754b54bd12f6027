"""Run a table's derived Pandera schema over its typed rows: one problem per failure case, at the curator's line."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from ..problems import Problem
from ..read.coerce import TypedTable
from ..schema.to_pandera import computed_schema, pandera_schema

PANDERA_RULES = {
    "not_nullable": "required: must not be empty",
    "field_uniqueness": "must be unique (duplicate id?)",
    "column_in_dataframe": "column missing",
    "column_in_schema": "unknown column",
}


def run_pandera(table: TypedTable, computed_only: bool = False) -> list[Problem]:
    """Validate a typed table (or only its computed columns) lazily: one problem per failure case."""
    if computed_only:
        schema = computed_schema(table.spec)
        frame = table.frame[list(schema.columns)]
    else:
        schema, frame = pandera_schema(table.spec, include_computed=False), table.frame
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        return [_problem(table, case) for case in err.failure_cases.itertuples(index=False)]
    return []


def _problem(table: TypedTable, case: object) -> Problem:
    row = None if pd.isna(case.index) else int(case.index)
    column = case.column if isinstance(case.column, str) else "-"
    value = None if _is_missing(case.failure_case) else case.failure_case
    rule = PANDERA_RULES.get(case.check, str(case.check))
    if rule.startswith("dtype("):
        rule = f"wrong column type {rule}"
    return Problem(table.file, table.line(row, column), column, value, rule)


def _is_missing(value: object) -> bool:
    return not isinstance(value, (list, tuple)) and bool(pd.isna(value))

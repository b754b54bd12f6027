"""Turn raw values (CSV text or YAML values) into typed columns, one problem per value that does not fit."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .problems import Problem
from .raw_reader import RawTable
from .spec import ColumnSpec, TableSpec

INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
LIST_SEPARATOR = ";"
PANDAS_DTYPES = {"string": "str", "integer": "Int64", "number": "Float64", "boolean": "boolean", "list": "object",
                 "date": "object"}


class Unfit(ValueError):
    """A raw value that cannot be read as its column's type; the message is the rule it breaks."""


@dataclass
class TypedTable:
    """A table's typed DataFrame, with the raw file and the line of every cell, for messages."""

    spec: TableSpec
    file: str
    frame: pd.DataFrame
    row_lines: list[int]
    cell_lines: list[dict[str, int]]

    def line(self, row: int | None, column: str | None = None) -> int:
        """The line a curator sees for ``row`` (and ``column``), 0 when unknown."""
        if row is None or not 0 <= row < len(self.row_lines):
            return 0
        return self.cell_lines[row].get(column, self.row_lines[row]) if column else self.row_lines[row]


def coerce_table(raw: RawTable, spec: TableSpec) -> tuple[TypedTable, list[Problem]]:
    """Type every raw column of ``spec``; values that do not fit become empty and are reported."""
    problems: list[Problem] = []
    data = {}
    for column in spec.raw_columns:
        values = []
        for i, row in enumerate(raw.rows):
            try:
                values.append(coerce_value(row.get(column.name), column))
            except Unfit as err:
                values.append([] if column.type == "list" else None)  # reported; keep the column's shape
                problems.append(Problem(raw.file, raw.cell_lines[i][column.name], column.name, row[column.name], str(err)))
        data[column.name] = pd.Series(values, dtype=PANDAS_DTYPES[column.type], name=column.name)
    frame = pd.DataFrame(data, columns=[c.name for c in spec.raw_columns])
    return TypedTable(spec, raw.file, frame, raw.row_lines, raw.cell_lines), problems


def coerce_value(value: object, column: ColumnSpec) -> object:
    """One raw value as its column's Python type; empty text and YAML null become ``None`` (lists: ``[]``)."""
    if isinstance(value, str) and value == "":
        value = None
    if column.type == "list":
        return _as_list(value)
    if value is None:
        return None
    return {"string": _as_text, "integer": _as_integer, "number": _as_number, "boolean": _as_boolean}[column.type](value)


def _as_text(value: object) -> str:
    if not isinstance(value, str):
        raise Unfit(f"expected text, got {type(value).__name__} (quote it in YAML)")
    if value != value.strip():
        raise Unfit("text has leading or trailing spaces")
    return value


def _as_integer(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and INTEGER.fullmatch(value):
        return int(value)
    raise Unfit("not an integer (ASCII digits only, no separators)")


def _as_number(value: object) -> float:
    if (isinstance(value, (int, float)) and not isinstance(value, bool)) or (isinstance(value, str) and NUMBER.fullmatch(value)):
        number = float(value)
    else:
        raise Unfit("not a number (ASCII digits, optional '.' and exponent; no thousands separators)")
    if not math.isfinite(number):
        raise Unfit("number is not finite")
    return number


def _as_boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise Unfit("not a boolean (true or false)")


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    items = value.split(LIST_SEPARATOR) if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise Unfit(f"expected a list of texts ({LIST_SEPARATOR!r}-separated in CSV, [a, b] in YAML)")
    items = [item.strip() for item in items]
    if not all(items):
        raise Unfit("list has an empty item")
    return items

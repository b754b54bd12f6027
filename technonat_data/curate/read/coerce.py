"""Turn raw values (CSV text or YAML values) into typed columns, one problem per value that does not fit."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..problems import Problem
from ..schema.dtypes import PANDAS_DTYPES
from ..schema.spec import ColumnSpec, TableSpec
from .raw_reader import MAX_FIELD_BYTES, RawTable

INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
LIST_SEPARATOR = ";"
ARROW_TO_PANDAS: dict = {}  # filled below: Arrow types -> the pandas dtypes of typed columns


def _arrow_to_pandas() -> None:
    import pyarrow as pa

    ARROW_TO_PANDAS.update({pa.string(): pd.StringDtype("pyarrow", na_value=np.nan), pa.float64(): pd.Float64Dtype(),
                            pa.int64(): pd.Int64Dtype()})


_arrow_to_pandas()


class Unfit(ValueError):
    """A raw value that cannot be read as its column's type; the message is the rule it breaks."""


@dataclass
class TypedTable:
    """A table's typed DataFrame, with the raw file and the line of every cell, for messages."""

    spec: TableSpec
    file: str
    frame: pd.DataFrame
    raw: RawTable
    _columns: dict[str, list] = field(default_factory=dict, repr=False, compare=False)

    def column(self, name: str) -> list:
        """One column as a Python list, missing values as ``None`` (built once; the checks read it often)."""
        if name not in self._columns:
            import pyarrow as pa

            series = self.frame[name]
            self._columns[name] = series.tolist() if series.dtype == object else pa.array(series).to_pylist()
        return self._columns[name]

    def line(self, row: int | None, column: str | None = None) -> int:
        """The line a curator sees for ``row`` (and ``column``), 0 when unknown."""
        if row is None or not 0 <= row < len(self.raw):
            return 0
        return self.raw.line(row, column) if column else self.raw.row_lines[row]


def coerce_table(raw: RawTable, spec: TableSpec) -> tuple[TypedTable, list[Problem]]:
    """Type every raw column of ``spec``; values that do not fit become empty and are reported."""
    problems: list[Problem] = []
    data = {}
    for column in spec.raw_columns:
        values = raw.columns.get(column.name, [None] * len(raw))
        coerce = coerce_arrow_column if hasattr(values, "type") else coerce_column
        series, failures = coerce(values, column)
        problems += [Problem(raw.file, raw.line(i, column.name), column.name, value, rule) for i, value, rule in failures]
        data[column.name] = series.rename(column.name)
    frame = pd.DataFrame(data, columns=[c.name for c in spec.raw_columns])
    return TypedTable(spec, raw.file, frame, raw), problems


def coerce_arrow_column(raw: Any, column: ColumnSpec) -> tuple[pd.Series, list[tuple[int, object, str]]]:
    """An Arrow text column (from the fast CSV reader) typed with vectorised kernels; odd values one by one."""
    import pyarrow as pa
    import pyarrow.compute as pc

    empty = pc.equal(raw, "")
    if column.type == "string":
        suspect = pc.or_(pc.not_equal(raw, pc.utf8_trim_whitespace(raw)), pc.greater(pc.binary_length(raw), MAX_FIELD_BYTES))
        typed = pc.if_else(empty, pa.scalar(None, pa.string()), raw)
    elif column.type in ("number", "integer"):
        pattern = (NUMBER if column.type == "number" else INTEGER).pattern
        ok = pc.match_substring_regex(raw, f"^(?:{pattern})$")
        typed = pc.cast(pc.if_else(ok, raw, pa.scalar(None, pa.string())), pa.float64())
        if column.type == "number":
            ok = pc.fill_null(pc.and_(ok, pc.is_finite(typed)), False)  # null (not a number) counts as not ok
            typed = pc.if_else(ok, typed, pa.scalar(None, pa.float64()))
        else:
            typed = pc.cast(typed, pa.int64())
        suspect = pc.and_(pc.invert(ok), pc.invert(empty))
    else:
        series, failures = coerce_column(raw.to_pylist(), column)
        return series, failures
    series = typed.to_pandas(types_mapper=ARROW_TO_PANDAS.get)
    failures = []
    for i in pc.indices_nonzero(suspect).to_pylist():
        value = raw[i].as_py()
        try:
            series.iloc[i] = coerce_value(value, column)
        except Unfit as err:
            series.iloc[i] = None
            failures.append((i, value, str(err)))
    return series, failures


def coerce_column(raw: list[object], column: ColumnSpec) -> tuple[pd.Series, list[tuple[int, object, str]]]:
    """A raw column typed; and (row, value, rule) for each value that does not fit (typed as empty).

    All-text columns of the common types take a vectorised path; anything it cannot vouch for is typed value
    by value, which also writes the messages.
    """
    fast = _FAST.get(column.type)
    if fast is not None and all(type(v) is str for v in raw):
        typed, suspect = fast(raw)
    else:
        typed, suspect = [None] * len(raw), list(range(len(raw)))
    failures = []
    for i in suspect:
        try:
            typed[i] = coerce_value(raw[i], column)
        except Unfit as err:
            typed[i] = [] if column.type == "list" else None  # reported; keep the column's shape
            failures.append((i, raw[i], str(err)))
    return pd.Series(typed, dtype=PANDAS_DTYPES[column.type]), failures


def _fast_text(raw: list[str]) -> tuple[list[object], list[int]]:
    series = pd.Series(raw, dtype="str")
    suspect = ((series != series.str.strip()) | (series.str.len() * 4 > MAX_FIELD_BYTES)).to_numpy()
    typed = series.where(series != "", None).tolist()
    return typed, [int(i) for i in suspect.nonzero()[0]]


def _fast_number(raw: list[str], pattern: re.Pattern = NUMBER, cast: type = float) -> tuple[list[object], list[int]]:
    series = pd.Series(raw, dtype="str")
    ok = series.str.fullmatch(pattern.pattern).to_numpy(dtype=bool, na_value=False)
    empty = (series == "").to_numpy(dtype=bool)
    numbers = pd.to_numeric(series.where(ok, None), errors="coerce").to_numpy(dtype=float, na_value=math.nan)
    finite = ok & np.isfinite(numbers)
    typed = [cast(v) if good else None for v, good in zip(numbers.tolist(), finite, strict=True)]
    return typed, [int(i) for i in (~finite & ~empty).nonzero()[0]]


def _fast_integer(raw: list[str]) -> tuple[list[object], list[int]]:
    return _fast_number(raw, INTEGER, int)


def _fast_list(raw: list[str]) -> tuple[list[object], list[int]]:
    typed: list[object] = []
    suspect = []
    for i, value in enumerate(raw):
        items = [item.strip() for item in value.split(LIST_SEPARATOR)] if value else []
        if all(items) and len(value) * 4 <= MAX_FIELD_BYTES:  # a longer one is measured exactly, value by value
            typed.append(items)
        else:
            typed.append([])
            suspect.append(i)
    return typed, suspect


_FAST = {"string": _fast_text, "number": _fast_number, "integer": _fast_integer, "list": _fast_list}


def coerce_value(value: object, column: ColumnSpec) -> object:
    """One raw value as its column's Python type; empty text and YAML null become ``None`` (lists: ``[]``)."""
    if isinstance(value, str) and value == "":
        value = None
    if isinstance(value, str):
        _check_size(value)
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


def _check_size(value: str) -> None:
    """Refuse a text longer than one field may be, on every path (the strict CSV reader enforces it too)."""
    size = len(value.encode("utf-8", errors="surrogatepass"))
    if size > MAX_FIELD_BYTES:
        raise Unfit(f"text is {size} bytes in UTF-8, more than the {MAX_FIELD_BYTES} one field may hold "
                    "(a pasted file or a runaway quote?)")


def _as_integer(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and INTEGER.fullmatch(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts
            raise Unfit("integer has too many digits") from None
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
    for item in items:
        _check_size(item)
    return items

"""Fill the columns the build computes: quote offsets from quotes, and date periods from dates."""

from __future__ import annotations

import pandas as pd

from . import dates, quotes
from .checks import present
from .coerce import TypedTable


def derive(table: TypedTable, texts: dict[str, str]) -> TypedTable:
    """A copy of a validated table with its computed columns filled, columns in spec order."""
    frame = table.frame.copy()
    names = {c.name for c in table.spec.columns}
    if {"quote_start", "quote_end"} <= names:
        offsets = [quotes.locate(texts[s], q) for s, q in zip(frame["source_id"], frame["quote"], strict=False)]
        frame["quote_start"] = pd.array([start for start, _ in offsets], dtype="Int64")
        frame["quote_end"] = pd.array([end for _, end in offsets], dtype="Int64")
    if {"date_start", "date_end"} <= names:
        periods = [dates.period(d, p) if present(d) else (None, None)
                   for d, p in zip(frame["date"], frame["date_precision"], strict=False)]
        frame["date_start"] = pd.Series([start for start, _ in periods], dtype="object")
        frame["date_end"] = pd.Series([end for _, end in periods], dtype="object")
    frame = frame[[c.name for c in table.spec.columns]]
    return TypedTable(table.spec, table.file, frame, table.row_lines, table.cell_lines)

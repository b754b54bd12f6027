"""Fill the columns the build computes: quote offsets from quotes, and date periods from dates."""

from __future__ import annotations

import pandas as pd

from ..read.coerce import TypedTable
from . import dates, quotes


def derive(table: TypedTable, texts: dict[str, str]) -> TypedTable:
    """A copy of a validated table with its computed columns filled, columns in spec order."""
    frame = table.frame.copy()
    names = {c.name for c in table.spec.columns}
    if {"quote_start", "quote_end"} <= names:
        pairs = zip(table.column("source_id"), table.column("quote"), strict=True)
        offsets = [quotes.locate_cached(texts[source], quote) for source, quote in pairs]
        frame["quote_start"] = pd.array([start for start, _ in offsets], dtype="Int64")
        frame["quote_end"] = pd.array([end for _, end in offsets], dtype="Int64")
    if {"date_start", "date_end"} <= names:
        pairs = zip(table.column("date"), table.column("date_precision"), strict=True)
        periods = [dates.period_cached(d, p) if d is not None else (None, None) for d, p in pairs]
        frame["date_start"] = pd.Series([start for start, _ in periods], dtype="object")
        frame["date_end"] = pd.Series([end for _, end in periods], dtype="object")
    frame = frame[[c.name for c in table.spec.columns if c.name in frame]]  # sentence links come later
    return TypedTable(table.spec, table.file, frame, table.raw)

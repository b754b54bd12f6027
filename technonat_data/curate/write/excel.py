"""The release as one Excel workbook (XlsxWriter): an ``about`` sheet, a sheet per table, and a ``dictionary`` sheet
generated from ``schemas/``; the same data gives the same bytes.

Excel on Windows misreads plain UTF-8 CSV, so the workbook is what spreadsheet users should open. Every text is
written as text (a cell that starts with ``=`` never becomes a formula, an address never a link), list columns
are joined by ``;``, day dates are Excel dates, and the document properties are fixed (created on the release
date), so nothing depends on the clock.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ...citation import Citation
from ..schema.spec import ColumnSpec, TableSpec
from ..schema.to_arrow import arrow_schema
from .datapackage import LICENSE, TITLE

OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
AUTHOR = "technonat-data contributors"
SEPARATOR = ";"
MAX_WIDTH = 60
DICTIONARY = ("table", "column", "label", "type", "required", "values", "Stata name", "description")
RIGHTS = ("The article's own text (column `text` of the sentences sheet, and the short verbatim quotes that trace "
          "each record to its words) is not ours to license: its rights stay with its publisher (文化纵横新媒体) and "
          "the authors of the work it compiles.")


def workbook_properties(version: str, released: str) -> dict:
    """Fixed document properties: nothing from the clock, the user or the machine."""
    return {"title": f"{TITLE} (version {version})", "subject": "Data set", "author": AUTHOR,
            "manager": AUTHOR, "company": "", "category": "Data set", "keywords": "technonat-data, data set",
            "comments": f"technonat-data {version}, released {released}",
            "created": dt.datetime.fromisoformat(released)}


def cell_text(value: object, column: ColumnSpec) -> object:
    """A value as the workbook stores it: lists joined, missing values as None, everything else as is."""
    if column.type == "list":
        return SEPARATOR.join(value) if isinstance(value, (list, tuple)) and len(value) else None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def write_cell(sheet, row: int, col: int, value: object, formats: dict) -> None:
    """Write one cell with the writer that matches its type (never ``write``'s guessing)."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), formats["date"])
    else:
        sheet.write_string(row, col, str(value), formats["text"])


def width(values: list[object], header: str) -> int:
    """A column width that fits most values, capped so long text wraps in the formula bar instead."""
    longest = max([len(header)] + [len(str(v)) for v in values[:200] if v is not None])
    return min(MAX_WIDTH, max(8, longest + 2))


def table_sheet(book, frame: pd.DataFrame, spec: TableSpec, formats: dict) -> None:
    """One table: a frozen, filterable header of column names (their short labels as notes), then every row."""
    sheet = book.add_worksheet(spec.name)
    records = pa.Table.from_pandas(frame, schema=arrow_schema(spec), preserve_index=False).to_pylist()
    rows = [[cell_text(record[c.name], c) for c in spec.columns] for record in records]  # Python values, as in Parquet
    for col, column in enumerate(spec.columns):
        sheet.write_string(0, col, column.name, formats["header"])
        sheet.write_comment(0, col, column.short_label, {"author": AUTHOR})
        sheet.set_column(col, col, width([r[col] for r in rows], column.name))
    for row_number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            write_cell(sheet, row_number, col, value, formats)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(spec.columns) - 1)


def dictionary_rows(specs: dict[str, TableSpec]) -> list[list[str]]:
    """One row per column of every table: what it holds, as ``schemas/`` declares it."""
    rows = []
    for spec in specs.values():
        for c in spec.columns:
            values = "; ".join(f"{v} = {c.value_label(v)}" for v in c.enum) if c.enum is not None else ""
            kind = f"list of {c.target[0]} ids" if c.type == "list" and c.target else c.type
            rows.append([spec.name, c.name, c.short_label, kind, "yes" if c.required else "no", values,
                         c.stata_name or c.name, c.description])
    return rows


def dictionary_sheet(book, specs: dict[str, TableSpec], formats: dict) -> None:
    """The data dictionary, generated from ``schemas/``."""
    sheet = book.add_worksheet("dictionary")
    rows = dictionary_rows(specs)
    for col, name in enumerate(DICTIONARY):
        sheet.write_string(0, col, name, formats["header"])
        sheet.set_column(col, col, width([r[col] for r in rows], name))
    for row_number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value:
                sheet.write_string(row_number, col, value, formats["text"])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(DICTIONARY) - 1)


def about_rows(citation: Citation, specs: dict[str, TableSpec]) -> list[tuple[str, str]]:
    """What the ``about`` sheet says: version, citation, licences, rights, and how to verify the files."""
    c = citation
    return [
        ("dataset", TITLE),
        ("version", c.version),
        ("released", c.released),
        ("cite as", f"{AUTHOR}. ({c.released[:4]}). {TITLE} (Version {c.version}) [Data set]. Released "
                    f"{c.released}. {c.derivation}"),
        ("content identifier", "The sha256 of this version's datapackage.json, listed in SHA256SUMS; "
                               "`technonat-data cite --version " + c.version + "` prints the full citation."),
        ("licence (data)", f"{LICENSE['title']} ({LICENSE['name']}, {LICENSE['path']}): our typing, ids, offsets, "
                           "English renderings, notes and checks."),
        ("the article's text", RIGHTS),
        ("sheets", "One sheet per table (" + ", ".join(specs) + "): column names in the first row, their short "
                   "labels in the dictionary sheet; list columns are joined by ';'; empty cells are missing values."),
        ("verify", "Every file of the release, this workbook included, is listed with its sha256 in SHA256SUMS: "
                   "run `sha256sum -c SHA256SUMS` in the release folder, or `technonat-data verify " + c.version
                   + "`; the package registry records the same hashes."),
    ]


def about_sheet(book, citation: Citation, specs: dict[str, TableSpec], formats: dict) -> None:
    """The sheet a reader sees first."""
    sheet = book.add_worksheet("about")
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 110)
    for row_number, (name, text) in enumerate(about_rows(citation, specs)):
        sheet.write_string(row_number, 0, name, formats["header"])
        sheet.write_string(row_number, 1, text, formats["wrap"])


def write_workbook(frames: dict[str, pd.DataFrame], specs: dict[str, TableSpec], path: Path,
                   citation: Citation) -> None:
    """Write the release's workbook at ``path`` (sheets: about, one per table, dictionary)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), OPTIONS)
    try:
        book.set_properties(workbook_properties(citation.version, citation.released))
        formats = {"header": book.add_format({"bold": True}), "text": book.add_format({"num_format": "@"}),
                   "date": book.add_format({"num_format": "yyyy-mm-dd"}),
                   "wrap": book.add_format({"text_wrap": True, "valign": "top"})}
        about_sheet(book, citation, specs, formats)
        for name, spec in specs.items():
            table_sheet(book, frames[name], spec, formats)
        dictionary_sheet(book, specs, formats)
    finally:
        book.close()

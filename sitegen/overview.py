"""The overview table at the top of a browse page: one row per record, sortable and filterable in the browser.

The table is plain HTML (``table.overview``); ``docs/assets/tables.js`` sorts on every column (by a cell's
``data-sort`` when it has one: numbers, verdict severity, blank dates last) and adds a filter for each column
marked ``data-filter``. On a phone each row becomes a card whose cells are labelled from ``data-label``.
Without script the table still reads in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .safe import anchor_href, attr, present, text


@dataclass(frozen=True)
class Cell:
    """One cell: its safe HTML, and optionally the value it sorts and filters by (plain text)."""

    html: str
    sort: object = None
    filter: object = None


@dataclass(frozen=True)
class Column:
    """A column: its heading, whether it gets a filter, and whether it sorts as numbers."""

    name: str
    filtered: bool = False
    numeric: bool = False
    css: str = ""


@dataclass(frozen=True)
class Row:
    """One record: its anchor and its cells, in column order."""

    anchor: str
    cells: list[Cell] = field(default_factory=list)


def overview(columns: list[Column], rows: list[Row], caption: str) -> str:
    """The HTML of an overview table; the first cell of each row links to the record's card."""
    head = "".join(f'<th scope="col"{" data-filter" if c.filtered else ""}{" data-numeric" if c.numeric else ""}>'
                   f"{text(c.name)}</th>" for c in columns)
    body = "".join(_row(row, columns) for row in rows)
    return (f'<div class="overview-box" markdown="0"><table class="overview"><caption>{text(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>\n")


def _row(row: Row, columns: list[Column]) -> str:
    cells = []
    for index, (cell, column) in enumerate(zip(row.cells, columns, strict=True)):
        data = f' data-label="{attr(column.name)}"'
        if present(cell.sort):
            data += f' data-sort="{attr(cell.sort)}"'
        if column.filtered:
            data += f' data-value="{attr(cell.filter if present(cell.filter) else "")}"'
        css = f' class="{attr(column.css)}"' if column.css else ""
        content = f'<a href="{anchor_href(row.anchor)}">{cell.html}</a>' if index == 0 else cell.html
        cells.append(f"<td{data}{css}>{content}</td>")
    return f"<tr>{''.join(cells)}</tr>"

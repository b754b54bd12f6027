"""The overview table at the top of a browse page: one row per record, sortable and filterable in the browser.

The table is plain HTML (``table.overview``); ``docs/assets/tables.js`` adds sorting on every column and a
filter for each column marked ``data-filter``. Without script the table still reads in full.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .formatting import CASES, badge, present

FILTERED = ("case", "verdict")


@dataclass(frozen=True)
class Row:
    """One record in an overview: its anchor, title, case, value as stated, date and verdict."""

    anchor: str
    title: str
    case: object = None
    stated: object = None
    date: object = None
    verdict: object = None


def overview(rows: list[Row], stated_label: str = "as stated", verdicts: bool = True, date_label: str = "date") -> str:
    """The HTML of an overview table with the given rows (without the verdict column for unchecked tables)."""
    head = ["title", "case", stated_label, date_label, "verdict"][: 5 if verdicts else 4]
    cells = "".join(f'<th{" data-filter" if name in FILTERED else ""}>{html.escape(name)}</th>' for name in head)
    body = "".join(_row(row, verdicts) for row in rows)
    return (f'<div class="overview-box" markdown="0"><table class="overview"><thead><tr>{cells}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>\n")


def _text(value: object) -> str:
    return html.escape(str(value)) if present(value) else ""


def _row(row: Row, verdicts: bool) -> str:
    verdict = str(row.verdict).replace("_", " ") if present(row.verdict) else "no check"
    last = f'<td data-value="{html.escape(verdict)}">{badge(row.verdict)}</td>' if verdicts else ""
    return (f'<tr><td><a href="#{row.anchor}">{html.escape(row.title)}</a></td>'
            f'<td>{_text(CASES.get(str(row.case), row.case))}</td><td lang="zh">{_text(row.stated)}</td>'
            f'<td class="nowrap">{_text(row.date)}</td>{last}</tr>')

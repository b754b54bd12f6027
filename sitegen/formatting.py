"""Small text helpers shared by the generated pages."""

from __future__ import annotations

import pandas as pd

CURRENCY = {"JPY": "¥", "USD": "US$"}
QUALIFIER = {"exact": "", "approximate": "about ", "at_least": "at least ", "at_most": "at most ", "range": ""}


def present(value: object) -> bool:
    """Whether a cell holds a value."""
    return not (value is None or (not hasattr(value, "__len__") and pd.isna(value)))


def number(value: float) -> str:
    """A number without a spurious ``.0``, with thousands separators."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def money_words(value: float) -> str:
    """A money amount in billions or trillions, for reading at a glance."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{number(round(value / size, 3))} {word}"
    return number(value)


def fact_value(row: object) -> str:
    """A fact's value in its unit, with its qualifier: "about ¥37 billion", "50-80 %", "at least 22 %"."""
    unit, qualifier = str(row.unit), QUALIFIER[str(row.value_qualifier)]
    if str(row.value_qualifier) == "range":
        return f"{_amount(row.value_low, unit)} to {_amount(row.value_high, unit)}"
    return f"{qualifier}{_amount(row.value, unit)}"


def _amount(value: float, unit: str) -> str:
    if unit in CURRENCY:
        return f"{CURRENCY[unit]}{money_words(value)}"
    suffix = {"percent": "%", "nm": " nm", "years": " years", "rank": " (rank)", "count": ""}[unit]
    return f"{number(value)}{suffix}"


def cell(value: object) -> str:
    """A value for a Markdown table cell: empty for missing, lists joined, pipes escaped."""
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        value = ", ".join(str(v) for v in list(value))
    elif not present(value):
        return ""
    return str(value).replace("|", "\\|").replace("\n", " ")


def anchor_link(page: str, target: str, label: str | None = None) -> str:
    """A link to a row's anchor on a browse page."""
    return f"[{label or target}]({page}.md#{target})"

"""Small text helpers shared by the generated pages."""

from __future__ import annotations

import html

import pandas as pd

CURRENCY = {"JPY": "¥", "USD": "US$"}
QUALIFIER = {"exact": "", "approximate": "about ", "at_least": "at least ", "at_most": "at most ", "range": ""}
SUFFIX = {"percent": "%", "nm": " nm", "years": " years", "rank": " (rank)", "count": ""}
ACRONYMS = {"us", "dbj", "miti", "meti", "tsmc", "nec", "jv", "ipo", "cmos", "dram", "aist", "sk", "jpy", "usd",
            "jasm", "fy2019", "fy2021", "asml", "wd", "incj", "ldp", "eu", "uk", "gvc", "rd"}
PROPER = {"abe", "aso", "bain", "china", "electron", "elpida", "hagiuda", "hitachi", "hoya", "huawei",
          "hynix", "japan", "japanese", "kioxia", "kishida", "korea", "kumamoto", "memory", "micron", "mitsubishi",
          "mofcom", "netherlands", "pangea", "samsung", "sony", "suga", "taiwan", "tokyo", "toshiba",
          "yoshida"}
CASES = {"context": "policy context", "elpida": "Elpida", "kioxia": "Kioxia", "tsmc_kumamoto": "TSMC Kumamoto"}
VERDICTS = ("consistent", "partly_consistent", "contradicted", "garbled_in_source", "unverified")


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
        return f"{amount(row.value_low, unit)} to {amount(row.value_high, unit)}"
    return f"{qualifier}{amount(row.value, unit)}"


def amount(value: float, unit: str) -> str:
    """A value in its unit for reading: money in words ("¥30 billion"), percent with %, counts bare."""
    if unit in CURRENCY:
        return f"{CURRENCY[unit]}{money_words(value)}"
    return f"{number(value)}{SUFFIX.get(unit, f' {unit}')}"


def title(identifier: str) -> str:
    """A human title from a snake_case id: "elpida_2009_dbj_investment" -> "Elpida 2009 DBJ investment"."""
    words = [w.upper() if w in ACRONYMS else w.capitalize() if w in PROPER else w for w in identifier.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def badge(verdict: object) -> str:
    """A coloured verdict badge (HTML), or a dash when there is no check."""
    if not present(verdict):
        return '<span class="verdict verdict-none">no check</span>'
    return f'<span class="verdict verdict-{verdict}">{str(verdict).replace("_", " ")}</span>'


def marked(quote: str, stated: object) -> str:
    """The quote, HTML-escaped, with the first occurrence of the stated words highlighted."""
    text = html.escape(str(quote), quote=False)
    if present(stated) and str(stated) and html.escape(str(stated), quote=False) in text:
        words = html.escape(str(stated), quote=False)
        text = text.replace(words, f"<mark>{words}</mark>", 1)
    return text


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

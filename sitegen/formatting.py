"""Small text helpers shared by the generated pages: amounts in words, verdict badges, quotes with marks.

Everything returned here is safe to place in Markdown or HTML: data passes through :mod:`sitegen.safe`.
"""

from __future__ import annotations

from .labels import value_label
from .safe import link, present, text

CURRENCY = {"JPY": "¥", "USD": "US$"}
QUALIFIER = {"exact": "", "approximate": "about ", "at_least": "at least ", "at_most": "at most ", "range": ""}
SUFFIX = {"percent": "%", "nm": " nm", "years": " years", "rank": " (rank)", "count": ""}
# Verdicts from the worst finding to the best, then no finding: the order a researcher sorts them in.
SEVERITY = ("contradicted", "garbled_in_source", "partly_consistent", "unverified", "consistent")
VERDICT_MEANS = {
    "contradicted": "the reference gives a different value or date than the article",
    "garbled_in_source": "the article's own figure is garbled (a translation or typing slip), and the reference shows "
                         "what it should be",
    "partly_consistent": "the reference agrees in part (the order of magnitude, one of several figures, or a rounded "
                         "value), not in full",
    "unverified": "no reference that was read confirms or contradicts the record; it is neither right nor wrong here",
    "consistent": "the reference gives the same value or date, within the article's rounding",
}


def severity(verdict: object) -> int:
    """A verdict's rank for sorting: contradicted first, no check last."""
    return SEVERITY.index(str(verdict)) if present(verdict) and str(verdict) in SEVERITY else len(SEVERITY)


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
    """A fact's value in its unit, with its qualifier: "about ¥37 billion", "50-80 %", "at least 22 %" (plain text)."""
    unit, qualifier = str(row.unit), QUALIFIER.get(str(row.value_qualifier), "")
    if str(row.value_qualifier) == "range":
        return f"{amount(row.value_low, unit)} to {amount(row.value_high, unit)}"
    return f"{qualifier}{amount(row.value, unit)}"


def amount(value: float, unit: str) -> str:
    """A value in its unit for reading: money in words ("¥30 billion"), percent with %, counts bare (plain text)."""
    if not present(value):
        return ""
    if unit in CURRENCY:
        return f"{CURRENCY[unit]}{money_words(value)}"
    return f"{number(value)}{SUFFIX.get(unit, f' {unit}')}"


def words(code: object) -> str:
    """A vocabulary code as words ("partly_consistent" -> "partly consistent"), escaped."""
    return text(str(code).replace("_", " ")) if present(code) else ""


def badge(verdict: object) -> str:
    """A coloured verdict badge (HTML) showing the verdict's label from the schema, or "no check" when there is none."""
    if not present(verdict):
        return '<span class="verdict verdict-none">no check</span>'
    shown = text(value_label("checks", "verdict", verdict)) or words(verdict)
    return f'<span class="verdict verdict-{text(verdict)}">{shown}</span>'


def badge_link(verdict: object, page: str, check_id: object) -> str:
    """A verdict badge that links to its check card."""
    return link(badge(verdict), page, check_id) if present(check_id) else badge(verdict)


def marked(quote: object, stated: object) -> str:
    """The quote as safe text, with the first occurrence of the stated words highlighted."""
    whole = str(quote)
    at = whole.find(str(stated)) if present(stated) and str(stated) else -1
    if at < 0:
        return text(whole, lines=True)
    end = at + len(str(stated))
    return text(whole[:at], lines=True) + f"<mark>{text(whole[at:end])}</mark>" + text(whole[end:], lines=True)

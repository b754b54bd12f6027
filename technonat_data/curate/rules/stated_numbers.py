"""The numbers and units in the article's words for a value (``value_as_stated``), and the check that the typed
value and unit agree with them exactly.

Read: Arabic numbers (``1,000``, ``18.5``) scaled by a following 万亿, 亿 or 万; Chinese numerals (三, 两, 二十,
一百零五, 三千万, 两万亿, 第三); 百分之五十; 半 (a half: 50 for a percent). Units: 日元 is JPY, 美元 is USD, %
(full-width too, or 百分之) is percent. Not read: Chinese decimals (三点五), fractions (三分之一) and words like 数十.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..problems import Problem
from ..read.coerce import TypedTable

ARABIC = re.compile(r"([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(万亿|亿|万)?")
SCALES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, None: Decimal(1)}
CN_DIGITS = {"零": 0, "\u3007": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
CHINESE = re.compile(f"[{''.join(CN_DIGITS)}十][{''.join([*CN_DIGITS, *CN_SMALL, *CN_BIG])}]*")
HALF = re.compile(r"一半|半")
PERCENT_WORDS = ("%", "\uff05", "百分之")  # the second is the full-width percent sign
UNIT_WORDS = {"日元": "JPY", "美元": "USD", **dict.fromkeys(PERCENT_WORDS, "percent")}
CURRENCIES = {"JPY": "日元", "USD": "美元"}


def chinese_integer(text: str) -> int:
    """The integer a run of Chinese numerals writes (二十 -> 20, 一百零五 -> 105, 两万亿 -> 2e12, 二\u3007\u3007九 -> 2009)."""
    if len(text) > 1 and all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))  # read digit by digit, like a year
    total = section = number = 0
    for ch in text:
        if ch in CN_DIGITS:
            number = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (number or 1) * CN_SMALL[ch]
            number = 0
        else:
            part, unit = section + number, CN_BIG[ch]
            total = (total + part) * unit if 0 < total < unit else total + part * unit
            section = number = 0
    return total + section + number


@lru_cache(maxsize=65536)
def stated_numbers(text: str, unit: str | None = None) -> tuple[Decimal, ...]:
    """Every number ``text`` states, exactly, in the order read (Arabic first, then Chinese, then halves)."""
    numbers = [Decimal(m.group(1).replace(",", "")) * SCALES[m.group(2)] for m in ARABIC.finditer(text)]
    rest = ARABIC.sub(" ", text)
    numbers += [Decimal(chinese_integer(m.group())) for m in CHINESE.finditer(HALF.sub(" ", rest))]
    numbers += [Decimal(50) if unit == "percent" else Decimal("0.5") for _ in HALF.finditer(rest)]
    return tuple(numbers)


def stated_unit(text: str) -> str | None:
    """The unit the words name (日元 -> JPY, 美元 -> USD, % -> percent), or None."""
    return next((unit for word, unit in UNIT_WORDS.items() if word in text), None)


def unit_disagrees(stated: str, unit: object) -> str | None:
    """Why ``unit`` contradicts the words of ``stated`` (a currency or percent), or None."""
    named = stated_unit(stated)
    if named is not None and named != unit:
        return f"does not match value_as_stated {stated!r}, which names {named}"
    if unit in CURRENCIES and CURRENCIES[unit] not in stated:
        return f"value_as_stated {stated!r} does not name the currency ({CURRENCIES[unit]})"
    return None


def value_matches_stated(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """Each typed value equals, exactly, a number written in ``value_as_stated``, and the unit agrees with its words."""
    problems = []
    stated_column, units = table.column("value_as_stated"), table.column("unit")
    for column in ("value", "value_low", "value_high"):
        for i, (stated, unit, value) in enumerate(zip(stated_column, units, table.column(column), strict=True)):
            numbers = stated_numbers(stated, unit) if stated is not None and value is not None else ()
            if numbers and Decimal(repr(float(value))) not in numbers:
                shown = ", ".join(f"{float(n):g}" for n in numbers)
                problems.append(Problem(table.file, table.line(i, column), column, value,
                                        f"does not match value_as_stated {stated!r} (which reads as {shown})"))
    for i, (stated, unit) in enumerate(zip(stated_column, units, strict=True)):
        rule = unit_disagrees(stated, unit) if stated is not None and unit is not None else None
        if rule:
            problems.append(Problem(table.file, table.line(i, "unit"), "unit", unit, rule))
    return problems

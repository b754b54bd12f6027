"""Dates at stated precision: the formats allowed per precision, and the period each one names."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

FORMATS = {  # [0-9], not \d: \d also matches full-width and other Unicode digits
    "day": re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"),
    "month": re.compile(r"([0-9]{4})-([0-9]{2})"),
    "year": re.compile(r"([0-9]{4})"),
    "fiscal_year": re.compile(r"FY([0-9]{4})"),
    "decade": re.compile(r"([0-9]{3}0)s"),
}
EXAMPLES = {"day": "2009-06-30", "month": "2009-06", "year": "2009", "fiscal_year": "FY2019", "decade": "1990s"}


def period(date: str, precision: str) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of the period ``date`` names; fiscal years give ``(None, None)``.

    Raises ValueError with the rule broken when the date does not match its precision or does not exist.
    """
    match = FORMATS[precision].fullmatch(date) if precision in FORMATS else None
    if match is None:
        raise ValueError(f"date does not match precision {precision!r} (expected like {EXAMPLES.get(precision, '?')})")
    numbers = [int(part) for part in match.groups()]
    try:
        return _PERIODS[precision](*numbers)
    except ValueError as err:
        raise ValueError(f"impossible date ({err})") from None


@lru_cache(maxsize=65536)
def period_cached(date: str, precision: str) -> tuple[dt.date | None, dt.date | None]:
    """:func:`period`, remembered (dates repeat across rows)."""
    return period(date, precision)


def _day(year: int, month: int, day: int) -> tuple[dt.date, dt.date]:
    date = dt.date(year, month, day)
    return date, date


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _fiscal_year(year: int) -> tuple[None, None]:
    return None, None  # fiscal years start on company-specific dates the article does not give


def _decade(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)


_PERIODS = {"day": _day, "month": _month, "year": _year, "fiscal_year": _fiscal_year, "decade": _decade}

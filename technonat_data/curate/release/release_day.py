"""A release's date: a real day written YYYY-MM-DD in ASCII digits, not before the previous release's date and not
after tomorrow (UTC), so the CHANGELOG's dates never run backwards and never claim a day far ahead."""

from __future__ import annotations

import datetime as dt
import re

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # [0-9], not \d: ASCII digits only


def today() -> dt.date:
    """Today's date in UTC."""
    return dt.datetime.now(dt.UTC).date()


def release_day(date: str | None, previous: str | None = None, previous_date: str | None = None) -> str:
    """``date`` (today's UTC date when None) after checking it; a ValueError saying what is wrong.

    ``previous`` and ``previous_date`` name the latest release and its date, which the new date may not precede.
    """
    day = today() if date is None else _parse(date)
    if previous_date is not None and day < dt.date.fromisoformat(previous_date):
        raise ValueError(f"release date {day.isoformat()} is before the date of the previous release {previous} "
                         f"({previous_date}); a release date may not go back: pass --date {previous_date} or later")
    latest = today() + dt.timedelta(days=1)
    if day > latest:
        raise ValueError(f"release date {day.isoformat()} is in the future: the latest allowed is tomorrow, "
                         f"{latest.isoformat()} (UTC)")
    return day.isoformat()


def _parse(date: str) -> dt.date:
    try:
        if not ISO_DATE.fullmatch(date):
            raise ValueError("not in the form YYYY-MM-DD")
        return dt.date.fromisoformat(date)
    except ValueError as err:
        raise ValueError(f"malformed date {date!r}: {err}; expected a day YYYY-MM-DD") from None

"""Curation tests start with empty lookup caches, so no test passes on a result remembered from another."""

from __future__ import annotations

import pytest

from technonat_data.curate import checks, dates, quotes, stated_numbers


@pytest.fixture(autouse=True)
def empty_caches() -> None:
    """Clear the memoised quote, date and number lookups before each test."""
    for cached in (quotes.locate_cached, dates.period_cached, stated_numbers.stated_numbers, checks._date_disagrees):
        cached.cache_clear()

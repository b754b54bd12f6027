"""Find quotes in source texts: a quote must occur exactly once, and its offsets are where it occurs."""

from __future__ import annotations

from functools import lru_cache

MAX_LISTED = 3


def locate(text: str, quote: str) -> tuple[int, int]:
    """The (start, end) Python ``str`` offsets of ``quote`` in ``text``, end exclusive.

    Raises ValueError with the rule broken when the quote is missing or occurs more than once.
    """
    start = text.find(quote)
    if start < 0:
        raise ValueError("quote not found verbatim in the source text")
    offsets = occurrences(text, quote)
    if len(offsets) > 1:
        listed = ", ".join(str(o) for o in offsets[:MAX_LISTED])
        raise ValueError(f"ambiguous quote: occurs {len(offsets)} times (at offsets {listed}); lengthen it until unique")
    return start, start + len(quote)


def occurrences(text: str, quote: str) -> list[int]:
    """Every start offset of ``quote`` in ``text``, overlapping ones included."""
    offsets, start = [], text.find(quote)
    while start >= 0:
        offsets.append(start)
        start = text.find(quote, start + 1)
    return offsets


@lru_cache(maxsize=65536)
def locate_cached(text: str, quote: str) -> tuple[int, int]:
    """:func:`locate`, remembered: many rows quote the same passage, and the texts never change during a run."""
    return locate(text, quote)

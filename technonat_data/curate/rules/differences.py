"""Say visibly how two texts differ: invisible characters escaped, combining marks named, NFD against NFC told apart.

A message that shows two identical-looking strings (one in NFD, one in NFC), or that cuts a long quote before its
trailing zero-width space, leaves the curator nothing to fix; these helpers name the first difference instead.
"""

from __future__ import annotations

import unicodedata

from ..problems import MAX_VALUE_CHARS, shorten

SHOWN_CODE_POINTS = 4  # code points of a differing stretch that are spelled out
INVISIBLE_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Mn", "Mc", "Me")


def visible(text: str) -> str:
    """``text`` with every non-printing, combining or non-ASCII space character written as ``\\uXXXX``."""
    return "".join(_escaped(ch) if ch != " " and unicodedata.category(ch) in INVISIBLE_CATEGORIES else ch
                   for ch in text)


def _escaped(ch: str) -> str:
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def spelled(text: str) -> str:
    """A short stretch of text shown visibly with its code points, e.g. ``'\\u200b' (U+200B ZERO WIDTH SPACE)``."""
    if not text:
        return "nothing (it ends there)"
    points = text[:SHOWN_CODE_POINTS]
    named = [f"U+{ord(ch):04X} {unicodedata.name(ch, '(unnamed)')}" for ch in points]
    more = ", ..." if len(text) > SHOWN_CODE_POINTS else ""
    return f"'{visible(points)}{'...' if more else ''}' ({', '.join(named)}{more})"


def normal_form(text: str) -> str:
    """Which Unicode normal form ``text`` is in: NFC, NFD (when not also NFC), or neither."""
    if unicodedata.is_normalized("NFC", text):
        return "NFC"
    return "NFD" if unicodedata.is_normalized("NFD", text) else "neither NFC nor NFD"


def first_difference(have: str, want: str, have_name: str, want_name: str) -> str:
    """Where ``have`` and ``want`` first differ, both sides spelled out, and whether only normalisation differs."""
    start = 0
    while start < min(len(have), len(want)) and have[start] == want[start]:
        start += 1
    end = 0
    while end < min(len(have), len(want)) - start and have[-1 - end] == want[-1 - end]:
        end += 1
    said = (f"at character {start} {have_name} has {spelled(have[start:len(have) - end])} where {want_name} has "
            f"{spelled(want[start:len(want) - end])}")
    if unicodedata.normalize("NFC", have) == unicodedata.normalize("NFC", want):
        said += (f": the same text in another Unicode normalisation ({normal_form(have)} vs {normal_form(want)}); "
                 "save it as NFC")
    return said


def looks_alike(a: str, b: str) -> bool:
    """Whether a message would show ``a`` and ``b`` alike: same normalised text, same visible text, or cut alike."""
    def seen(text: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch) not in ("Cf", "Mn"))

    cut_alike = len(a) > MAX_VALUE_CHARS and shorten(a)[:MAX_VALUE_CHARS] == shorten(b)[:MAX_VALUE_CHARS]
    return a != b and (seen(a) == seen(b) or cut_alike)


def why_not_found(needle: str, text: str, what: str = "the quote", where: str = "the source") -> str:
    """How ``needle`` fails to occur in ``text``: its longest opening found, and what follows there on each side."""
    low, high = 0, len(needle)  # the longest prefix found: prefixes of a found prefix are found too
    while low < high:
        middle = (low + high + 1) // 2
        if needle[:middle] in text:
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return f"not even its first character, {spelled(needle[:1])}, occurs in {where}"
    at = text.find(needle[:low])
    said = (f"its first {low} of {len(needle)} characters occur at offset {at}; then {what} has "
            f"{spelled(needle[low:])} where {where} has {spelled(text[at + low : at + low + len(needle) - low])}")
    normalised = unicodedata.normalize("NFC", needle)
    if normalised != needle and normalised in unicodedata.normalize("NFC", text):
        said += (f"; {what} occurs after Unicode normalisation ({what} is {normal_form(needle)}, {where} "
                 f"{normal_form(text)}): save it as NFC")
    return said

"""Reading the article's words for a number: Chinese numerals, scales, halves and units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from technonat_data.curate.rules.stated_numbers import chinese_integer, stated_numbers, stated_unit, unit_disagrees


@pytest.mark.parametrize(("text", "number"), [
    ("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("二十", 20), ("一百零五", 105), ("一千零一", 1001),
    ("三千万", 30_000_000), ("一亿三千万", 130_000_000), ("两万亿", 2 * 10**12), ("三万五千亿", 35 * 10**11),
    ("二\u3007\u3007九", 2009),
])
def test_chinese_integers(text: str, number: int) -> None:
    assert chinese_integer(text) == number


@pytest.mark.parametrize(("text", "unit", "numbers"), [
    ("300亿日元", "JPY", [30_000_000_000]), ("1,000亿日元", "JPY", [10**11]), ("2万亿日元", "JPY", [2 * 10**12]),
    ("18.5%", "percent", ["18.5"]), ("50-80%", "percent", [50, 80]), ("三个重点", "count", [3]),
    ("两个", "count", [2]), ("第三大", "rank", [3]), ("一半", "percent", [50]), ("半壁江山", "percent", [50]),
    ("半年", "years", ["0.5"]), ("百分之五十", "percent", [50]), ("约合180亿美元", "USD", [18_000_000_000]),
])
def test_stated_numbers_are_exact(text: str, unit: str, numbers: list) -> None:
    assert stated_numbers(text, unit) == tuple(Decimal(n) for n in numbers)


def test_thirty_billion_and_twenty_nine_differ() -> None:
    assert Decimal(repr(30000000029.0)) not in stated_numbers("300亿日元", "JPY")


@pytest.mark.parametrize(("text", "unit"), [("300亿日元", "JPY"), ("35亿美元", "USD"), ("51%", "percent"),
                                            ("51\uff05", "percent"), ("三个重点", None)])
def test_unit_words(text: str, unit: str | None) -> None:
    assert stated_unit(text) == unit


@pytest.mark.parametrize(("text", "unit", "wrong"), [("300亿日元", "USD", True), ("51%", "count", True),
                                                     ("300亿", "JPY", True), ("300亿日元", "JPY", False),
                                                     ("一半", "percent", False), ("10年以上", "years", False)])
def test_units_against_words(text: str, unit: str, wrong: bool) -> None:
    assert (unit_disagrees(text, unit) is not None) == wrong

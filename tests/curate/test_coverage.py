"""Coverage of the article: every number it states lies inside a quote of the dataset, or is excluded for a reason.

This is the guard against a checkable figure being missed: a new number in the source, or a quote shortened so
that it no longer covers one, fails here.
"""

from __future__ import annotations

import re

import technonat_data as td

from ..conftest import ARTICLE

TEXT = ARTICLE.read_text(encoding="utf-8")
NUMBERS = re.compile(r"\d+(?:[,.]\d+)*|[一二两三四]个|[三两]种|四大|第三|一半|半壁|一条")
# Numbers deliberately not recorded as facts, each with the reason (matched on the text around the number).
EXCLUDED = {
    "日本一个大动作": "the page headline, not a fact",
    "5G网络": "part of a technology's name",
    "Chips 4 Alliance": "part of an alliance's name (entity chips4)",
    "分析三个代表性案例": "the article's own structure: the three cases are the `case` vocabulary",
    "主要有三种分析路径": "the three approaches are the three `approach` rows of claims",
    "一个分析框架": "a heading ('an analytical framework')",
    "建设一个经济超级大国": "'an economic superpower': not a count",
    "两种渠道发挥影响力": "the two channels are the entities zaikai and gyokai",
    "或一个国家的资源": "'one company or one country': not a count",
    "台积电两个企业主体": "the two firms (Sony, TSMC) are named in claim case_tsmc_symmetric_power",
    "在前一个阶段": "'the former phase': not a count",
}


def page_furniture() -> list[tuple[int, int]]:
    """The spans of the web page around the article: header (title, date, views, credits) and footer links."""
    return [(0, TEXT.index("【导读】")), (TEXT.index("上一篇:"), len(TEXT))]


def quoted_spans() -> list[tuple[int, int]]:
    spans = []
    for name in ("facts", "events", "claims", "source_notes"):
        frame = td.load(name)
        spans += list(zip(frame["quote_start"], frame["quote_end"], strict=True))
    return spans


def excluded(start: int, end: int) -> bool:
    return any(
        (i := TEXT.find(context)) >= 0 and i <= start and end <= i + len(context) and TEXT.count(context) == 1
        for context in EXCLUDED
    )


def test_every_number_in_the_article_is_quoted_or_excluded() -> None:
    covered = quoted_spans() + page_furniture()
    missing = [
        f"{m.start()}: {TEXT[max(0, m.start() - 15) : m.end() + 10]!r}"
        for m in NUMBERS.finditer(TEXT)
        if not any(a <= m.start() and m.end() <= b for a, b in covered) and not excluded(*m.span())
    ]
    assert not missing, "numbers in the article not covered by any quote:\n" + "\n".join(missing)


def test_exclusions_are_still_needed() -> None:
    covered = quoted_spans()
    for context in EXCLUDED:
        start = TEXT.index(context)
        inside = [m for m in NUMBERS.finditer(TEXT, start, start + len(context))]
        assert inside, f"exclusion {context!r} holds no number"
        assert not all(any(a <= m.start() and m.end() <= b for a, b in covered) for m in inside), (
            f"exclusion {context!r} is now quoted; remove it"
        )
